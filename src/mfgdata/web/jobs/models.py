"""One row per background job, so its progress is visible in the UI whatever the task backend is."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    VERIFY_PACKAGE = "verify_package", _("패키지 재검증")
    VERIFY_QUALITY = "verify_quality", _("품질 재검증")
    PRODUCTIZE = "productize", _("원천 파일 상품화")
    COUNTERSIGN = "countersign", _("품질 인증서 확인 서명")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("대기")
    RUNNING = "running", _("실행 중")
    DONE = "done", _("완료")
    FAILED = "failed", _("실패")
    NOT_RUN = "not_run", _("실행 불가")


# The stages of `mfgdata productize`, as a seller reads them while the job runs.
STAGE_LABELS = {
    "init": _("원천 데이터 분석"),
    "build": _("전처리"),
    "standardize": _("표준 적용"),
    "verify": _("품질검증"),
    "price": _("가격산정"),
    "package": _("패키지 작성"),
}


class JobRun(models.Model):
    kind = models.CharField(max_length=30, choices=JobKind.choices)
    upload = models.ForeignKey("listings.PackageUpload", on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    stage = models.CharField(max_length=40, blank=True, help_text="the stage running now (productize)")
    stage_index = models.PositiveSmallIntegerField(default=0, help_text="1-based number of that stage")
    stages_total = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, self.stage))
