"""The demo province: Vĩnh Long since 1 Jul 2025 (Resolution 202/2025/QH15 merged Vĩnh Long, Bến Tre
and Trà Vinh; 124 communes and wards).

Agency names follow the 2025 restructuring (Decree 45/2025/NĐ-CP on the provincial departments).
Identifier codes are demo values in the QCVN 102:2016 shape, to be replaced by the national
catalogue; internal units, positions held and persons are invented (docs/demo-province.md).
"""

from lienthong.accounts.roles import Role
from lienthong.directory.models import AgencyKind

PROVINCE_CODE = "86"  # administrative unit code (GSO), as in vietnam-provinces
LEVEL1_CODE = "H61"  # QCVN 102:2016 level-1 code of Vĩnh Long in the pre-2025 alphabetical list
DEMO_PASSWORD = "VinhLong@2026"
EMAIL_DOMAIN = "demo.lienthong.example"  # reserved domain (RFC 2606): demo mail never reaches anyone
DEMO_COMMUNE_CODE = "29590"  # Phường Thanh Đức, seat of the provincial authorities

# Communes get level-3 codes 000.CC.BB.H61: BB from 31 (one group per 99 communes), CC 01..99.
COMMUNE_GROUP_START = 31
COMMUNES_PER_GROUP = 99


def agency_code(level2, level3=0):
    return f"000.{level3:02d}.{level2:02d}.{LEVEL1_CODE}"


def commune_agency_code(index):
    """The demo code of the ``index``-th commune (0-based, communes ordered by unit code)."""
    group, position = divmod(index, COMMUNES_PER_GROUP)
    return agency_code(COMMUNE_GROUP_START + group, position + 1)


PROVINCIAL_COMMITTEE = {
    "key": "ubnd",
    "name": "Ủy ban nhân dân tỉnh Vĩnh Long",
    "short_name": "UBND tỉnh Vĩnh Long",
    "kind": AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
    "code": agency_code(0),
    "parent": None,
    "head": "Chủ tịch",
    "units": (),
}

# Under the provincial People's Committee, in the order of its decisions; two internal units each.
# "Văn phòng Sở" is headed by a Chánh Văn phòng, other units by a Trưởng phòng.
AGENCIES = (
    PROVINCIAL_COMMITTEE,
    {
        "key": "vp",
        "name": "Văn phòng Ủy ban nhân dân tỉnh Vĩnh Long",
        "short_name": "Văn phòng UBND tỉnh",
        "kind": AgencyKind.PROVINCIAL_OFFICE,
        "code": agency_code(1),
        "head": "Chánh Văn phòng",
        "units": ("Phòng Hành chính - Tổ chức", "Phòng Kiểm soát thủ tục hành chính"),
    },
    # The centre is part of the Office of the provincial People's Committee.
    {
        "key": "ttpvhcc",
        "name": "Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long",
        "short_name": "Trung tâm PVHCC tỉnh",
        "kind": AgencyKind.SERVICE_CENTRE,
        "code": agency_code(1, 1),
        "parent": "vp",
        "has_one_stop_desk": True,
        "head": "Giám đốc",
        "units": ("Phòng Hành chính - Tổng hợp", "Phòng Tiếp nhận và Trả kết quả"),
    },
    {
        "key": "snv",
        "name": "Sở Nội vụ tỉnh Vĩnh Long",
        "short_name": "Sở Nội vụ",
        "code": agency_code(2),
        "units": ("Văn phòng Sở", "Phòng Công chức, viên chức"),
    },
    {
        "key": "stp",
        "name": "Sở Tư pháp tỉnh Vĩnh Long",
        "short_name": "Sở Tư pháp",
        "code": agency_code(3),
        "units": ("Văn phòng Sở", "Phòng Hành chính tư pháp"),
    },
    {
        "key": "stc",
        "name": "Sở Tài chính tỉnh Vĩnh Long",
        "short_name": "Sở Tài chính",
        "code": agency_code(4),
        "units": ("Văn phòng Sở", "Phòng Quản lý ngân sách"),
    },
    {
        "key": "sct",
        "name": "Sở Công Thương tỉnh Vĩnh Long",
        "short_name": "Sở Công Thương",
        "code": agency_code(5),
        "units": ("Văn phòng Sở", "Phòng Quản lý thương mại"),
    },
    {
        "key": "snnmt",
        "name": "Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long",
        "short_name": "Sở Nông nghiệp và Môi trường",
        "code": agency_code(6),
        "units": ("Văn phòng Sở", "Phòng Quản lý đất đai"),
    },
    {
        "key": "sxd",
        "name": "Sở Xây dựng tỉnh Vĩnh Long",
        "short_name": "Sở Xây dựng",
        "code": agency_code(7),
        "units": ("Văn phòng Sở", "Phòng Quản lý hoạt động xây dựng"),
    },
    {
        "key": "skhcn",
        "name": "Sở Khoa học và Công nghệ tỉnh Vĩnh Long",
        "short_name": "Sở Khoa học và Công nghệ",
        "code": agency_code(8),
        "units": ("Văn phòng Sở", "Phòng Chuyển đổi số"),
    },
    {
        "key": "sgddt",
        "name": "Sở Giáo dục và Đào tạo tỉnh Vĩnh Long",
        "short_name": "Sở Giáo dục và Đào tạo",
        "code": agency_code(9),
        "units": ("Văn phòng Sở", "Phòng Giáo dục trung học"),
    },
    {
        "key": "syt",
        "name": "Sở Y tế tỉnh Vĩnh Long",
        "short_name": "Sở Y tế",
        "code": agency_code(10),
        "units": ("Văn phòng Sở", "Phòng Nghiệp vụ Y"),
    },
    {
        "key": "svhttdl",
        "name": "Sở Văn hóa, Thể thao và Du lịch tỉnh Vĩnh Long",
        "short_name": "Sở Văn hóa, Thể thao và Du lịch",
        "code": agency_code(11),
        "units": ("Văn phòng Sở", "Phòng Quản lý văn hóa"),
    },
    {
        "key": "sdttg",
        "name": "Sở Dân tộc và Tôn giáo tỉnh Vĩnh Long",
        "short_name": "Sở Dân tộc và Tôn giáo",
        "code": agency_code(12),
        "units": ("Văn phòng Sở", "Phòng Quản lý tôn giáo"),
    },
    {
        "key": "ttt",
        "name": "Thanh tra tỉnh Vĩnh Long",
        "short_name": "Thanh tra tỉnh",
        "code": agency_code(13),
        "head": "Chánh Thanh tra",
        "units": ("Văn phòng Thanh tra", "Phòng Tiếp công dân và Xử lý đơn thư"),
    },
    {
        "key": "bqlkkt",
        "name": "Ban Quản lý Khu kinh tế tỉnh Vĩnh Long",
        "short_name": "Ban Quản lý Khu kinh tế",
        "code": agency_code(14),
        "head": "Trưởng ban",
        "units": ("Văn phòng Ban", "Phòng Quản lý doanh nghiệp"),
    },
    # Receives land registration dossiers (a public service unit of the department).
    {
        "key": "vpdkdd",
        "name": "Văn phòng Đăng ký đất đai tỉnh Vĩnh Long",
        "short_name": "Văn phòng Đăng ký đất đai",
        "kind": AgencyKind.PUBLIC_SERVICE_UNIT,
        "code": agency_code(6, 1),
        "parent": "snnmt",
        "units": (),
    },
    # A central branch (Ministry of Public Security) that provincial procedures name: judicial
    # records, residence. Its identifier comes from the ministry's catalogue, so none is invented.
    {
        "key": "catinh",
        "name": "Công an tỉnh Vĩnh Long",
        "short_name": "Công an tỉnh",
        "kind": AgencyKind.CENTRAL_BRANCH,
        "code": None,
        "parent": None,
        "head": "Giám đốc",
        "units": (),
    },
)
AGENCY_DEFAULTS = {
    "kind": AgencyKind.DEPARTMENT,
    "parent": "ubnd",
    "has_one_stop_desk": False,
    "head": "Giám đốc",
}

# Chức vụ: (name, is_leader), in display order.
POSITIONS = (
    ("Chủ tịch", True),
    ("Phó Chủ tịch", True),
    ("Chánh Văn phòng", True),
    ("Phó Chánh Văn phòng", True),
    ("Giám đốc", True),
    ("Phó Giám đốc", True),
    ("Chánh Thanh tra", True),
    ("Phó Chánh Thanh tra", True),
    ("Trưởng ban", True),
    ("Phó Trưởng ban", True),
    ("Trưởng phòng", True),
    ("Phó Trưởng phòng", True),
    ("Chuyên viên", False),
    ("Văn thư", False),
)

# Ngạch with their official codes (Circular 02/2021/TT-BNV): administrative and archival civil servants.
RANKS = (
    ("01.001", "Chuyên viên cao cấp"),
    ("01.002", "Chuyên viên chính"),
    ("01.003", "Chuyên viên"),
    ("01.004", "Cán sự"),
    ("01.005", "Nhân viên"),
    ("02.006", "Văn thư viên chính"),
    ("02.007", "Văn thư viên"),
    ("02.008", "Văn thư viên trung cấp"),
)
HEAD_RANK = "01.002"
UNIT_HEAD_RANK = "01.002"

# One demo account per role at least. "agency": an agency key above, or "commune" (DEMO_COMMUNE_CODE).
# "unit": the official's internal unit; "role_unit": whether the role is scoped to that unit.
ACCOUNTS = (
    {
        "username": "motcua.ttpvhcc",
        "role": Role.ONE_STOP_OFFICER,
        "agency": "ttpvhcc",
        "unit": "Phòng Tiếp nhận và Trả kết quả",
        "position": "Chuyên viên",
        "rank": "01.003",
    },
    {
        "username": "motcua.thanhduc",
        "role": Role.ONE_STOP_OFFICER,
        "agency": "commune",
        "position": "Chuyên viên",
        "rank": "01.003",
    },
    {
        "username": "chuyenvien.stp",
        "role": Role.SPECIALIST,
        "agency": "stp",
        "unit": "Phòng Hành chính tư pháp",
        "role_unit": True,
        "position": "Chuyên viên",
        "rank": "01.003",
    },
    {
        "username": "truongphong.stp",
        "role": Role.UNIT_LEADER,
        "agency": "stp",
        "unit": "Phòng Hành chính tư pháp",
        "role_unit": True,
        "position": "Trưởng phòng",
        "rank": "01.002",
    },
    {
        "username": "lanhdao.stp",
        "role": Role.AGENCY_LEADER,
        "agency": "stp",
        "position": "Giám đốc",
        "rank": "01.002",
    },
    {
        "username": "vanthu.stp",
        "role": Role.CLERK,
        "agency": "stp",
        "unit": "Văn phòng Sở",
        "position": "Văn thư",
        "rank": "02.007",
    },
    {
        "username": "quantri.stp",
        "role": Role.AGENCY_ADMIN,
        "agency": "stp",
        "unit": "Văn phòng Sở",
        "position": "Chuyên viên",
        "rank": "01.003",
    },
    {
        "username": "quantri.tinh",
        "role": Role.PROVINCE_IT_ADMIN,
        "agency": "skhcn",
        "unit": "Phòng Chuyển đổi số",
        "position": "Chuyên viên",
        "rank": "01.003",
    },
    {
        "username": "lanhdao.tinh",
        "role": Role.AGENCY_LEADER,
        "agency": "ubnd",
        "position": "Chủ tịch",
        "rank": "01.001",
    },
    {
        "username": "lanhdao.thanhduc",
        "role": Role.AGENCY_LEADER,
        "agency": "commune",
        "position": "Chủ tịch",
        "rank": "01.002",
    },
    {
        "username": "vanthu.thanhduc",
        "role": Role.CLERK,
        "agency": "commune",
        "position": "Văn thư",
        "rank": "02.007",
    },
)

CITIZEN = {"username": "congdan.demo"}
BUSINESS = {
    "username": "doanhnghiep.demo",
    "organisation_name": "Công ty TNHH Dữ liệu Mẫu Vĩnh Long",
    "tax_code": "1500000001",
}
