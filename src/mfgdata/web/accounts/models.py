"""People, their organisations (사업자) and the roles that give operators their scoped powers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    """Users sign in with their e-mail address; there is no separate user name."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("이메일"), unique=True)
    name = models.CharField(_("이름"), max_length=100, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.email


class SizeClass(models.TextChoices):
    SME = "sme", _("중소기업")
    MIDSIZE = "midsize", _("중견기업")
    LARGE = "large", _("대기업")
    NONPROFIT = "nonprofit", _("비영리기관")


class Verification(models.TextChoices):
    PENDING = "pending", _("검토 대기")
    VERIFIED = "verified", _("확인됨")
    REJECTED = "rejected", _("반려됨")


class Organisation(models.Model):
    """A business (or non-profit) as the notices and invoices need it."""

    business_number = models.CharField(_("사업자등록번호"), max_length=10, unique=True)
    name = models.CharField(_("상호"), max_length=200)
    representative = models.CharField(_("대표자"), max_length=100)
    address = models.CharField(_("주소"), max_length=300)
    business_type = models.CharField(_("업태"), max_length=100, blank=True)
    business_item = models.CharField(_("종목"), max_length=200, blank=True)
    industry = models.CharField(_("업종"), max_length=100, blank=True)
    founded_on = models.DateField(_("설립일"), null=True, blank=True)
    size_class = models.CharField(_("기업 규모"), max_length=20, choices=SizeClass.choices, default=SizeClass.SME)
    is_manufacturer = models.BooleanField(_("제조기업"), default=False)
    is_processor = models.BooleanField(_("가공기업"), default=False)
    is_smart_factory_supplier = models.BooleanField(_("스마트공장 공급기업"), default=False)
    nonprofit_proof = models.FileField(_("비영리기관 증빙"), upload_to="proofs/%Y/", blank=True)
    verification = models.CharField(max_length=20, choices=Verification.choices, default=Verification.PENDING)
    verified_by = models.ForeignKey("User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verification == Verification.VERIFIED

    @property
    def is_nonprofit(self) -> bool:
        return self.size_class == SizeClass.NONPROFIT


class Membership(models.Model):
    """A user belongs to one organisation; an admin member may invite others and sign for it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)


class Role(models.TextChoices):
    MEMBER = "member", _("회원")
    MARKETPLACE_OPERATOR = "marketplace_operator", _("거래소 운영기관")
    PROGRAMME_OPERATOR = "programme_operator", _("사업 운영기관")
    EVALUATOR = "evaluator", _("평가위원")
    AUDITOR = "auditor", _("전문감리기관")
    COST_ACCOUNTANT = "cost_accountant", _("원가계산기관")
    AGENCY = "agency", _("전담기관")


class Scope(models.TextChoices):
    MARKETPLACE = "marketplace", _("거래소")
    PROGRAMME = "programme", _("지원사업")


class RoleGrant(models.Model):
    """A role given to a user within a scope: the marketplace, or one programme (by its id in `mfgdata.rules`)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=30, choices=Role.choices)
    scope = models.CharField(max_length=20, choices=Scope.choices)
    programme_id = models.CharField(max_length=80, blank=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "scope", "programme_id"], name="unique_role_grant")
        ]
