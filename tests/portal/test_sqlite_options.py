"""A SQLite file named by `DATABASE_URL` gets the one-machine default's options: two
officers' steps at once wait for each other instead of failing "database is locked"."""

import threading

import pytest
from django.db.utils import ConnectionHandler

from portal.settings import env


@pytest.fixture
def url_database(tmp_path, monkeypatch, django_db_blocker):
    """The settings' database for a `DATABASE_URL` of a file, opened outside the tests'."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    config = env.database(tmp_path / "var")
    handler = ConnectionHandler({"default": config})
    with django_db_blocker.unblock():
        yield config, handler
        handler.close_all()


def test_a_sqlite_url_gets_the_defaults_options(url_database):
    config, _handler = url_database
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"] == env.SQLITE_OPTIONS


def test_two_read_then_write_transactions_at_once_both_commit(url_database):
    """Each reads the row, then writes it (as a step reads the case, then saves it). A
    deferred transaction upgraded to a write after the other's commit fails at once."""
    _config, handler = url_database
    with handler["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    both_read = threading.Barrier(2, timeout=2)
    errors = []

    def step():
        connection = handler["default"]  # this thread's own connection
        try:
            # What `transaction.atomic` does on SQLite: BEGIN, with the configured mode.
            connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                [(n,)] = cursor.fetchall()
                try:
                    both_read.wait()
                except threading.BrokenBarrierError:
                    pass  # the other waits for this one's lock: it reads after the commit
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
            connection.commit()
        except Exception as error:  # noqa: BLE001 (the test reports it)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=step) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with handler["default"].cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (2,)
