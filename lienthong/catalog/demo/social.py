"""Social assistance and poverty reduction at the commune (NĐ 20/2021; Luật Người khuyết tật)."""

from lienthong.catalog.demo import steps
from lienthong.catalog.demo.common import (
    COMMUNE,
    DISABILITY_LAW,
    IDENTITY,
    SOCIAL_DECREE,
    component,
    legal,
)

_UNIT = "Công chức Văn hóa - Xã hội"


def _social(**values):
    base = {
        "field": "BTXH",
        "levels": ["commune"],
        "competent": COMMUNE,
        "implementing": COMMUNE,
        "applicants": "Đối tượng bảo trợ xã hội hoặc người giám hộ, người thân",
        "channels": ["in_person", "online", "post"],
        "receiving_place": "Bộ phận Một cửa của UBND xã, phường, đặc khu",
        "fees": [],
        "online": "partial",
        "legacy_level": 3,
        "legal_basis": legal(SOCIAL_DECREE),
    }
    base.update(values)
    return base


PROCEDURES = [
    _social(
        local_code="VLG-BTXH-01",
        name="Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng "
        "hằng tháng",
        time=(10, "working_days"),
        time_note="Gồm thời gian Hội đồng xét duyệt, niêm yết công khai kết quả xét duyệt tại trụ sở UBND cấp xã.",
        components=[
            component(
                "Tờ khai đề nghị trợ giúp xã hội", form_name="Mẫu số 1a–1d, Phụ lục Nghị định 20/2021/NĐ-CP"
            ),
            component(
                "Bản sao Giấy xác nhận khuyết tật",
                originals=0,
                copies=1,
                condition="Đối tượng là người khuyết tật",
            ),
            IDENTITY,
        ],
        steps_text="Đối tượng hoặc người giám hộ nộp tờ khai; công chức văn hóa - xã hội tiếp nhận, trình Hội đồng xét "
        "duyệt, niêm yết công khai; Chủ tịch UBND cấp xã quyết định trợ cấp.",
        result=("decision", "Quyết định trợ cấp xã hội hằng tháng"),
        process=steps.commune(10, _UNIT),
    ),
    _social(
        national_code="1.001699",
        name="Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        time=(25, "working_days"),
        time_note="Hội đồng xác định mức độ khuyết tật tổ chức đánh giá trong 20 ngày làm việc; cấp Giấy xác nhận "
        "trong 05 ngày làm việc sau khi có kết luận.",
        applicants="Người khuyết tật hoặc người đại diện hợp pháp",
        components=[
            component("Đơn đề nghị xác định, xác định lại mức độ khuyết tật"),
            component(
                "Bản sao các giấy tờ y tế chứng minh về khuyết tật (bệnh án, giấy tờ khám, điều trị)",
                originals=0,
                copies=1,
                condition="Có giấy tờ y tế",
            ),
            IDENTITY,
        ],
        steps_text="Nộp đơn; Hội đồng xác định mức độ khuyết tật cấp xã tổ chức đánh giá; Chủ tịch UBND cấp xã niêm "
        "yết, thông báo kết luận và cấp Giấy xác nhận khuyết tật.",
        result=("confirmation", "Giấy xác nhận khuyết tật"),
        legal_basis=legal(DISABILITY_LAW),
        process=steps.commune(25, _UNIT),
    ),
    _social(
        local_code="VLG-BTXH-02",
        name="Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        time=(3, "working_days"),
        applicants="Cơ quan, tổ chức, doanh nghiệp, cá nhân tổ chức mai táng cho đối tượng",
        components=[
            component(
                "Tờ khai đề nghị hỗ trợ chi phí mai táng",
                form_name="Mẫu số 04, Phụ lục Nghị định 20/2021/NĐ-CP",
            ),
            component("Bản sao giấy chứng tử hoặc trích lục khai tử", originals=0, copies=1),
        ],
        steps_text="Người tổ chức mai táng nộp tờ khai; công chức văn hóa - xã hội kiểm tra; Chủ tịch UBND cấp xã "
        "quyết định hỗ trợ chi phí mai táng.",
        result=("decision", "Quyết định hỗ trợ chi phí mai táng"),
        process=steps.commune(3, _UNIT),
    ),
    _social(
        local_code="VLG-GN-01",
        field="GN",
        name="Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm",
        time=(7, "working_days"),
        applicants="Hộ gia đình có giấy đề nghị",
        components=[
            component(
                "Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo", form_name="Phụ lục Quyết định 24/2021/QĐ-TTg"
            )
        ],
        steps_text="Hộ gia đình nộp giấy đề nghị; UBND cấp xã tổ chức thẩm định, xét duyệt, niêm yết công khai và "
        "quyết định công nhận.",
        result=(
            "decision",
            "Quyết định công nhận hộ nghèo, hộ cận nghèo; Giấy chứng nhận hộ nghèo, hộ cận nghèo",
        ),
        legal_basis=[
            {
                "number": "07/2021/NĐ-CP",
                "title": "Nghị định quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025",
            },
            {
                "number": "24/2021/QĐ-TTg",
                "title": "Quyết định quy định quy trình rà soát hộ nghèo, hộ cận nghèo hằng "
                "năm và quy trình xác định hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình",
            },
        ],
        process=steps.commune(7, _UNIT),
    ),
]
