from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from klusteri.accounts.validators import (
    normalise_registry_id,
    validate_business_id,
    validate_registry_id,
)
from klusteri.core.privacy_notice import PRIVACY_NOTICE_VERSION

# The wording of the newsletter question on the sign-up form and the "My data" page:
# change the version whenever the wording changes, so that each consent names the
# text the person agreed to.
NEWSLETTER_CONSENT_VERSION = "2026-11-30"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Platform staff are users with ``is_staff``."""

    class Language(models.TextChoices):
        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.FINNISH
    )
    is_staff = models.BooleanField(
        _("platform staff"),
        default=False,
        help_text=_("Platform staff curate content and may use the administration."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name or self.email


class OrganisationQuerySet(models.QuerySet):
    def administered_by(self, user) -> "OrganisationQuerySet":
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(
            affiliations__user=user, affiliations__role=Affiliation.Role.ADMIN
        ).distinct()

    def of_user(self, user) -> "OrganisationQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(affiliations__user=user).distinct()


class Organisation(models.Model):
    """Any legal body: a company, a research organisation, a public body, an association…"""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        RESEARCH = "research", _("Research organisation")
        UNIVERSITY = "university", _("University")
        UAS = "uas", _("University of applied sciences")
        PUBLIC = "public", _("Public body")
        ASSOCIATION = "association", _("Association or foundation")
        FINANCIER = "financier", _("Financier")
        OTHER = "other", _("Other")

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro (fewer than 10 employees)")
        SMALL = "small", _("Small (10–49 employees)")
        MEDIUM = "medium", _("Medium (50–249 employees)")
        LARGE = "large", _("Large (250 or more employees)")
        NOT_APPLICABLE = "n/a", _("Not applicable")

    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID (Y-tunnus)"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish organisations: seven digits, a hyphen and a check digit."),
    )
    country = CountryField(_("country"), default="FI")
    foreign_registry_id = models.CharField(
        _("foreign registry ID"),
        max_length=50,
        blank=True,
        help_text=_("Organisations registered outside Finland: the ID in their national registry."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind)
    size = models.CharField(_("size"), max_length=10, choices=Size, default=Size.NOT_APPLICABLE)
    region = models.ForeignKey(
        "places.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("region"),
    )
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Fictional data for demonstration.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~models.Q(business_id=""),
                name="accounts_organisation_business_id_unique",
                violation_error_message=_(
                    "An organisation with this business ID is already registered."
                ),
            ),
            models.UniqueConstraint(
                fields=["country", "foreign_registry_id"],
                condition=~models.Q(foreign_registry_id=""),
                name="accounts_organisation_foreign_id_unique",
                violation_error_message=_(
                    "An organisation with this registry ID is already registered in this country."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.country == "FI" and not self.business_id:
            raise ValidationError(
                {"business_id": _("A Finnish organisation needs its business ID (Y-tunnus).")}
            )
        if self.country != "FI" and not self.foreign_registry_id:
            raise ValidationError(
                {
                    "foreign_registry_id": _(
                        "An organisation outside Finland needs the ID of its national registry."
                    )
                }
            )
        if self.foreign_registry_id:
            country = str(self.country)
            self.foreign_registry_id = normalise_registry_id(country, self.foreign_registry_id)
            try:
                validate_registry_id(country, self.foreign_registry_id)
            except ValidationError as error:
                raise ValidationError({"foreign_registry_id": error}) from None

    @property
    def registry_id(self) -> str:
        return self.business_id or self.foreign_registry_id


class Affiliation(models.Model):
    """A person represents an organisation; some may also sign on its behalf."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Representative")
        ADMIN = "admin", _("Administrator")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.MEMBER)
    is_signatory = models.BooleanField(
        _("may sign on its behalf"),
        default=False,
        help_text=_("Confirmed by platform staff from the organisation's registry data."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="accounts_affiliation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class ConsentQuerySet(models.QuerySet):
    def in_force(self) -> "ConsentQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """What a person agreed to or acknowledged, in which version of its text, and when.

    A withdrawal keeps the record and stamps its time: the record shows what was
    agreed while it was in force. Agreeing again makes a new record.
    """

    class Kind(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice read")
        NEWSLETTER = "newsletter", _("Newsletter by e-mail")

    # Only these may be withdrawn: the privacy notice is read, not agreed to, and
    # leaving it means deleting the account.
    OPTIONAL_KINDS = frozenset({Kind.NEWSLETTER})
    CURRENT_VERSIONS = {
        Kind.PRIVACY_NOTICE: PRIVACY_NOTICE_VERSION,
        Kind.NEWSLETTER: NEWSLETTER_CONSENT_VERSION,
    }

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    kind = models.CharField(_("consent"), max_length=20, choices=Kind)
    version = models.CharField(_("version of the text"), max_length=20)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "version"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="accounts_consent_one_in_force_per_version",
            ),
        ]

    def __str__(self) -> str:
        # Names no person: the audit trail records consents by this text.
        return f"{self.kind} {self.version}"

    @property
    def is_in_force(self) -> bool:
        return self.withdrawn_at is None

    @property
    def is_optional(self) -> bool:
        return self.kind in self.OPTIONAL_KINDS
