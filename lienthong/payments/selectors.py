"""Reads of charges, narrowed through the dossiers the caller may see (dossiers.selectors)."""

from lienthong.dossiers.selectors import dossiers_visible_to
from lienthong.payments.models import Charge, ChargeStatus


def visible_dossier(user, code):
    """The dossier with ``code`` if ``user`` may see it, else None."""
    return dossiers_visible_to(user).filter(code=code).first()


def charges_visible_to(user):
    return Charge.objects.filter(dossier__in=dossiers_visible_to(user).values("pk"))


def dossier_charges(dossier):
    """The charges of a dossier the caller already may see (one query), in the order requested."""
    return list(Charge.objects.filter(dossier=dossier).order_by("id"))


def charge_of(user, code, charge_id):
    """One charge of dossier ``code``, if the user may see the dossier; else None."""
    return charges_visible_to(user).filter(dossier__code=code, pk=charge_id).select_related("dossier").first()


def summary(charges):
    """Totals in VND by status, and the charges themselves (cancelled ones count nowhere)."""
    totals = {status: 0 for status in (ChargeStatus.DUE, ChargeStatus.PAID, ChargeStatus.WAIVED)}
    charges = list(charges)
    for charge in charges:
        if charge.status in totals:
            totals[charge.status] += charge.amount
    return {
        "total_due": totals[ChargeStatus.DUE],
        "total_paid": totals[ChargeStatus.PAID],
        "total_waived": totals[ChargeStatus.WAIVED],
        "items": charges,
    }
