"""Loads N listed products for the site benchmark straight into the database (bulk, bypassing the services:
the benchmark measures reading, and 20,000 uploads would take far longer than the measurement)."""

from __future__ import annotations

import argparse
import os
import random
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mfgdata.web.settings")

import django

# Django must be set up before models are imported: the imports below follow it on purpose (E402).
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from mfgdata.dictionary.category import CATEGORIES  # noqa: E402
from mfgdata.dictionary.process import PROCESSES  # noqa: E402
from mfgdata.web.accounts.business_number import with_check_digit  # noqa: E402
from mfgdata.web.accounts.models import Organisation, User, Verification  # noqa: E402
from mfgdata.web.catalog.models import SearchDocument  # noqa: E402
from mfgdata.web.catalog.search_backends import FTS_TABLE, SHORT_TABLE, short_grams  # noqa: E402
from mfgdata.web.catalog.services import document_text, search_index_changed  # noqa: E402
from mfgdata.web.listings.models import Listing, Status  # noqa: E402

SUBJECTS = ["온도 센서", "진동 신호", "품질 검사", "설비 고장", "전류 전압", "공정 조건", "불량 이미지", "작업 기록"]


def load(count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    user = User.objects.create_user("bench@example.kr", "bench-password-123")
    seller = Organisation.objects.create(
        business_number=with_check_digit("999810000"),
        name="벤치정밀",
        representative="벤치",
        address="대전",
        verification=Verification.VERIFIED,
    )
    categories, now = list(CATEGORIES), timezone.now()
    listings = []
    for i in range(count):
        process = rng.choice(PROCESSES)
        subject = rng.choice(SUBJECTS)
        listings.append(
            Listing(
                seller=seller,
                registered_by_org=seller,
                registered_by=user,
                status=Status.LISTED,
                slug=f"bench-{i}",
                title_ko=f"{process.name_ko} {subject} 데이터 {i}",
                title_en=f"{process.name_en} data {i}",
                description_ko=f"{process.name_ko} 공정의 {subject} 측정값과 품질 라벨",
                category=rng.choice(categories),
                process=process.id,
                keywords=[process.name_ko, subject],
                licence_id="CC-BY-4.0",
                price_plans=[
                    {"id": "one-off", "kind": "one_off", "price_krw": rng.randrange(200_000, 30_000_000, 10_000)}
                ],
                listed_at=now - timedelta(minutes=i),
            )
        )
    with transaction.atomic():
        Listing.objects.bulk_create(listings, batch_size=2000)
        documents = [
            SearchDocument(
                listing=x,
                text=document_text(x, []),
                grams=short_grams(document_text(x, [])),
                category=x.category,
                process=x.process,
                licence=x.licence_id,
                grade=rng.choice("ABC"),
                data_type="tabular",
                data_format="parquet",
                price_krw=x.price_plans[0]["price_krw"],
                listed_at=x.listed_at,
            )
            for x in Listing.objects.filter(slug__startswith="bench-").select_related("seller")
        ]
        SearchDocument.objects.bulk_create(documents, batch_size=2000)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT id, text FROM catalog_searchdocument")
                cursor.execute(f"INSERT INTO {SHORT_TABLE}(rowid, grams) SELECT id, grams FROM catalog_searchdocument")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE catalog_searchdocument")
        search_index_changed()
    print(f"loaded {count} listed products")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=20_000)
    load(parser.parse_args().products)
