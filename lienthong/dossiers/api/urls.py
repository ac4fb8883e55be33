from django.urls import path

from lienthong.dossiers.api import files, views
from lienthong.dossiers.api import forms as printed_forms

urlpatterns = [
    path("dossiers/", views.DossierListView.as_view(), name="api-dossiers"),
    path("dossiers/<str:code>/", views.DossierDetailView.as_view(), name="api-dossier"),
    path("dossiers/<str:code>/status/", views.DossierStatusView.as_view(), name="api-dossier-status"),
    path("dossiers/<str:code>/files/", files.DossierFilesView.as_view(), name="api-dossier-files"),
    path(
        "dossiers/<str:code>/files/<int:file_id>/",
        files.DossierFileDownloadView.as_view(),
        name="api-dossier-file",
    ),
    path(
        "dossiers/<str:code>/forms/<str:form>/",
        printed_forms.DossierFormView.as_view(),
        name="api-dossier-form",
    ),
    path("tracking-book/", printed_forms.TrackingBookView.as_view(), name="api-tracking-book"),
    *[
        path(f"dossiers/<str:code>/actions/{name}/", views.action_view(name), name=f"api-dossier-{name}")
        for name in views.ACTIONS
    ],
]
