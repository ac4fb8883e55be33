"""Construction permits for individual houses (the commune since 1 Jul 2025) and land registration
(the land registration office of the province, received at the commune)."""

from lienthong.catalog.demo import forms, steps
from lienthong.catalog.demo.common import (
    ALL_CHANNELS,
    COMMUNE,
    CONSTRUCTION_LAW,
    CONSTRUCTION_LAW_2020,
    IDENTITY,
    LAND_DECREE,
    LAND_LAW,
    LOCAL_FEES_CIRCULAR,
    PROXY,
    component,
    legal,
    set_by_council,
)

LAND_OFFICE = "Văn phòng Đăng ký đất đai tỉnh Vĩnh Long"
_BUILD_UNIT = "Phòng Kinh tế, Hạ tầng và Đô thị"
_LAND_UNIT = "Chi nhánh Văn phòng Đăng ký đất đai"


def _permit(**values):
    base = {
        "field": "XD",
        "levels": ["commune"],
        "competent": COMMUNE,
        "implementing": COMMUNE,
        "applicants": "Hộ gia đình, cá nhân",
        "channels": ALL_CHANNELS,
        "receiving_place": "Bộ phận Một cửa của UBND xã, phường, đặc khu",
        "time": (15, "calendar_days"),
        "time_note": "Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (Luật Xây dựng, Điều 102).",
        "online": "partial",
        "legacy_level": 3,
        "online_payment": True,
        "legal_basis": legal(CONSTRUCTION_LAW, CONSTRUCTION_LAW_2020, LOCAL_FEES_CIRCULAR),
        "result": ("licence", "Giấy phép xây dựng"),
        "process": steps.commune_calendar(15, _BUILD_UNIT),
    }
    base.update(values)
    return base


def _land(**values):
    base = {
        "field": "DD",
        "levels": ["province", "commune"],
        "procedure_type": "interconnected",
        "competent": LAND_OFFICE,
        "implementing": [LAND_OFFICE],
        "applicants": "Hộ gia đình, cá nhân, tổ chức sử dụng đất",
        "channels": ALL_CHANNELS,
        "receiving_place": "Bộ phận Một cửa của UBND xã, phường, đặc khu hoặc Văn phòng Đăng ký đất đai",
        "online": "partial",
        "legacy_level": 3,
        "legal_basis": legal(LAND_LAW, LAND_DECREE, LOCAL_FEES_CIRCULAR),
    }
    base.update(values)
    return base


_LAND_PAPERS = component("Giấy chứng nhận quyền sử dụng đất đã cấp (bản gốc)")

PROCEDURES = [
    _permit(
        local_code="VLG-XD-01",
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        fees=[set_by_council("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ")],
        components=[
            component(
                "Đơn đề nghị cấp giấy phép xây dựng",
                form_name="Mẫu số 01, Phụ lục II Nghị định 175/2024/NĐ-CP",
            ),
            component("Bản sao giấy tờ chứng minh quyền sử dụng đất", originals=0, copies=1),
            component(
                "Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)", originals=2
            ),
            component(
                "Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế",
                condition="Công trình có tầng hầm hoặc công trình liền kề có nguy cơ ảnh hưởng",
            ),
            PROXY,
        ],
        steps_text="Chủ đầu tư nộp hồ sơ; cơ quan cấp phép thẩm định hồ sơ, kiểm tra thực địa, lấy ý kiến cơ quan "
        "liên quan khi cần; Chủ tịch UBND cấp xã cấp giấy phép hoặc trả lời bằng văn bản lý do không cấp.",
        conditions="Phù hợp quy hoạch chi tiết xây dựng và mục đích sử dụng đất; bảo đảm an toàn cho công trình và "
        "công trình lân cận.",
        eform=forms.BUILDING_PERMIT,
    ),
    _permit(
        local_code="VLG-XD-02",
        name="Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ",
        fees=[set_by_council("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ")],
        components=[
            component("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo công trình"),
            component(
                "Bản sao giấy tờ chứng minh quyền sở hữu, quản lý, sử dụng công trình, nhà ở",
                originals=0,
                copies=1,
            ),
            component("Bản vẽ, ảnh chụp hiện trạng bộ phận, hạng mục công trình đề nghị cải tạo"),
            component("Hồ sơ thiết kế sửa chữa, cải tạo", originals=2),
        ],
        steps_text="Chủ đầu tư nộp hồ sơ; cơ quan cấp phép thẩm định, kiểm tra thực địa; Chủ tịch UBND cấp xã cấp giấy "
        "phép sửa chữa, cải tạo.",
    ),
    _permit(
        local_code="VLG-XD-03",
        name="Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ",
        time=(5, "working_days"),
        time_note="05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        fees=[set_by_council("Lệ phí gia hạn giấy phép xây dựng")],
        components=[
            component("Đơn đề nghị gia hạn giấy phép xây dựng"),
            component("Bản chính giấy phép xây dựng đã cấp"),
        ],
        steps_text="Chủ đầu tư nộp đơn trước thời điểm giấy phép hết hiệu lực khởi công 30 ngày; cơ quan cấp phép xem "
        "xét, gia hạn.",
        result=("licence", "Giấy phép xây dựng được gia hạn"),
        process=steps.commune(5, _BUILD_UNIT),
    ),
    _land(
        local_code="VLG-DD-01",
        name="Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng "
        "cho, thừa kế",
        time=(8, "working_days"),
        time_note="Không tính thời gian thực hiện nghĩa vụ tài chính và thời gian xem xét xử lý đối với trường hợp "
        "sử dụng đất có vi phạm pháp luật.",
        fees=[
            set_by_council(
                "Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"
            )
        ],
        components=[
            component("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", form_name="Mẫu số 11/ĐK"),
            _LAND_PAPERS,
            component(
                "Hợp đồng, văn bản về chuyển nhượng, tặng cho, thừa kế đã được công chứng hoặc chứng thực"
            ),
            component("Tờ khai lệ phí trước bạ, tờ khai thuế thu nhập cá nhân"),
            IDENTITY,
        ],
        steps_text="Người sử dụng đất nộp hồ sơ; Văn phòng Đăng ký đất đai kiểm tra, gửi thông tin xác định nghĩa vụ "
        "tài chính, cập nhật biến động và xác nhận trên Giấy chứng nhận hoặc cấp Giấy chứng nhận mới.",
        result=("certificate", "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
        process=steps.commune_to_province(8, "0.5", LAND_OFFICE, _LAND_UNIT),
    ),
    _land(
        local_code="VLG-DD-02",
        name="Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        time=(7, "working_days"),
        fees=[set_by_council("Lệ phí cấp đổi Giấy chứng nhận")],
        components=[
            component("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", form_name="Mẫu số 11/ĐK"),
            _LAND_PAPERS,
        ],
        steps_text="Người sử dụng đất nộp hồ sơ; Văn phòng Đăng ký đất đai kiểm tra, chỉnh lý hồ sơ địa chính và cấp "
        "đổi Giấy chứng nhận.",
        result=(
            "certificate",
            "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp đổi)",
        ),
        process=steps.commune_to_province(7, "0.5", LAND_OFFICE, _LAND_UNIT),
    ),
    _land(
        local_code="VLG-DD-03",
        name="Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu đối với hộ gia đình, cá nhân",
        time=(20, "working_days"),
        time_note="Không tính thời gian niêm yết công khai, thời gian thực hiện nghĩa vụ tài chính và thời gian trích "
        "đo địa chính thửa đất.",
        fees=[set_by_council("Lệ phí cấp Giấy chứng nhận lần đầu")],
        components=[
            component("Đơn đăng ký đất đai, tài sản gắn liền với đất", form_name="Mẫu số 04/ĐK"),
            component(
                "Giấy tờ về quyền sử dụng đất (nếu có)",
                originals=0,
                copies=1,
                condition="Có một trong các loại giấy tờ về quyền sử dụng đất theo Luật Đất đai",
            ),
            component("Mảnh trích đo bản đồ địa chính thửa đất", condition="Chưa có bản đồ địa chính"),
            IDENTITY,
        ],
        steps_text="Hộ gia đình, cá nhân nộp hồ sơ; UBND cấp xã kiểm tra, xác nhận hiện trạng, niêm yết công khai; "
        "Văn phòng Đăng ký đất đai kiểm tra hồ sơ, trình cơ quan có thẩm quyền cấp Giấy chứng nhận.",
        result=("certificate", "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
        process=steps.commune_to_province(20, 10, LAND_OFFICE, _LAND_UNIT),
    ),
]
