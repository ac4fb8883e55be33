"""Trigram indexes for the folded search columns on PostgreSQL (LIKE '%term%' then uses the index).

pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner may create it. If it cannot
be created, search still works, by a scan; nothing else depends on the index. SQLite has no
equivalent: the catalogue is small enough there (a few thousand rows) for a scan.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEXES = (
    ("catalog_version_search_trgm", "search_folded"),
    ("catalog_version_name_trgm", "name_folded"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for name, column in INDEXES:
                schema_editor.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON catalog_procedureversion "
                    f"USING gin ({column} gin_trgm_ops)"
                )
    except DatabaseError as exc:
        logger.warning("Catalogue search runs without trigram indexes: %s", exc)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
