"""The applicant's satisfaction rating (regulations.md §2.4): Rất hài lòng / Hài lòng / Không hài lòng,
collected on the portal, at counter kiosks, from the receipt's QR code and from SMS links; it feeds
Decision 766/QĐ-TTg group 5 (indicator 5.4, the "dislike" rate).

Rules chosen here: one rating per dossier; only once processing has ended for the applicant
(result returned, refused, stopped or withdrawn; not while the result waits at the desk, nor for a
dossier refused or redirected at receipt, which has no code); a "dissatisfied" rating says why.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import can_act_for_agency, require
from lienthong.accounts.roles import Role
from lienthong.core import audit
from lienthong.core.api.errors import Conflict
from lienthong.dossiers.models import DossierEvent, Rating, Satisfaction, State
from lienthong.dossiers.services.common import lock

RATEABLE = frozenset({State.RETURNED, State.REFUSED, State.STOPPED, State.WITHDRAWN})
Source = Rating.Source
COMMENT_MAX = 2000


def _is_applicant(actor, dossier):
    return (
        actor is not None and dossier.applicant_user_id is not None and actor.pk == dossier.applicant_user_id
    )


def _is_desk(actor, dossier):
    return can_act_for_agency(actor, dossier.receiving_agency_id, {Role.ONE_STOP_OFFICER})


def _default_source(actor, dossier):
    if _is_applicant(actor, dossier):
        return Source.PORTAL
    return Source.COUNTER if actor is not None else ""


def _authorize(actor, dossier, source):
    """Portal: the applicant's own account. Counter: a desk officer of the receiving agency enters
    the kiosk's rating. QR code and SMS link: the platform (``None``) or the applicant."""
    if source == Source.PORTAL:
        allowed = _is_applicant(actor, dossier)
    elif source == Source.COUNTER:
        allowed = actor is not None and _is_desk(actor, dossier)
    else:
        allowed = actor is None or _is_applicant(actor, dossier)
    require(allowed, _("Bạn không được đánh giá hồ sơ này theo hình thức đã chọn."))


def can_rate(user, dossier):
    """Whether ``user`` may rate ``dossier`` now (for pages choosing what to offer)."""
    if dossier.state not in RATEABLE or Rating.objects.filter(dossier_id=dossier.pk).exists():
        return False
    return _is_applicant(user, dossier) or (
        getattr(user, "is_authenticated", False) and _is_desk(user, dossier)
    )


def rate(actor, dossier, level, comment="", source=None):
    """Record the dossier's one satisfaction rating; a second one is 409 ``already_rated``."""
    comment = (comment or "").strip()
    source = source or _default_source(actor, dossier)
    if level not in Satisfaction.values:
        raise ValidationError({"level": _("Chọn mức độ hài lòng.")})
    if source not in Source.values:
        raise ValidationError({"source": _("Nơi đánh giá không hợp lệ.")})
    if level == Satisfaction.DISSATISFIED and not comment:
        raise ValidationError({"comment": _("Cho biết lý do không hài lòng.")})
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": _("Ý kiến tối đa %(n)s ký tự.") % {"n": COMMENT_MAX}})
    try:
        with transaction.atomic():
            d = lock(dossier, None)
            _authorize(actor, d, source)
            if Rating.objects.filter(dossier=d).exists():
                raise Conflict(_("Hồ sơ này đã được đánh giá."), code="already_rated")
            if d.state not in RATEABLE:
                raise Conflict(
                    _("Chỉ đánh giá khi hồ sơ đã trả kết quả hoặc đã kết thúc xử lý."), code="rating_not_open"
                )
            now = timezone.now()
            user = actor if getattr(actor, "is_authenticated", False) else None
            rating = Rating.objects.create(
                dossier=d, level=level, comment=comment, source=source, rated_by=user, rated_at=now
            )
            # History without a state change: from and to are the current state.
            DossierEvent.objects.create(
                dossier=d,
                at=now,
                actor=user,
                action="rate",
                from_state=d.state,
                to_state=d.state,
                note=comment,
                data={"level": level, "source": source},
            )
            audit.record(
                actor, "dossier.rate", rating, after={"level": level, "source": source, "comment": comment}
            )
    except IntegrityError:
        raise Conflict(_("Hồ sơ này đã được đánh giá."), code="already_rated") from None
    return rating
