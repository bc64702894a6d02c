from django.urls import path

from mfgdata.web.oversight import operator_views, views

app_name = "oversight"
urlpatterns = [
    path("projects/<int:pk>/", views.project, name="project"),
    path("projects/<int:pk>/listings/", views.link_listing, name="link-listing"),
    path("projects/<int:pk>/meetings/", views.meeting, name="meeting"),
    path("projects/<int:pk>/completions/", views.completion, name="completion"),
    path("projects/<int:pk>/labour/", views.labour, name="labour"),
    path("projects/<int:pk>/inspections/", views.inspection, name="inspection"),
    path("projects/<int:pk>/share/", views.share, name="share"),
    path("programmes/<str:programme_id>/", operator_views.dashboard, name="dashboard"),
    path("programmes/<str:programme_id>/obligations.xlsx", operator_views.export, name="export"),
    path("programmes/<str:programme_id>/contacts/", operator_views.contact, name="contact"),
    path("programmes/<str:programme_id>/flags/", operator_views.flags, name="flags"),
    path("flags/<int:pk>/", operator_views.flag, name="flag"),
    path("flags/<int:pk>/decide/", operator_views.decide, name="decide"),
    path("flags/<int:pk>/measures/", operator_views.measure, name="measure"),
]
