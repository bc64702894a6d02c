from django.urls import path

from mfgdata.web.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.search, name="search"),
    path("<str:slug>/", views.product, name="product"),
    path("<str:slug>/croissant.json", views.product_croissant, name="croissant"),
    path("<str:slug>/quality-report/", views.quality_report, name="quality-report"),
    path("<str:slug>/sample/<path:path>", views.sample_file, name="sample-file"),
]
