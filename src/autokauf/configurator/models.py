"""A configuration a buyer saved under a short code, with the quote it had then."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Crockford's base 32 without 0, 1 (read as O, I, L): 30 signs, 30**8 (about 6.6e11) codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8


class SavedConfiguration(models.Model):
    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    model_slug = models.SlugField()
    trim_code = models.CharField(max_length=40)
    options = models.JSONField(default=list, help_text=_("Option codes as chosen."))
    country = models.CharField(max_length=2, default="DE")
    quote = models.JSONField(help_text=_("The quote as it was when the configuration was saved."))
    revision = models.PositiveBigIntegerField(help_text=_("Catalogue revision at save time."))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("saved configuration")

    def __str__(self) -> str:
        return f"{self.code} {self.trim_code}"
