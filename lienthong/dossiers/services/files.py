"""Files of a dossier: components handed in or scanned, supplements, and the result.

Bytes go to the default storage (local disk or S3) before the row that points at them is committed;
``written_files`` deletes them again when the transaction around them fails, so a failed action
leaves neither a row nor a stored file. (``transaction.on_commit`` only runs on success.)
"""

import contextlib

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lienthong.accounts.permissions import can_act_for_agency, require
from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict
from lienthong.core.files import display_name, validate_upload
from lienthong.dossiers import transitions as tr
from lienthong.dossiers.models import CopyType, DossierFile, FilePurpose, State
from lienthong.dossiers.services.common import lock, record

# Files may be added while the dossier is still being worked on.
ATTACH_STATES = (
    State.RECEIVED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.FINANCIAL_OBLIGATION,
)
RESULT_STATES = (State.PROCESSING, State.APPROVED)
_PROCESSORS = tr.LEADERS | {Role.SPECIALIST}
_ATTACH_PURPOSES = (FilePurpose.COMPONENT, FilePurpose.SUPPLEMENT, FilePurpose.OTHER)


@contextlib.contextmanager
def written_files():
    """Yield a list; every storage name appended to it is deleted if the block raises."""
    names = []
    try:
        yield names
    except BaseException:
        for name in names:
            with contextlib.suppress(Exception):  # the original error matters more
                default_storage.delete(name)
        raise


def check_uploads(uploads, field):
    """Validate every upload first (nothing is written until all pass); ``field`` names the input in
    the error. Returns ``[(upload, CheckedFile)]``."""
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, validate_upload(upload)))
        except ValidationError as exc:
            raise ValidationError({field: exc.error_list}) from exc
    return checked


def store(
    dossier, upload, checked, written, *, actor, purpose, now, component=None, copy_type=None, digitised=False
):
    """Write one validated upload to storage and its ``DossierFile`` row (inside the caller's
    transaction and ``written_files`` block)."""
    row = DossierFile(
        dossier=dossier,
        component=component,
        purpose=purpose,
        copy_type=copy_type or CopyType.ELECTRONIC,
        original_name=display_name(upload.name),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        digitised=digitised,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        uploaded_at=now,
    )
    upload.seek(0)
    row.file.save(row.original_name, upload, save=False)
    written.append(row.file.name)
    row.save()
    return row


def _component(dossier, component):
    if component is None:
        return None
    pk = getattr(component, "pk", component)
    found = dossier.procedure_version.components.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise ValidationError({"component": _("Thành phần hồ sơ không thuộc thủ tục này.")})
    return found


def _may_attach(actor, dossier, purpose):
    if can_act_for_agency(actor, dossier.receiving_agency_id, {Role.ONE_STOP_OFFICER}):
        return True
    if can_act_for_agency(actor, dossier.handling_agency_id, _PROCESSORS):
        return True
    # The applicant's own account may only hand in what was asked for (regulations.md §2.2(5)).
    return (
        purpose == FilePurpose.SUPPLEMENT
        and dossier.state == State.SUPPLEMENT_REQUESTED
        and actor is not None
        and actor.pk == dossier.applicant_user_id
    )


def attach_file(
    actor,
    dossier,
    *,
    uploaded,
    component=None,
    copy_type,
    purpose,
    digitised=False,
    expected_version=None,
):
    """Add a component, supplement or other file to an open dossier (no state change; history
    action "attach_file"). A new file for a component replaces the component's current files; the
    replaced rows stay, marked with ``replaced_at``."""
    if purpose not in _ATTACH_PURPOSES:
        raise ValidationError({"purpose": _("Loại tệp không hợp lệ.")})
    if copy_type not in CopyType.values:
        raise ValidationError(
            {"copy_type": _("Chọn hình thức: bản chính, bản sao có chứng thực, bản chụp hoặc bản điện tử.")}
        )
    component = _component(dossier, component)
    if purpose == FilePurpose.COMPONENT and component is None:
        raise ValidationError({"component": _("Chọn thành phần hồ sơ của tệp.")})
    [(upload, checked)] = check_uploads([uploaded], "file")
    with written_files() as written, transaction.atomic():
        dossier = lock(dossier, expected_version)
        if dossier.state not in ATTACH_STATES:
            raise Conflict(_("Hồ sơ đã kết thúc xử lý, không thể bổ sung tệp."), code="invalid_transition")
        require(_may_attach(actor, dossier, purpose))
        now = timezone.now()
        replaced = 0
        if component is not None:
            replaced = DossierFile.objects.filter(
                dossier=dossier,
                component=component,
                purpose__in=(FilePurpose.COMPONENT, FilePurpose.SUPPLEMENT),
                replaced_at__isnull=True,
            ).update(replaced_at=now)
        row = store(
            dossier,
            upload,
            checked,
            written,
            actor=actor,
            purpose=purpose,
            now=now,
            component=component,
            copy_type=copy_type,
            digitised=digitised,
        )
        _touch(dossier)
        record(
            actor, dossier, "attach_file", dossier.state, now, row.original_name, _event_data(row, replaced)
        )
    return row


def attach_result(actor, dossier, uploaded, note=""):
    """Attach the result document (purpose "result"): the handling agency's specialists and leaders,
    while processing or once approved (history action "attach_result")."""
    [(upload, checked)] = check_uploads([uploaded], "file")
    with written_files() as written, transaction.atomic():
        dossier = lock(dossier, None)
        if dossier.state not in RESULT_STATES:
            raise Conflict(
                _("Chỉ đính kèm kết quả khi hồ sơ đang xử lý hoặc đã có kết quả."), code="invalid_transition"
            )
        require(can_act_for_agency(actor, dossier.handling_agency_id, _PROCESSORS))
        now = timezone.now()
        row = store(dossier, upload, checked, written, actor=actor, purpose=FilePurpose.RESULT, now=now)
        _touch(dossier)
        record(actor, dossier, "attach_result", dossier.state, now, (note or "").strip(), _event_data(row, 0))
    return row


def _touch(dossier):
    dossier.version += 1
    dossier.save(update_fields=["version", "updated_at"])


def _event_data(row, replaced):
    data = {"file": row.pk, "name": row.original_name, "purpose": row.purpose, "sha256": row.sha256}
    if row.component_id:
        data["component"] = row.component_id
    if replaced:
        data["replaced"] = replaced
    return data
