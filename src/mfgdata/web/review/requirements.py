"""The automatic requirement checklist of a registration request, as the operator sees it.

Each check reads what the site has verified itself (the package contents recorded by the re-verification
job), never what the seller claims. A check is `passed`, `failed` or — for the price band — a `warning`
the operator must acknowledge before approving.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.web.jobs.models import JobKind, JobRun, JobStatus
from mfgdata.web.listings.models import Listing, UploadState
from mfgdata.web.training.selectors import training_status

SENSITIVE = {"personal", "confidential"}
PRICE_BAND = (0.2, 5.0)
MAX_SAMPLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Requirement:
    id: str
    outcome: str  # passed | failed | warning
    text_ko: str
    text_en: str

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"


def _req(rid: str, ok: bool, ko: str, en: str, failure: str = "failed") -> Requirement:
    return Requirement(rid, "passed" if ok else failure, ko, en)


def _contents(listing: Listing) -> dict[str, Any] | None:
    upload = listing.uploads.filter(state=UploadState.VALID).order_by("-id").first()
    return upload.contents if upload else None


def _properties(contents: dict[str, Any]) -> list[dict[str, Any]]:
    schema = (contents.get("contract") or {}).get("schema") or []
    return [
        p for table in schema if isinstance(table, dict) for p in table.get("properties") or [] if isinstance(p, dict)
    ]


def _custom(prop: dict[str, Any], name: str) -> Any:
    for entry in prop.get("customProperties") or []:
        if isinstance(entry, dict) and entry.get("property") == name:
            return entry.get("value")
    return None


def unprotected_sensitive_columns(contents: dict[str, Any]) -> list[str]:
    """Columns classified personal/confidential that are not marked pseudonymised in the contract."""
    return [
        str(p.get("name"))
        for p in _properties(contents)
        if p.get("classification") in SENSITIVE and not _custom(p, "pseudonymised")
    ]


def _sample_safe(contents: dict[str, Any]) -> bool:
    sample = contents.get("sample")
    if not sample:
        return False
    sizes = sum(f.get("bytes", 0) for f in contents.get("files", []) if str(f.get("path", "")).startswith("sample/"))
    header = set((sample.get("table") or {}).get("header") or [])
    return sizes <= MAX_SAMPLE_BYTES and not header & set(unprotected_sensitive_columns(contents))


def price_ratio(listing: Listing, contents: dict[str, Any]) -> float | None:
    """The lowest listed price over the package's own recommended mid price (None when either is missing)."""
    mid = ((contents.get("price") or {}).get("recommended") or {}).get("mid")
    lowest = listing.lowest_price()
    if not isinstance(mid, int | float) or mid <= 0 or lowest is None:
        return None
    return lowest / mid


def _price_requirement(listing: Listing, contents: dict[str, Any]) -> Requirement:
    ratio = price_ratio(listing, contents)
    if ratio is None:
        return Requirement(
            "price-band",
            "warning",
            "패키지의 권장 가격과 비교할 수 없습니다 (price.json 없음)",
            "The price cannot be compared with the package's recommendation (no price.json)",
        )
    low, high = PRICE_BAND
    return _req(
        "price-band",
        low <= ratio <= high,
        f"판매금액이 권장 가격의 {low}–{high}배 범위 (현재 {ratio:.2f}배)",
        f"Price within {low}–{high}× of the recommendation (now {ratio:.2f}×)",
        failure="warning",
    )


def _latest_run(listing: Listing, kind: str) -> JobRun | None:
    """The last job of `kind` on the listing's current (verified) package."""
    upload = listing.uploads.filter(state=UploadState.VALID).order_by("-id").first()
    return JobRun.objects.filter(upload=upload, kind=kind).order_by("-id").first() if upload else None


def _certificate_requirement(listing: Listing, contents: dict[str, Any]) -> list[Requirement]:
    """A package with a quality certificate: it must hold against the package and carry the marketplace's
    countersignature (the `countersign` job). A package without one has nothing to check here."""
    if not any(f.get("path") == "quality/certificate.json" for f in contents.get("files", [])):
        return []
    run = _latest_run(listing, JobKind.COUNTERSIGN)
    if run is None or run.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        outcome = ("failed", "품질 인증서 확인이 아직 끝나지 않음", "The certificate check has not finished yet")
    elif run.status != JobStatus.DONE:
        outcome = (
            "failed",
            f"품질 인증서가 패키지와 맞지 않음: {run.message}",
            f"The certificate does not hold: {run.message}",
        )
    else:
        outcome = (
            "passed",
            "품질 인증서가 패키지와 맞고 거래소가 확인 서명함",
            "The certificate holds and the marketplace countersigned it",
        )
    return [Requirement("certificate-countersigned", *outcome)]


def _quality_requirement(listing: Listing, quality: dict[str, Any]) -> Requirement:
    """Passed only when the seller's results say valid AND the site's own recomputation (the `verify_quality` job
    on the current package) ended done — which it does only when it finds the data valid and agreeing."""
    grade = (quality.get("score") or {}).get("grade", "—")
    run = _latest_run(listing, JobKind.VERIFY_QUALITY)
    if run is None or run.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        return Requirement(
            "quality-passed",
            "failed",
            "사이트의 품질 재계산이 아직 끝나지 않음 (끝난 뒤 다시 확인하세요)",
            "The site has not finished recomputing the quality yet (check again when it has)",
        )
    if run.status != JobStatus.DONE:
        return Requirement(
            "quality-passed",
            "failed",
            f"사이트가 다시 계산한 품질이 통과가 아님: {run.message}",
            f"The quality the site recomputed did not pass: {run.message}",
        )
    return _req(
        "quality-passed",
        quality.get("valid") is True,
        f"품질검사 통과, 사이트가 다시 계산해 확인함 (등급 {grade})",
        "Quality checks passed, recomputed by the site",
    )


def _party_checks(listing: Listing) -> list[Requirement]:
    return [
        _req(
            "organisation-verified",
            listing.seller.is_verified and listing.registered_by_org.is_verified,
            "판매 기관(및 등록 기관)이 운영기관의 확인을 받음",
            "Seller (and registrant) verified by the operator",
        ),
        _req(
            "training-current",
            training_status(organisation=listing.registered_by_org).is_current,
            "등록 기관이 현재 버전의 기본교육을 이수함",
            "Registrant completed the current basic training",
        ),
    ]


def requirement_checklist(listing: Listing) -> list[Requirement]:
    """Every automatic requirement, in the order the operator reads them."""
    checks = _party_checks(listing)
    contents = _contents(listing)
    checks.append(
        _req(
            "package-valid",
            contents is not None,
            "패키지의 모든 sha256을 사이트가 다시 확인함",
            "The site re-verified every sha256 of the package",
        )
    )
    if contents is None:
        return checks
    quality = contents.get("quality") or {}
    sensitive = unprotected_sensitive_columns(contents)
    checks += [
        _quality_requirement(listing, quality),
        *_certificate_requirement(listing, contents),
        _req(
            "licence-terms",
            bool(listing.licence_id) and "TERMS.md" in contents.get("documents", {}),
            "라이선스와 이용약관(TERMS.md)이 있음",
            "Licence and terms (TERMS.md) present",
        ),
        _req(
            "sample-safe",
            _sample_safe(contents),
            "샘플이 있고 작으며 민감 열이 없음",
            "Sample present, small, no sensitive column",
        ),
        _req(
            "no-unprotected-sensitive",
            not sensitive,
            "가명처리되지 않은 민감 열 없음" + (f" ({', '.join(sensitive)})" if sensitive else ""),
            "No sensitive column left un-pseudonymised" + (f" ({', '.join(sensitive)})" if sensitive else ""),
        ),
        _price_requirement(listing, contents),
    ]
    return checks


def blocking_for_submit(listing: Listing) -> list[Requirement]:
    """What keeps a seller from submitting: parties, training, a valid package, a price (unless the listing is
    for discovery only and cannot be bought)."""
    problems = [r for r in _party_checks(listing) if not r.passed]
    if _contents(listing) is None:
        problems.append(Requirement("package-valid", "failed", "검증된 패키지가 없음", "No verified package"))
    if not listing.price_plans and not listing.not_for_sale:
        problems.append(Requirement("price-plans", "failed", "판매금액이 없음", "No price plan"))
    return problems
