"""Pages of a logged-in person: profile, consents, API tokens, e-mail change, second factor."""

from __future__ import annotations

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from autokauf.core.errors import DomainError

from . import login, profile, selectors, services, totp
from .api import site_url
from .forms import CodeForm, EmailChangeForm, PasswordForm, ProfileForm, TokenForm
from .models import User
from .views import ENROL_SECRET, _finish_login, _pending, form_page, message_page
from .wording import error_text


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _profile_page(request: HttpRequest, form: ProfileForm, **extra: object) -> HttpResponse:
    user = _user(request)
    context = {
        "form": form,
        "consents": selectors.consent_states(user, get_language() or "de"),
        "tokens": selectors.api_tokens_of(user),
        "token_form": TokenForm(),
        "disable_form": PasswordForm(),
        **extra,
    }
    return render(request, "accounts/profile.html", context)


@login_required(login_url="accounts:login")
def profile_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        profile.update_profile(
            user=user, **{f: form.cleaned_data[f] for f in profile.PROFILE_FIELDS}
        )
        return redirect("accounts:profile")
    return _profile_page(request, form)


@require_POST
@login_required(login_url="accounts:login")
def consent(request: HttpRequest, purpose: str) -> HttpResponse:
    """One click gives or withdraws a consent."""
    user = _user(request)
    try:
        if request.POST.get("action") == "withdraw":
            profile.withdraw_consent(user=user, purpose=purpose)
        else:
            profile.give_consent(user=user, purpose=purpose)
    except DomainError as error:
        return message_page(request, title=_("Not found"), text=error_text(error), status=404)
    return redirect("accounts:profile")


@require_POST
@login_required(login_url="accounts:login")
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _profile_page(request, ProfileForm(instance=_user(request)), token_form=form)
    token, raw = profile.create_api_token(user=_user(request), name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@require_POST
@login_required(login_url="accounts:login")
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        profile.revoke_api_token(user=_user(request), token_id=token_id)
    except DomainError as error:
        return message_page(request, title=_("Not found"), text=error_text(error), status=404)
    return redirect("accounts:profile")


@login_required(login_url="accounts:login")
def change_email(request: HttpRequest) -> HttpResponse:
    form = EmailChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_change(
                user=_user(request), **form.cleaned_data, site_url=site_url(request)
            )
        except DomainError as error:
            field = "password" if error.code == "reauthentication-failed" else "new_email"
            form.add_error(field, error_text(error))
        else:
            text = _("Open the link we mailed to %(email)s to finish the change.")
            return message_page(
                request,
                title=_("Check your mail"),
                text=text % {"email": form.cleaned_data["new_email"]},
            )
    status = 403 if form.has_error("password") else 200
    title = _("Change your e-mail address")
    return form_page(request, form, title=title, submit=_("Send link"), status=status)


def confirm_email_change(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.confirm_email_change(token=token)
    except DomainError as error:
        return message_page(request, title=_("Link not valid"), text=error_text(error), status=400)
    text = _("Your account now uses %(email)s.") % {"email": user.email}
    return message_page(request, title=_("E-mail address changed"), text=text)


def _enrolling_user(request: HttpRequest) -> tuple[User, bool] | None:
    """The logged-in user, or the staff member parked at login until they enrol."""
    pending = _pending(request)
    if pending is not None and pending[1] == "enrol":
        return pending[0], True
    if isinstance(request.user, User):
        return request.user, False
    return None


def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up TOTP: scan the code (or type the secret), then prove it with one code."""
    enrolling = _enrolling_user(request)
    if enrolling is None:
        return redirect("accounts:login")
    user, parked = enrolling
    secret = request.session.get(ENROL_SECRET) or login.start_enrolment()
    request.session[ENROL_SECRET] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            login.confirm_enrolment(user=user, secret=secret, code=form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error_text(error))
        else:
            del request.session[ENROL_SECRET]
            return _finish_login(request, user) if parked else redirect("accounts:profile")
    uri = totp.provisioning_uri(secret, user.email)
    context = {"form": form, "secret": secret, "qr": segno.make(uri).svg_inline(scale=4)}
    return render(request, "accounts/second_factor.html", {**context, "required": parked})


@require_POST
@login_required(login_url="accounts:login")
def disable_second_factor(request: HttpRequest) -> HttpResponse:
    form = PasswordForm(request.POST)
    try:
        if form.is_valid():
            login.disable_second_factor(user=_user(request), **form.cleaned_data)
    except DomainError as error:
        return message_page(request, title=_("Not changed"), text=error_text(error), status=403)
    return redirect("accounts:profile")
