"""사후관리 records of selected projects (a selected `programs.Application` is a project): linked listings,
consulting meetings, completions, in-kind labour evidence, inspections, the consortium's agreed revenue
share, organisations' contact facts, integrity flags and the sanctions decided on confirmed flags.

Deadlines and states are not stored: they are computed from these rows and the programme definition.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mfgdata.web.accounts.models import Organisation
from mfgdata.web.programs.models import Application

USER = settings.AUTH_USER_MODEL


class ProjectListing(models.Model):
    """A product listing made by a selected 상품가공 project (its registration and 1-year obligation)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="project_listings")
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="project_links")
    linked_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["application", "listing"], name="unique_project_listing")]


class ConsultingTopic(models.TextChoices):
    TRADE_CONTRACT = "trade_contract", _("거래계약")
    QUALITY_CHECK = "quality_check", _("품질확인")
    PROFIT_SHARING = "profit_sharing", _("이익 배분 가이드")


class ConsultingMeeting(models.Model):
    """A linked consulting meeting held for a project (컨설팅 연계), with its minutes."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="consulting_meetings")
    topic = models.CharField(_("주제"), max_length=30, choices=ConsultingTopic.choices)
    held_on = models.DateField(_("일자"))
    notes = models.TextField(_("내용"), blank=True)
    file = models.FileField(_("회의록"), upload_to="oversight/consulting/%Y/", blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]


class Completion(models.Model):
    """A person's completion of a course an obligation asks for (AAS 교육), with the certificate."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="completions")
    obligation_id = models.CharField(max_length=60)
    person_name = models.CharField(_("이수자"), max_length=100)
    completed_on = models.DateField(_("이수일"))
    certificate = models.FileField(_("이수증"), upload_to="oversight/completions/%Y/", blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["completed_on", "id"]


class LabourEvidence(models.Model):
    """In-kind labour (현물 인건비) of one person in one month: pay record and work log, both files, and the
    month's pay, so the labour shown (person-months × pay) can be set against the agreement's in-kind amount."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="labour_evidence")
    person_name = models.CharField(_("참여인력"), max_length=100)
    month = models.DateField(_("월"), help_text="first day of the month")
    person_months = models.DecimalField(_("참여율(M/M)"), max_digits=4, decimal_places=2)
    monthly_pay_krw = models.PositiveBigIntegerField(_("월 급여(원)"), default=0)
    pay_record = models.FileField(_("급여 지급 증빙"), upload_to="oversight/labour/%Y/")
    work_log = models.FileField(_("수행일지"), upload_to="oversight/labour/%Y/")
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["month", "person_name"]
        constraints = [
            models.UniqueConstraint(fields=["application", "person_name", "month"], name="unique_labour_month")
        ]


class InspectionKind(models.TextChoices):
    ADHOC = "adhoc", _("수시점검")
    USAGE = "usage", _("활용점검")


class InspectionOutcome(models.TextChoices):
    NONE = "", _("해당 없음")
    COMPLETED = "completed", _("정상수행")
    FAILED = "failed", _("실패")


class Inspection(models.Model):
    """A 수시점검 or 활용점검 of a project by the programme operator or the auditor, with its evidence."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("구분"), max_length=20, choices=InspectionKind.choices)
    inspected_on = models.DateField(_("점검일"))
    findings = models.TextField(_("점검 내용"))
    outcome = models.CharField(_("결과"), max_length=20, choices=InspectionOutcome.choices, blank=True)
    inspector = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-inspected_on", "-id"]


class InspectionFile(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="oversight/inspections/%Y/")


class ConsortiumShare(models.Model):
    """The manufacturer's revenue share agreed in a consortium's agreement (컨소시엄 협약서), per project."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="consortium_share")
    manufacturer_share_percent = models.PositiveSmallIntegerField(_("제조기업 배분율(%)"))
    agreement_document = models.ForeignKey(
        "programs.ApplicationDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)


class OrganisationContact(models.Model):
    """Phone and bank account of an organisation, as the integrity checks compare them."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="contact")
    phone = models.CharField(_("대표 전화번호"), max_length=30, blank=True)
    bank_account = models.CharField(_("계좌번호"), max_length=40, blank=True)
    updated_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)


class FlagStatus(models.TextChoices):
    OPEN = "open", _("검토 대기")
    CONFIRMED = "confirmed", _("확인(부정 의심 인정)")
    DISMISSED = "dismissed", _("기각")


class FlagKind(models.TextChoices):
    SHARED_IDENTITY = "shared_identity", _("구매·판매기업 정보 일치")
    CIRCULAR_PURCHASE = "circular_purchase", _("순환 구매")
    REFUND_AFTER_CLAIM = "refund_after_claim", _("지급요청 후 환불")
    PRICE_OUTLIER = "price_outlier", _("비교 상품 대비 고가")


class IntegrityFlag(models.Model):
    """One integrity signal in a programme, with its evidence; the operator confirms or dismisses it."""

    programme_id = models.CharField(max_length=80)
    kind = models.CharField(max_length=30, choices=FlagKind.choices)
    key = models.CharField(max_length=200)
    organisations = models.ManyToManyField(Organisation, related_name="integrity_flags")
    evidence_ko = models.TextField()
    evidence_en = models.TextField()
    details = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    detected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-detected_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["programme_id", "key"], name="unique_flag_key")]


class MeasureKind(models.TextChoices):
    RECOVERY = "recovery", _("환수")
    EXCLUSION = "exclusion", _("참여배제")
    CRIMINAL_COMPLAINT = "criminal_complaint", _("형사고발")


class Measure(models.Model):
    """What follows a confirmed flag: a recovery amount, a participation ban (in the sanctions register) or
    a criminal complaint on record."""

    flag = models.ForeignKey(IntegrityFlag, on_delete=models.PROTECT, related_name="measures")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="oversight_measures")
    kind = models.CharField(max_length=30, choices=MeasureKind.choices)
    amount_krw = models.PositiveBigIntegerField(_("환수액(원)"), null=True, blank=True)
    claim = models.ForeignKey(
        "programs.Claim", null=True, blank=True, on_delete=models.PROTECT, related_name="recoveries"
    )
    sanction = models.OneToOneField(
        "programs.SanctionEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="measure"
    )
    filed_on = models.DateField(_("일자"))
    reference = models.CharField(_("문서번호"), max_length=100, blank=True)
    note = models.TextField(_("사유"))
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
