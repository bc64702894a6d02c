"""A buyer's side of the API: search the catalog, buy a plan with the sandbox card, download what was bought.

A download is checked twice: the delivery manifest's Ed25519 signature (the marketplace signed which files,
with which sha256, went to this buyer), then every file's sha256 against that manifest while it streams in.
A file that does not match is not kept under its name; a file already present and matching is not fetched
again, so a re-run resumes an interrupted download.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mfgdata.client.http import TRANSPORT_ERRORS, ApiClient, ApiError
from mfgdata.delivery import manifest as delivery_manifest
from mfgdata.errors import ErrorText, InputError

MANIFEST_NAME = "delivery-manifest.json"
PAID = {"paid", "fulfilled"}
Progress = Callable[[int, int], None]


class DownloadError(InputError):
    """A downloaded file is not what the marketplace's signed manifest says was delivered."""


def search(client: ApiClient, query: str, **filters: Any) -> dict[str, Any]:
    """One page of the catalog search, with the same facets as the site (`category`, `process`, `grade` …)."""
    params = {"q": query, **{k: v for k, v in filters.items() if v not in (None, "")}}
    try:
        return client.call("GET", "/catalog/products", params=params)
    except ApiError as error:
        if error.code != "scope-missing":
            raise
    # a token made for selling only: the catalog is public, so ask without it
    anonymous = ApiClient(client.server, None, retries=client.retries, backoff=client.backoff, sleep=client.sleep)
    return anonymous.call("GET", "/catalog/products", params=params)


def _plan(product: dict[str, Any], plan_id: str | None) -> dict[str, Any]:
    plans = {plan["id"]: plan for plan in product.get("price_plans") or []}
    if plan_id is None and len(plans) == 1:
        return next(iter(plans.values()))
    if plan_id in plans:
        return plans[plan_id]
    names = ", ".join(plans) or "없음 (none)"
    raise InputError(
        "unknown-plan",
        ErrorText(
            ko=f"--plan 으로 가격 정책을 고르세요. 이 상품의 정책: {names}",
            en=f"Choose a price plan with --plan; this product has: {names}",
        ),
    )


@dataclass(frozen=True)
class Purchase:
    reference: str
    status: str
    total_krw: int
    plan_id: str


def buy(client: ApiClient, slug: str, *, plan_id: str | None, card_number: str, accept_terms: bool) -> Purchase:
    """Check out one plan (the terms' digest recorded as accepted) and pay it with the sandbox gateway."""
    product = client.call("GET", f"/catalog/products/{slug}")
    plan = _plan(product, plan_id)
    terms = client.call("GET", f"/catalog/products/{slug}/terms")
    if not accept_terms:
        where = (product.get("links") or {}).get("terms") or client.url(f"/catalog/products/{slug}/terms")
        raise InputError(
            "terms-not-accepted",
            ErrorText(
                ko=f"상품 이용약관({where})을 읽고 --accept-terms 로 동의해야 구매할 수 있습니다.",
                en=f"Read the product's terms ({where}) and agree with --accept-terms to buy.",
            ),
        )
    body = {
        "product": slug,
        "plan_id": plan["id"],
        "method": "card",
        "accept_terms_sha256": terms["sha256"],
        "idempotency_key": secrets.token_hex(16),  # the same key on a retry: never two orders
        "expected_total_krw": plan["total_krw"],
    }
    order = client.call("POST", "/orders", json=body)
    if order["status"] not in PAID:
        pay = {"gateway": "sandbox", "card_number": card_number, "idempotency_key": secrets.token_hex(16)}
        order = client.call("POST", f"/orders/{order['reference']}/payments", json=pay)
    if order["status"] not in PAID:
        raise _declined(order)
    return Purchase(order["reference"], order["status"], order["total_krw"], order["plan_id"])


def _declined(order: dict[str, Any]) -> ApiError:
    codes = [p.get("error_code") for p in order.get("payments") or [] if p.get("error_code")]
    reason = codes[-1] if codes else order["status"]
    return ApiError(
        "payment-declined",
        ErrorText(
            ko=f"결제가 승인되지 않았습니다 ({reason}). 주문 {order['reference']}은 결제 대기 중입니다.",
            en=f"The payment was not approved ({reason}); order {order['reference']} awaits payment.",
        ),
    )


def _entitlement(client: ApiClient, slug: str) -> dict[str, Any]:
    usable = [e for e in client.call("GET", "/entitlements") if e["product"] == slug and e["usable"]]
    if not usable:
        raise InputError(
            "not-entitled",
            ErrorText(
                ko=f"'{slug}'을(를) 내려받을 이용권한이 없습니다. 먼저 `mfgdata buy {slug}`로 구매하세요.",
                en=f"No entitlement to download '{slug}'; buy it first with `mfgdata buy {slug}`.",
            ),
        )
    return usable[0]


def _target(folder: Path, path: str) -> Path:
    """Where a delivered file goes; a manifest path that would leave the folder is refused."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise DownloadError("unsafe-path", ErrorText(ko=f"안전하지 않은 경로: {path}", en=f"Unsafe path: {path}"))
    return folder.joinpath(*relative.parts)


def _fetch(client: ApiClient, url: str, target: Path, expected: str | None, progress: Progress) -> str:
    """Stream `url` into `target` (via a `.part` file) and return its sha256; a mismatch keeps nothing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    try:
        with client.response("GET", url, stream=True) as answer, partial.open("wb") as sink:
            for block in answer.iter_content(1 << 20):
                digest.update(block)
                sink.write(block)
                progress(len(block), 0)
    except TRANSPORT_ERRORS as error:  # the connection broke mid-file: files done so far are kept
        raise ApiError(
            "download-interrupted",
            ErrorText(
                ko=f"{target.name}을(를) 받는 중 연결이 끊겼습니다. 같은 명령을 다시 실행하면 남은 파일만 받습니다.",
                en=f"The connection broke while fetching {target.name}; run the same command again for the rest.",
            ),
        ) from error
    if expected is not None and digest.hexdigest() != expected:
        partial.unlink()
        raise DownloadError(
            "download-sha256-mismatch",
            ErrorText(
                ko=f"{target.name}의 sha256이 서명된 배송 매니페스트와 다릅니다. 저장하지 않았습니다. "
                "다시 내려받고, 반복되면 운영기관에 알리세요.",
                en=f"The sha256 of {target.name} differs from the signed delivery manifest; it was not kept. "
                "Download again and tell the operator if it repeats.",
            ),
            target,
        )
    partial.replace(target)
    return digest.hexdigest()


def download(
    client: ApiClient, slug: str, folder: Path, *, public_key: str | None = None, progress: Progress = lambda n, t: None
) -> tuple[Path, list[dict[str, Any]]]:
    """Download every file of `slug` the caller's organisation may use into `folder/<slug>/`, verified."""
    entitlement = _entitlement(client, slug)
    answer = client.call("POST", f"/entitlements/{entitlement['id']}/links", json={})
    links = {link["path"]: link for link in answer["links"]}
    if MANIFEST_NAME not in links:
        raise DownloadError(
            "manifest-missing",
            ErrorText(ko="서버가 배송 매니페스트를 주지 않았습니다.", en="The server gave no delivery manifest."),
        )
    folder = folder / slug
    manifest_path = folder / MANIFEST_NAME
    _fetch(client, links[MANIFEST_NAME]["url"], manifest_path, None, progress)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    delivery_manifest.verify(manifest, public_key)
    fetched = []
    for entry in manifest["files"]:
        target = _target(folder, entry["path"])
        if target.is_file() and delivery_manifest.sha256_of(target) == entry["sha256"]:
            continue
        if entry["path"] not in links:
            raise DownloadError(
                "link-missing",
                ErrorText(ko=f"{entry['path']}의 링크가 없습니다.", en=f"No link for {entry['path']}."),
            )
        _fetch(client, links[entry["path"]]["url"], target, entry["sha256"], progress)
        fetched.append(entry)
    return folder, fetched
