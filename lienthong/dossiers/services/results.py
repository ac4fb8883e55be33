"""Handing the result over."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lienthong.dossiers.models import (
    DeliveryMethod,
)
from lienthong.dossiers.services.common import (
    act,
    close_step,
)


def return_result(actor, dossier, delivery_method, received_by="", note="", expected_version=None):
    """Hand the result over (counter, post or electronically) and record who received it."""
    received_by = (received_by or "").strip()
    if delivery_method not in DeliveryMethod.values:
        raise ValidationError({"delivery_method": _("Chọn hình thức trả kết quả.")})
    if delivery_method != DeliveryMethod.ELECTRONIC and not received_by:
        raise ValidationError({"received_by": _("Nhập tên người nhận kết quả.")})

    def change(d, edge, now):
        close_step(d, now)
        d.returned_at = now
        d.delivery_method = delivery_method
        d.result_received_by = received_by or d.applicant_name
        return note, {"delivery_method": delivery_method, "received_by": d.result_received_by}

    return act(actor, dossier, "return_result", expected_version, change)
