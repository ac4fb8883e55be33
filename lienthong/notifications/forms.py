from django import forms
from django.utils.translation import gettext_lazy as _

from lienthong.notifications.models import Channel


class TemplateForm(forms.Form):
    subject = forms.CharField(label=_("Tiêu đề thư"), max_length=255, required=False)
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Cú pháp mẫu Django: {{ biến }}, {% if %}…{% endif %}, {% for %}…{% endfor %}."),
    )
    strip_diacritics = forms.BooleanField(
        label=_("Gửi tin nhắn không dấu"),
        required=False,
        help_text=_("Nhiều nhà mạng tính tin nhắn có dấu (Unicode) theo 70 ký tự thay vì 160."),
    )
    active = forms.BooleanField(label=_("Đang dùng (bỏ chọn để ngừng gửi thông báo này)"), required=False)

    def __init__(self, *args, channel, **kwargs):
        super().__init__(*args, **kwargs)
        if channel == Channel.EMAIL:
            del self.fields["strip_diacritics"]
            self.fields["subject"].required = True
        else:
            del self.fields["subject"]
