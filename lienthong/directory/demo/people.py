"""Invented demo persons: names, dates of birth and citizen IDs derived from a stable key.

The same key always yields the same person, so re-running the demo finds the rows it made before:
changing these rules changes the persons, and a database loaded before would keep the old ones.
Citizen IDs follow the digit rules of Circular 59/2021/TT-BCA Art. 7 (see directory/validators.py);
they are generated, and any match with a number issued to a real person is coincidental.
"""

import datetime
import hashlib
from dataclasses import dataclass

FAMILY_NAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Trương",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Thạch",
    "Kim",
    "Sơn",
)
MIDDLE_NAMES = {
    "M": ("Văn", "Hữu", "Minh", "Quốc", "Thanh", "Công"),
    "F": ("Thị", "Ngọc", "Thanh", "Kim", "Mỹ"),
}
GIVEN_NAMES = {
    "M": ("Hùng", "Dũng", "Phúc", "Tâm", "Khang", "Nghĩa", "Tài", "Lộc", "Thắng", "Hiếu", "Trung", "Bảo"),
    "F": ("Lan", "Hoa", "Thảo", "Trang", "Ngân", "Hạnh", "Diễm", "Nhung", "Vy", "Yến", "Thư", "Quyên"),
}
# Birth registered in the former Vĩnh Long, Bến Tre or Trà Vinh: the provinces merged into Vĩnh Long.
BIRTH_PROVINCES = ("086", "083", "084")


@dataclass(frozen=True)
class Person:
    full_name: str
    gender: str
    date_of_birth: datetime.date
    citizen_id: str


def _digits(key):
    return int.from_bytes(hashlib.sha256(key.encode()).digest(), "big")


def citizen_id(date_of_birth, gender, province, serial):
    """12 digits: province of birth registration, gender/century, year of birth, 6-digit serial."""
    century = (date_of_birth.year // 100 - 19) * 2 + (1 if gender == "F" else 0)
    return f"{province}{century}{date_of_birth.year % 100:02d}{serial % 1_000_000:06d}"


def person(key, gender=None, born_between=(1970, 1996)):
    """The demo person for ``key``: the same key gives the same person on every run."""
    n = _digits(key)
    gender = gender or ("M", "F")[n % 2]
    n //= 2
    family = FAMILY_NAMES[n % len(FAMILY_NAMES)]
    n //= len(FAMILY_NAMES)
    middle = MIDDLE_NAMES[gender][n % len(MIDDLE_NAMES[gender])]
    n //= len(MIDDLE_NAMES[gender])
    given = GIVEN_NAMES[gender][n % len(GIVEN_NAMES[gender])]
    n //= len(GIVEN_NAMES[gender])
    first, last = born_between
    born = datetime.date(first + n % (last - first), 1 + n // 97 % 12, 1 + n // 1_201 % 28)
    n //= 100_000
    province = BIRTH_PROVINCES[n % len(BIRTH_PROVINCES)]
    n //= len(BIRTH_PROVINCES)
    return Person(f"{family} {middle} {given}", gender, born, citizen_id(born, gender, province, n))
