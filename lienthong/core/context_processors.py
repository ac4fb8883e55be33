from django.conf import settings


def platform(request):
    """Platform name and the acting official's agency and roles for the header."""
    data = {"PLATFORM_NAME": settings.PLATFORM_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from lienthong.accounts.selectors import header_roles

        data["header_roles"] = header_roles(user)
    return data
