"""Extended statistics on the deadline rows' step and open/closed columns (PostgreSQL only).

The workspace list in deadline order reads the cases waiting on a notice to the parties from
the partial index `casedeadline_open_step_due` (complaints/admin/due_order.py). PostgreSQL
estimates that part's rows from each column alone (a step that is a notice, `settled_at`
unset, `superseded_at` unset) as if they were independent: on 100,000 generated cases with
475 notices open it guessed 9,437 and hashed every case in scope instead of probing the
few. A most-common-values statistic on the three columns together gives it 459 (EXPLAIN
ANALYZE, docs/benchmarks.md, "Staff screens at 100,000 cases"). `ANALYZE` of the one table
builds it at once rather than at autovacuum's next pass. SQLite has no such statistics: the
migration does nothing there."""

from django.db import migrations

NAME = "casedeadline_open_step_stats"


def create_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {NAME} (mcv) "
            "ON step, settled_at, superseded_at FROM complaints_casedeadline"
        )
        cursor.execute("ANALYZE complaints_casedeadline")


def drop_statistics(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0035_dialogue_result_and_minutes_template")]

    operations = [migrations.RunPython(create_statistics, drop_statistics, elidable=False)]
