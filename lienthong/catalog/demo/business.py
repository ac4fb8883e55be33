"""Household businesses (at the commune since 1 Jul 2025) and enterprises (Sở Tài chính), NĐ 168/2025."""

from lienthong.catalog.demo import forms, steps
from lienthong.catalog.demo.common import (
    ALL_CHANNELS,
    COMMUNE,
    ENTERPRISE_DECREE,
    ENTERPRISE_FEES,
    ENTERPRISE_LAW,
    IDENTITY,
    LOCAL_FEES_CIRCULAR,
    PROXY,
    component,
    fee,
    legal,
    set_by_council,
)

FINANCE = "Sở Tài chính"
_BUSINESS_UNIT = "Phòng Kinh tế (cơ quan đăng ký kinh doanh cấp xã)"
_ONLINE_FREE = "Miễn lệ phí khi đăng ký qua mạng điện tử"


def _household(**values):
    base = {
        "field": "HKD",
        "levels": ["commune"],
        "competent": COMMUNE,
        "implementing": COMMUNE,
        "applicants": "Cá nhân, thành viên hộ gia đình là công dân Việt Nam",
        "channels": ALL_CHANNELS,
        "receiving_place": "Bộ phận Một cửa của UBND xã, phường, đặc khu; trực tuyến qua Hệ thống thông tin quốc gia "
        "về đăng ký hộ kinh doanh",
        "time": (3, "working_days"),
        "online": "full",
        "legacy_level": 4,
        "online_payment": True,
        "legal_basis": legal(ENTERPRISE_LAW, ENTERPRISE_DECREE, LOCAL_FEES_CIRCULAR),
        "process": steps.commune(3, _BUSINESS_UNIT),
    }
    base.update(values)
    return base


def _enterprise(
    name, local_code=None, national_code=None, components=(), result="Giấy chứng nhận đăng ký doanh nghiệp"
):
    return {
        "national_code": national_code or "",
        "local_code": local_code or "",
        "name": name,
        "field": "DN",
        "levels": ["province"],
        "competent": FINANCE,
        "implementing": [FINANCE],
        "applicants": "Tổ chức, cá nhân thành lập, quản lý doanh nghiệp",
        "channels": ALL_CHANNELS,
        "receiving_place": "Phòng Đăng ký kinh doanh, Sở Tài chính; trực tuyến qua Cổng thông tin quốc gia về đăng "
        "ký doanh nghiệp",
        "time": (3, "working_days"),
        "time_note": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        "fees": [
            fee(50000, "Lệ phí đăng ký doanh nghiệp", exemptions=_ONLINE_FREE),
            fee(100000, "Phí công bố nội dung đăng ký doanh nghiệp", kind="phi"),
        ],
        "components": [*components, PROXY],
        "steps_text": "Người thành lập doanh nghiệp nộp hồ sơ; Phòng Đăng ký kinh doanh xem xét tính hợp lệ, cấp Giấy "
        "chứng nhận hoặc thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.",
        "result": ("certificate", result),
        "online": "full",
        "legacy_level": 4,
        "online_payment": True,
        "legal_basis": legal(ENTERPRISE_LAW, ENTERPRISE_DECREE, ENTERPRISE_FEES),
        "process": steps.department(3, FINANCE, "Phòng Đăng ký kinh doanh"),
    }


_CHARTER = component("Điều lệ công ty")
_FOUNDER_IDS = component(
    "Bản sao giấy tờ pháp lý của cá nhân, tổ chức là thành viên, cổ đông sáng lập và người đại "
    "diện theo pháp luật",
    originals=0,
    copies=1,
)

PROCEDURES = [
    _household(
        national_code="1.001612",
        name="Đăng ký thành lập hộ kinh doanh",
        fees=[set_by_council("Lệ phí đăng ký hộ kinh doanh")],
        components=[
            component("Giấy đề nghị đăng ký hộ kinh doanh", form_name="Mẫu theo Thông tư 68/2025/TT-BTC"),
            component(
                "Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
                originals=0,
                copies=1,
                condition="Các thành viên hộ gia đình cùng đăng ký hộ kinh doanh",
            ),
            IDENTITY,
            PROXY,
        ],
        steps_text="Chủ hộ nộp hồ sơ; cơ quan đăng ký kinh doanh cấp xã kiểm tra tính hợp lệ và cấp Giấy chứng nhận "
        "đăng ký hộ kinh doanh, hoặc thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.",
        conditions="Ngành, nghề kinh doanh không bị cấm; tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký "
        "trên địa bàn cấp xã.",
        result=("certificate", "Giấy chứng nhận đăng ký hộ kinh doanh"),
        eform=forms.HOUSEHOLD_BUSINESS,
    ),
    _household(
        local_code="VLG-HKD-01",
        name="Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        fees=[set_by_council("Lệ phí đăng ký thay đổi nội dung đăng ký hộ kinh doanh")],
        components=[
            component(
                "Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
                form_name="Mẫu theo Thông tư 68/2025/TT-BTC",
            ),
            component(
                "Bản sao biên bản họp thành viên hộ gia đình",
                originals=0,
                copies=1,
                condition="Thay đổi chủ hộ kinh doanh do các thành viên hộ gia đình thỏa thuận",
            ),
        ],
        steps_text="Hộ kinh doanh nộp thông báo; cơ quan đăng ký kinh doanh cấp xã cấp Giấy chứng nhận đăng ký hộ "
        "kinh doanh mới.",
        result=("certificate", "Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)"),
    ),
    _household(
        national_code="2.000575",
        name="Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
        fees=[set_by_council("Lệ phí cấp lại Giấy chứng nhận đăng ký hộ kinh doanh")],
        components=[component("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh")],
        steps_text="Hộ kinh doanh nộp giấy đề nghị khi bị mất, cháy, rách, nát hoặc bị tiêu hủy; cơ quan đăng ký "
        "kinh doanh cấp xã cấp lại Giấy chứng nhận.",
        result=("certificate", "Giấy chứng nhận đăng ký hộ kinh doanh (cấp lại)"),
    ),
    _household(
        local_code="VLG-HKD-02",
        name="Chấm dứt hoạt động hộ kinh doanh",
        fees=[],
        components=[
            component("Thông báo chấm dứt hoạt động hộ kinh doanh"),
            component("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh"),
            component("Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế", originals=0, copies=1),
        ],
        steps_text="Hộ kinh doanh nộp thông báo; cơ quan đăng ký kinh doanh cấp xã chuyển tình trạng pháp lý của hộ "
        "kinh doanh sang chấm dứt hoạt động.",
        result=("confirmation", "Thông báo về việc chấm dứt hoạt động hộ kinh doanh"),
        online_payment=False,
    ),
    _enterprise(
        "Đăng ký thành lập doanh nghiệp tư nhân",
        national_code="2.001610",
        components=[
            component("Giấy đề nghị đăng ký doanh nghiệp"),
            component(
                "Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân", originals=0, copies=1
            ),
        ],
    ),
    _enterprise(
        "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
        local_code="VLG-DN-01",
        components=[component("Giấy đề nghị đăng ký doanh nghiệp"), _CHARTER, _FOUNDER_IDS],
    ),
    _enterprise(
        "Đăng ký thành lập công ty cổ phần",
        local_code="VLG-DN-02",
        components=[
            component("Giấy đề nghị đăng ký doanh nghiệp"),
            _CHARTER,
            component("Danh sách cổ đông sáng lập; danh sách cổ đông là nhà đầu tư nước ngoài (nếu có)"),
            _FOUNDER_IDS,
        ],
    ),
    _enterprise(
        "Đăng ký thay đổi người đại diện theo pháp luật của công ty trách nhiệm hữu hạn, công ty cổ phần",
        local_code="VLG-DN-03",
        components=[
            component("Thông báo thay đổi nội dung đăng ký doanh nghiệp"),
            component(
                "Nghị quyết, quyết định và bản sao biên bản họp về việc thay đổi người đại diện theo "
                "pháp luật"
            ),
        ],
        result="Giấy chứng nhận đăng ký doanh nghiệp (cấp theo nội dung thay đổi)",
    ),
]
