"""Full-text indexes of the database backend, per database: PostgreSQL GIN over
to_tsvector('simple', folded_text) (and trigram for partial tracking codes),
SQLite FTS5 tables kept in step by triggers. A few synonym groups to start with."""

from django.db import migrations

TABLES = ("search_searchentry", "search_casesearchentry")

POSTGRES = [
    *(
        f"CREATE INDEX IF NOT EXISTS {t}_fts ON {t} USING gin (to_tsvector('simple', folded_text))"
        for t in TABLES
    ),
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS complaints_case_code_trgm ON complaints_case "
    "USING gin (upper(tracking_code) gin_trgm_ops)",
]
POSTGRES_UNDO = [
    *(f"DROP INDEX IF EXISTS {t}_fts" for t in TABLES),
    "DROP INDEX IF EXISTS complaints_case_code_trgm",
]


def sqlite(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(folded_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, folded_text) VALUES (new.id, new.folded_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, folded_text) VALUES ('delete', old.id, old.folded_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF folded_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, folded_text) VALUES ('delete', old.id, old.folded_text); "
        f"INSERT INTO {fts}(rowid, folded_text) VALUES (new.id, new.folded_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def sqlite_undo(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def statements(vendor: str, undo: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRES_UNDO if undo else POSTGRES
    if vendor == "sqlite":
        return [s for t in TABLES for s in (sqlite_undo(t) if undo else sqlite(t))]
    return []


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, undo=False):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, undo=True):
        schema_editor.execute(sql)


SYNONYMS = ["vắc xin, vacxin, vaccine", "COVID-19, covid19, covid"]


def seed_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create(SynonymGroup(terms=t) for t in SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_vietnamese_fts")]

    operations = [
        migrations.RunPython(create, drop),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
