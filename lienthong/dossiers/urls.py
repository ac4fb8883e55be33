from django.urls import path

from lienthong.dossiers import views
from lienthong.dossiers.printing import views as printing
from lienthong.dossiers.views import counter, dashboard

app_name = "dossiers"
_DOSSIER = "ho-so/<str:code>/"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("tiep-nhan/", counter.counter, name="counter"),
    path("tiep-nhan/ket-qua/<int:pk>/", counter.counter_result, name="counter_result"),
    path("bang-dieu-khien/", dashboard.dashboard, name="dashboard"),
    path(_DOSSIER, views.detail, name="detail"),
    path(f"{_DOSSIER}thao-tac/<str:action>/", views.action, name="action"),
    path(f"{_DOSSIER}tep/<int:file_id>/", views.file_download, name="file"),
    path(f"{_DOSSIER}in/<str:form>/", printing.print_form, name="print"),
    path("tiep-nhan/ket-qua/<int:pk>/in/<str:form>/", printing.print_form_by_id, name="print_by_id"),
    path("so-theo-doi/", printing.tracking_book, name="tracking_book"),
]
