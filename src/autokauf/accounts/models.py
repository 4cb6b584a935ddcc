from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    DEALER_STAFF = "dealer_staff", _("Dealer staff")
    SALES = "sales", _("Sales staff")
    ADMIN = "admin", _("Administrator")


# Who may open the back office (is_staff follows from the role).
BACK_OFFICE_ROLES = frozenset({Role.SALES, Role.ADMIN})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_superuser", False)
        fields.setdefault("role", Role.SALES if fields.pop("is_staff", False) else Role.BUYER)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.pop("is_staff", None)
        fields.update(is_superuser=True, role=Role.ADMIN)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A person who logs in: a buyer, dealer staff or the manufacturer's staff."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.BUYER)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, default="de")

    phone = models.CharField(_("phone"), max_length=32, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    country = models.CharField(_("country"), max_length=2, default="DE")

    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    totp_enabled_at = models.DateTimeField(_("second factor since"), null=True, blank=True)
    # The last accepted time step: a code is good once (RFC 6238 section 5.2).
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.is_staff = self.role in BACK_OFFICE_ROLES
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "role" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_staff"}
        super().save(*args, **kwargs)

    @property
    def has_second_factor(self) -> bool:
        return self.totp_enabled_at is not None


class Consent(models.Model):
    """A consent as given: to which text (its version) and when; withdrawn_at ends it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=40)
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_standing_consent_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.purpose}@{self.text_version}"

    @property
    def standing(self) -> bool:
        return self.withdrawn_at is None


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
