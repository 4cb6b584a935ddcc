from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Dealer(models.Model):
    """A dealer acting as the manufacturer's agent; attached to every order as its contact."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    location = models.ForeignKey(
        "inventory.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dealers",
        verbose_name=_("showroom"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("dealer")
        verbose_name_plural = _("dealers")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class DealerStaff(models.Model):
    """A login that works for exactly one dealer (role dealer_staff)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dealer_membership",
        verbose_name=_("login"),
    )
    dealer = models.ForeignKey(
        Dealer, on_delete=models.CASCADE, related_name="staff", verbose_name=_("dealer")
    )

    class Meta:
        verbose_name = _("dealer staff member")
        verbose_name_plural = _("dealer staff")

    def __str__(self) -> str:
        return f"{self.user} @ {self.dealer.code}"
