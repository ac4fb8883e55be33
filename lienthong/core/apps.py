from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lienthong.core"
    label = "core"
    verbose_name = _("Nền tảng chung")

    def ready(self):
        from lienthong.core import signals  # noqa: F401  (security events into the audit trail)
