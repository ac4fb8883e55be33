"""Portal URLs: submit pages (merged into the `portal` namespace by portal/urls.py)."""

urlpatterns = []
