"""API tokens: how a program acts for a person through the REST API.

Only a SHA-256 hash of each token is stored; the token itself is shown once, when
it is created (``klusteri create_api_token``), and cannot be recovered afterwards.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "klu_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(is_active=True, user__is_active=True)

    def matching(self, token: str) -> "ApiTokenQuerySet":
        return self.filter(token_hash=hash_token(token))


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the program using it.")
    )
    token_hash = models.CharField(_("token hash (SHA-256)"), max_length=64, unique=True)
    prefix = models.CharField(
        _("beginning of the token"),
        max_length=12,
        help_text=_("Tells tokens apart without revealing them."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
