from lienthong.dossiers.models.choices import (
    ApplicantKind,
    Channel,
    DeliveryMethod,
    State,
    Timeliness,
)
from lienthong.dossiers.models.dossier import DailyCounter, Dossier, DossierEvent, DossierStep

__all__ = [
    "ApplicantKind",
    "Channel",
    "DailyCounter",
    "DeliveryMethod",
    "Dossier",
    "DossierEvent",
    "DossierStep",
    "State",
    "Timeliness",
]
