"""How an option is named inside a sentence, in German and English.

German needs the grammatical gender of a noun for its article ("das Navigationssystem",
"die Anhängerkupplung", "den Tempomat"). Option names are compounds whose last part decides the
gender, so the ending is looked up in a short table; an unknown ending falls back to
"die Option „…“", which is always correct German.
"""

from __future__ import annotations

from dataclasses import dataclass

from autokauf.catalog import OptionInfo

# Endings of the last compound part, longest first wins. "pl" marks plural nouns.
_GENDER_BY_ENDING: dict[str, str] = {
    # plural
    "räder": "pl",
    "felgen": "pl",
    "sitze": "pl",
    "scheiben": "pl",
    "leuchten": "pl",
    "pedale": "pl",
    "matten": "pl",
    "lautsprecher": "pl",
    # feminine
    "ung": "f",
    "heit": "f",
    "keit": "f",
    "schaft": "f",
    "ion": "f",
    "tät": "f",
    "ik": "f",
    "reling": "f",
    "kamera": "f",
    "anlage": "f",
    "pumpe": "f",
    "e": "f",
    "ur": "f",
    "lackierung": "f",
    "box": "f",
    "ausstattung": "f",
    "automatik": "f",
    # neuter
    "system": "n",
    "display": "n",
    "dach": "n",
    "paket": "n",
    "rad": "n",
    "lenkrad": "n",
    "licht": "n",
    "leder": "n",
    "glas": "n",
    "werk": "n",
    "radio": "n",
    "set": "n",
    "ment": "n",
    "um": "n",
    "chen": "n",
    "cockpit": "n",
    "head-up-display": "n",
    "fach": "n",
    "netz": "n",
    "gitter": "n",
    "navi": "n",
    "soundsystem": "n",
    "verdeck": "n",
    "interieur": "n",
    "fahrwerk": "n",
    "kit": "n",
    "ladekabel": "n",
    "kabel": "n",
    # masculine
    "sitz": "m",
    "assistent": "m",
    "stoff": "m",
    "spiegel": "m",
    "tempomat": "m",
    "motor": "m",
    "lack": "m",
    "tank": "m",
    "haken": "m",
    "boden": "m",
    "schirm": "m",
    "spoiler": "m",
    "schutz": "m",
    "himmel": "m",
    "bezug": "m",
    "alarm": "m",
    "schlüssel": "m",
    "träger": "m",
    "dachträger": "m",
    "parkassistent": "m",
    "lader": "m",
    "anschluss": "m",
    "heizer": "m",
}
_ENDINGS = sorted(_GENDER_BY_ENDING, key=len, reverse=True)

# Definite articles by case and gender (nominative, accusative, dative).
_ARTICLES = {
    "nom": {"m": "der", "f": "die", "n": "das", "pl": "die"},
    "acc": {"m": "den", "f": "die", "n": "das", "pl": "die"},
    "dat": {"m": "dem", "f": "der", "n": "dem", "pl": "den"},
}


def german_gender(name: str) -> str | None:
    """The gender of a German option name by the ending of its last word, or None if unknown."""
    last = name.strip().split()[-1].lower() if name.strip() else ""
    for ending in _ENDINGS:
        if last.endswith(ending):
            return _GENDER_BY_ENDING[ending]
    return None


@dataclass(frozen=True, slots=True)
class Phrase:
    """An option as a noun phrase: German noun with its gender, English noun."""

    noun_de: str
    gender: str
    noun_en: str

    def de(self, case: str = "nom") -> str:
        return f"{_ARTICLES[case][self.gender]} {self.noun_de}"

    def en(self) -> str:
        return f"the {self.noun_en}"

    @property
    def plural(self) -> bool:
        return self.gender == "pl"


def _lower_first(text: str) -> str:
    """'Head-up display' -> 'head-up display', but 'LED headlights' stays as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def unnamed(name_de: str, name_en: str) -> Phrase:
    """An option the catalogue no longer knows, by the names it had."""
    return Phrase(f"Option „{name_de}“", "f", f"option “{name_en}”")


def phrase(option: OptionInfo) -> Phrase:
    if option.kind == "paint":
        return Phrase(f"Lackierung {option.name_de}", "f", f"{_lower_first(option.name_en)} paint")
    if option.kind == "interior":
        return Phrase(
            f"Innenausstattung {option.name_de}", "f", f"{_lower_first(option.name_en)} interior"
        )
    gender = german_gender(option.name_de)
    if gender is None:
        return unnamed(option.name_de, option.name_en)
    return Phrase(option.name_de, gender, _lower_first(option.name_en))


def capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
