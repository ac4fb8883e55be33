import datetime
import itertools

import factory

from lienthong.directory import models

_citizen_serial = itertools.count(100001)


def make_citizen_id(date_of_birth, gender, province="086"):
    """A well-formed citizen ID whose gender/century and year digits agree with the person."""
    century = (date_of_birth.year // 100 - 19) * 2 + (1 if gender == "F" else 0)
    return f"{province}{century}{date_of_birth.year % 100:02d}{next(_citizen_serial):06d}"


class AdministrativeUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AdministrativeUnit

    code = factory.Sequence(lambda n: f"{90000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    division_type = models.DivisionType.COMMUNE


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agency

    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm Số {n}")
    short_name = factory.Sequence(lambda n: f"STN{n}")
    kind = models.AgencyKind.DEPARTMENT
    code = factory.Sequence(lambda n: f"000.00.{n % 100:02d}.H{n // 100 % 100:02d}" if n < 10000 else None)


class InternalUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.InternalUnit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng Nghiệp vụ {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Position
        django_get_or_create = ("name",)

    name = "Chuyên viên"


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Official

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = models.Gender.MALE
    date_of_birth = datetime.date(1985, 5, 17)
    citizen_id = factory.LazyAttribute(lambda o: make_citizen_id(o.date_of_birth, o.gender))
    agency = factory.SubFactory(AgencyFactory)
    email = factory.Sequence(lambda n: f"canbo{n}@vinhlong.gov.vn")
