"""The open API, version 1: `/api/v1/` (OpenAPI 3.1 at `/api/v1/openapi.json`, interactive docs at `/api/v1/docs`).

Each domain adds one router file under `routers/` and one `add_router` line here. Docs assets are served
from django-ninja's bundled static files (`ninja` is an installed app), never from a CDN.
"""

from __future__ import annotations

from ninja import NinjaAPI

from mfgdata.web.api.audit import audit_writes
from mfgdata.web.api.errors import install_error_handlers
from mfgdata.web.api.routers import catalog, entitlements, listings, me, models_api, orders, ping, programmes

api = NinjaAPI(
    title="mfgdata marketplace API",
    version="1",
    description="제조데이터 거래소 공개 API — docs/api.md",
    urls_namespace="api-v1",
)
install_error_handlers(api)
api.add_decorator(audit_writes, mode="view")

api.add_router("", ping.router)
api.add_router("", me.router)
api.add_router("", catalog.router)
api.add_router("", orders.router)
api.add_router("", entitlements.router)
api.add_router("", programmes.router)
api.add_router("", models_api.router)
api.add_router("", listings.router)
