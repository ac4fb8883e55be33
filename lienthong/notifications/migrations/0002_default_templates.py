"""Default Vietnamese message templates for the one-stop dossier events (editable afterwards)."""

from django.db import migrations

_SIGN = "\n\nTrân trọng,\n{{ agency_name }}"
_DEAR = "Kính gửi Ông/Bà {{ applicant_name }},\n\n"
_LOOKUP = "\n\nTra cứu tình trạng hồ sơ: {{ lookup_url }}"
_HEAD = "[{{ platform_name }}] "

# event: (e-mail subject, e-mail body, SMS body)
APPLICANT = {
    "accept": (
        "Đã tiếp nhận hồ sơ {{ code }}",
        "{{ agency_name }} đã tiếp nhận hồ sơ của Ông/Bà lúc {{ received_at }}.\n\n"
        "Mã hồ sơ: {{ code }}\nThủ tục: {{ procedure_name }}\nNgày hẹn trả kết quả: {{ appointment }}"
        + _LOOKUP,
        "{{ agency_name }} đã tiếp nhận hồ sơ {{ code }} ({{ procedure_name }}). Hẹn trả kết quả: "
        "{{ appointment }}. Tra cứu: {{ lookup_url }}",
    ),
    "refuse_at_receipt": (
        "Từ chối tiếp nhận hồ sơ",
        "{{ agency_name }} từ chối tiếp nhận hồ sơ thủ tục {{ procedure_name }} của Ông/Bà.\n\n"
        "Lý do: {{ reasons }}\n\nĐề nghị Ông/Bà liên hệ Bộ phận Một cửa để được hướng dẫn.",
        "{{ agency_name }} từ chối tiếp nhận hồ sơ {{ procedure_name }}. Lý do: {{ reasons }}",
    ),
    "redirect": (
        "Hướng dẫn nộp hồ sơ tại cơ quan có thẩm quyền",
        "Hồ sơ thủ tục {{ procedure_name }} không thuộc thẩm quyền giải quyết của {{ agency_name }}.\n\n"
        "Đề nghị Ông/Bà nộp hồ sơ tại: {{ redirect_agency }}.",
        "Hồ sơ {{ procedure_name }} không thuộc thẩm quyền của {{ agency_name }}. "
        "Đề nghị nộp tại: {{ redirect_agency }}.",
    ),
    "request_supplement": (
        "Yêu cầu bổ sung, hoàn thiện hồ sơ {{ code }}",
        "Hồ sơ {{ code }} (thủ tục {{ procedure_name }}) cần bổ sung, hoàn thiện các nội dung sau:\n"
        "{% for item in items %}- {{ item }}\n{% endfor %}"
        "{% if reasons %}\nGhi chú: {{ reasons }}\n{% endif %}\n"
        "Thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ bổ sung." + _LOOKUP,
        "Hồ sơ {{ code }} cần bổ sung: {{ items_text }}. Tra cứu: {{ lookup_url }}",
    ),
    "receive_supplement": (
        "Đã nhận hồ sơ bổ sung {{ code }}",
        "{{ agency_name }} đã nhận đủ hồ sơ bổ sung của hồ sơ {{ code }} (thủ tục {{ procedure_name }}).\n\n"
        "Ngày hẹn trả kết quả mới: {{ appointment }}" + _LOOKUP,
        "Đã nhận hồ sơ bổ sung {{ code }}. Hẹn trả kết quả mới: {{ appointment }}.",
    ),
    "request_obligation": (
        "Thông báo thực hiện nghĩa vụ tài chính, hồ sơ {{ code }}",
        "Để tiếp tục giải quyết hồ sơ {{ code }} (thủ tục {{ procedure_name }}), đề nghị Ông/Bà thực hiện "
        "nghĩa vụ tài chính.\n\n{% if total %}Tổng số tiền: {{ total }}\n{% endif %}"
        "{% if reasons %}Nội dung: {{ reasons }}\n{% endif %}\n"
        "Thời gian thực hiện nghĩa vụ tài chính không tính vào thời hạn giải quyết." + _LOOKUP,
        "Hồ sơ {{ code }}: đề nghị thực hiện nghĩa vụ tài chính{% if total %} {{ total }}{% endif %}. "
        "Tra cứu: {{ lookup_url }}",
    ),
    "apologise": (
        "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{ code }}",
        "Chúng tôi thành thật xin lỗi Ông/Bà vì hồ sơ {{ code }} (thủ tục {{ procedure_name }}) "
        "chưa được giải quyết xong theo hẹn {{ old_appointment }}.\n\nLý do: {{ reasons }}\n"
        "Ngày hẹn trả kết quả mới: {{ appointment }}\n\nMong Ông/Bà thông cảm." + _LOOKUP,
        "Xin lỗi Ông/Bà: hồ sơ {{ code }} chậm trả kết quả. Hẹn lại: {{ appointment }}.",
    ),
    "refuse": (
        "Hồ sơ {{ code }} không được giải quyết",
        "Hồ sơ {{ code }} (thủ tục {{ procedure_name }}) không đủ điều kiện giải quyết.\n\n"
        "Lý do: {{ reasons }}" + _LOOKUP,
        "Hồ sơ {{ code }} không được giải quyết. Lý do: {{ reasons }}",
    ),
    "stop": (
        "Dừng giải quyết hồ sơ {{ code }}",
        "Hồ sơ {{ code }} (thủ tục {{ procedure_name }}) đã dừng giải quyết.\n\nLý do: {{ reasons }}"
        + _LOOKUP,
        "Hồ sơ {{ code }} đã dừng giải quyết. Lý do: {{ reasons }}",
    ),
    "withdraw": (
        "Đã rút hồ sơ {{ code }}",
        "Hồ sơ {{ code }} (thủ tục {{ procedure_name }}) đã được rút theo đề nghị của Ông/Bà."
        "{% if reasons %}\n\nGhi chú: {{ reasons }}{% endif %}",
        "Hồ sơ {{ code }} đã được rút theo đề nghị của Ông/Bà.",
    ),
    "approve": (
        "Hồ sơ {{ code }} đã có kết quả",
        "Hồ sơ {{ code }} (thủ tục {{ procedure_name }}) đã có kết quả.\n\n"
        "Mời Ông/Bà nhận kết quả tại Bộ phận Một cửa của {{ agency_name }} (mang theo Giấy tiếp nhận hồ sơ "
        "và hẹn trả kết quả) hoặc theo hình thức đã đăng ký." + _LOOKUP,
        "Hồ sơ {{ code }} đã có kết quả. Mời Ông/Bà nhận kết quả tại {{ agency_name }}.",
    ),
    "return_result": (
        "Đã trả kết quả hồ sơ {{ code }}",
        "Kết quả hồ sơ {{ code }} (thủ tục {{ procedure_name }}) đã được trả: {{ delivery_method }}; "
        "người nhận: {{ received_by }}.\n\nMời Ông/Bà đánh giá mức độ hài lòng tại: {{ lookup_url }}",
        "Đã trả kết quả hồ sơ {{ code }}. Đánh giá mức độ hài lòng: {{ lookup_url }}",
    ),
}

_OFFICER_BODY = (
    "Hồ sơ {{ code }} (thủ tục {{ procedure_name }}, người nộp {{ applicant_name }}) {state}.\n\n"
    "Bước: {{ step_name }}\nHạn xử lý: {{ deadline }}\nNgày hẹn trả kết quả: {{ appointment }}\n\n"
    "Mở hồ sơ: {{ dossier_url }}"
)
OFFICER = {
    "deadline_due_soon": "sắp đến hạn xử lý",
    "deadline_due_today": "đến hạn xử lý hôm nay",
    "deadline_overdue": "đã quá hạn xử lý",
}


def _rows():
    for event, (subject, body, sms) in APPLICANT.items():
        yield f"dossier.{event}", "email", _HEAD + subject, _DEAR + body + _SIGN, True
        yield f"dossier.{event}", "sms", "", sms, True
    for event, state in OFFICER.items():
        subject = _HEAD + "Hồ sơ {{ code }} " + state
        yield f"dossier.{event}", "email", subject, _OFFICER_BODY.replace("{state}", state), True
        # SMS to officers costs the province money: off until it decides otherwise.
        yield f"dossier.{event}", "sms", "", f"Hồ sơ {{{{ code }}}} {state}: {{{{ deadline }}}}.", False


def create(apps, schema_editor):
    template = apps.get_model("notifications", "MessageTemplate")
    for event, channel, subject, body, active in _rows():
        template.objects.get_or_create(
            event=event,
            channel=channel,
            defaults={
                "subject": subject,
                "body": body,
                "active": active,
                "strip_diacritics": channel == "sms",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
