"""What the pages say for each refusal, in the page's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from autokauf.core.errors import DomainError

from .errors import ConfirmationMailThrottled, LoginThrottled


def error_text(error: DomainError) -> str:
    if isinstance(error, LoginThrottled):
        return _("Too many attempts. Please try again in %(seconds)s seconds.") % {
            "seconds": error.retry_after
        }
    if isinstance(error, ConfirmationMailThrottled):
        return _("We sent a link a moment ago. You can ask for another in %(seconds)s seconds.") % {
            "seconds": error.retry_after
        }
    texts = {
        "invalid-credentials": _("The e-mail address or the password is wrong."),
        "invalid-code": _("The code is wrong or was used already."),
        "bad-link": _("This link is invalid, was used already or has expired."),
        "email-taken": _("This e-mail address belongs to another account."),
        "reauthentication-failed": _("The current password is wrong; nothing was changed."),
        "forbidden": _("Staff accounts must keep their second factor."),
    }
    if error.code == "password-rejected":
        return " ".join(error.extra.get("errors", [error.detail]))
    return texts.get(error.code, error.detail)
