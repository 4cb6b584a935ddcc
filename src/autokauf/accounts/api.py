"""Account API (mounted at /api/v1/accounts): sign-up, session login, profile, consents, tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login as start_session
from django.contrib.auth import logout as end_session
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Status

from autokauf.core.idempotency import idempotent
from autokauf.core.problem import problem_response

from . import confirmation, login, profile, selectors, services
from .auth import api_auth
from .errors import (
    ConfirmationMailThrottled,
    LoginThrottled,
    SecondFactorEnrolmentRequired,
    SecondFactorRequired,
)
from .models import User
from .schemas import (
    AcceptedOut,
    ConsentIn,
    ConsentOut,
    ConsentRecordOut,
    EmailChangeIn,
    LoginIn,
    NewTokenOut,
    ProfileIn,
    ProfileOut,
    SignUpIn,
    TokenIn,
    TokenOut,
)

router = Router(tags=["accounts"])

CHECK_MAIL = "If the address can be used, a mail with a link is on its way."


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "")


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def throttled(
    request: HttpRequest, exc: LoginThrottled | ConfirmationMailThrottled
) -> HttpResponse:
    response = problem_response(
        request, status=429, code=exc.code, title=exc.title, detail=exc.detail, **exc.extra
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


def profile_of(user: User) -> dict[str, Any]:
    membership = getattr(user, "dealer_membership", None)
    return {
        **{
            field: getattr(user, field)
            for field in ("id", "email", "role", *profile.PROFILE_FIELDS)
        },
        "email_confirmed": user.email_confirmed_at is not None,
        "second_factor": user.has_second_factor,
        "dealer": membership.dealer.code if membership is not None else None,
    }


@router.post("/signup", response={202: AcceptedOut})
@idempotent("accounts.sign_up")
def sign_up(request: HttpRequest, payload: SignUpIn) -> Status:
    """The same answer for a new and a known address; the mail says which it was."""
    services.sign_up(
        email=payload.email,
        password=payload.password,
        language=payload.language,
        site_url=site_url(request),
    )
    return Status(202, {"detail": CHECK_MAIL})


@router.post("/login", response=ProfileOut)
def log_in(request: HttpRequest, payload: LoginIn) -> Any:
    """Starts a session. Staff and buyers with a second factor send `code` too."""
    ip = client_ip(request)
    try:
        checked = login.check_password_login(email=payload.email, password=payload.password, ip=ip)
        if checked.next_step == "enrol":
            raise SecondFactorEnrolmentRequired("Set up a second factor on the login page first.")
        if checked.next_step == "code":
            if not payload.code:
                raise SecondFactorRequired("Send the code of your authenticator app as `code`.")
            login.verify_second_factor(user=checked.user, code=payload.code, ip=ip)
    except LoginThrottled as exc:
        return throttled(request, exc)
    start_session(request, checked.user)
    return profile_of(checked.user)


@router.post("/logout", auth=api_auth, response={204: None})
def log_out(request: HttpRequest) -> Status:
    end_session(request)
    return Status(204, None)


@router.get("/me", auth=api_auth, response=ProfileOut)
def me(request: HttpRequest) -> dict[str, Any]:
    return profile_of(request.auth)  # type: ignore[attr-defined]


@router.patch("/me", auth=api_auth, response=ProfileOut)
@idempotent("accounts.profile")
def update_me(request: HttpRequest, payload: ProfileIn) -> dict[str, Any]:
    changes = payload.dict(exclude_unset=True)
    user = profile.update_profile(user=request.auth, **changes)  # type: ignore[attr-defined]
    return profile_of(user)


@router.post("/me/email", auth=api_auth, response={202: AcceptedOut})
@idempotent("accounts.email_change")
def change_email(request: HttpRequest, payload: EmailChangeIn) -> Status:
    """Needs the current password; the new address confirms by the link mailed to it."""
    services.request_email_change(
        user=request.auth,  # type: ignore[attr-defined]
        password=payload.password,
        new_email=payload.new_email,
        site_url=site_url(request),
    )
    detail = "Open the link we mailed to the new address to finish the change."
    return Status(202, {"detail": detail})


@router.post("/me/email/confirmation", auth=api_auth, response={202: AcceptedOut})
@idempotent("accounts.confirmation_mail")
def send_confirmation(request: HttpRequest) -> Any:
    """A new confirmation link to the caller's address, which buying needs; 409 once it is
    confirmed, 429 with Retry-After within a minute of the last link."""
    user = request.auth  # type: ignore[attr-defined]
    try:
        confirmation.send_confirmation_again(user=user, site_url=site_url(request))
    except ConfirmationMailThrottled as exc:
        return throttled(request, exc)
    return Status(202, {"detail": f"A new link is on its way to {user.email}."})


def _consent_out(state: selectors.ConsentState) -> dict[str, Any]:
    given = state.given
    return {
        "purpose": state.purpose,
        "text": state.text,
        "current_version": state.current_version,
        "standing": state.standing,
        "given_version": given.text_version if given else None,
        "given_at": given.given_at if given else None,
        "outdated": state.outdated,
    }


@router.get("/consents", auth=api_auth, response=list[ConsentOut])
def consents(request: HttpRequest) -> list[dict[str, Any]]:
    states = selectors.consent_states(request.auth, get_language() or "de")  # type: ignore[attr-defined]
    return [_consent_out(state) for state in states]


@router.get("/consents/history", auth=api_auth, response=list[ConsentRecordOut])
def consent_history(request: HttpRequest) -> Any:
    return list(selectors.consent_history(request.auth))  # type: ignore[attr-defined]


@router.post("/consents", auth=api_auth, response={201: ConsentRecordOut})
@idempotent("accounts.consent")
def give_consent(request: HttpRequest, payload: ConsentIn) -> Any:
    consent = profile.give_consent(user=request.auth, purpose=payload.purpose)  # type: ignore[attr-defined]
    return Status(201, consent)


@router.delete("/consents/{purpose}", auth=api_auth, response={204: None})
@idempotent("accounts.consent_withdrawal")
def withdraw_consent(request: HttpRequest, purpose: str) -> Status:
    profile.withdraw_consent(user=request.auth, purpose=purpose)  # type: ignore[attr-defined]
    return Status(204, None)


@router.get("/tokens", auth=api_auth, response=list[TokenOut])
def tokens(request: HttpRequest) -> Any:
    return list(selectors.api_tokens_of(request.auth))  # type: ignore[attr-defined]


@router.post("/tokens", auth=api_auth, response={201: NewTokenOut})
@idempotent("accounts.token", shown_once="token")
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    token, raw = profile.create_api_token(user=request.auth, name=payload.name)  # type: ignore[attr-defined]
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{token_id}", auth=api_auth, response={204: None})
@idempotent("accounts.token_revocation")
def revoke_token(request: HttpRequest, token_id: int) -> Status:
    profile.revoke_api_token(user=request.auth, token_id=token_id)  # type: ignore[attr-defined]
    return Status(204, None)
