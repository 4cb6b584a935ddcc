"""Background work of payments: the sandbox provider delivering its webhooks over HTTP."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.db.models import F
from django_tasks import task

log = logging.getLogger(__name__)
DEFAULT_WEBHOOK_URL = "http://127.0.0.1:8000/api/v1/payments/webhooks/sandbox"


def webhook_url() -> str:
    return str(getattr(settings, "PAYMENTS_WEBHOOK_URL", "") or DEFAULT_WEBHOOK_URL)


@task()
def deliver_sandbox_webhook(message_id: str) -> int:
    """POST one signed webhook to the merchant; answers the HTTP status (raises on failure)."""
    from .adapters.sandbox.models import SandboxWebhook
    from .adapters.sandbox.signing import signed_headers

    message = SandboxWebhook.objects.get(pk=message_id)
    request = urllib.request.Request(
        webhook_url(),
        data=message.body.encode(),
        headers=signed_headers(message.id, message.body),
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        status = exc.code
    SandboxWebhook.objects.filter(pk=message_id).update(
        deliveries=F("deliveries") + 1, last_response_status=status
    )
    if status >= 300:
        raise RuntimeError(f"webhook {message_id} answered {status}")
    return status
