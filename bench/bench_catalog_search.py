"""Catalogue search over 2,000 procedures: latency of the selector and of the API list endpoint.

Standalone: ``.venv/bin/python bench/bench_catalog_search.py``. Without ``DATABASE_URL`` it runs on a
throw-away SQLite file; with ``DATABASE_URL=postgres://…`` it creates (and drops) a test database
next to the one named, so real data is never touched. It loads the demo catalogue, adds generated
procedures through the services up to 2,000, then times a fixed, seeded mix of searches as the
public page and the API make them (count + first page of 20, diacritics or not, with and without
filters). Target (issue 3): p95 ≤ 20 ms.
"""

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 20.0
PROCEDURES = 2_000
SEARCHES = 400
PAGE = 20

VERBS = [
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Thu hồi",
    "Đăng ký",
    "Xác nhận",
    "Công nhận",
    "Thẩm định",
    "Phê duyệt",
    "Thông báo",
    "Chấm dứt",
    "Hỗ trợ",
    "Đăng ký thay đổi",
]
OBJECTS = [
    "giấy phép kinh doanh",
    "giấy chứng nhận đủ điều kiện",
    "giấy phép xây dựng",
    "chứng chỉ hành nghề",
    "giấy phép hoạt động",
    "quyền sử dụng đất",
    "hộ kinh doanh",
    "hợp tác xã",
    "trợ cấp xã hội",
    "văn bằng, chứng chỉ",
    "giấy phép lao động",
    "phương tiện thủy nội địa",
    "cơ sở giáo dục",
    "cơ sở khám bệnh, chữa bệnh",
    "dự án đầu tư",
    "nhà ở xã hội",
    "hoạt động tín ngưỡng",
    "biển hiệu quảng cáo",
    "giống cây trồng",
    "thuốc bảo vệ thực vật",
    "an toàn thực phẩm",
    "di tích lịch sử",
    "karaoke, vũ trường",
]
QUALIFIERS = [
    "",
    "",
    "đối với tổ chức",
    "đối với cá nhân",
    "cho doanh nghiệp",
    "có yếu tố nước ngoài",
    "trong khu kinh tế",
    "do bị mất, hỏng",
    "lần đầu",
    "khi thay đổi nội dung",
]
FIELDS = [
    ("BXD", "Hoạt động xây dựng"),
    ("YT", "Khám bệnh, chữa bệnh"),
    ("GD", "Giáo dục và đào tạo"),
    ("NN", "Trồng trọt và bảo vệ thực vật"),
    ("VH", "Văn hóa"),
    ("LD", "Việc làm"),
    ("DT", "Đầu tư tại Việt Nam"),
    ("GTVT", "Đường thủy nội địa"),
    ("ATTP", "An toàn thực phẩm"),
    ("TG", "Tín ngưỡng, tôn giáo"),
    ("HTX", "Kinh tế hợp tác"),
    ("NO", "Nhà ở"),
]
QUERIES = [
    "dang ky khai sinh",
    "khai sinh",
    "giay phep xay dung",
    "giấy phép xây dựng",
    "ho kinh doanh",
    "tro cap xa hoi",
    "chung thuc ban sao",
    "ly lich tu phap",
    "ket hon",
    "cap lai giay phep",
    "1.001193",
    "2.000815",
    "an toan thuc pham",
    "nha o",
    "cap doi giay chung nhan quyen su dung dat",
    "doanh nghiep",
    "gia han",
    "karaoke",
    "thu hoi giay phep hoat dong",
    "xac nhan tinh trang hon nhan",
    "dang ky",
    "giay",
    "huong dan khong co",
    "chứng chỉ hành nghề",
    "co so giao duc lan dau",
]


def setup_django(data_dir):
    sys.path.insert(0, str(ROOT))
    os.environ["LIENTHONG_DATA_DIR"] = data_dir
    os.environ["LIENTHONG_PROFILE"] = "development"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lienthong.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, interactive=False)
        return None
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def generate():
    from django.core.management import call_command
    from django.db import transaction

    from lienthong.catalog import services
    from lienthong.catalog.models import ProcedureVersion
    from lienthong.directory.models import AgencyKind

    call_command("load_catalog", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    rng = random.Random(20261122)
    with transaction.atomic():
        fields = [services.save_field(None, code=code, name=name) for code, name in FIELDS]
        number = 0
        while ProcedureVersion.objects.count() < PROCEDURES:
            number += 1
            name = " ".join(p for p in (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)) if p)
            commune = rng.random() < 0.4
            services.create_procedure(
                None,
                national_code=f"{rng.choice('123')}.{900000 + number:06d}",
                name=f"{name} (mẫu {number})",
                field=rng.choice(fields),
                levels=["commune"] if commune else ["province"],
                implementing_agency_kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE if commune else "",
                time_value=rng.choice([1, 3, 5, 7, 10, 15, 20]),
                channels=["in_person", "online"],
                online_category=rng.choice(["full", "partial", "none"]),
                fees=[
                    {
                        "kind": "le_phi",
                        "amount": rng.choice([0, 10000, 50000, 100000]),
                        "description": "Lệ phí",
                    }
                ],
                components=[
                    {"name": "Đơn đề nghị"},
                    {"name": "Bản sao giấy tờ liên quan", "originals": 0, "copies": 1},
                ],
                publish=True,
            )


def workload():
    from lienthong.catalog.models import Field

    rng = random.Random(7)
    fields = list(Field.objects.all())
    cases = []
    for _ in range(SEARCHES):
        filters = {}
        if rng.random() < 0.25:
            filters["level"] = rng.choice(["province", "commune"])
        if rng.random() < 0.15:
            filters["field"] = rng.choice(fields)
        if rng.random() < 0.15:
            filters["online_category"] = rng.choice(["full", "partial"])
        cases.append(("" if rng.random() < 0.08 else rng.choice(QUERIES), filters))
    return cases


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, cases):
    samples = []
    for case in cases:
        started = time.perf_counter()
        function(*case)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def through_selector(query, filters):
    from lienthong.catalog import selectors
    from lienthong.catalog.pagination import ProcedurePaginator

    page = ProcedurePaginator(selectors.search_procedures(query, **filters), PAGE).get_page(1)
    return [version.procedure.code for version in page.object_list], page.paginator.count


def through_api(client):
    def call(query, filters):
        params = {"q": query, "page_size": PAGE}
        if "level" in filters:
            params["level"] = filters["level"]
        if "field" in filters:
            params["field"] = filters["field"].code
        if "online_category" in filters:
            params["online"] = filters["online_category"]
        response = client.get("/api/v1/procedures/", params)
        assert response.status_code == 200, response.content[:200]
        return response

    return call


def report(label, samples):
    p50, p95, p99 = (percentile(samples, f) for f in (0.5, 0.95, 0.99))
    verdict = "OK" if p95 <= TARGET_P95_MS else "ABOVE TARGET"
    print(
        f"{label:<28} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   p99 {p99:6.2f} ms   max {max(samples):6.2f} ms   {verdict}"
    )
    return p95


def main():
    data_dir = tempfile.mkdtemp(prefix="lienthong-bench-catalog-")
    test_db = None
    try:
        test_db = setup_django(data_dir)
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
        started = time.perf_counter()
        generate()
        print(
            f"{connection.vendor}: {PROCEDURES} procedures generated in {time.perf_counter() - started:.1f} s"
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live database
        cases = workload()
        client = Client()
        for case in cases[:20]:  # warm up connections, caches and the query planner
            through_selector(*case)
            through_api(client)(*case)
        hits = [through_selector(*case)[1] for case in cases]
        print(f"{len(cases)} searches, median {statistics.median(hits):.0f} matches each")
        worst = max(
            report("selector (count + page)", timed(through_selector, cases)),
            report("API /api/v1/procedures/", timed(through_api(client), cases)),
        )
        print(f"target p95 ≤ {TARGET_P95_MS:.0f} ms: {'met' if worst <= TARGET_P95_MS else 'NOT met'}")
        return 0 if worst <= TARGET_P95_MS else 1
    finally:
        if test_db is not None:
            from django.db import connection

            connection.creation.destroy_test_db(test_db, verbosity=0)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
