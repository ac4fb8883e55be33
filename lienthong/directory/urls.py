from django.urls import path

from lienthong.directory import views

app_name = "directory"
urlpatterns = [
    path("don-vi-hanh-chinh/", views.unit_list, name="unit_list"),
    path("don-vi-hanh-chinh/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/them/", views.agency_edit, name="agency_create"),
    path("co-quan/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("co-quan/<int:pk>/sua/", views.agency_edit, name="agency_edit"),
    path("can-bo/", views.official_list, name="official_list"),
    path("can-bo/them/", views.official_edit, name="official_create"),
    path("can-bo/nhap-excel/", views.official_import, name="official_import"),
    path("can-bo/mau-nhap-excel.xlsx", views.official_import_template, name="official_import_template"),
    path("can-bo/<int:pk>/", views.official_detail, name="official_detail"),
    path("can-bo/<int:pk>/sua/", views.official_edit, name="official_edit"),
]
