"""Top-level URLs: pages under a language prefix-free scheme (language from the session/cookie switch)."""

from django.contrib import admin
from django.urls import include, path, re_path

from mfgdata.web.api.api import api
from mfgdata.web.api.views import api_not_found
from mfgdata.web.catalog import views as catalog_views

urlpatterns = [
    path("", catalog_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("auth/", include("allauth.urls")),
    path("accounts/tokens/", include("mfgdata.web.api.urls")),
    path("accounts/", include("mfgdata.web.accounts.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("training/", include("mfgdata.web.training.urls")),
    path("listings/", include("mfgdata.web.listings.urls")),
    path("review/", include("mfgdata.web.review.urls")),
    path("jobs/", include("mfgdata.web.jobs.urls")),
    path("orders/", include("mfgdata.web.orders.urls")),
    path("payments/", include("mfgdata.web.payments.urls")),
    path("programs/", include("mfgdata.web.programs.urls")),
    path("catalog.jsonld", catalog_views.catalog_jsonld, name="catalog-jsonld"),
    path("market/", include("mfgdata.web.catalog.urls")),
    path("ping", catalog_views.ping, name="ping"),
]
