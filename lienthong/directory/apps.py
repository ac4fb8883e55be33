from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "lienthong.directory"
    label = "directory"
    verbose_name = _("Danh bạ cơ quan và cán bộ")
