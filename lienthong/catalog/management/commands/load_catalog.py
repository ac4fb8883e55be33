"""``manage.py load_catalog``: the demo catalogue of administrative procedures (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lienthong.catalog.demo import loader
from lienthong.core import context


class Command(BaseCommand):
    help = "Nạp danh mục thủ tục hành chính mẫu (chạy lại nhiều lần vẫn an toàn)."

    def handle(self, *args, **options):
        with context.bind(), transaction.atomic():
            report = loader.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Danh mục thủ tục: {len(report.created)} thêm mới, {len(report.changed)} có phiên bản mới, "
                f"{len(report.unchanged)} không đổi."
            )
        )
        if report.missing_agencies:
            names = "; ".join(sorted(report.missing_agencies))
            self.stdout.write(
                self.style.WARNING(
                    f"Chưa có trong danh bạ: {names}. Các thủ tục liên quan đã được nạp nhưng chưa gắn cơ quan này; "
                    "thêm cơ quan vào danh bạ (hoặc chạy `manage.py load_demo`) rồi chạy lại lệnh này để gắn."
                )
            )
