from django.urls import path

from mfgdata.web.training import views

app_name = "training"
urlpatterns = [
    path("", views.course, name="course"),
    path("certificate/<int:pk>/", views.certificate, name="certificate"),
    path("certificate/<int:pk>/signature.png", views.signature, name="signature"),
]
