"""`mfgdata demo`: demo organisations, users, training and products, loaded through the site's services.

Idempotent: a second run finds the operator and only adds products that are missing.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from PIL import Image, ImageDraw

from mfgdata.errors import MfgdataError
from mfgdata.web.accounts.business_number import with_check_digit
from mfgdata.web.accounts.models import Organisation, Role, Scope, SizeClass, User
from mfgdata.web.accounts.services import organisation_register, organisation_verify, role_grant
from mfgdata.web.demo.products import DemoProduct, build_demo_package, kamp_products, open_data_dir, open_products
from mfgdata.web.demo.programmes import load_programme_calls
from mfgdata.web.demo.programmes_two import load_programmes_two
from mfgdata.web.jobs.models import JobRun, JobStatus
from mfgdata.web.jobs.tasks import run_job
from mfgdata.web.listings.models import Listing, PackageUpload
from mfgdata.web.listings.package_reader import read_package
from mfgdata.web.listings.services import listing_act, listing_create, listing_update
from mfgdata.web.listings.upload_services import upload_chunk_receive, upload_complete, upload_start
from mfgdata.web.review.services import review_decide
from mfgdata.web.training.selectors import current_content
from mfgdata.web.training.services import training_complete, training_content_publish

logger = logging.getLogger("mfgdata.web.demo")
PASSWORD = "demo-pass-2026!"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    who: str
    org: str
    prefix: str
    size: str
    flags: tuple[str, ...] = ()
    role: tuple[str, str] | None = None


ACCOUNTS = (
    DemoAccount(
        "operator@demo.mfgdata.kr",
        "거래소 운영기관 (operator)",
        "제조데이터 거래소 운영기관",
        "305820001",
        SizeClass.NONPROFIT,
        (),
        (Role.MARKETPLACE_OPERATOR, Scope.MARKETPLACE),
    ),
    DemoAccount(
        "seller@demo.mfgdata.kr",
        "제조기업 (seller)",
        "한빛정밀 주식회사",
        "124810099",
        SizeClass.SME,
        ("is_manufacturer",),
    ),
    DemoAccount(
        "processor@demo.mfgdata.kr",
        "가공기업 (processor)",
        "데이터가공랩 주식회사",
        "214860012",
        SizeClass.SME,
        ("is_processor",),
    ),
    DemoAccount(
        "buyer@demo.mfgdata.kr",
        "구매기업 (buyer)",
        "미래스마트팩토리 주식회사",
        "110813456",
        SizeClass.MIDSIZE,
        ("is_smart_factory_supplier",),
    ),
    DemoAccount(
        "nonprofit@demo.mfgdata.kr",
        "비영리기관 (non-profit)",
        "한국제조대학교 산학협력단",
        "314820077",
        SizeClass.NONPROFIT,
    ),
    DemoAccount(
        "evaluator@demo.mfgdata.kr",
        "평가위원 (evaluator)",
        "",
        "",
        SizeClass.SME,
        (),
        (Role.EVALUATOR, Scope.PROGRAMME),
    ),
)

TRAINING = {
    "title": {"ko": "제조데이터 거래소 기본교육", "en": "Marketplace basic training"},
    "sections": [
        {
            "title": {"ko": "거래소 이용 절차", "en": "How the marketplace works"},
            "body": {
                "ko": "사업자 회원가입 → 기본교육 이수 → 상품등록 요청 → 운영기관 요건검토 → 등록 승인 → "
                "MARKET PLACE 검색.",
                "en": "Business sign-up → basic training → registration request → operator review → listing → search.",
            },
        },
        {
            "title": {"ko": "데이터 권리와 개인정보", "en": "Data rights and privacy"},
            "body": {
                "ko": "판매하는 데이터의 권리를 가져야 하며, 개인정보와 영업비밀은 가명처리하거나 제외합니다.",
                "en": "You must hold the rights to the data you sell; personal data and trade secrets are "
                "pseudonymised or removed.",
            },
        },
        {
            "title": {"ko": "등록 유지 의무", "en": "Listing obligation"},
            "body": {
                "ko": "지원사업으로 만든 상품은 등록 후 최소 1년간 유지해야 합니다.",
                "en": "Programme-funded products stay listed for at least one year.",
            },
        },
    ],
    "items": [
        {"ko": "판매하는 데이터에 대한 권리를 가지고 있습니다.", "en": "I hold the rights to the data I sell."},
        {
            "ko": "개인정보·영업비밀은 가명처리하거나 제외했습니다.",
            "en": "Personal data and trade secrets are pseudonymised or removed.",
        },
        {"ko": "운영기관의 요건검토 결과에 따릅니다.", "en": "I accept the operator's review."},
        {
            "ko": "지원사업 상품은 1년 이상 등록을 유지합니다.",
            "en": "Programme-funded products stay listed for a year or more.",
        },
    ],
}


def demo_signature(name: str) -> str:
    """A drawn-looking signature PNG as a data URL (the browser draws real ones)."""
    image = Image.new("RGBA", (320, 100), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    pen.line([(20, 70), (80, 30), (120, 75), (170, 25), (220, 70), (290, 40)], fill=(30, 33, 36, 255), width=3)
    pen.text((20, 80), name, fill=(30, 33, 36, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _user(account: DemoAccount) -> User:
    user = User.objects.filter(email=account.email).first() or User.objects.create_user(account.email, PASSWORD)
    EmailAddress.objects.get_or_create(user=user, email=account.email, defaults={"verified": True, "primary": True})
    return user


def _organisation(account: DemoAccount, user: User, operator: User | None) -> Organisation | None:
    if not account.org or hasattr(user, "membership"):
        return getattr(getattr(user, "membership", None), "organisation", None)
    proof = None
    if account.size == SizeClass.NONPROFIT:
        from django.core.files.uploadedfile import SimpleUploadedFile

        proof = SimpleUploadedFile("고유번호증.txt", "데모용 비영리기관 고유번호증".encode(), "text/plain")
    org = organisation_register(
        user=user,
        business_number=with_check_digit(account.prefix),
        name=account.org,
        representative="홍길동",
        address="대전광역시 유성구 대학로 291",
        size_class=account.size,
        business_type="제조업",
        business_item="데이터 상품",
        nonprofit_proof=proof,
        **dict.fromkeys(account.flags, True),
    )
    if operator is not None and org.memberships.filter(user=operator).count() == 0:
        organisation_verify(operator=operator, organisation=org, approve=True, comment="데모 자동 확인")
    return org


def load_people(say: Callable[[str], None]) -> dict[str, User]:
    """Users and organisations (verified by the demo operator, whose own organisation stays unverified: it
    does not sell), the training, and signed completions for the seller and the processor."""
    users = {a.email: _user(a) for a in ACCOUNTS}
    operator = users[ACCOUNTS[0].email]
    User.objects.filter(pk=operator.pk).update(is_staff=True, is_superuser=True)  # Django admin at /admin/
    for account in ACCOUNTS:
        if account.role:
            role_grant(
                granted_by=None,
                user=users[account.email],
                role=account.role[0],
                scope=account.role[1],
                programme_id="상품가공지원-2026" if account.role[1] == Scope.PROGRAMME else "",
            )
    for account in ACCOUNTS:
        _organisation(account, users[account.email], None if account is ACCOUNTS[0] else operator)
    if current_content() is None:
        training_content_publish(version=1, **TRAINING)
    content = current_content()
    for email in ("seller@demo.mfgdata.kr", "processor@demo.mfgdata.kr"):
        user = users[email]
        if not user.completions.filter(content=content).exists():
            training_complete(
                user=user,
                content=content,
                agreed_item_ids=list(content.items.values_list("id", flat=True)),
                signature_data_url=demo_signature(email.split("@")[0]),
                typed_name="홍길동",
                ip_address="127.0.0.1",
            )
    say("계정 (accounts) — 비밀번호 (password) " + PASSWORD)
    for account in ACCOUNTS:
        say(f"  {account.who:28} {account.email}")
    return users


def _upload_file(user: User, listing: Listing, zip_path: Path) -> PackageUpload:
    data = zip_path.read_bytes()
    upload = upload_start(user=user, listing=listing, filename=zip_path.name, total_bytes=len(data))
    for index in range(upload.chunk_count):
        chunk = data[index * upload.chunk_bytes : (index + 1) * upload.chunk_bytes]
        upload_chunk_receive(
            user=user, upload=upload, index=index, data=chunk, sha256=hashlib.sha256(chunk).hexdigest()
        )
    return upload_complete(user=user, upload=upload)


def _run_queued_jobs() -> None:
    """Run the jobs the uploads queued, and those they queue in turn (quality recomputation, countersigning),
    now: approval waits for the recomputation. The worker later finds them done and skips them."""
    while (run := JobRun.objects.filter(status=JobStatus.QUEUED).order_by("id").first()) is not None:
        run_job.call(run.pk)


def load_product(product: DemoProduct, seller: User, operator: User, work: Path) -> Listing | None:
    zip_path = build_demo_package(product, work)
    org = seller.membership.organisation
    product_info = read_package(zip_path).product
    listing = listing_create(
        user=seller,
        seller=org,
        title_ko=product_info["title"]["ko"],
        title_en=product_info["title"].get("en", ""),
        category=product_info["category"]["id"],
    )
    _upload_file(seller, listing, zip_path)
    _run_queued_jobs()
    listing.refresh_from_db()
    listing_update(user=seller, listing=listing, keywords=product.keywords)
    Listing.objects.filter(pk=listing.pk).update(attribution=product.attribution, not_for_sale=product.not_for_sale)
    listing.refresh_from_db()
    listing_act(user=seller, listing=listing, action="submit")
    review_decide(
        operator=operator, listing=listing, decision="approve", comment="데모 승인", price_warning_acknowledged=True
    )
    return listing


def already_listed(name: str) -> bool:
    """Whether a demo product's package was uploaded before: its zip is `<name>-<version>.zip`."""
    return Listing.objects.filter(uploads__filename__regex=rf"^{re.escape(name)}(-[0-9][^/]*)?\.zip$").exists()


def load_demo(say: Callable[[str], None] = print, shared_data: Path | None = None) -> None:
    """Load everything; products already present (same package slug) are skipped, and so are the
    agreements and claims of programmes II once made."""
    users = {email: User.objects.get(pk=user.pk) for email, user in load_people(say).items()}  # fresh, verified
    load_programme_calls(users, PASSWORD, say)
    work = Path(settings.VAR_DIR) / "demo"
    products = open_products(open_data_dir())
    if shared_data is not None and shared_data.is_dir():
        products += kamp_products(shared_data)
    for product in products:
        name = product.raw.stem if product.raw.is_file() else product.raw.name
        if already_listed(name):
            continue
        try:
            listing = load_product(product, users["seller@demo.mfgdata.kr"], users["operator@demo.mfgdata.kr"], work)
        except MfgdataError as error:
            say(f"  ! {name}: {error.one_line()}")
            continue
        say(f"  상품 (product): {listing.title_ko if listing else name}")
    load_programmes_two(users, PASSWORD, say)
