"""The dossier's transition table: state → action → next state, who may act, and why (legal basis).

Article numbers of Decree 61/2018 are those regulations.md §2.2 gives as probable ("Chapter III,
roughly Arts. 15–20"); Decree 118/2025/NĐ-CP replaced it on 1 Jul 2025 and kept its mechanics.
``APPLICANT`` stands for the dossier's own applicant account.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lienthong.accounts.roles import Role
from lienthong.core.api.errors import Conflict
from lienthong.dossiers.models import State

APPLICANT = "applicant"
DESK = "receiving"  # the action is taken for the receiving agency (the one-stop desk)
HANDLER = "handling"  # the action is taken for the agency currently handling the dossier

RECEIVE = "NĐ 118/2025/NĐ-CP (thay NĐ 61/2018 Điều 15 [probable]): tiếp nhận hồ sơ"
TRANSFER = "NĐ 118/2025/NĐ-CP (thay NĐ 61/2018 Điều 16 [probable]): chuyển hồ sơ, liên thông"
PROCESS = "NĐ 118/2025/NĐ-CP (thay NĐ 61/2018 Điều 17 [probable]): giải quyết hồ sơ"
SUPPLEMENT = "NĐ 61/2018 Điều 17 [probable]: yêu cầu bổ sung một lần; QĐ 766/QĐ-TTg: từ lần 2 tính quá hạn"
APOLOGY = "NĐ 107/2021 sửa NĐ 61/2018 Điều 17 [probable]: xin lỗi, hẹn lại một lần, trước hạn ít nhất 1 ngày"
RETURN = "NĐ 118/2025/NĐ-CP (thay NĐ 61/2018 Điều 18 [probable]): trả kết quả"
STOP = "NĐ 118/2025/NĐ-CP [probable]: dừng giải quyết, rút hồ sơ (regulations.md §2.2 mục 7)"
OBLIGATION = (
    "NĐ 118/2025/NĐ-CP [probable]: yêu cầu thực hiện nghĩa vụ tài chính (regulations.md §2.2 mục 7); "
    "Luật Đất đai 2024 [probable]: thời gian thực hiện nghĩa vụ tài chính không tính vào thời gian giải quyết"
)

LEADERS = frozenset({Role.UNIT_LEADER, Role.AGENCY_LEADER})
_PROCESSORS = LEADERS | {Role.SPECIALIST}
_DESK = frozenset({Role.ONE_STOP_OFFICER})


@dataclass(frozen=True)
class Edge:
    target: str
    roles: frozenset
    acting_for: str
    basis: str


_LIVE = (State.RECEIVED, State.PROCESSING)
_OPEN = (State.RECEIVED, State.PROCESSING, State.SUPPLEMENT_REQUESTED)

TRANSITIONS = {
    State.NEW: {
        "accept": Edge(State.RECEIVED, _DESK, DESK, RECEIVE),
        "refuse_at_receipt": Edge(State.REFUSED_AT_RECEIPT, _DESK, DESK, RECEIVE),
        "redirect": Edge(State.REDIRECTED, _DESK, DESK, RECEIVE),
    },
    **{
        state: {
            "assign": Edge(state, LEADERS | _DESK, HANDLER, TRANSFER),
            "transfer": Edge(State.PROCESSING, _PROCESSORS | _DESK, HANDLER, TRANSFER),
            "request_supplement": Edge(State.SUPPLEMENT_REQUESTED, _PROCESSORS | _DESK, HANDLER, SUPPLEMENT),
            "refuse": Edge(State.REFUSED, LEADERS, HANDLER, PROCESS),
            "stop": Edge(State.STOPPED, _DESK | {Role.AGENCY_LEADER}, DESK, STOP),
            "withdraw": Edge(State.WITHDRAWN, _DESK | {APPLICANT}, DESK, STOP),
            "apologise": Edge(state, frozenset({Role.AGENCY_LEADER}), HANDLER, APOLOGY),
        }
        for state in _LIVE
    },
    State.SUPPLEMENT_REQUESTED: {
        "receive_supplement": Edge(State.PROCESSING, _DESK, DESK, SUPPLEMENT),
        "stop": Edge(State.STOPPED, _DESK | {Role.AGENCY_LEADER}, DESK, STOP),
        "withdraw": Edge(State.WITHDRAWN, _DESK | {APPLICANT}, DESK, STOP),
    },
}
TRANSITIONS[State.PROCESSING]["approve"] = Edge(State.APPROVED, LEADERS, HANDLER, PROCESS)
TRANSITIONS[State.PROCESSING]["request_obligation"] = Edge(
    State.FINANCIAL_OBLIGATION, _PROCESSORS | _DESK, HANDLER, OBLIGATION
)
# Fulfilled: confirmed by the desk, or on its own when the obligation's last charge is paid or waived
# (services.obligations.settle).
TRANSITIONS[State.FINANCIAL_OBLIGATION] = {
    "obligation_fulfilled": Edge(State.PROCESSING, _DESK, DESK, OBLIGATION),
    "stop": Edge(State.STOPPED, _DESK | {Role.AGENCY_LEADER}, DESK, STOP),
    "withdraw": Edge(State.WITHDRAWN, _DESK | {APPLICANT}, DESK, STOP),
}
TRANSITIONS[State.APPROVED] = {"return_result": Edge(State.RETURNED, _DESK, DESK, RETURN)}

# Internal state → national status code (regulations.md §4.3), mapping version 1. Refusal during
# processing is reported as "not received" (3), like a refusal at receipt; redirect likewise [probable].
NATIONAL_STATUS_VERSION = 1
NATIONAL_STATUS = {
    State.NEW: 1,
    State.RECEIVED: 2,
    State.REFUSED_AT_RECEIPT: 3,
    State.REDIRECTED: 3,
    State.REFUSED: 3,
    State.PROCESSING: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.FINANCIAL_OBLIGATION: 6,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
    State.APPROVED: 9,
    State.RETURNED: 10,
}
TERMINAL = frozenset(
    {State.REFUSED_AT_RECEIPT, State.REDIRECTED, State.REFUSED, State.STOPPED, State.WITHDRAWN}
)


def edge(state, action):
    """The edge for ``action`` from ``state``; ``Conflict`` (409) when the table has none."""
    found = TRANSITIONS.get(state, {}).get(action)
    if found is None:
        raise Conflict(
            _("Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ."),
            code="invalid_transition",
        )
    return found


def allowed_actions(state):
    return sorted(TRANSITIONS.get(state, {}))


# What each history action is called on pages, forms and notifications.
ACTION_LABELS = {
    "accept": _lazy("Tiếp nhận hồ sơ"),
    "refuse_at_receipt": _lazy("Từ chối tiếp nhận"),
    "redirect": _lazy("Hướng dẫn nộp tại cơ quan có thẩm quyền"),
    "assign": _lazy("Phân công xử lý"),
    "transfer": _lazy("Chuyển bước xử lý"),
    "request_supplement": _lazy("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "receive_supplement": _lazy("Tiếp nhận hồ sơ bổ sung"),
    "request_obligation": _lazy("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "obligation_fulfilled": _lazy("Đã thực hiện nghĩa vụ tài chính"),
    "apologise": _lazy("Xin lỗi, hẹn lại ngày trả kết quả"),
    "refuse": _lazy("Từ chối giải quyết"),
    "stop": _lazy("Dừng giải quyết"),
    "withdraw": _lazy("Rút hồ sơ"),
    "approve": _lazy("Phê duyệt kết quả"),
    "attach_result": _lazy("Đính kèm kết quả"),
    "return_result": _lazy("Trả kết quả"),
    "attach_file": _lazy("Bổ sung tệp đính kèm"),
    "rate": _lazy("Đánh giá mức độ hài lòng"),
}


def action_label(action):
    return ACTION_LABELS.get(action, action)
