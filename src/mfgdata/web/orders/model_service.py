"""The model a listing's current package carries (`model/`), loaded once per package and kept in memory.

The package reader already loaded it at verification (sha256 and the card's example re-run); this reads the
same members again when a call needs the model, and keeps a few recently used models per process.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import PurePosixPath
from typing import Any

from mfgdata.ai_validity.serving import LoadedModel, load_model_texts
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.package_reader import MODEL_CARD, MODEL_FILE_LIMIT, read_member
from mfgdata.web.listings.upload_services import upload_file_path

CACHED_MODELS = 8
_cache: OrderedDict[tuple[int, str], LoadedModel] = OrderedDict()
_lock = threading.Lock()


def model_card_of(listing: Listing) -> dict[str, Any] | None:
    """The model card of the listing's current package, or None when it publishes no model."""
    upload = listing.current_package
    return (upload.contents or {}).get("model_card") if upload is not None else None


def no_model() -> SiteError:
    return SiteError(
        "no-model",
        "이 상품에는 공개된 AI 모델이 없습니다(AI 유효성 검증에서 '학습됨' 판정을 받은 상품만 모델을 제공합니다).",
        "This product publishes no AI model (only products whose AI validity verdict is 'learns' offer one).",
    )


def listing_model(listing: Listing) -> LoadedModel:
    """The loaded model of the listing's current package; SiteError `no-model` when there is none."""
    upload = listing.current_package
    card = model_card_of(listing)
    if upload is None or card is None:
        raise no_model()
    key = (upload.pk, upload.sha256)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    path = upload_file_path(upload)
    artefact = f"model/{PurePosixPath(str(card['model']['file'])).name}"
    loaded = load_model_texts(
        read_member(path, MODEL_CARD).decode("utf-8"), read_member(path, artefact, MODEL_FILE_LIMIT).decode("utf-8")
    )
    with _lock:
        _cache[key] = loaded
        while len(_cache) > CACHED_MODELS:
            _cache.popitem(last=False)
    return loaded
