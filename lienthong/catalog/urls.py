from django.urls import path

from lienthong.catalog import views

app_name = "catalog"
_CODE = "<str:code>"
urlpatterns = [
    path("", views.procedure_list, name="procedure_list"),
    path("xuat-excel/", views.export_excel, name="export_excel"),
    path(f"{_CODE}/", views.procedure_detail, name="procedure_detail"),
    path(f"{_CODE}/phien-ban/<int:number>/", views.procedure_detail, name="procedure_version"),
    path(f"{_CODE}/quy-trinh.yaml", views.process_file, {"fmt": "yaml"}, name="process_yaml"),
    path(f"{_CODE}/quy-trinh.json", views.process_file, {"fmt": "json"}, name="process_json"),
    path(f"{_CODE}/bieu-mau/", views.eform, name="eform"),
]
