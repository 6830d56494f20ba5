"""Tracking numbers from a PostgreSQL sequence per year (`complaints.services.tracking`):
`complaints_tracking_<year>` for every year already counted, and for the current and
the next year, each starting above the numbers used (the year's counter row and the
codes stored). Later years get theirs at their first code. SQLite keeps the counter
table, and so does this migration there: it does nothing.

Reversed, the counters take the sequences' last values and the sequences are dropped."""

import datetime

from django.db import migrations

PREFIX = "YT"


def _years(cursor) -> set[int]:
    cursor.execute("SELECT year FROM complaints_trackingsequence")
    years = {row[0] for row in cursor.fetchall()}
    cursor.execute(
        "SELECT DISTINCT SUBSTRING(tracking_code FROM 4 FOR 4)::int FROM complaints_case "
        "WHERE tracking_code ~ %s",
        [rf"^{PREFIX}-[0-9]{{4}}-[0-9]+$"],
    )
    years |= {row[0] for row in cursor.fetchall()}
    this_year = datetime.date.today().year
    return years | {this_year, this_year + 1}


def create_sequences(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for year in sorted(_years(cursor)):
            cursor.execute(
                "SELECT GREATEST("
                " (SELECT COALESCE(MAX(last_number), 0) FROM complaints_trackingsequence"
                "  WHERE year = %s),"
                " (SELECT COALESCE(MAX(SUBSTRING(tracking_code FROM 9)::bigint), 0)"
                "  FROM complaints_case WHERE tracking_code ~ %s))",
                [year, rf"^{PREFIX}-{year}-[0-9]+$"],
            )
            start = int(cursor.fetchone()[0]) + 1
            cursor.execute(
                f'CREATE SEQUENCE IF NOT EXISTS "complaints_tracking_{int(year)}" '
                f"START WITH {start}"
            )


def drop_sequences(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = current_schema() AND sequencename ~ '^complaints_tracking_[0-9]{4}$'"
        )
        for name, last_value in cursor.fetchall():
            year = int(name.rsplit("_", 1)[1])
            if last_value is not None:
                cursor.execute(
                    "INSERT INTO complaints_trackingsequence (year, last_number) VALUES (%s, %s) "
                    "ON CONFLICT (year) DO UPDATE SET last_number = GREATEST("
                    "complaints_trackingsequence.last_number, EXCLUDED.last_number)",
                    [year, last_value],
                )
            cursor.execute(f'DROP SEQUENCE "{name}"')


class Migration(migrations.Migration):
    dependencies = [("complaints", "0010_reporter_identity_indexes")]

    operations = [migrations.RunPython(create_sequences, drop_sequences)]
