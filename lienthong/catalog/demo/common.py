"""Pieces shared by the demo entries: legal documents, usual components, the commune authority."""

import datetime

COMMUNE = "commune"  # every UBND xã, phường, đặc khu
SAME_DAY_CUTOFF = datetime.time(15, 0)
ALL_CHANNELS = ["in_person", "online", "post"]

# Laws and decrees cited by the entries: (number, title, issued on).
CIVIL_STATUS_LAW = ("60/2014/QH13", "Luật Hộ tịch", "2014-11-20")
CIVIL_STATUS_DECREE = (
    "123/2015/NĐ-CP",
    "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
    "2015-11-15",
)
CIVIL_STATUS_CIRCULAR = (
    "04/2020/TT-BTP",
    "Thông tư quy định chi tiết thi hành Luật Hộ tịch và Nghị định 123/2015/NĐ-CP",
    "2020-05-28",
)
LOCAL_FEES_CIRCULAR = (
    "85/2019/TT-BTC",
    "Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh",
    "2019-11-29",
)
FAMILY_LAW = ("52/2014/QH13", "Luật Hôn nhân và gia đình", "2014-06-19")
CERTIFICATION_DECREE = (
    "23/2015/NĐ-CP",
    "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
    "2015-02-16",
)
CERTIFICATION_FEES = (
    "226/2016/TT-BTC",
    "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực",
    "2016-11-11",
)
ENTERPRISE_LAW = ("59/2020/QH14", "Luật Doanh nghiệp", "2020-06-17")
ENTERPRISE_DECREE = ("168/2025/NĐ-CP", "Nghị định về đăng ký doanh nghiệp", "2025-06-30")
ENTERPRISE_FEES = (
    "47/2019/TT-BTC",
    "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp",
    "2019-08-05",
)
CONSTRUCTION_LAW = ("50/2014/QH13", "Luật Xây dựng", "2014-06-18")
CONSTRUCTION_LAW_2020 = ("62/2020/QH14", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng", "2020-06-17")
LAND_LAW = ("31/2024/QH15", "Luật Đất đai", "2024-01-18")
LAND_DECREE = (
    "101/2024/NĐ-CP",
    "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất đai",
    "2024-07-29",
)
SOCIAL_DECREE = (
    "20/2021/NĐ-CP",
    "Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
    "2021-03-15",
)
DISABILITY_LAW = ("51/2010/QH12", "Luật Người khuyết tật", "2010-06-17")
JUDICIAL_RECORDS_LAW = ("28/2009/QH12", "Luật Lý lịch tư pháp", "2009-06-17")
JUDICIAL_RECORDS_FEES = (
    "244/2016/TT-BTC",
    "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp",
    "2016-11-11",
)
RESIDENCE_LAW = ("68/2020/QH14", "Luật Cư trú", "2020-11-13")


def legal(*documents):
    return [{"number": n, "title": t, "issued_on": d} for n, t, d in documents]


def fee(amount, description, kind="le_phi", conditions="", exemptions=""):
    return {
        "kind": kind,
        "amount": amount,
        "description": description,
        "conditions": conditions,
        "exemptions": exemptions,
    }


def set_by_council(description):
    """A fee whose amount the provincial People's Council (HĐND) sets (TT 85/2019/TT-BTC)."""
    return fee(None, description + " — mức thu theo Nghị quyết của HĐND tỉnh")


def component(name, originals=1, copies=0, condition="", form_name=""):
    return {
        "name": name,
        "originals": originals,
        "copies": copies,
        "requirement": "conditional" if condition else "required",
        "condition": condition,
        "form_name": form_name,
    }


IDENTITY = component(
    "Giấy tờ tùy thân có ảnh của người yêu cầu (xuất trình bản chính) hoặc thông tin định danh điện tử (VNeID)",
    originals=0,
)
PROXY = component(
    "Văn bản ủy quyền được chứng thực",
    condition="Người yêu cầu ủy quyền cho người khác thực hiện (không cần chứng thực nếu người được ủy quyền là "
    "ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột)",
)
