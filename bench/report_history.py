"""A history for the cases `bench/generate.py` made, so `bench/report.py` measures the periodic
report as at a period's end on records like a province's: `generate.py` stores every case's
deadline rows at the moment it runs (so each period's end would see them all as stored after
it) and no events. This writes, in SQL, on PostgreSQL, once, on a benchmark's database only:

- the deadline rows as the portal stores them: each stored when its clock started (receipt; the
  resolution at acceptance), an accepted case's first estimate of its resolution (counted from
  receipt) superseded at its acceptance;
- every case's submission and a note, its acceptance where it was accepted; a closed case's
  conclusion (with a finding for a khiếu nại, tố cáo) and close, 5 to 44 days after its
  acceptance and two days ago at the latest;
- a suspension for 1 % of the accepted cases, five days after their acceptance (their status
  suspended since), a reopening yesterday for 0.2 % of the closed cases (verifying since);
- deadlines moved today: the resolution deadline of 1 % of the accepted cases recomputed (15
  days later: marked complex, remote, extended), and the acceptance of 5 % of the tố cáo not
  accepted extended two days after receipt (khoản 1 Điều 24 Luật Tố cáo: the 10-day step).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_h_report \\
        DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python bench/report_history.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TZ = "Asia/Ho_Chi_Minh"
EVENT_COLUMNS = (
    "action, from_status, to_status, at, is_public, public_message, note, data, actor_id, "
    "case_id, idempotency_key, request_fingerprint"
)
ROW_COLUMNS = (
    "case_id, step, due, due_at, counted_in, amount, counted_from, legal_basis, rule_version, "
    "unconfirmed, created_at, superseded_at, settled_at"
)

STATEMENTS = [
    # The deadline rows stored when their clock started.
    """UPDATE complaints_casedeadline d SET created_at = c.received_at
       FROM complaints_case c WHERE c.id = d.case_id AND d.step <> 'resolve'""",
    """UPDATE complaints_casedeadline d SET created_at = coalesce(c.accepted_at, c.received_at)
       FROM complaints_case c WHERE c.id = d.case_id AND d.step = 'resolve'""",
    # The intake's estimate of the resolution, counted from receipt, superseded at acceptance.
    f"""INSERT INTO complaints_casedeadline ({ROW_COLUMNS})
       SELECT d.case_id, 'resolve', d.due - (c.accepted_at::date - c.received_at::date),
              d.due_at, d.counted_in, d.amount, c.received_at::date, d.legal_basis,
              d.rule_version, d.unconfirmed, c.received_at, c.accepted_at, NULL
       FROM complaints_casedeadline d JOIN complaints_case c ON c.id = d.case_id
       WHERE d.step = 'resolve' AND d.superseded_at IS NULL AND c.accepted_at IS NOT NULL""",
    # A closed case's conclusion and close.
    """UPDATE complaints_case SET
         concluded_at = greatest(accepted_at, least(
           accepted_at + (5 + id % 40) * interval '1 day', now() - interval '2 days')),
         finding = CASE WHEN kind IN ('khieu_nai', 'to_cao')
                        THEN (ARRAY['correct', 'partly_correct', 'wrong'])[1 + id % 3]
                        ELSE finding END
       WHERE status = 'closed'""",
    "UPDATE complaints_case SET closed_at = concluded_at + interval '1 hour' "
    "WHERE status = 'closed'",
    # The events.
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'submit', '', 'received', received_at, true, '', '', '{{}}', NULL, id, NULL, ''
       FROM complaints_case""",
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'note', '', '', received_at + interval '1 hour', false, '', 'Đã gọi điện cho
       người gửi', '{{}}', NULL, id, NULL, '' FROM complaints_case""",
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'accept', 'received', 'accepted', accepted_at, true, '', '', '{{}}', NULL, id,
              NULL, ''
       FROM complaints_case WHERE accepted_at IS NOT NULL""",
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'conclude', 'verifying', 'concluded', concluded_at, true, '', '',
              CASE WHEN finding <> '' THEN jsonb_build_object('finding', finding)
                   ELSE '{{}}'::jsonb END, NULL, id, NULL, ''
       FROM complaints_case WHERE concluded_at IS NOT NULL""",
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'close', 'concluded', 'closed', closed_at, true, '', '', '{{}}', NULL, id, NULL, ''
       FROM complaints_case WHERE closed_at IS NOT NULL""",
    # Suspended: 1 % of the accepted cases, five days after their acceptance.
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'suspend', status, 'suspended', accepted_at + interval '5 days', true, '', '',
              jsonb_build_object('on', ((accepted_at + interval '5 days')
                                        AT TIME ZONE '{TZ}')::date::text,
                                 'reason', 'Chờ kết quả giám định'), NULL, id, NULL, ''
       FROM complaints_case
       WHERE status IN ('accepted', 'verifying') AND id % 100 = 7
         AND accepted_at + interval '5 days' < now()""",
    """UPDATE complaints_case SET status = 'suspended'
       WHERE id IN (SELECT case_id FROM complaints_caseevent WHERE action = 'suspend')""",
    # Reopened yesterday: 0.2 % of the closed cases (a review's decision).
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'reopen', 'closed', 'verifying', now() - interval '1 day', true, '', '',
              '{{}}', NULL, id, NULL, ''
       FROM complaints_case WHERE status = 'closed' AND id % 500 = 3""",
    """UPDATE complaints_case SET status = 'verifying', concluded_at = NULL, closed_at = NULL,
              finding = ''
       WHERE id IN (SELECT case_id FROM complaints_caseevent WHERE action = 'reopen')""",
    # Deadlines moved today: 1 % of the accepted cases' resolution recomputed, 15 days later.
    """CREATE TEMPORARY TABLE bench_moved AS
       SELECT id FROM complaints_case
       WHERE accepted_at IS NOT NULL AND resolve_by IS NOT NULL AND id % 100 = 42""",
    """UPDATE complaints_casedeadline SET superseded_at = now()
       WHERE step = 'resolve' AND superseded_at IS NULL
         AND case_id IN (SELECT id FROM bench_moved)""",
    f"""INSERT INTO complaints_casedeadline ({ROW_COLUMNS})
       SELECT d.case_id, 'resolve', d.due + 15, d.due_at, d.counted_in, d.amount + 15,
              d.counted_from, d.legal_basis, d.rule_version, d.unconfirmed, now(), NULL, NULL
       FROM complaints_casedeadline d
       WHERE d.step = 'resolve' AND d.superseded_at = now()
         AND d.case_id IN (SELECT id FROM bench_moved)""",
    """UPDATE complaints_case SET resolve_by = resolve_by + 15
       WHERE id IN (SELECT id FROM bench_moved)""",
    # A tố cáo's acceptance extended: 5 % of those not accepted, two days after receipt.
    f"""INSERT INTO complaints_caseevent ({EVENT_COLUMNS})
       SELECT 'extend_acceptance', status, status, received_at + interval '2 days', false, '',
              '', jsonb_build_object('reason', 'Xác minh ở nhiều nơi'), NULL, id, NULL, ''
       FROM complaints_case
       WHERE kind = 'to_cao' AND accepted_at IS NULL AND id % 20 = 1
         AND received_at + interval '2 days' < now()""",
    """UPDATE complaints_case c SET accept_by = d.due
       FROM complaints_casedeadline d
       WHERE d.case_id = c.id AND d.step = 'accept_extended' AND d.superseded_at IS NULL
         AND c.id IN (SELECT case_id FROM complaints_caseevent
                      WHERE action = 'extend_acceptance')""",
]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM complaints_caseevent")
        if cursor.fetchone()[0]:
            sys.exit("The cases have events already: run this once, on bench/generate.py's data.")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in STATEMENTS:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM complaints_caseevent")
        events = cursor.fetchone()[0]
    print(f"{events} events written, deadline rows dated, in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
