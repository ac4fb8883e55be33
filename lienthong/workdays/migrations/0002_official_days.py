"""The installation's calendar with the Government's 2026–2027 breaks and swaps (see official_days.py)."""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    from lienthong.workdays import official_days

    code = settings.PROVINCE_CODE
    official_days.load(
        apps.get_model("workdays", "WorkCalendar"),
        apps.get_model("workdays", "CalendarOverride"),
        code,
        official_days.default_calendar_name(code),
        apps.get_model("workdays", "WorkingHours"),
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
