from django.urls import path

from mfgdata.web.jobs import views

app_name = "jobs"
urlpatterns = [path("listing/<int:listing_id>/", views.listing_jobs, name="listing-jobs")]
