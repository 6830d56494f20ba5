"""The benchmarks' CPU accounting (`bench/cpu.py`): a process tree's time and the time of
PostgreSQL's backends of one database, read from /proc."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection

from bench.cpu import cpu_per_request, cpu_reading

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="Linux's /proc")


def test_a_child_process_counts_towards_its_server():
    """The server's workers are its children: their time is the server's."""
    child = subprocess.Popen(  # a worker that burns 0.3 s of CPU, then waits to be read
        [sys.executable, "-c",
         "import time\nend = time.process_time() + 0.3\n"
         "while time.process_time() < end: pass\ntime.sleep(30)"],
    )
    try:
        before = cpu_reading(os.getpid(), None)
        time.sleep(1.0)  # the child burns meanwhile
        after = cpu_reading(os.getpid(), None)
    finally:
        child.kill()
        child.wait()
    server_ms, database_ms = cpu_per_request(before, after, 1)
    assert server_ms >= 250
    assert database_ms is None  # no PostgreSQL database named: SQLite's work is the server's


@pytest.mark.django_db
def test_postgresql_backends_of_the_database_are_counted_apart():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's backends")
    name = connection.settings_dict["NAME"]
    before = cpu_reading(os.getpid(), name)
    with connection.cursor() as cursor:  # about half a second of the backend's CPU
        cursor.execute("SELECT count(*) FROM generate_series(1, 3000000) AS a(n) WHERE n % 7 = 0")
    after = cpu_reading(os.getpid(), name)
    server_ms, database_ms = cpu_per_request(before, after, 1)
    assert database_ms >= 100
    assert server_ms < database_ms  # the test's process only waited
