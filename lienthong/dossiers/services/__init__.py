"""Every change to a dossier goes through these functions (one module per sub-domain)."""

from lienthong.dossiers.services.files import attach_file, attach_result
from lienthong.dossiers.services.obligations import obligation_fulfilled, request_obligation
from lienthong.dossiers.services.processing import (
    apologise,
    approve,
    assign,
    receive_supplement,
    refuse,
    request_supplement,
    stop,
    transfer,
    withdraw,
)
from lienthong.dossiers.services.rating import rate
from lienthong.dossiers.services.receipt import receive
from lienthong.dossiers.services.results import return_result

__all__ = [
    "apologise",
    "approve",
    "assign",
    "attach_file",
    "attach_result",
    "obligation_fulfilled",
    "rate",
    "receive",
    "receive_supplement",
    "refuse",
    "request_obligation",
    "request_supplement",
    "return_result",
    "stop",
    "transfer",
    "withdraw",
]
