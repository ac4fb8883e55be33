"""Payment pages: paying a dossier's charges online, the provider's return and IPN, the sandbox."""

app_name = "payments"
urlpatterns = []
