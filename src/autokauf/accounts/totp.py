"""Time-based one-time passwords (RFC 6238) with pyotp: 6 digits, 30-second steps."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

import pyotp

ISSUER = "Autokauf"
STEP_SECONDS = 30
# One step either way, for clocks that drift (RFC 6238 section 5.2 recommends at most one).
DRIFT_STEPS = (0, -1, 1)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The time step whose code equals `code` near `at`, or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    for drift in DRIFT_STEPS:
        moment = at + timedelta(seconds=STEP_SECONDS * drift)
        if hmac.compare_digest(totp.at(moment), code):
            return int(totp.timecode(moment))
    return None
