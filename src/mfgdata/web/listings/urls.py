from django.urls import path

from mfgdata.web.listings import views

app_name = "listings"
urlpatterns = [
    path("new/", views.listing_new, name="new"),
    path("<int:pk>/", views.listing_detail, name="detail"),
    path("<int:pk>/edit/", views.listing_edit, name="edit"),
    path("<int:pk>/act/", views.listing_act, name="act"),
    path("<int:pk>/uploads/", views.upload_start, name="upload-start"),
    path("uploads/<int:upload_id>/", views.upload_status, name="upload-status"),
    path("uploads/<int:upload_id>/chunks/<int:index>/", views.upload_chunk, name="upload-chunk"),
    path("uploads/<int:upload_id>/complete/", views.upload_complete, name="upload-complete"),
]
