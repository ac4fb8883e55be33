from django.urls import path

from lienthong.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.my_notifications, name="mine"),
    path("mau/", views.template_list, name="template_list"),
    path("mau/<int:pk>/", views.template_edit, name="template_edit"),
]
