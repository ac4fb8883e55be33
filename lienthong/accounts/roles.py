"""The roles an account holds, each scoped to an agency and optionally one of its internal units."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ONE_STOP_OFFICER = "one_stop_officer", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Chuyên viên")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo phòng")
    AGENCY_LEADER = "agency_leader", _("Lãnh đạo cơ quan")
    CLERK = "clerk", _("Văn thư")
    AGENCY_ADMIN = "agency_admin", _("Quản trị cơ quan")
    PROVINCE_IT_ADMIN = "province_it_admin", _("Quản trị hệ thống cấp tỉnh")


# Roles with administrative rights: they must pass TOTP MFA before acting.
ADMIN_ROLES = frozenset({Role.AGENCY_ADMIN, Role.PROVINCE_IT_ADMIN})
LEADER_ROLES = frozenset({Role.UNIT_LEADER, Role.AGENCY_LEADER})
