from lienthong.accounts import permissions


def header_roles(user):
    """Short role labels with the agency for the page header."""
    return [
        {"label": a.get_role_display(), "agency": a.agency.short_name or a.agency.name}
        for a in permissions.active_roles(user)
    ]


def home_summary(user):
    official = None
    if user.official_id:
        from lienthong.directory.models import Official

        official = Official.objects.select_related("agency", "internal_unit", "position").get(
            pk=user.official_id
        )
    return {"official": official, "roles": permissions.active_roles(user)}
