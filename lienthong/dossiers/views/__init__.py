"""Officer pages of the one-stop back office: work queues, the dossier page and its actions."""

from lienthong.dossiers.views.actions import action
from lienthong.dossiers.views.dossier_page import detail, file_download
from lienthong.dossiers.views.queues import queue

__all__ = ["action", "detail", "file_download", "queue"]
