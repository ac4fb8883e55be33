"""Civil status (hộ tịch) at the commune People's Committee (Luật Hộ tịch 2014; NĐ 123/2015)."""

from lienthong.catalog.demo import forms, steps
from lienthong.catalog.demo.common import (
    ALL_CHANNELS,
    CIVIL_STATUS_CIRCULAR,
    CIVIL_STATUS_DECREE,
    CIVIL_STATUS_LAW,
    COMMUNE,
    FAMILY_LAW,
    IDENTITY,
    LOCAL_FEES_CIRCULAR,
    PROXY,
    SAME_DAY_CUTOFF,
    component,
    fee,
    legal,
    set_by_council,
)

_LAW = legal(CIVIL_STATUS_LAW, CIVIL_STATUS_DECREE, CIVIL_STATUS_CIRCULAR, LOCAL_FEES_CIRCULAR)
_UNIT = "Công chức Tư pháp - Hộ tịch"
_APPLICANTS = "Công dân Việt Nam"


def _entry(**values):
    base = {
        "field": "HT",
        "levels": ["commune"],
        "competent": COMMUNE,
        "implementing": COMMUNE,
        "applicants": _APPLICANTS,
        "channels": ALL_CHANNELS,
        "legal_basis": _LAW,
        "receiving_place": "Bộ phận Một cửa của UBND xã, phường, đặc khu",
    }
    base.update(values)
    return base


def _same_day(**values):
    return _entry(
        time=(1, "within_day"),
        cutoff_hour=SAME_DAY_CUTOFF,
        process=steps.commune_same_day(_UNIT),
        **values,
    )


PROCEDURES = [
    _same_day(
        national_code="1.001193",
        name="Đăng ký khai sinh",
        time_note="Ngay trong ngày tiếp nhận hồ sơ; hồ sơ nhận sau 15 giờ mà không giải quyết được ngay thì trả "
        "kết quả trong ngày làm việc tiếp theo.",
        fees=[
            fee(
                0,
                "Lệ phí đăng ký khai sinh",
                exemptions="Miễn lệ phí đăng ký khai sinh đúng hạn (Luật Hộ tịch, Điều 11)",
            ),
            set_by_council("Lệ phí đăng ký khai sinh quá hạn"),
        ],
        components=[
            component(
                "Tờ khai đăng ký khai sinh", form_name="Mẫu Tờ khai đăng ký khai sinh (TT 04/2020/TT-BTP)"
            ),
            component(
                "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy cam đoan về việc sinh"
            ),
            IDENTITY,
            PROXY,
        ],
        steps_text="Người yêu cầu nộp hồ sơ trực tiếp, qua bưu chính hoặc trực tuyến; công chức tư pháp - hộ tịch "
        "kiểm tra, ghi vào Sổ hộ tịch; Chủ tịch UBND cấp xã ký Giấy khai sinh cấp cho người được đăng ký khai sinh.",
        conditions="Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh.",
        result=("certificate", "Giấy khai sinh (bản chính) và bản sao Giấy khai sinh nếu có yêu cầu"),
        online="full",
        legacy_level=4,
        online_payment=True,
        eform=forms.BIRTH,
    ),
    _same_day(
        national_code="1.000894",
        name="Đăng ký kết hôn",
        time_note="Ngay sau khi nhận đủ giấy tờ hợp lệ; trường hợp cần xác minh điều kiện kết hôn thì không quá "
        "05 ngày làm việc.",
        fees=[
            fee(
                0,
                "Lệ phí đăng ký kết hôn",
                exemptions="Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch, Điều 11)",
            )
        ],
        components=[
            component("Tờ khai đăng ký kết hôn", form_name="Mẫu Tờ khai đăng ký kết hôn (TT 04/2020/TT-BTP)"),
            component(
                "Giấy xác nhận tình trạng hôn nhân",
                condition="Đăng ký kết hôn tại nơi không phải nơi thường trú của bên nam hoặc bên nữ",
            ),
            IDENTITY,
        ],
        steps_text="Hai bên nộp tờ khai; công chức tư pháp - hộ tịch kiểm tra điều kiện kết hôn, ghi Sổ đăng ký "
        "kết hôn; hai bên cùng có mặt, ký vào Giấy chứng nhận kết hôn và Sổ đăng ký kết hôn.",
        conditions="Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; hai bên tự nguyện; không bị mất năng lực hành vi dân sự; "
        "không thuộc trường hợp cấm kết hôn (Luật Hôn nhân và gia đình, Điều 8).",
        result=("certificate", "Giấy chứng nhận kết hôn"),
        online="partial",
        legacy_level=3,
        legal_basis=[*_LAW, *legal(FAMILY_LAW)],
        eform=forms.MARRIAGE,
    ),
    _same_day(
        national_code="1.000656",
        name="Đăng ký khai tử",
        time_note="Ngay trong ngày tiếp nhận; trường hợp cần xác minh thì không quá 03 ngày làm việc.",
        fees=[
            fee(
                0,
                "Lệ phí đăng ký khai tử",
                exemptions="Miễn lệ phí đăng ký khai tử đúng hạn (Luật Hộ tịch, Điều 11)",
            )
        ],
        components=[
            component("Tờ khai đăng ký khai tử", form_name="Mẫu Tờ khai đăng ký khai tử (TT 04/2020/TT-BTP)"),
            component("Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp"),
            IDENTITY,
            PROXY,
        ],
        steps_text="Người thân thích của người chết nộp hồ sơ trong 15 ngày kể từ ngày có người chết; công chức tư "
        "pháp - hộ tịch ghi Sổ hộ tịch, Chủ tịch UBND cấp xã cấp Trích lục khai tử.",
        result=("extract", "Trích lục khai tử (bản chính)"),
        online="full",
        legacy_level=4,
        online_payment=True,
        eform=forms.DEATH,
    ),
    _same_day(
        national_code="2.000635",
        name="Cấp bản sao Trích lục hộ tịch",
        time_note="Ngay trong ngày tiếp nhận yêu cầu; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo.",
        fees=[
            fee(
                8000,
                "Phí cấp bản sao trích lục hộ tịch, mỗi bản",
                kind="phi",
                conditions="Mức thu theo Nghị quyết của HĐND tỉnh",
            )
        ],
        components=[component("Tờ khai cấp bản sao trích lục hộ tịch"), IDENTITY, PROXY],
        steps_text="Người yêu cầu nộp tờ khai; cơ quan đăng ký hộ tịch căn cứ Sổ hộ tịch hoặc Cơ sở dữ liệu hộ tịch "
        "điện tử cấp bản sao trích lục.",
        result=("extract", "Bản sao trích lục hộ tịch"),
        online="full",
        legacy_level=4,
        online_payment=True,
        eform=forms.EXTRACT_COPY,
    ),
    _entry(
        national_code="1.004873",
        name="Cấp Giấy xác nhận tình trạng hôn nhân",
        time=(3, "working_days"),
        time_note="Trường hợp phải xác minh thì thời hạn kéo dài theo Nghị định số 123/2015/NĐ-CP.",
        fees=[set_by_council("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân")],
        components=[
            component("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"),
            component(
                "Giấy tờ chứng minh việc hôn nhân trước đây đã chấm dứt (bản án, quyết định ly hôn, trích lục khai tử)",
                copies=1,
                originals=0,
                condition="Người yêu cầu đã từng kết hôn",
            ),
            IDENTITY,
        ],
        steps_text="Nộp tờ khai; công chức tư pháp - hộ tịch kiểm tra, xác minh tình trạng hôn nhân; Chủ tịch UBND "
        "cấp xã ký Giấy xác nhận.",
        result=("confirmation", "Giấy xác nhận tình trạng hôn nhân"),
        online="full",
        legacy_level=4,
        online_payment=True,
        process=steps.commune(3, _UNIT),
        eform=forms.MARITAL_STATUS,
    ),
    _entry(
        national_code="1.001022",
        name="Đăng ký nhận cha, mẹ, con",
        time=(3, "working_days"),
        time_note="Trường hợp cần xác minh thì kéo dài thêm không quá 05 ngày làm việc.",
        fees=[set_by_council("Lệ phí đăng ký nhận cha, mẹ, con")],
        components=[
            component("Tờ khai đăng ký nhận cha, mẹ, con"),
            component(
                "Văn bản của cơ quan y tế, giám định hoặc chứng cứ khác chứng minh quan hệ cha, mẹ, con"
            ),
            IDENTITY,
        ],
        steps_text="Các bên có mặt khi đăng ký; nếu không có tranh chấp, công chức tư pháp - hộ tịch ghi Sổ hộ tịch, "
        "Chủ tịch UBND cấp xã cấp trích lục.",
        result=("extract", "Trích lục đăng ký nhận cha, mẹ, con"),
        online="partial",
        legacy_level=3,
        process=steps.commune(3, _UNIT),
    ),
    _entry(
        national_code="1.004837",
        name="Đăng ký giám hộ",
        time=(3, "working_days"),
        fees=[
            fee(0, "Lệ phí đăng ký giám hộ", exemptions="Miễn lệ phí đăng ký giám hộ (Luật Hộ tịch, Điều 11)")
        ],
        components=[
            component("Tờ khai đăng ký giám hộ"),
            component("Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự"),
            IDENTITY,
        ],
        steps_text="Người yêu cầu nộp hồ sơ; công chức tư pháp - hộ tịch kiểm tra, ghi Sổ hộ tịch; Chủ tịch UBND cấp "
        "xã cấp trích lục đăng ký giám hộ.",
        result=("extract", "Trích lục đăng ký giám hộ"),
        online="partial",
        legacy_level=3,
        process=steps.commune(3, _UNIT),
    ),
    _entry(
        national_code="1.004884",
        name="Đăng ký lại khai sinh",
        time=(5, "working_days"),
        time_note="Trường hợp phải xác minh thì kéo dài thêm không quá 10 ngày làm việc.",
        fees=[set_by_council("Lệ phí đăng ký lại khai sinh")],
        components=[
            component("Tờ khai đăng ký lại khai sinh"),
            component(
                "Bản sao toàn bộ hồ sơ, giấy tờ có thông tin liên quan đến nội dung khai sinh",
                originals=0,
                copies=1,
            ),
            IDENTITY,
        ],
        steps_text="Nộp hồ sơ tại UBND cấp xã nơi đã đăng ký khai sinh trước đây hoặc nơi cư trú; công chức tư pháp - "
        "hộ tịch kiểm tra, xác minh; Chủ tịch UBND cấp xã ký Giấy khai sinh.",
        conditions="Việc khai sinh đã đăng ký tại cơ quan có thẩm quyền của Việt Nam nhưng Sổ hộ tịch và bản chính "
        "giấy tờ hộ tịch đều bị mất.",
        result=("certificate", "Giấy khai sinh (bản chính)"),
        online="partial",
        legacy_level=3,
        process=steps.commune(5, _UNIT),
    ),
    _entry(
        national_code="1.004746",
        name="Đăng ký lại kết hôn",
        time=(5, "working_days"),
        time_note="Trường hợp phải xác minh thì kéo dài thêm không quá 10 ngày làm việc.",
        fees=[set_by_council("Lệ phí đăng ký lại kết hôn")],
        components=[
            component("Tờ khai đăng ký lại kết hôn"),
            component(
                "Bản sao Giấy chứng nhận kết hôn được cấp trước đây",
                originals=0,
                copies=1,
                condition="Có bản sao; nếu không thì giấy tờ khác có thông tin liên quan",
            ),
            IDENTITY,
        ],
        steps_text="Hai bên nộp hồ sơ; công chức tư pháp - hộ tịch kiểm tra, xác minh; hai bên có mặt ký Giấy chứng "
        "nhận kết hôn.",
        result=("certificate", "Giấy chứng nhận kết hôn"),
        online="partial",
        legacy_level=3,
        process=steps.commune(5, _UNIT),
    ),
    _entry(
        national_code="1.003583",
        name="Đăng ký khai sinh lưu động",
        time=(5, "working_days"),
        channels=["in_person"],
        fees=[fee(0, "Lệ phí đăng ký khai sinh lưu động", exemptions="Miễn lệ phí (Luật Hộ tịch, Điều 11)")],
        components=[
            component("Tờ khai đăng ký khai sinh"),
            component("Giấy chứng sinh hoặc giấy tờ thay thế"),
        ],
        steps_text="Công chức tư pháp - hộ tịch đến nơi cư trú của người có yêu cầu để tiếp nhận hồ sơ; trả kết quả "
        "tại nơi đăng ký lưu động.",
        conditions="Trẻ em sinh ra mà cha, mẹ bị khuyết tật, ốm bệnh, bị bắt, tạm giữ hoặc đang chấp hành án phạt tù "
        "mà không có người thân thích khác đi đăng ký khai sinh.",
        result=("certificate", "Giấy khai sinh (bản chính)"),
        online="none",
        legacy_level=2,
        process=steps.commune(5, _UNIT),
    ),
    _entry(
        national_code="1.000419",
        name="Đăng ký khai tử lưu động",
        time=(5, "working_days"),
        channels=["in_person"],
        fees=[fee(0, "Lệ phí đăng ký khai tử lưu động", exemptions="Miễn lệ phí (Luật Hộ tịch, Điều 11)")],
        components=[
            component("Tờ khai đăng ký khai tử"),
            component("Giấy báo tử hoặc giấy tờ thay Giấy báo tử"),
        ],
        steps_text="Công chức tư pháp - hộ tịch đến nơi cư trú của người có yêu cầu để tiếp nhận hồ sơ và trả kết quả.",
        conditions="Người chết không có người thân thích, hoặc người thân thích không có điều kiện đi đăng ký khai tử.",
        result=("extract", "Trích lục khai tử (bản chính)"),
        online="none",
        legacy_level=2,
        process=steps.commune(5, _UNIT),
    ),
    _entry(
        local_code="VLG-HT-01",
        name="Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
        time=(3, "working_days"),
        time_note="Trường hợp cần xác minh thì kéo dài thêm không quá 03 ngày làm việc.",
        fees=[set_by_council("Lệ phí thay đổi, cải chính, bổ sung thông tin hộ tịch")],
        components=[
            component("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"),
            component("Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung", originals=0, copies=1),
            IDENTITY,
        ],
        steps_text="Nộp hồ sơ; công chức tư pháp - hộ tịch kiểm tra, ghi Sổ hộ tịch; Chủ tịch UBND cấp xã cấp trích lục.",
        conditions="Người yêu cầu thay đổi họ, chữ đệm, tên phải có lý do chính đáng theo Bộ luật Dân sự; người từ đủ "
        "09 tuổi trở lên phải có sự đồng ý của người đó.",
        result=("extract", "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch"),
        online="partial",
        legacy_level=3,
        process=steps.commune(3, _UNIT),
    ),
    _entry(
        national_code="2.000806",
        name="Đăng ký kết hôn có yếu tố nước ngoài",
        time=(10, "working_days"),
        applicants="Công dân Việt Nam với người nước ngoài; công dân Việt Nam cư trú ở trong nước với công dân Việt "
        "Nam định cư ở nước ngoài hoặc cùng có quốc tịch nước ngoài",
        fees=[set_by_council("Lệ phí đăng ký kết hôn có yếu tố nước ngoài")],
        components=[
            component("Tờ khai đăng ký kết hôn"),
            component(
                "Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài, được hợp pháp hóa lãnh sự và dịch "
                "sang tiếng Việt",
                condition="Bên kết hôn là người nước ngoài",
            ),
            component(
                "Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận không mắc bệnh tâm thần hoặc bệnh khác mà "
                "không có khả năng nhận thức, làm chủ được hành vi"
            ),
            component(
                "Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu",
                originals=0,
                copies=1,
                condition="Bên kết hôn là người nước ngoài",
            ),
        ],
        steps_text="Hai bên nộp hồ sơ; công chức tư pháp - hộ tịch nghiên cứu, thẩm tra, xác minh; Chủ tịch UBND cấp "
        "xã ký Giấy chứng nhận kết hôn, tổ chức trao cho hai bên.",
        result=("certificate", "Giấy chứng nhận kết hôn"),
        online="partial",
        legacy_level=3,
        legal_basis=[*_LAW, *legal(FAMILY_LAW)],
        process=steps.commune(10, _UNIT),
    ),
    _entry(
        national_code="1.001669",
        name="Đăng ký giám hộ có yếu tố nước ngoài",
        time=(3, "working_days"),
        applicants="Công dân Việt Nam, người nước ngoài thường trú tại Việt Nam",
        fees=[set_by_council("Lệ phí đăng ký giám hộ có yếu tố nước ngoài")],
        components=[
            component("Tờ khai đăng ký giám hộ"),
            component("Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự"),
            IDENTITY,
        ],
        steps_text="Người yêu cầu nộp hồ sơ; công chức tư pháp - hộ tịch kiểm tra, ghi Sổ hộ tịch; Chủ tịch UBND cấp "
        "xã cấp trích lục đăng ký giám hộ.",
        result=("extract", "Trích lục đăng ký giám hộ"),
        online="partial",
        legacy_level=3,
        process=steps.commune(3, _UNIT),
    ),
]
