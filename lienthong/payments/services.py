"""Charges of a dossier: the procedure's fees at receipt, the financial obligation, payment, waiver.

``record_payment`` is idempotent by ``reference`` so that a payment provider's repeated callback
(issue 5, ``actor=None``) or a double click pays once. Paying or waiving the last due charge of a
financial obligation resumes processing (``dossiers.services.obligations.settle``).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import can_act_for_agency, require
from lienthong.accounts.roles import Role
from lienthong.core import audit
from lienthong.core.api.errors import Conflict
from lienthong.payments.models import Charge, ChargeKind, ChargeStatus, PaymentMethod

_AUDITED = ("status", "amount", "paid_at", "method", "receipt_number", "reference", "note")
PAYERS = frozenset({Role.ONE_STOP_OFFICER})
WAIVERS = frozenset({Role.ONE_STOP_OFFICER, Role.AGENCY_LEADER})


def charges_at_receipt(dossier, actor=None):
    """The procedure version's fees with a fixed amount become due charges of an accepted dossier.

    Fees without an amount (set by a formula) are left to the officer; conditional ones are created
    and waived when they do not apply. Runs once per dossier.
    """
    if dossier.charges.filter(obligation=False).exists():
        return []
    at = dossier.received_at or timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    charges = [
        Charge(
            dossier=dossier,
            kind=fee.kind if fee.kind in ChargeKind.values else ChargeKind.OTHER,
            description=(fee.description or fee.get_kind_display())[:500],
            amount=fee.amount,
            requested_at=at,
            requested_by=user,
        )
        for fee in dossier.procedure_version.fees.all()
        if fee.amount
    ]
    if charges:
        Charge.objects.bulk_create(charges)
        audit.record(
            actor,
            "payments.charges_at_receipt",
            dossier,
            after={"charges": [{"kind": c.kind, "amount": c.amount} for c in charges]},
        )
    return charges


def _amount(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value > 0 else None


def clean_charges(items, default_kind=ChargeKind.OBLIGATION):
    """Check a list of ``{kind, description, amount}``; ``ValidationError`` on the first bad line."""
    cleaned = []
    for n, item in enumerate(items or (), start=1):
        item = item if isinstance(item, dict) else {}
        kind = item.get("kind") or default_kind
        description = str(item.get("description") or "").strip()
        amount = _amount(item.get("amount"))
        line = {"n": n}
        if kind not in ChargeKind.values:
            raise ValidationError({"charges": _("Khoản thu thứ %(n)s: loại khoản thu không hợp lệ.") % line})
        if not description or len(description) > 500:
            raise ValidationError(
                {"charges": _("Khoản thu thứ %(n)s: nhập nội dung (tối đa 500 ký tự).") % line}
            )
        if amount is None:
            raise ValidationError(
                {"charges": _("Khoản thu thứ %(n)s: số tiền phải là số nguyên dương (đồng).") % line}
            )
        cleaned.append({"kind": kind, "description": description, "amount": amount})
    return cleaned


def add_charges(actor, dossier, items, *, obligation, at=None):
    """Create due charges from ``clean_charges`` output (the caller holds the dossier's lock)."""
    at = at or timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    charges = Charge.objects.bulk_create(
        Charge(dossier=dossier, obligation=obligation, requested_at=at, requested_by=user, **item)
        for item in items
    )
    for charge in charges:
        audit.record(actor, "payments.charge.create", charge, after=audit.snapshot(charge, _AUDITED))
    return charges


def _authorize(actor, dossier, roles):
    """Officers holding ``roles`` at the receiving agency's desk; ``None`` is the platform itself."""
    if actor is None:
        return
    require(
        can_act_for_agency(actor, dossier.receiving_agency_id, roles),
        _("Chỉ Bộ phận Một cửa của cơ quan tiếp nhận được ghi nhận khoản thu của hồ sơ này."),
    )


def _lock(charge):
    return Charge.objects.select_for_update().select_related("dossier").get(pk=charge.pk)


def _not_due():
    return Conflict(_("Khoản thu này không còn ở trạng thái chưa nộp."), code="charge_not_due")


def _replay(actor, existing, charge):
    _authorize(actor, existing.dossier, PAYERS)
    if existing.pk != charge.pk:
        raise Conflict(_("Mã giao dịch đã dùng cho một khoản thu khác."), code="reference_in_use")
    return existing


def record_payment(actor, charge, *, method, receipt_number="", reference=""):
    """Record that a due charge was paid; the same ``reference`` again returns the same charge."""
    reference = (reference or "").strip() or None
    receipt_number = (receipt_number or "").strip()
    if method not in PaymentMethod.values:
        raise ValidationError({"method": _("Chọn hình thức nộp tiền.")})
    if reference and len(reference) > 100:
        raise ValidationError({"reference": _("Mã giao dịch tối đa 100 ký tự.")})
    if len(receipt_number) > 60:
        raise ValidationError({"receipt_number": _("Số biên lai tối đa 60 ký tự.")})
    try:
        with transaction.atomic():
            if reference:
                existing = Charge.objects.select_related("dossier").filter(reference=reference).first()
                if existing is not None:
                    return _replay(actor, existing, charge)
            locked = _lock(charge)
            _authorize(actor, locked.dossier, PAYERS)
            if locked.status != ChargeStatus.DUE:
                if reference and locked.reference == reference:
                    return locked  # the same callback, serialised behind the first one
                raise _not_due()
            before = audit.snapshot(locked, _AUDITED)
            locked.status = ChargeStatus.PAID
            locked.paid_at = timezone.now()
            locked.method = method
            locked.receipt_number = receipt_number
            locked.reference = reference
            locked.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
            locked.save()
            audit.record(actor, "payments.charge.pay", locked, before, audit.snapshot(locked, _AUDITED))
            _settled(actor, locked)
    except IntegrityError:
        # Another charge took this reference at the same moment.
        existing = Charge.objects.select_related("dossier").filter(reference=reference).first()
        if reference and existing is not None:
            return _replay(actor, existing, charge)
        raise
    return locked


def waive(actor, charge, reason):
    """Exempt a due charge (miễn), with the reason (e.g. the exemption the law grants)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Nêu lý do miễn khoản thu.")})
    require(actor is not None, _("Việc miễn khoản thu phải do cán bộ thực hiện."))
    with transaction.atomic():
        locked = _lock(charge)
        _authorize(actor, locked.dossier, WAIVERS)
        if locked.status != ChargeStatus.DUE:
            raise _not_due()
        before = audit.snapshot(locked, _AUDITED)
        locked.status = ChargeStatus.WAIVED
        locked.note = reason
        locked.recorded_by = actor
        locked.save(update_fields=["status", "note", "recorded_by"])
        audit.record(actor, "payments.charge.waive", locked, before, audit.snapshot(locked, _AUDITED))
        _settled(actor, locked)
    return locked


def _settled(actor, charge):
    if charge.obligation:
        from lienthong.dossiers.services.obligations import settle

        settle(actor, charge.dossier)


def obligation_due(dossier):
    """Whether a charge of the financial obligation is still unpaid."""
    return Charge.objects.filter(dossier=dossier, obligation=True, status=ChargeStatus.DUE).exists()
