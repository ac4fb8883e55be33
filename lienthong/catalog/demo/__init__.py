"""The demo catalogue: about 40 real, common procedures of a province and its communes after the
1 Jul 2025 reform, loaded by ``manage.py load_catalog``.

Names, national codes, processing times, fees and dossier components follow the published national
catalogue and the laws cited in each entry; docs/catalog.md says where each figure comes from and
which ones are approximations to check against the province's own publication decision.
Agencies are named as in the demo province (``load_demo``) and looked up at load time.
"""

from lienthong.catalog.demo import business, civil_status, justice, land_construction, social

FIELDS = [
    ("HT", "Hộ tịch"),
    ("CT", "Chứng thực"),
    ("HKD", "Thành lập và hoạt động của hộ kinh doanh"),
    ("DN", "Thành lập và hoạt động doanh nghiệp"),
    ("XD", "Hoạt động xây dựng"),
    ("DD", "Đất đai"),
    ("BTXH", "Bảo trợ xã hội"),
    ("GN", "Giảm nghèo"),
    ("LLTP", "Lý lịch tư pháp"),
    ("CUTRU", "Đăng ký, quản lý cư trú"),
]

PROCEDURES = [
    *civil_status.PROCEDURES,
    *justice.PROCEDURES,
    *business.PROCEDURES,
    *land_construction.PROCEDURES,
    *social.PROCEDURES,
]
