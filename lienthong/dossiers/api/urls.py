from django.urls import path

from lienthong.dossiers.api import views

urlpatterns = [
    path("dossiers/", views.DossierListView.as_view(), name="api-dossiers"),
    path("dossiers/<str:code>/", views.DossierDetailView.as_view(), name="api-dossier"),
    *[
        path(f"dossiers/<str:code>/actions/{name}/", views.action_view(name), name=f"api-dossier-{name}")
        for name in views.ACTIONS
    ],
]
