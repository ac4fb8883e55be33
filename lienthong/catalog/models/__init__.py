from lienthong.catalog.models.choices import (
    Action,
    Channel,
    CountingMode,
    FeeKind,
    Level,
    OnlineCategory,
    ProcedureType,
    PublicationState,
    Requirement,
    ResultType,
    TimeUnit,
)
from lienthong.catalog.models.parts import DossierComponent, Fee, ProcessStep
from lienthong.catalog.models.procedure import Field, Procedure, ProcedureVersion

__all__ = [
    "Action",
    "Channel",
    "CountingMode",
    "DossierComponent",
    "Fee",
    "FeeKind",
    "Field",
    "Level",
    "OnlineCategory",
    "Procedure",
    "ProcedureType",
    "ProcedureVersion",
    "ProcessStep",
    "PublicationState",
    "Requirement",
    "ResultType",
    "TimeUnit",
]
