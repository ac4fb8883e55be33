"""Certification at the commune (NĐ 23/2015), judicial records and residence at the police (Công an)."""

from lienthong.catalog.demo import forms, steps
from lienthong.catalog.demo.common import (
    ALL_CHANNELS,
    CERTIFICATION_DECREE,
    CERTIFICATION_FEES,
    COMMUNE,
    IDENTITY,
    JUDICIAL_RECORDS_FEES,
    JUDICIAL_RECORDS_LAW,
    RESIDENCE_LAW,
    SAME_DAY_CUTOFF,
    component,
    fee,
    legal,
)

_CERT_LAW = legal(CERTIFICATION_DECREE, CERTIFICATION_FEES)
_UNIT = "Công chức Tư pháp - Hộ tịch"
# Since 1 Jul 2025 judicial record certificates and residence registration are police matters.
POLICE = "Công an tỉnh Vĩnh Long"
COMMUNE_POLICE = "Công an xã, phường, đặc khu"


def _certification(**values):
    base = {
        "field": "CT",
        "levels": ["commune"],
        "competent": COMMUNE,
        "implementing": COMMUNE,
        "applicants": "Cá nhân, tổ chức",
        "channels": ["in_person"],
        "legal_basis": _CERT_LAW,
        "receiving_place": "Bộ phận Một cửa của UBND xã, phường, đặc khu",
        "online": "none",
        "legacy_level": 2,
    }
    base.update(values)
    return base


def _contract(name, local_code, extra_component):
    return _certification(
        local_code=local_code,
        name=name,
        time=(2, "working_days"),
        time_note="Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, hoặc dài hơn theo thỏa thuận bằng văn "
        "bản với người yêu cầu chứng thực (NĐ 23/2015/NĐ-CP, Điều 7).",
        fees=[
            fee(50000, "Phí chứng thực hợp đồng, giao dịch", kind="phi"),
            fee(30000, "Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", kind="phi"),
            fee(25000, "Phí sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực", kind="phi"),
        ],
        components=[
            component("Dự thảo hợp đồng, giao dịch hoặc văn bản cần chứng thực"),
            IDENTITY,
            extra_component,
        ],
        steps_text="Người yêu cầu nộp hồ sơ; công chức tư pháp - hộ tịch kiểm tra, các bên ký trước mặt người thực "
        "hiện chứng thực; Chủ tịch hoặc Phó Chủ tịch UBND cấp xã ký chứng thực.",
        result=("certification", "Hợp đồng, giao dịch, văn bản được chứng thực"),
        process=steps.commune(2, _UNIT),
    )


PROCEDURES = [
    _certification(
        national_code="2.000815",
        name="Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp "
        "hoặc chứng nhận",
        time=(1, "within_day"),
        cutoff_hour=SAME_DAY_CUTOFF,
        time_note="Trong ngày tiếp nhận hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ; yêu cầu với số lượng "
        "lớn thì hẹn theo thỏa thuận (NĐ 23/2015/NĐ-CP, Điều 7).",
        fees=[
            fee(
                2000, "Phí chứng thực bản sao, mỗi trang", kind="phi", conditions="Trang thứ nhất và thứ hai"
            ),
            fee(
                1000,
                "Phí chứng thực bản sao, mỗi trang",
                kind="phi",
                conditions="Từ trang thứ ba trở lên; tối đa 200.000 đồng mỗi bản",
            ),
        ],
        components=[
            component("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", originals=1),
            component(
                "Bản sao cần chứng thực",
                originals=0,
                copies=1,
                condition="Người yêu cầu tự chuẩn bị bản chụp; nếu không, cơ quan chụp từ bản chính",
            ),
        ],
        steps_text="Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao, ghi lời chứng, ký, đóng dấu "
        "và ghi vào sổ chứng thực.",
        result=("certification", "Bản sao được chứng thực từ bản chính"),
        channels=["in_person", "online"],
        online="partial",
        legacy_level=3,
        process=steps.commune_same_day(_UNIT),
    ),
    _certification(
        national_code="2.000884",
        name="Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường "
        "hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)",
        time=(1, "within_day"),
        cutoff_hour=SAME_DAY_CUTOFF,
        time_note="Trong ngày tiếp nhận hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ.",
        fees=[
            fee(
                10000,
                "Phí chứng thực chữ ký, mỗi trường hợp",
                kind="phi",
                conditions="Một trường hợp là một hoặc nhiều chữ ký trong cùng một giấy tờ, văn bản",
            )
        ],
        components=[IDENTITY, component("Giấy tờ, văn bản mà mình sẽ ký")],
        steps_text="Người yêu cầu ký trước mặt người thực hiện chứng thực; người thực hiện chứng thực ghi lời chứng, "
        "ký, đóng dấu và ghi vào sổ chứng thực.",
        result=("certification", "Giấy tờ, văn bản được chứng thực chữ ký"),
        process=steps.commune_same_day(_UNIT),
    ),
    _contract(
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
        "VLG-CT-01",
        component(
            "Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng hoặc giấy tờ thay thế",
            originals=0,
            copies=1,
            condition="Hợp đồng, giao dịch về tài sản phải đăng ký quyền sở hữu, quyền sử dụng",
        ),
    ),
    _contract(
        "Chứng thực di chúc",
        "VLG-CT-02",
        component(
            "Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản",
            originals=0,
            copies=1,
            condition="Di chúc liên quan đến tài sản mà pháp luật quy định phải đăng ký quyền sở hữu, quyền sử dụng",
        ),
    ),
    _contract(
        "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
        "VLG-CT-03",
        component(
            "Bản sao giấy chứng tử hoặc giấy tờ chứng minh người để lại di sản đã chết", originals=0, copies=1
        ),
    ),
    {
        "local_code": "VLG-LLTP-01",
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        "field": "LLTP",
        "levels": ["province"],
        "competent": POLICE,
        "implementing": [POLICE],
        "applicants": "Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam",
        "channels": ALL_CHANNELS,
        "receiving_place": "Công an tỉnh hoặc Trung tâm Phục vụ hành chính công tỉnh; trực tuyến qua VNeID",
        "time": (10, "working_days"),
        "time_note": "Không quá 10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh thì không quá 15 ngày.",
        "fees": [
            fee(200000, "Phí cung cấp thông tin lý lịch tư pháp, mỗi lần", kind="phi"),
            fee(
                100000,
                "Phí cung cấp thông tin lý lịch tư pháp, mỗi lần",
                kind="phi",
                conditions="Sinh viên, người có công với cách mạng, thân nhân liệt sĩ",
            ),
            fee(5000, "Phí cấp thêm, mỗi Phiếu", kind="phi", conditions="Từ Phiếu thứ 3 trở đi"),
        ],
        "components": [
            component(
                "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", form_name="Mẫu Tờ khai yêu cầu cấp Phiếu LLTP"
            ),
            IDENTITY,
            component("Văn bản ủy quyền", condition="Ủy quyền cho người khác làm thủ tục cấp Phiếu số 1"),
        ],
        "steps_text": "Người yêu cầu nộp hồ sơ; cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp tra cứu, xác minh, lập "
        "và cấp Phiếu lý lịch tư pháp.",
        "result": ("record", "Phiếu lý lịch tư pháp số 1 hoặc số 2"),
        "online": "full",
        "legacy_level": 4,
        "online_payment": True,
        "legal_basis": legal(JUDICIAL_RECORDS_LAW, JUDICIAL_RECORDS_FEES),
        "process": steps.department(10, POLICE, "Phòng Hồ sơ nghiệp vụ"),
        "eform": forms.CRIMINAL_RECORD,
    },
    {
        "national_code": "1.004222",
        "name": "Đăng ký thường trú",
        "field": "CUTRU",
        "levels": ["commune"],
        "competent": COMMUNE_POLICE,
        "implementing": [COMMUNE_POLICE],
        "applicants": "Công dân Việt Nam",
        "channels": ALL_CHANNELS,
        "receiving_place": "Công an xã, phường, đặc khu nơi cư trú; trực tuyến qua Cổng dịch vụ công, VNeID",
        "time": (7, "working_days"),
        "fees": [fee(20000, "Lệ phí đăng ký thường trú", exemptions="Nộp trực tuyến: 10.000 đồng")],
        "components": [
            component("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)"),
            component("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", originals=0, copies=1),
        ],
        "steps_text": "Người đăng ký nộp hồ sơ; cơ quan đăng ký cư trú kiểm tra, cập nhật thông tin vào Cơ sở dữ liệu "
        "về cư trú và thông báo cho người đăng ký.",
        "result": ("confirmation", "Thông tin về cư trú được cập nhật vào Cơ sở dữ liệu về cư trú"),
        "online": "full",
        "legacy_level": 4,
        "online_payment": True,
        "legal_basis": legal(RESIDENCE_LAW),
        "process": steps.commune(
            7, "Cán bộ đăng ký cư trú", "Bộ phận tiếp nhận", COMMUNE_POLICE, "Trưởng Công an xã"
        ),
    },
    {
        "national_code": "1.004194",
        "name": "Đăng ký tạm trú",
        "field": "CUTRU",
        "levels": ["commune"],
        "competent": COMMUNE_POLICE,
        "implementing": [COMMUNE_POLICE],
        "applicants": "Công dân Việt Nam",
        "channels": ALL_CHANNELS,
        "receiving_place": "Công an xã, phường, đặc khu nơi dự kiến tạm trú; trực tuyến qua Cổng dịch vụ công, VNeID",
        "time": (3, "working_days"),
        "fees": [fee(15000, "Lệ phí đăng ký tạm trú", exemptions="Nộp trực tuyến: 7.000 đồng")],
        "components": [
            component("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)"),
            component("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", originals=0, copies=1),
        ],
        "steps_text": "Người đăng ký nộp hồ sơ; cơ quan đăng ký cư trú kiểm tra, cập nhật thông tin về nơi tạm trú.",
        "result": ("confirmation", "Thông tin về nơi tạm trú được cập nhật vào Cơ sở dữ liệu về cư trú"),
        "online": "full",
        "legacy_level": 4,
        "online_payment": True,
        "legal_basis": legal(RESIDENCE_LAW),
        "process": steps.commune(
            3, "Cán bộ đăng ký cư trú", "Bộ phận tiếp nhận", COMMUNE_POLICE, "Trưởng Công an xã"
        ),
    },
]
