"""Drive a dossier into any state through the services, and try any action with valid arguments."""

import datetime

from lienthong.dossiers import services
from lienthong.dossiers.models import State
from lienthong.dossiers.tests import factories as f

ACTIONS = (
    "assign",
    "transfer",
    "request_supplement",
    "receive_supplement",
    "refuse",
    "stop",
    "withdraw",
    "apologise",
    "approve",
    "return_result",
    "request_obligation",
    "obligation_fulfilled",
)

# The state where each action is normally taken (PROCESSING unless listed).
NATURAL_STATES = {
    "receive_supplement": State.SUPPLEMENT_REQUESTED,
    "return_result": State.APPROVED,
    "obligation_fulfilled": State.FINANCIAL_OBLIGATION,
}

# A financial obligation as the handling agency states it (land registration: registration fee).
OBLIGATION = [{"kind": "obligation", "description": "Lệ phí trước bạ nhà, đất", "amount": 1_250_000}]


def dossier_in(world, state):
    if state == State.REFUSED_AT_RECEIPT:
        return world.receive(outcome="refuse_at_receipt", reasons="Không đủ điều kiện")
    if state == State.REDIRECTED:
        return world.receive(outcome="redirect", redirect_to=f.commune())
    d = world.receive()
    if state == State.RECEIVED:
        return d
    d = services.transfer(world.desk, d, assignee=world.specialist)
    if state == State.PROCESSING:
        return d
    if state == State.SUPPLEMENT_REQUESTED:
        return services.request_supplement(world.specialist, d, ["Bản sao giấy khai sinh"])
    if state == State.FINANCIAL_OBLIGATION:
        # Amounts notified by the tax office, so no charge here: the desk confirms fulfilment.
        return services.request_obligation(world.specialist, d, [], "Chờ thông báo thuế của Chi cục Thuế")
    if state in (State.APPROVED, State.RETURNED):
        d = services.approve(world.leader, d)
        return (
            d
            if state == State.APPROVED
            else services.return_result(world.desk, d, "counter", "Trần Thị Hồng")
        )
    ending = {
        State.REFUSED: services.refuse,
        State.STOPPED: services.stop,
        State.WITHDRAWN: services.withdraw,
    }
    return ending[state](world.leader if state == State.REFUSED else world.desk, d, "Lý do thử nghiệm")


def attempt(world, dossier, action, actor=None):
    """Call ``action`` with valid arguments, as the natural actor unless ``actor`` is given."""
    later = dossier.appointment_at + datetime.timedelta(days=1) if dossier.appointment_at else None
    calls = {
        "assign": (
            world.unit_leader,
            lambda a: services.assign(
                a, dossier, world.desk if dossier.state == State.RECEIVED else world.specialist
            ),
        ),
        "transfer": (world.desk, lambda a: services.transfer(a, dossier)),
        "request_supplement": (
            world.specialist,
            lambda a: services.request_supplement(a, dossier, ["Tờ khai"]),
        ),
        "receive_supplement": (world.desk, lambda a: services.receive_supplement(a, dossier)),
        "refuse": (world.leader, lambda a: services.refuse(a, dossier, "Không đủ điều kiện")),
        "stop": (world.desk, lambda a: services.stop(a, dossier, "Người nộp đề nghị dừng")),
        "withdraw": (world.desk, lambda a: services.withdraw(a, dossier, "Rút hồ sơ")),
        "apologise": (world.leader, lambda a: services.apologise(a, dossier, later, "Chờ xác minh")),
        "approve": (world.leader, lambda a: services.approve(a, dossier)),
        "return_result": (
            world.desk,
            lambda a: services.return_result(a, dossier, "counter", "Trần Thị Hồng"),
        ),
        "request_obligation": (
            world.specialist,
            lambda a: services.request_obligation(a, dossier, OBLIGATION, "Nộp lệ phí trước bạ"),
        ),
        "obligation_fulfilled": (world.desk, lambda a: services.obligation_fulfilled(a, dossier)),
    }
    if dossier.state != State.RECEIVED:
        calls["transfer"] = (world.specialist, calls["transfer"][1])
    natural, call = calls[action]
    return call(actor or natural)
