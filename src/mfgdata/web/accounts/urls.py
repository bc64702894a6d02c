from django.urls import path

from mfgdata.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisation/new/", views.organisation_new, name="organisation-new"),
    path("verification/", views.verification_queue, name="verification-queue"),
    path("verification/<int:pk>/", views.organisation_verify, name="organisation-verify"),
]
