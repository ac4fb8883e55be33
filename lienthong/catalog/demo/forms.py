"""E-form definitions of the demo procedures (catalog/eforms.py), after the declaration forms
(tờ khai) of TT 04/2020/TT-BTP (civil status) and TT 68/2025/TT-BTC (household businesses)."""


def _text(name, label, required=True, **extra):
    return {"name": name, "label": label, "type": "text", "required": required, **extra}


def _person(name, label, required=True, with_address=True):
    fields = [
        _text("ho_ten", "Họ, chữ đệm và tên"),
        {
            "name": "ngay_sinh",
            "label": "Ngày, tháng, năm sinh",
            "type": "date",
            "required": True,
            "max": "today",
        },
        {"name": "so_dinh_danh", "label": "Số định danh cá nhân", "type": "citizen_id", "required": True},
        _text("dan_toc", "Dân tộc", required=False, max_length=50),
        _text("quoc_tich", "Quốc tịch", required=False, max_length=50),
    ]
    if with_address:
        fields.append({"name": "noi_cu_tru", "label": "Nơi cư trú", "type": "address", "required": True})
    return {
        "name": name,
        "label": label,
        "type": "group",
        "repeat": False,
        "required": required,
        "fields": fields,
    }


REQUESTER = {
    "name": "nguoi_yeu_cau",
    "label": "Người yêu cầu",
    "type": "group",
    "repeat": False,
    "fields": [
        _text("ho_ten", "Họ, chữ đệm và tên"),
        {"name": "so_dinh_danh", "label": "Số định danh cá nhân", "type": "citizen_id", "required": True},
        _text("dien_thoai", "Số điện thoại", required=False, max_length=20),
        {"name": "noi_cu_tru", "label": "Nơi cư trú", "type": "address", "required": True},
    ],
}
GENDER = {
    "name": "gioi_tinh",
    "label": "Giới tính",
    "type": "choice",
    "required": True,
    "choices": [["nam", "Nam"], ["nu", "Nữ"]],
}

BIRTH = {
    "title": "Tờ khai đăng ký khai sinh",
    "fields": [
        {
            **REQUESTER,
            "fields": [
                *REQUESTER["fields"],
                {
                    "name": "quan_he",
                    "label": "Quan hệ với người được khai sinh",
                    "type": "choice",
                    "required": True,
                    "choices": [
                        ["cha", "Cha"],
                        ["me", "Mẹ"],
                        ["ong_ba", "Ông, bà"],
                        ["nguoi_than", "Người thân thích khác"],
                    ],
                },
            ],
        },
        {
            "name": "nguoi_duoc_khai_sinh",
            "label": "Người được khai sinh",
            "type": "group",
            "repeat": False,
            "fields": [
                _text("ho_ten", "Họ, chữ đệm và tên"),
                {
                    "name": "ngay_sinh",
                    "label": "Ngày, tháng, năm sinh",
                    "type": "date",
                    "required": True,
                    "max": "today",
                },
                GENDER,
                {
                    "name": "noi_sinh",
                    "label": "Nơi sinh",
                    "type": "address",
                    "required": True,
                    "require_street": False,
                    "help": "Cơ sở y tế hoặc nơi sinh ngoài cơ sở y tế.",
                },
                _text("dan_toc", "Dân tộc", max_length=50),
                _text("quoc_tich", "Quốc tịch", max_length=50),
            ],
        },
        _person("me", "Thông tin người mẹ"),
        _person("cha", "Thông tin người cha", required=False),
    ],
}

MARRIAGE = {
    "title": "Tờ khai đăng ký kết hôn",
    "fields": [
        _person("ben_nu", "Bên nữ"),
        _person("ben_nam", "Bên nam"),
        {
            "name": "lan_ket_hon",
            "label": "Kết hôn lần thứ (bên nữ / bên nam)",
            "type": "text",
            "required": False,
            "max_length": 20,
            "help": "Ví dụ: 1 / 1",
        },
    ],
}

DEATH = {
    "title": "Tờ khai đăng ký khai tử",
    "fields": [
        REQUESTER,
        {
            "name": "nguoi_chet",
            "label": "Người đã chết",
            "type": "group",
            "repeat": False,
            "fields": [
                _text("ho_ten", "Họ, chữ đệm và tên"),
                {
                    "name": "so_dinh_danh",
                    "label": "Số định danh cá nhân",
                    "type": "citizen_id",
                    "required": False,
                },
                {"name": "ngay_chet", "label": "Ngày chết", "type": "date", "required": True, "max": "today"},
                {
                    "name": "noi_chet",
                    "label": "Nơi chết",
                    "type": "address",
                    "required": True,
                    "require_street": False,
                },
                _text("nguyen_nhan", "Nguyên nhân chết", required=False),
            ],
        },
    ],
}

EXTRACT_COPY = {
    "title": "Tờ khai cấp bản sao trích lục hộ tịch",
    "fields": [
        REQUESTER,
        {
            "name": "loai_trich_luc",
            "label": "Loại bản sao trích lục",
            "type": "choice",
            "required": True,
            "choices": [
                ["khai_sinh", "Khai sinh"],
                ["ket_hon", "Kết hôn"],
                ["khai_tu", "Khai tử"],
                ["khac", "Khác"],
            ],
        },
        _text("nguoi_duoc_cap", "Họ tên người được cấp bản sao trích lục"),
        {
            "name": "so_ban",
            "label": "Số bản đề nghị cấp",
            "type": "number",
            "required": True,
            "min": 1,
            "max": 20,
        },
    ],
}

MARITAL_STATUS = {
    "title": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
    "fields": [
        _person("nguoi_yeu_cau", "Người yêu cầu xác nhận"),
        {
            "name": "tinh_trang",
            "label": "Tình trạng hôn nhân hiện tại",
            "type": "choice",
            "required": True,
            "choices": [
                ["chua_ket_hon", "Chưa đăng ký kết hôn"],
                ["dang_co_vo_chong", "Đang có vợ/chồng"],
                ["da_ly_hon", "Đã ly hôn"],
                ["vo_chong_da_chet", "Vợ/chồng đã chết"],
            ],
        },
        {
            "name": "qua_trinh_hon_nhan",
            "label": "Quá trình hôn nhân trước đây",
            "type": "group",
            "repeat": True,
            "min_items": 0,
            "max_items": 10,
            "help": "Mỗi lần kết hôn trước đây một dòng.",
            "fields": [
                _text("ho_ten_vo_chong", "Họ tên vợ/chồng trước"),
                {
                    "name": "ngay_cham_dut",
                    "label": "Ngày chấm dứt hôn nhân",
                    "type": "date",
                    "required": True,
                    "max": "today",
                },
                _text("can_cu", "Căn cứ chấm dứt (bản án, quyết định, trích lục khai tử)", required=False),
            ],
        },
        {
            "name": "muc_dich",
            "label": "Mục đích sử dụng",
            "type": "textarea",
            "required": True,
            "max_length": 500,
        },
    ],
}

HOUSEHOLD_BUSINESS = {
    "title": "Giấy đề nghị đăng ký hộ kinh doanh",
    "fields": [
        _person("chu_ho", "Chủ hộ kinh doanh"),
        _text("ten_ho_kinh_doanh", "Tên hộ kinh doanh", help="Viết bằng chữ in hoa."),
        {
            "name": "dia_diem",
            "label": "Địa chỉ trụ sở hộ kinh doanh",
            "type": "address",
            "required": True,
            "provinces": ["86"],
        },
        {
            "name": "nganh_nghe",
            "label": "Ngành, nghề kinh doanh",
            "type": "group",
            "repeat": True,
            "required": True,
            "min_items": 1,
            "max_items": 20,
            "fields": [
                _text("ma_nganh", "Mã ngành (cấp 4, VSIC 2018)", max_length=10),
                _text("ten_nganh", "Tên ngành"),
            ],
        },
        {
            "name": "von_kinh_doanh",
            "label": "Vốn kinh doanh (đồng)",
            "type": "number",
            "required": True,
            "min": 0,
        },
        {
            "name": "so_lao_dong",
            "label": "Số lao động dự kiến",
            "type": "number",
            "required": False,
            "min": 0,
            "max": 1000,
        },
    ],
}

BUILDING_PERMIT = {
    "title": "Đơn đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ",
    "fields": [
        REQUESTER,
        {
            "name": "dia_diem_xay_dung",
            "label": "Địa điểm xây dựng",
            "type": "address",
            "required": True,
            "provinces": ["86"],
        },
        _text("thua_dat", "Lô đất số / thửa đất số, tờ bản đồ số"),
        {
            "name": "dien_tich_xay_dung",
            "label": "Diện tích xây dựng tầng 1 (m²)",
            "type": "number",
            "required": True,
            "min": 1,
            "decimals": 2,
        },
        {"name": "so_tang", "label": "Số tầng", "type": "number", "required": True, "min": 1, "max": 7},
        {
            "name": "ngay_khoi_cong",
            "label": "Dự kiến khởi công",
            "type": "date",
            "required": False,
            "min": "today",
        },
    ],
}

CRIMINAL_RECORD = {
    "title": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
    "fields": [
        _person("nguoi_yeu_cau", "Người yêu cầu cấp Phiếu"),
        GENDER,
        {
            "name": "loai_phieu",
            "label": "Loại phiếu",
            "type": "choice",
            "required": True,
            "choices": [["so_1", "Phiếu lý lịch tư pháp số 1"], ["so_2", "Phiếu lý lịch tư pháp số 2"]],
        },
        {
            "name": "so_luong",
            "label": "Số lượng phiếu",
            "type": "number",
            "required": True,
            "min": 1,
            "max": 10,
        },
        {"name": "muc_dich", "label": "Mục đích sử dụng phiếu", "type": "text", "required": True},
    ],
}
