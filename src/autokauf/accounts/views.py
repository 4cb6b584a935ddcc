"""Account pages. Each view parses its form, calls one service, renders or redirects."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import login as start_session
from django.contrib.auth import logout as end_session
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from autokauf.core import clock
from autokauf.core.errors import DomainError

from . import confirmation, login, services
from .api import client_ip, site_url
from .errors import ConfirmationMailThrottled, EmailConfirmedAlready, LoginThrottled
from .forms import CodeForm, EmailForm, LoginForm, NewPasswordForm, SignUpForm
from .models import User
from .wording import error_text

PENDING = "accounts.pending-login"
PENDING_MINUTES = 10
ENROL_SECRET = "accounts.enrol-secret"
DEFAULT_BACKEND = "django.contrib.auth.backends.ModelBackend"


def form_page(
    request: HttpRequest, form: Any, *, title: str, submit: str, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"form": form, "title": title, "submit": submit, **extra}
    return render(request, "accounts/form.html", context, status=status)


def message_page(
    request: HttpRequest, *, title: str, text: str, status: int = 200, next_path: str = ""
) -> HttpResponse:
    login_url = reverse("accounts:login")
    if next_path:
        login_url += "?" + urlencode({"next": next_path})
    context = {"title": title, "text": text, "login_url": login_url}
    return render(request, "accounts/message.html", context, status=status)


def requested_next(request: HttpRequest) -> str:
    """The page of this store the request asks to go on to (`next`), or "" for none or another
    site's."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return wanted if safe else ""


def next_url(request: HttpRequest) -> str:
    return requested_next(request) or reverse("accounts:profile")


def sign_up(request: HttpRequest) -> HttpResponse:
    """The confirmation link leads back to `next` (e.g. the car the buyer wanted to reserve)."""
    form = SignUpForm(request.POST or None)
    goal = requested_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(
                **form.cleaned_data,
                language=get_language() or "de",
                site_url=site_url(request),
                next_path=goal,
            )
        except DomainError as error:
            form.add_error("password", error_text(error))
        else:
            return message_page(
                request,
                title=_("Check your mail"),
                text=_("We have sent a link to %(email)s. Open it to confirm your address.")
                % {"email": form.cleaned_data["email"]},
                next_path=goal,
            )
    title, submit = _("Create an account"), _("Create account")
    return form_page(request, form, title=title, submit=submit, next=goal)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """With a `next` of this store, back to that page (via the login when signed out)."""
    try:
        services.confirm_email(token=token)
    except DomainError as error:
        return message_page(request, title=_("Link not valid"), text=error_text(error), status=400)
    goal = requested_next(request)
    if goal:
        messages.success(request, _("Thank you: your e-mail address is confirmed."))
        return HttpResponseRedirect(goal)
    return message_page(
        request, title=_("Address confirmed"), text=_("Thank you. You can log in now.")
    )


@require_POST
@login_required(login_url="accounts:login")
def send_confirmation(request: HttpRequest) -> HttpResponse:
    """A new confirmation link (e.g. from the checkout page), then back to `next`."""
    assert isinstance(request.user, User)
    goal = requested_next(request)
    try:
        confirmation.send_confirmation_again(
            user=request.user, site_url=site_url(request), next_path=goal
        )
    except ConfirmationMailThrottled as error:
        messages.error(request, error_text(error))
    except EmailConfirmedAlready:
        messages.info(request, _("Your e-mail address is confirmed already."))
    else:
        text = _("We have sent a new link to %(email)s.") % {"email": request.user.email}
        messages.success(request, text)
    return HttpResponseRedirect(goal or reverse("accounts:profile"))


def _pending(request: HttpRequest) -> tuple[User, str] | None:
    pending = request.session.get(PENDING)
    if not pending or clock.now().timestamp() > pending["until"]:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending["step"]) if user else None


def _finish_login(request: HttpRequest, user: User) -> HttpResponse:
    backend = request.session.get(PENDING, {}).get("backend", DEFAULT_BACKEND)
    goal = request.session.get(PENDING, {}).get("next") or next_url(request)
    start_session(request, user, backend=backend)  # a new session key: no fixation
    return HttpResponseRedirect(goal)


def _park_login(request: HttpRequest, checked: login.PasswordChecked) -> HttpResponse:
    until = (clock.now() + timedelta(minutes=PENDING_MINUTES)).timestamp()
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": checked.user.pk,
        "step": checked.next_step,
        "until": until,
        "backend": getattr(checked.user, "backend", DEFAULT_BACKEND),
        "next": next_url(request),
    }
    target = "accounts:login-code" if checked.next_step == "code" else "accounts:second-factor"
    return redirect(target)


def log_in(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            checked = login.check_password_login(
                email=data["email"], password=data["password"], ip=client_ip(request)
            )
        except LoginThrottled as error:
            form.add_error(None, error_text(error))
            response = form_page(request, form, title=_("Log in"), submit=_("Log in"), status=429)
            response["Retry-After"] = str(error.retry_after)
            return response
        except DomainError as error:
            form.add_error(None, error_text(error))
        else:
            if checked.next_step == "done":
                request.session.pop(PENDING, None)
                return _finish_login(request, checked.user)
            return _park_login(request, checked)
    wanted = requested_next(request)
    return form_page(
        request,
        form,
        title=_("Log in"),
        submit=_("Log in"),
        next=next_url(request),
        login=True,
        signup_query=urlencode({"next": wanted}) if wanted else "",
    )


def login_code(request: HttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None or pending[1] != "code":
        return redirect("accounts:login")
    user = pending[0]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            login.verify_second_factor(
                user=user, code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except LoginThrottled as error:
            form.add_error(None, error_text(error))
            response = form_page(request, form, title=_("Log in"), submit=_("Log in"), status=429)
            response["Retry-After"] = str(error.retry_after)
            return response
        except DomainError as error:
            form.add_error("code", error_text(error))
        else:
            return _finish_login(request, user)
    return form_page(request, form, title=_("Second factor"), submit=_("Confirm"))


@require_POST
def log_out(request: HttpRequest) -> HttpResponse:
    end_session(request)
    return redirect("storefront:range")


def password_reset(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(
            email=form.cleaned_data["email"],
            language=get_language() or "de",
            site_url=site_url(request),
        )
        return message_page(
            request,
            title=_("Check your mail"),
            text=_("If an account uses this address, a link to set a new password is on its way."),
        )
    return form_page(request, form, title=_("Forgot your password?"), submit=_("Send link"))


def reset(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        services.check_reset_link(uidb64=uidb64, token=token)
    except DomainError as error:
        return message_page(request, title=_("Link not valid"), text=error_text(error), status=400)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_password(uidb64=uidb64, token=token, **form.cleaned_data)
        except DomainError as error:
            form.add_error("password", error_text(error))
        else:
            return message_page(
                request, title=_("Password changed"), text=_("You can log in with it now.")
            )
    return form_page(request, form, title=_("Set a new password"), submit=_("Save password"))


def backoffice_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The back office logs in through the account login, which enforces the second factor."""
    if request.user.is_authenticated and not request.user.is_staff:
        text = _("Your account has no access to the back office.")
        return message_page(request, title=_("No access"), text=text, status=403)
    query = urlencode({"next": request.GET.get("next") or "/backoffice/"})
    return HttpResponseRedirect(reverse("accounts:login") + "?" + query)
