"""Calls (공고) opened from a programme definition, applications with their plan, documents, facts and
claims, the registers the review consults, evaluator assignments, score sheets and site checks.

Rules and numbers are never stored here: they are read from the definition (`mfgdata.rules`) by its id.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mfgdata.web.accounts.models import Organisation


class ProcessorPoolEntry(models.Model):
    """가공기업 Pool: a processing company the programme operator lists for consortium applications."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="pool_entry")
    published = models.BooleanField(default=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]


class Call(models.Model):
    """A call for applications opened by the agency from one programme definition (its rounds come from it)."""

    programme_id = models.CharField(max_length=80)
    title = models.CharField(_("공고명"), max_length=200)
    budget_krw = models.PositiveBigIntegerField(_("예산(원)"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CallRound(models.Model):
    """One round (차수) of a call; a rolling round records when its budget was spent."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rounds")
    round_id = models.CharField(max_length=20)
    budget_spent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["call", "round_id"], name="unique_call_round")]


class Status(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("제출")
    ELIGIBILITY_REVIEW = "eligibility_review", _("요건검토 중")
    INELIGIBLE = "ineligible", _("요건 미충족")
    ELIGIBLE = "eligible", _("요건 충족")
    EVALUATED = "evaluated", _("평가 완료")
    SITE_CHECK = "site_check", _("현장확인")
    SELECTED = "selected", _("선정")
    NOT_SELECTED = "not_selected", _("미선정")
    SUPERSEDED = "superseded", _("보완본으로 대체")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("보완 요청")


class Application(models.Model):
    """One organisation's application to a call round; a supplement is a new version pointing at the old."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    round_id = models.CharField(max_length=20)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programme_applications")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="supplement")
    participation = models.CharField(_("참여형태"), max_length=30, default="solo")
    processor = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="consortium_applications"
    )
    requested_krw = models.PositiveBigIntegerField(_("신청 정부지원금(원)"), default=0)
    facts = models.JSONField(default=dict, blank=True)
    claimed_bonuses = models.JSONField(default=list, blank=True)
    products = models.ManyToManyField("listings.Listing", blank=True, related_name="programme_applications")
    plan_file = models.FileField(_("사업계획서 파일"), upload_to="programmes/plans/%Y/", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    eligibility = models.JSONField(default=dict, blank=True)
    bonus_points = models.PositiveSmallIntegerField(default=0)
    panel = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.call} (v{self.version})"


class PlanSection(models.Model):
    """One section of the business plan, keyed by the definition's evaluation section id."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="plan_sections")
    section_id = models.CharField(max_length=60)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "section_id"], name="unique_plan_section")]


class ApplicationDocument(models.Model):
    """A required document uploaded under its number in the notice, with the issue date the applicant gives."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    number = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to="programmes/documents/%Y/")
    issued_on = models.DateField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number", "id"]


class SanctionKind(models.TextChoices):
    SANCTION = "sanction", _("제재처분")
    PARTICIPATION_BAN = "participation_ban", _("참여제한")


class SanctionEntry(models.Model):
    """The agency's sanctions register (제재, 참여제한 with their periods) the exclusion rules consult."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="sanctions"
    )
    business_number = models.CharField(max_length=10, blank=True, db_index=True)
    kind = models.CharField(max_length=30, choices=SanctionKind.choices)
    scope = models.CharField(max_length=60)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)


class ConsultingRecord(models.Model):
    """The external consulting register the operator imports ('25 컨설팅(수시) completions)."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="consulting_records"
    )
    business_number = models.CharField(max_length=10, blank=True, db_index=True)
    programme = models.CharField(max_length=80)
    completed_on = models.DateField(null=True, blank=True)
    programme_linked = models.BooleanField(default=False)


class ConflictDeclaration(models.Model):
    """An evaluator's declared conflict of interest with an organisation: no assignment to its applications."""

    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluator", "organisation"], name="unique_conflict")]


class Assignment(models.Model):
    """An evaluator on an application's panel, with the score sheet once given (criterion id → points)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    scores = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["application", "evaluator"], name="unique_assignment")]


class SiteCheckResult(models.Model):
    """현장확인: one item judged 적 (passed) or 부, with a note (상품가공 only)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="site_checks")
    item_id = models.CharField(max_length=60)
    passed = models.BooleanField()
    note = models.TextField(blank=True)
    photo = models.FileField(upload_to="programmes/site_checks/%Y/", blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "item_id"], name="unique_site_check_item")]


class SupplementOutcome(models.TextChoices):
    OPEN = "open", _("보완 대기")
    ANSWERED = "answered", _("보완 제출")
    MISSED = "missed", _("기한 경과")


class SupplementRequest(models.Model):
    """요건검토 보완 요청: what the operator asks for and by when; answered by the applicant's next version."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="supplement_requests")
    items = models.TextField(_("보완 요청 내용"))
    due_at = models.DateTimeField(_("보완 기한"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20, choices=SupplementOutcome.choices, default=SupplementOutcome.OPEN)
    answered_by = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers_request"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]


class RegisterKind(models.TextChoices):
    SANCTIONS = "sanctions", _("제재 목록")
    CONSULTING = "consulting", _("컨설팅 완료 목록")


class RegisterImport(models.Model):
    """One imported register file (sanctions by the agency, consulting completions by the operator)."""

    kind = models.CharField(max_length=20, choices=RegisterKind.choices)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    created = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]


# Agreements and claims live in their own module; importing them here registers them with the app.
from mfgdata.web.programs.money_models import (  # noqa: E402, F401
    Agreement,
    AgreementStatus,
    BudgetAdjustment,
    Claim,
    ClaimLine,
    ClaimStatus,
)
