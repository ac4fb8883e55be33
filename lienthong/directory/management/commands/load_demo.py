from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lienthong.directory.demo import vinh_long
from lienthong.directory.demo.loader import DemoError, load_demo

COLUMNS = (("username", "Tài khoản"), ("password", "Mật khẩu"), ("role", "Vai trò"), ("agency", "Cơ quan"))


class Command(BaseCommand):
    help = (
        "Nạp tỉnh mẫu Vĩnh Long (từ 01/7/2025): UBND tỉnh, Văn phòng, các sở, ngành, UBND 124 xã, "
        "phường, phòng chuyên môn, chức vụ, ngạch, cán bộ và tài khoản mẫu cho mọi vai trò. "
        "Tự nạp đơn vị hành chính nếu chưa có. Chạy lại an toàn: không tạo trùng, đặt lại mật khẩu mẫu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts-table",
            action="store_true",
            help="Không in bảng tài khoản mẫu (khi lệnh khác còn chạy tiếp sau, như trong `make demo`).",
        )

    def handle(self, *args, **options):
        try:
            result = load_demo()
        except (DemoError, ValidationError) as exc:
            raise CommandError(f"Không nạp được dữ liệu mẫu, chưa ghi gì: {exc}") from exc
        if result.units_loaded:
            self.stdout.write("Đã nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (load_units).")
        for label, key in (("Cơ quan", "agencies"), ("Phòng", "internal_units"), ("Cán bộ", "officials")):
            self.stdout.write(f"{label}: tạo mới {result.created[key]}, cập nhật {result.updated[key]}")
        self.stdout.write(
            f"Tài khoản: tạo mới {result.created['accounts']}, đặt lại mật khẩu {result.passwords_reset}"
        )
        if options["no_accounts_table"]:
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"Tài khoản mẫu (mật khẩu chung: {vinh_long.DEMO_PASSWORD})")
        )
        rows = [
            {
                "username": a.username + (" *" if a.needs_mfa else ""),
                "password": a.password,
                "role": a.role,
                "agency": f"{a.agency} — {a.unit}" if a.unit else a.agency,
            }
            for a in result.accounts
        ]
        widths = {key: max(len(title), *(len(r[key]) for r in rows)) for key, title in COLUMNS}
        line = "  ".join(title.ljust(widths[key]) for key, title in COLUMNS)
        self.stdout.write(line.rstrip())
        self.stdout.write("  ".join("-" * widths[key] for key, _ in COLUMNS))
        for row in rows:
            self.stdout.write("  ".join(row[key].ljust(widths[key]) for key, _ in COLUMNS).rstrip())
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                "* Tài khoản quản trị (Quản trị cơ quan, Quản trị hệ thống cấp tỉnh) phải đăng ký ứng dụng "
                "xác thực (TOTP) ở lần đăng nhập đầu tiên."
            )
        )
        self.stdout.write(self.style.SUCCESS("Đã nạp xong tỉnh mẫu Vĩnh Long."))
