"""Writes about organisations: registration by a business, verification by the marketplace operator, roles."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from mfgdata.web.accounts.business_number import business_number_is_valid, normalise_business_number
from mfgdata.web.accounts.models import Membership, Organisation, RoleGrant, SizeClass, User, Verification
from mfgdata.web.accounts.permissions import require, why_not_verify_organisation
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.services import notification_send
from mfgdata.web.core.statemachine import record_event

MAX_PROOF_BYTES = 10 * 1024 * 1024


def _validate_business_number(business_number: str) -> str:
    digits = normalise_business_number(business_number)
    if not business_number_is_valid(digits):
        raise SiteError(
            "invalid-business-number",
            "사업자등록번호가 올바르지 않습니다 (10자리, 검증번호 확인). 사업자등록증의 번호를 그대로 입력하세요.",
            "The business registration number is invalid (10 digits with a check digit); "
            "enter it exactly as on the certificate.",
        )
    if Organisation.objects.filter(business_number=digits).exists():
        raise SiteError(
            "business-number-taken",
            "이미 등록된 사업자등록번호입니다. 기관 관리자에게 초대를 요청하세요.",
            "This business number is already registered; ask its administrator to invite you.",
        )
    return digits


@transaction.atomic
def organisation_register(
    *,
    user: User,
    business_number: str,
    name: str,
    representative: str,
    address: str,
    size_class: str,
    business_type: str = "",
    business_item: str = "",
    industry: str = "",
    founded_on: date | None = None,
    is_manufacturer: bool = False,
    is_processor: bool = False,
    is_smart_factory_supplier: bool = False,
    nonprofit_proof: UploadedFile | None = None,
) -> Organisation:
    """Register the user's business; it waits for the operator's verification before it can sell."""
    if hasattr(user, "membership"):
        raise Refused("already-member", "이미 기관에 소속되어 있습니다.", "You already belong to an organisation.")
    digits = _validate_business_number(business_number)
    if size_class == SizeClass.NONPROFIT and nonprofit_proof is None:
        raise SiteError(
            "nonprofit-proof-missing",
            "비영리기관은 증빙 서류(고유번호증 등)를 올려야 합니다.",
            "A non-profit must upload proof (e.g. its registration certificate).",
        )
    if nonprofit_proof is not None and nonprofit_proof.size > MAX_PROOF_BYTES:
        raise SiteError("proof-too-large", "증빙 파일은 10MB 이하여야 합니다.", "The proof file must be 10 MB or less.")
    organisation = Organisation(
        business_number=digits,
        name=name.strip(),
        representative=representative.strip(),
        address=address.strip(),
        size_class=size_class,
        business_type=business_type,
        business_item=business_item,
        industry=industry,
        founded_on=founded_on,
        is_manufacturer=is_manufacturer,
        is_processor=is_processor,
        is_smart_factory_supplier=is_smart_factory_supplier,
    )
    if nonprofit_proof is not None:
        organisation.nonprofit_proof = nonprofit_proof
    organisation.full_clean(exclude=["nonprofit_proof"])
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, is_admin=True)
    record_event(target=organisation, action="register", actor=user, to_state=Verification.PENDING)
    return organisation


@transaction.atomic
def organisation_verify(
    *, operator: User, organisation: Organisation, approve: bool, comment: str = ""
) -> Organisation:
    """The marketplace operator confirms (or rejects) an organisation; its admins are notified."""
    require(why_not_verify_organisation(user=operator, organisation=organisation))
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = locked.verification
    locked.verification = Verification.VERIFIED if approve else Verification.REJECTED
    locked.verified_by, locked.verified_at, locked.verification_comment = operator, timezone.now(), comment
    locked.save(update_fields=["verification", "verified_by", "verified_at", "verification_comment"])
    record_event(
        target=locked,
        action="verify" if approve else "reject",
        actor=operator,
        from_state=before,
        to_state=locked.verification,
        comment=comment,
    )
    for membership in locked.memberships.filter(is_admin=True).select_related("user"):
        subject = "기관 확인이 완료되었습니다" if approve else "기관 확인이 반려되었습니다"
        notification_send(user=membership.user, subject=subject, body=comment, link="/accounts/")
    return locked


@transaction.atomic
def membership_add(*, admin: User, organisation: Organisation, user: User) -> Membership:
    """An organisation's admin adds another user to it."""
    if not Membership.objects.filter(user=admin, organisation=organisation, is_admin=True).exists():
        raise Refused(
            "not-organisation-admin",
            "기관 관리자만 구성원을 추가할 수 있습니다.",
            "Only the organisation's administrator can add members.",
        )
    if hasattr(user, "membership"):
        raise Refused(
            "already-member", "이미 다른 기관에 소속된 사용자입니다.", "That user already belongs to an organisation."
        )
    return Membership.objects.create(user=user, organisation=organisation)


@transaction.atomic
def role_grant(*, granted_by: User | None, user: User, role: str, scope: str, programme_id: str = "") -> RoleGrant:
    """Give `user` a role in a scope (only a superuser grants roles; the demo loader acts as one)."""
    if granted_by is not None and not granted_by.is_superuser:
        raise Refused("not-superuser", "역할은 관리자만 부여할 수 있습니다.", "Only an administrator can grant roles.")
    grant, _ = RoleGrant.objects.get_or_create(
        user=user, role=role, scope=scope, programme_id=programme_id, defaults={"granted_by": granted_by}
    )
    record_event(target=user, action=f"grant:{role}:{scope}", actor=granted_by, comment=programme_id)
    return grant
