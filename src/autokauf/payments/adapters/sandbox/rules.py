"""The sandbox's test rules: which instrument or amount gets which answer. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

AUTHORISE = "authorise"
DECLINE = "decline"
NO_ANSWER = "no-answer"


@dataclass(frozen=True)
class Instrument:
    code: str
    label_de: str
    label_en: str

    def label(self, language: str) -> str:
        return self.label_de if language.startswith("de") else self.label_en


INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument("success", "Testkarte: wird autorisiert", "Test card: authorises"),
    Instrument("decline", "Testkarte: wird abgelehnt", "Test card: declines"),
    Instrument("timeout", "Testkarte: Bank antwortet nie", "Test card: the bank never answers"),
    Instrument(
        "webhook-twice", "Testkarte: Webhook kommt doppelt", "Test card: webhook sent twice"
    ),
    Instrument("webhook-late", "Testkarte: Webhook kommt spät", "Test card: webhook sent late"),
)
INSTRUMENT_CODES = frozenset(instrument.code for instrument in INSTRUMENTS)


@dataclass(frozen=True)
class Decision:
    outcome: str  # AUTHORISE | DECLINE | NO_ANSWER
    reason: str = ""
    webhook_copies: int = 1
    webhook_late: bool = False


def decide(instrument: str, amount: Decimal) -> Decision:
    """The answer of the issuing bank in the sandbox.

    - an amount whose cents are 02 (e.g. 1.000,02 €) declines, whatever the instrument;
    - "decline" declines; "timeout" never answers (the charge stays pending until it expires);
    - "webhook-twice" authorises and sends the webhook twice with one webhook-id;
    - "webhook-late" authorises and sends the webhook after a delay;
    - "success" authorises.
    """
    if instrument not in INSTRUMENT_CODES:
        return Decision(DECLINE, "unknown-instrument")
    if amount.quantize(Decimal("0.01")) % 1 == Decimal("0.02"):
        return Decision(DECLINE, "amount-rule")
    if instrument == "decline":
        return Decision(DECLINE, "card-declined")
    if instrument == "timeout":
        return Decision(NO_ANSWER)
    return Decision(
        AUTHORISE,
        webhook_copies=2 if instrument == "webhook-twice" else 1,
        webhook_late=instrument == "webhook-late",
    )
