"""Factories for the site's tests (importable: `tests/web` is on the test path): organisations, users,
training and product packages.

Packages are built in the shared `mfgdata-package/1` format by `write_package` (tests/web/package_zip.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import yaml

from mfgdata.web.accounts.business_number import with_check_digit
from mfgdata.web.accounts.models import Organisation, SizeClass, User
from mfgdata.web.accounts.services import organisation_register, organisation_verify
from mfgdata.web.demo.loader import TRAINING, demo_signature
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.upload_services import upload_chunk_receive, upload_complete, upload_start
from mfgdata.web.training.models import TrainingContent
from mfgdata.web.training.selectors import current_content
from mfgdata.web.training.services import training_complete, training_content_publish

_counter = iter(range(100_000, 999_999))


def next_business_number() -> str:
    return with_check_digit(f"{next(_counter):06d}810")


def make_user(email: str | None = None) -> User:
    return User.objects.create_user(email or f"user{next(_counter)}@example.kr", "a-long-password-123")


def make_organisation(user: User, *, verified_by: User | None = None, **flags: Any) -> Organisation:
    org = organisation_register(
        user=user,
        business_number=next_business_number(),
        name=flags.pop("name", f"기업 {user.pk}"),
        representative="김대표",
        address="서울특별시 중구 세종대로 110",
        size_class=flags.pop("size_class", SizeClass.SME),
        **flags,
    )
    if verified_by is not None:
        org = organisation_verify(operator=verified_by, organisation=org, approve=True)
    return org


def publish_training(version: int = 1) -> TrainingContent:
    return training_content_publish(version=version, **TRAINING)


def complete_training(user: User) -> None:
    content = current_content() or publish_training()
    training_complete(
        user=user,
        content=content,
        agreed_item_ids=list(content.items.values_list("id", flat=True)),
        signature_data_url=demo_signature("sig"),
        typed_name="김대표",
        ip_address="127.0.0.1",
    )


CSV = "\ufeff공정,온도,작업자\n도금,21.5,p01\n도금,22.0,p02\n압출,23.1,p03\n".encode()


def contract(sensitive: bool = False) -> bytes:
    worker = {
        "name": "작업자",
        "physicalType": "VARCHAR",
        "classification": "personal" if sensitive else "internal",
        "customProperties": [{"property": "pseudonymised", "value": not sensitive}],
    }
    return yaml.safe_dump(
        {
            "apiVersion": "v3.0.2",
            "kind": "DataContract",
            "schema": [
                {
                    "name": "plating",
                    "properties": [
                        {
                            "name": "공정",
                            "physicalType": "VARCHAR",
                            "classification": "internal",
                            "description": "공정 이름",
                            "customProperties": [{"property": "semanticId", "value": "0173-1#02-AAO677#002"}],
                        },
                        {
                            "name": "온도",
                            "physicalType": "DOUBLE",
                            "classification": "internal",
                            "customProperties": [{"property": "unit", "value": "degC"}],
                            # the check the site's recomputation runs again (and finds passing, as the seller did)
                            "quality": [
                                {
                                    "id": "온도-present",
                                    "type": "custom",
                                    "engine": "mfgdata",
                                    "severity": "block",
                                    "implementation": {"type": "not-null"},
                                }
                            ],
                        },
                        worker,
                    ],
                }
            ],
        },
        allow_unicode=True,
    ).encode()


def package_files(
    *, valid_quality: bool = True, mid_price: int = 1_000_000, price: int = 1_000_000, sensitive: bool = False
) -> dict[str, bytes]:
    quality = {
        "format": "mfgdata-quality-results/1",
        "valid": valid_quality,
        "stats": {"checks": 3, "passed": 3 if valid_quality else 1},
        "score": {"grade": "A" if valid_quality else "D", "conformance_rate": 1.0},
    }
    price_json = {
        "format": "mfgdata-price/1",
        "currency": "KRW",
        "vat_excluded": True,
        "recommended": {"low": mid_price // 2, "mid": mid_price, "high": mid_price * 2},
        "plans": [{"id": "one-off", "kind": "one_off", "price_krw": price, "period": None, "unit": None}],
    }
    return {
        "data/plating.csv": CSV,
        "sample/sample.csv": CSV,
        "contract.yaml": contract(sensitive),
        "quality/results.json": json.dumps(quality).encode(),
        "price.json": json.dumps(price_json).encode(),
        "TERMS.md": "# 이용약관\n".encode(),
        "README.md": b"# readme\n",
        "quality/report.html": b"<html><body><h1>report</h1><script>alert(1)</script></body></html>",
        "metadata/datapackage.json": json.dumps({"name": "plating"}).encode(),
    }


def product(**overrides: Any) -> dict[str, Any]:
    return {
        "id": "plating-demo",
        "slug": "plating-demo",
        "version": "1.0.0",
        "title": {"ko": "도금 공정 품질 데이터", "en": "Plating process quality data"},
        "description": {"ko": "도금 라인의 온도와 품질", "en": "Temperatures and quality of a plating line"},
        "category": {"id": "quality_prediction", "name": {"ko": "품질 예측", "en": "quality prediction"}},
        "process": "plating",
        "keywords": ["도금", "품질"],
        "data_period": {"start": "2021-09-06", "end": "2021-10-27"},
        "licence": {
            "id": "CC-BY-4.0",
            "name": "CC BY 4.0",
            "commercial_use": True,
            "derivatives": True,
            "distributable": True,
        },
        **overrides,
    }


def upload_bytes(user: User, listing: Listing, data: bytes, filename: str = "package.zip") -> Any:
    upload = upload_start(user=user, listing=listing, filename=filename, total_bytes=len(data))
    for index in range(upload.chunk_count):
        chunk = data[index * upload.chunk_bytes : (index + 1) * upload.chunk_bytes]
        upload_chunk_receive(
            user=user, upload=upload, index=index, data=chunk, sha256=hashlib.sha256(chunk).hexdigest()
        )
    return upload_complete(user=user, upload=upload)
