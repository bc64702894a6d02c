from django.urls import path

from mfgdata.web.review import views

app_name = "review"
urlpatterns = [path("", views.queue, name="queue"), path("<int:pk>/", views.detail, name="detail")]
