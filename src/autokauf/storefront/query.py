"""The configuration in the address: ?o=CODE&o=CODE, so that reload, back and sharing work.

An empty selection is written as a single empty `o=`, so that "nothing chosen" and "nothing said,
start from the trim's defaults" stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

OPTION_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,39}$")
CONFIGURATION_CODE = re.compile(r"^[A-Za-z0-9]{4,16}$")
MAX_OPTIONS = 80


@dataclass(frozen=True)
class RequestedOptions:
    """Option codes read from a request. `given` is False when the request named none at all."""

    codes: tuple[str, ...]
    given: bool
    malformed: tuple[str, ...] = ()


def read_options(data: QueryDict, key: str = "o") -> RequestedOptions:
    """The distinct, well-formed option codes of `data`; malformed ones are set aside."""
    if key not in data:
        return RequestedOptions(codes=(), given=False)
    codes: list[str] = []
    malformed: list[str] = []
    for raw in data.getlist(key)[: MAX_OPTIONS * 2]:
        code = raw.strip()
        if not code:
            continue
        if OPTION_CODE.match(code) and len(codes) < MAX_OPTIONS:
            if code not in codes:
                codes.append(code)
        else:
            malformed.append(code[:40])
    return RequestedOptions(codes=tuple(codes), given=True, malformed=tuple(malformed))


def read_code(data: QueryDict, key: str) -> str | None:
    """A single well-formed option code (the option the buyer clicked), or None."""
    code = (data.get(key) or "").strip()
    return code if OPTION_CODE.match(code) else None


def options_query(options: Iterable[str]) -> str:
    """o=A&o=B for a selection, o= for an empty one."""
    codes = sorted(options)
    return urlencode([("o", code) for code in codes]) if codes else "o="
