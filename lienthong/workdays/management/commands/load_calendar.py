"""Create the province's calendar and add the Government's 2026–2027 days it lacks (safe to rerun)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lienthong.workdays import official_days, selectors, services


class Command(BaseCommand):
    help = "Tạo lịch làm việc của tỉnh và nạp các ngày nghỉ, ngày làm bù do Chính phủ quyết định (2026–2027)."

    def add_arguments(self, parser):
        parser.add_argument("--province", help="Mã tỉnh (mặc định: PROVINCE_CODE).")

    @transaction.atomic
    def handle(self, *args, province=None, **options):
        calendar = services.ensure_calendar(None, province)
        existing = set(
            selectors.list_overrides(None, province=calendar.province_code).values_list("date", flat=True)
        )
        added = 0
        for day in official_days.OFFICIAL_DAYS:
            if day["date"] not in existing:
                services.create_override(None, calendar, **day)
                added += 1
        self.stdout.write(f"{calendar.name}: thêm {added} ngày, giữ nguyên {len(existing)} ngày đã có.")
