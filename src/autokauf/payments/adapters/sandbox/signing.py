"""Standard Webhooks signatures: webhook-signature = "v1," + base64(HMAC-SHA256(secret,
"id.timestamp.body")), accepted only within five minutes of webhook-timestamp (replay window)."""

from __future__ import annotations

import base64
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from django.conf import settings
from standardwebhooks.webhooks import Webhook

from autokauf.core import clock

from ..base import WebhookNotAuthentic

REPLAY_WINDOW = timedelta(minutes=5)
# For development only; production sets SANDBOX_PSP_WEBHOOK_SECRET.
DEVELOPMENT_SECRET = "whsec_" + base64.b64encode(b"autokauf-sandbox-psp-development").decode()


def secret() -> str:
    return str(getattr(settings, "SANDBOX_PSP_WEBHOOK_SECRET", "") or DEVELOPMENT_SECRET)


def signed_headers(message_id: str, body: str, *, at: datetime | None = None) -> dict[str, str]:
    moment = (at or clock.now()).astimezone(UTC)
    signature = Webhook(secret()).sign(msg_id=message_id, timestamp=moment, data=body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(moment.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


def verify(headers: Mapping[str, str], body: bytes) -> None:
    """Raise WebhookNotAuthentic unless the headers sign exactly this body, recently."""
    lowered = {name.lower(): value for name, value in headers.items()}
    message_id = lowered.get("webhook-id", "")
    stamp = lowered.get("webhook-timestamp", "")
    signatures = lowered.get("webhook-signature", "")
    if not (message_id and stamp and signatures):
        raise WebhookNotAuthentic("missing webhook-id, webhook-timestamp or webhook-signature")
    try:
        moment = datetime.fromtimestamp(int(stamp), tz=UTC)
        text = body.decode("utf-8")
    except (ValueError, OverflowError, UnicodeDecodeError) as exc:
        raise WebhookNotAuthentic("unreadable timestamp or body") from exc
    if abs(clock.now() - moment) > REPLAY_WINDOW:
        raise WebhookNotAuthentic("timestamp outside the five-minute window")
    expected = Webhook(secret()).sign(msg_id=message_id, timestamp=moment, data=text)
    offered = [part for part in signatures.split(" ") if part.startswith("v1,")]
    if not any(hmac.compare_digest(expected, candidate) for candidate in offered):
        raise WebhookNotAuthentic("no matching signature")
