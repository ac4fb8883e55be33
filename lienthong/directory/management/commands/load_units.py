import argparse

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from lienthong.directory import unit_loader

FILE_FORMAT = """\
Định dạng tệp (--file): CSV UTF-8 có dòng tiêu đề (phân cách bằng dấu phẩy, chấm phẩy hoặc tab)
hoặc JSON (một danh sách đối tượng), với các cột:
  code             mã đơn vị (bắt buộc), giữ số 0 đầu: tỉnh "86", huyện "855", xã "29263"
  name             tên đầy đủ (bắt buộc), ví dụ "Xã Tân Ngãi"
  division_type    loại (bắt buộc): tỉnh, thành phố trực thuộc trung ương, huyện, quận, thị xã,
                   thành phố thuộc tỉnh, xã, phường, thị trấn, đặc khu (hoặc mã: tinh, xa, ...)
  parent_code      mã đơn vị cấp trên còn hiệu lực vào ngày cuối (hoặc đầu) của đơn vị này
  valid_from       hiệu lực từ ngày (YYYY-MM-DD hoặc DD/MM/YYYY), để trống nếu không rõ
  valid_until      hiệu lực đến hết ngày, ví dụ 2025-06-30 cho đơn vị đã sắp xếp
  successor_codes  mã các đơn vị kế thừa (có hiệu lực ngày hôm sau valid_until), cách nhau bởi
                   dấu chấm phẩy, dấu phẩy hoặc khoảng trắng; JSON có thể dùng danh sách
  codename         tên mã không dấu (không bắt buộc)
Một đơn vị được nhận biết bởi (code, valid_from): nạp lại cùng tệp không tạo bản ghi trùng.
Khi có dòng lỗi, không ghi gì và liệt kê các dòng lỗi.
"""


class _Formatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(BaseCommand):
    help = (
        "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (từ 01/7/2025) từ gói vietnam-provinces; "
        "hoặc nạp đơn vị hành chính từ tệp (--file), ví dụ cấu trúc tỉnh → huyện → xã trước 01/7/2025."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _Formatter
        parser.epilog = FILE_FORMAT
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", metavar="PATH", help="Tệp CSV hoặc JSON đơn vị hành chính (xem định dạng bên dưới)."
        )

    def handle(self, *args, file=None, **options):
        try:
            result = unit_loader.load_file(file) if file else unit_loader.load_package()
        except unit_loader.UnitFileError as exc:
            raise CommandError(f"Không nạp được đơn vị hành chính, chưa ghi gì:\n{exc}") from exc
        levels = ", ".join(f"cấp {level}: {count}" for level, count in sorted(result.by_level.items()))
        self.stdout.write(f"Nguồn: {result.source}")
        self.stdout.write(f"Đơn vị hành chính: {result.total} ({levels})")
        self.stdout.write(
            f"Tạo mới: {result.created}, cập nhật: {result.updated}, không đổi: {result.unchanged}"
        )
        if result.successor_links_added or result.successor_links_removed:
            self.stdout.write(
                f"Liên kết đơn vị kế thừa: thêm {result.successor_links_added}, "
                f"bỏ {result.successor_links_removed}"
            )
        self.stdout.write(self.style.SUCCESS("Đã nạp xong đơn vị hành chính."))
