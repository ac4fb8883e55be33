from django.urls import path

from lienthong.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.year_calendar, name="calendar"),
    path("<int:year>/", views.year_calendar, name="calendar_year"),
]
