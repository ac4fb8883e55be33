"""Every change to a dossier goes through these functions (one module per sub-domain)."""

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
from lienthong.dossiers.services.receipt import receive
from lienthong.dossiers.services.results import return_result

__all__ = [
    "apologise",
    "approve",
    "assign",
    "receive",
    "receive_supplement",
    "refuse",
    "request_supplement",
    "return_result",
    "stop",
    "transfer",
    "withdraw",
]
