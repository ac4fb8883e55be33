from lienthong.dossiers.models.choices import (
    ApplicantKind,
    Channel,
    CopyType,
    DeliveryMethod,
    FilePurpose,
    Satisfaction,
    State,
    Timeliness,
)
from lienthong.dossiers.models.dossier import DailyCounter, Dossier, DossierEvent, DossierStep
from lienthong.dossiers.models.files import DossierFile
from lienthong.dossiers.models.rating import Rating

__all__ = [
    "ApplicantKind",
    "Channel",
    "CopyType",
    "DailyCounter",
    "DeliveryMethod",
    "Dossier",
    "DossierEvent",
    "DossierFile",
    "DossierStep",
    "FilePurpose",
    "Rating",
    "Satisfaction",
    "State",
    "Timeliness",
]
