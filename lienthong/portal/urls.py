"""The citizens' public-service portal (Cổng dịch vụ công): one namespace, one URL module per part."""

from lienthong.portal import urls_public, urls_submit, urls_track

app_name = "portal"
urlpatterns = [*urls_public.urlpatterns, *urls_submit.urlpatterns, *urls_track.urlpatterns]
