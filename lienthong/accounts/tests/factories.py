import factory
from django.contrib.auth.hashers import make_password

from lienthong.accounts import models
from lienthong.accounts.roles import Role
from lienthong.directory.tests.factories import AgencyFactory, OfficialFactory

TEST_PASSWORD = "Mat-khau-thu-2026"
_HASH = {}


def _hashed():
    # Argon2 is deliberately slow: hash the shared test password once per run.
    if "value" not in _HASH:
        _HASH["value"] = make_password(TEST_PASSWORD)
    return _HASH["value"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.Sequence(lambda n: f"nguoidung{n}@example.vn")
    kind = models.AccountKind.CITIZEN
    password = factory.LazyFunction(_hashed)


class OfficialUserFactory(UserFactory):
    kind = models.AccountKind.OFFICIAL
    official = factory.SubFactory(OfficialFactory)
    first_name = ""


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RoleAssignment

    user = factory.SubFactory(OfficialUserFactory)
    role = Role.SPECIALIST
    agency = factory.SubFactory(AgencyFactory)
