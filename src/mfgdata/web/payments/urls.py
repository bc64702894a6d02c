from django.urls import path

from mfgdata.web.payments import views

app_name = "payments"
urlpatterns = [
    path("webhooks/<str:gateway_id>/", views.webhook, name="webhook"),
    path("toss/success/", views.toss_success, name="toss-success"),
    path("toss/fail/", views.toss_fail, name="toss-fail"),
]
