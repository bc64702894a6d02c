"""A buyer's copy of a product: the package's files with a fingerprint, and a delivery manifest signed by the
marketplace (Ed25519; the key comes from `MFGDATA_DELIVERY_SIGNING_KEY`, else one generated in the var folder).

The copy is prepared once per entitlement under `VAR_DIR/deliveries/<fingerprint id>/` and reused for every download.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import shutil
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.utils import timezone

from mfgdata.delivery.fingerprint import Fingerprint, embed_in_parquet
from mfgdata.delivery.manifest import FORMAT, sha256_of, sign
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings.models import PackageUpload, UploadState
from mfgdata.web.listings.upload_services import upload_file_path
from mfgdata.web.orders.models import Entitlement

MANIFEST_NAME = "delivery-manifest.json"


def signing_key() -> Ed25519PrivateKey:
    """The marketplace's delivery key: configured (base64 of the 32 raw bytes), else generated once (0600)."""
    configured = settings.MFGDATA_DELIVERY_SIGNING_KEY
    if configured:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(configured))
    key_file = Path(settings.VAR_DIR) / "delivery_signing_key"
    if not key_file.exists():
        key_file.write_bytes(base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()))
        key_file.chmod(0o600)
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(key_file.read_bytes()))


def fingerprint_id(entitlement: Entitlement) -> str:
    """A keyed hash only the marketplace can recompute (it names the entitlement without exposing it)."""
    message = f"entitlement:{entitlement.pk}:{entitlement.order.reference}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def package_version(upload: PackageUpload) -> str:
    """The product version a verified package declares in its manifest ("" when it declares none)."""
    contents = upload.contents or {}
    return str(contents.get("manifest", {}).get("product", {}).get("version") or "")


def entitled_package(entitlement: Entitlement) -> PackageUpload | None:
    """The package this entitlement delivers: a subscription gets the newest verified version; a one-off purchase
    keeps the version it bought, even after the seller publishes a new one."""
    valid = entitlement.listing.uploads.filter(state=UploadState.VALID).order_by("-id")
    if entitlement.includes_new_versions:
        return valid.first()
    for upload in valid:
        if package_version(upload) == entitlement.product_version:
            return upload
    return valid.filter(created_at__lte=entitlement.valid_from).first()


def delivery_dir(entitlement: Entitlement, upload: PackageUpload) -> Path:
    """Named by the fingerprint id (entitlement and order reference, never a row id that could be reused) and the
    package delivered, so a subscriber's copy of a new version is prepared beside the old one."""
    return Path(settings.VAR_DIR) / "deliveries" / fingerprint_id(entitlement) / f"package-{upload.pk}"


def _fingerprint(entitlement: Entitlement) -> Fingerprint:
    buyer = entitlement.organisation
    return Fingerprint(
        id=fingerprint_id(entitlement),
        buyer_business_number=buyer.business_number,
        buyer_name=buyer.name,
        order=entitlement.order.reference,
        delivered_at=timezone.now().isoformat(timespec="seconds"),
    )


def _extract(archive: zipfile.ZipFile, name: str, target: Path, fingerprint: Fingerprint) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".parquet"):
        plain = target.with_suffix(".plain")
        with archive.open(name) as source, plain.open("wb") as sink:
            shutil.copyfileobj(source, sink)
        embed_in_parquet(plain, target, fingerprint)
        plain.unlink()
        return
    with archive.open(name) as source, target.open("wb") as sink:
        shutil.copyfileobj(source, sink)


def _copy_files(upload: PackageUpload, staging: Path, fingerprint: Fingerprint) -> list[dict[str, Any]]:
    """Extract the package into `staging` (Parquet files fingerprinted); the manifest entry of each file."""
    files = []
    with zipfile.ZipFile(upload_file_path(upload)) as archive:
        for name in sorted(n for n in archive.namelist() if n != "manifest.json" and not n.endswith("/")):
            target = staging / PurePosixPath(name)
            _extract(archive, name, target, fingerprint)
            entry = {"path": name, "sha256": sha256_of(target), "bytes": target.stat().st_size}
            if name.startswith("data/"):
                entry["fingerprint"] = fingerprint.id
            files.append(entry)
    return files


def _prepared(entitlement: Entitlement) -> tuple[dict[str, Any], Path]:
    """The signed manifest and folder of the buyer's copy of the entitled package, built on first use."""
    upload = entitled_package(entitlement)
    if upload is None:
        raise SiteError("no-package", "내려받을 패키지가 없습니다. 운영기관에 문의하세요.", "No package to deliver.")
    folder = delivery_dir(entitlement, upload)
    manifest_path = folder / MANIFEST_NAME
    if manifest_path.exists():
        return json.loads(manifest_path.read_text(encoding="utf-8")), folder
    fingerprint = _fingerprint(entitlement)
    staging = folder.with_name(f"{folder.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    files = _copy_files(upload, staging, fingerprint)
    document = {
        "format": FORMAT,
        "product": {
            "slug": entitlement.listing.slug,
            "version": package_version(upload) or entitlement.product_version,
        },
        "package_sha256": upload.sha256,
        "buyer": {"business_number": fingerprint.buyer_business_number, "name": fingerprint.buyer_name},
        "order": fingerprint.order,
        "fingerprint": fingerprint.id,
        "delivered_at": fingerprint.delivered_at,
        "files": files,
    }
    signed = sign(document, signing_key())
    (staging / MANIFEST_NAME).write_text(json.dumps(signed, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    return signed, folder


def delivery_prepare(*, entitlement: Entitlement) -> dict[str, Any]:
    """Build (once per package) the buyer's copy and its signed manifest; returns the manifest."""
    return _prepared(entitlement)[0]


def delivered_file(*, entitlement: Entitlement, path: str) -> Path:
    """The prepared file for `path` (a manifest entry, or the manifest itself); anything else is refused."""
    manifest, folder = _prepared(entitlement)
    names = {entry["path"] for entry in manifest["files"]} | {MANIFEST_NAME}
    if path not in names:
        raise SiteError("unknown-file", "이 상품에 없는 파일입니다.", "This product has no such file.")
    return folder / PurePosixPath(path)
