"""The deadline rules (pure: no database, no Django settings).

Dates were counted by hand on the 2026 calendar: 1 July 2026 is a Wednesday; 31 Aug,
1 and 2 Sep 2026 are days off (Quốc khánh plus the bridge day swapped with Sat 22 Aug).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints.calendar import vietnam_calendar
from complaints.deadlines import (
    KINDS,
    RULE_VERSIONS,
    RULES,
    DeadlineError,
    ExtensionNotAllowed,
    NoApplicableRule,
    Unit,
    applicable_flags,
    compute_deadlines,
    extension_deadline,
    resumed_resolve_deadline,
    rule_version_on,
    step_due,
)

CALENDAR = vietnam_calendar(
    (2025, 2026, 2027), days_off=(date(2026, 1, 2),), working_days=(date(2026, 1, 10),)
)
ICT = timezone(timedelta(hours=7))
JUL_1 = date(2026, 7, 1)


def due(step: str, **case):
    case.setdefault("accepted", None)
    schedule = compute_deadlines(calendar=CALENDAR, **case)
    found = schedule.step(step)
    assert found is not None, f"no {step} in {[s.step for s in schedule.steps]}"
    return found


# ---- the table, row by row ------------------------------------------------------------------

CASES = [
    # kind, flags, received, step, expected due, counted in, rule version
    pytest.param(
        "khieu_nai", {}, JUL_1, "accept", date(2026, 7, 10), "working_days", "2026-07-01",
        id="khieu_nai accept 7 wd — NĐ124/2020 Art16(1) as amended by NĐ155/2026 Art10",
    ),
    pytest.param(
        "khieu_nai", {"second": True}, JUL_1, "accept", date(2026, 7, 10), "working_days",
        "2026-07-01",
        id="khieu_nai lần 2 accept 7 wd — NĐ124/2020 Art16(1) as amended by NĐ155/2026 Art10",
    ),
    pytest.param(
        "khieu_nai", {}, date(2026, 4, 20), "accept", date(2026, 5, 7), "working_days",
        "2019-01-01",
        id="khieu_nai accept 10 wd before 1/7/2026, skips 27/4, 30/4, 1/5 — NĐ124/2020 Art16(1)",
    ),
    pytest.param(
        "khieu_nai", {"second": True}, date(2026, 6, 26), "accept", date(2026, 7, 10),
        "working_days", "2019-01-01",
        id="khieu_nai lần 2 accept 10 wd before 1/7/2026 — NĐ124/2020 Art16(1); Luật KN Art36(1)",
    ),
    pytest.param(
        "khieu_nai", {}, JUL_1, "resolve", date(2026, 7, 31), "calendar_days", "2026-07-01",
        id="khieu_nai lần 1 resolve 30 days — Luật KN Art28",
    ),
    pytest.param(
        "khieu_nai", {"complex": True}, JUL_1, "resolve", date(2026, 8, 17), "calendar_days",
        "2026-07-01",
        id="khieu_nai lần 1 complex 45 days, Sat 15/8 rolls to Mon — Luật KN Art28",
    ),
    pytest.param(
        "khieu_nai", {"remote": True}, JUL_1, "resolve", date(2026, 8, 17), "calendar_days",
        "2026-07-01",
        id="khieu_nai lần 1 remote 45 days — Luật KN Art28",
    ),
    pytest.param(
        "khieu_nai", {"remote": True, "complex": True}, JUL_1, "resolve", date(2026, 9, 3),
        "calendar_days", "2026-07-01",
        id="khieu_nai lần 1 remote+complex 60 days, Sun 30/8 then 31/8–2/9 off — Luật KN Art28",
    ),
    pytest.param(
        "khieu_nai", {"second": True}, JUL_1, "resolve", date(2026, 8, 17), "calendar_days",
        "2026-07-01",
        id="khieu_nai lần 2 resolve 45 days — Luật KN Art37",
    ),
    pytest.param(
        "khieu_nai", {"second": True, "complex": True}, JUL_1, "resolve", date(2026, 9, 3),
        "calendar_days", "2026-07-01",
        id="khieu_nai lần 2 complex 60 days — Luật KN Art37",
    ),
    pytest.param(
        "khieu_nai", {"second": True, "remote": True}, JUL_1, "resolve", date(2026, 9, 3),
        "calendar_days", "2026-07-01",
        id="khieu_nai lần 2 remote 60 days — Luật KN Art37",
    ),
    pytest.param(
        "khieu_nai", {"second": True, "remote": True, "complex": True}, JUL_1, "resolve",
        date(2026, 9, 9), "calendar_days", "2026-07-01",
        id="khieu_nai lần 2 remote+complex 70 days — Luật KN Art37",
    ),
    pytest.param(
        "to_cao", {}, JUL_1, "accept", date(2026, 7, 10), "working_days", "2026-07-01",
        id="to_cao accept 7 wd — Luật TC Art24(1)",
    ),
    pytest.param(
        "to_cao", {}, JUL_1, "accept_extended", date(2026, 7, 15), "working_days", "2026-07-01",
        id="to_cao accept 10 wd where verified at several places — Luật TC Art24(1)",
    ),
    pytest.param(
        "to_cao", {}, JUL_1, "forward_not_competent", date(2026, 7, 8), "working_days",
        "2026-07-01",
        id="to_cao not competent: forward 5 wd — Luật TC Art24(2)",
    ),
    pytest.param(
        "to_cao", {}, JUL_1, "notify_acceptance", date(2026, 7, 8), "working_days",
        "2026-07-01",
        id="to_cao notify acceptance 5 wd — Luật TC Art29(3)",
    ),
    pytest.param(
        "to_cao", {}, JUL_1, "resolve", date(2026, 7, 31), "calendar_days", "2026-07-01",
        id="to_cao resolve 30 days — Luật TC Art30(1)",
    ),
    pytest.param(
        "to_cao", {"complex": True}, JUL_1, "resolve_extended", date(2026, 9, 3),
        "calendar_days", "2026-07-01",
        id="to_cao complex: 60 days in all — Luật TC Art30(2)",
    ),
    pytest.param(
        "to_cao", {"very_complex": True}, JUL_1, "resolve_extended", date(2026, 9, 29),
        "calendar_days", "2026-07-01",
        id="to_cao especially complex: 90 days in all — Luật TC Art30(3)",
    ),
    pytest.param(
        "to_cao", {"from_press": True}, JUL_1, "press_forward_report", date(2026, 7, 21),
        "calendar_days", "2026-07-01",
        id="to_cao forwarded by the press: report in 20 days — Luật TC Art26(2)",
    ),
    pytest.param(
        "to_cao", {}, date(2026, 2, 10), "accept", date(2026, 2, 26), "working_days",
        "2019-01-01",
        id="to_cao accept 7 wd across Tết 14–22/2/2026 — Luật TC Art24(1); BLLĐ Art112",
    ),
    pytest.param(
        "phan_anh", {}, JUL_1, "accept", date(2026, 7, 15), "working_days", "2026-07-01",
        id="phan_anh answer 10 wd (unconfirmed) — Luật Tiếp công dân Art28(1); TT 05/2021",
    ),
    pytest.param(
        "kien_nghi", {}, JUL_1, "accept", date(2026, 7, 15), "working_days", "2026-07-01",
        id="kien_nghi answer 10 wd (unconfirmed) — Luật Tiếp công dân Art28(1); TT 05/2021",
    ),
    pytest.param(
        "phan_anh", {}, JUL_1, "resolve", date(2026, 7, 22), "working_days", "2026-07-01",
        id="phan_anh resolve 15 wd — portal policy",
    ),
    pytest.param(
        "kien_nghi", {}, date(2026, 1, 8), "accept", date(2026, 1, 21), "working_days",
        "2019-01-01",
        id="kien_nghi 10 wd counting worked Sat 10/1/2026 — Luật TCD Art28(1); PM's swap",
    ),
    pytest.param(
        "bao_chi", {}, JUL_1, "press_measures_notice", date(2026, 7, 22), "working_days",
        "2026-07-01",
        id="bao_chi measures notice 15 wd — NĐ237/2026 Art18(3)",
    ),
    pytest.param(
        "bao_chi", {"press_requested": JUL_1}, date(2026, 6, 20), "press_answer",
        date(2026, 7, 31), "calendar_days", "2026-07-01",
        id="bao_chi answer 30 days from the outlet head's request — NĐ237/2026 Art18(1)",
    ),
    pytest.param(
        "bao_chi", {}, date(2026, 6, 1), "press_measures_notice", date(2026, 7, 1),
        "calendar_days", "2019-01-01",
        id="bao_chi measures notice 30 days before 1/7/2026 — Luật Báo chí 2016 Art39(2)",
    ),
    pytest.param(
        "bao_chi", {"press_requested": date(2026, 6, 1)}, date(2026, 6, 1), "press_answer",
        date(2026, 7, 1), "calendar_days", "2019-01-01",
        id="bao_chi answer 30 days before 1/7/2026 — Luật Báo chí 2016 Art39(1)",
    ),
]


@pytest.mark.parametrize(
    ("kind", "flags", "received", "step", "expected", "counted_in", "version"), CASES
)
def test_rule_table(kind, flags, received, step, expected, counted_in, version):
    found = due(step, kind=kind, received=received, **flags)
    assert found.due == expected
    assert found.counted_in == counted_in
    assert found.rule_version == version


# ---- which version applies -------------------------------------------------------------------


def test_khieu_nai_received_30_june_gets_10_working_days():
    step = due("accept", kind="khieu_nai", received=date(2026, 6, 30))
    assert (step.amount, step.counted_in, step.rule_version) == (10, "working_days", "2019-01-01")
    assert step.legal_basis.startswith("NĐ 124/2020 Art 16(1) (trước NĐ 155/2026)")
    assert step.due == date(2026, 7, 14)


def test_khieu_nai_received_1_july_gets_7_working_days():
    step = due("accept", kind="khieu_nai", received=JUL_1)
    assert (step.amount, step.counted_in, step.rule_version) == (7, "working_days", "2026-07-01")
    assert step.due == date(2026, 7, 10)


def test_the_switch_changes_the_date_where_the_counts_differ():
    # Fri 26 Jun + 10 wd = Fri 10 Jul; Fri 3 Jul + 7 wd = Tue 14 Jul.
    assert due("accept", kind="khieu_nai", received=date(2026, 6, 26)).due == date(2026, 7, 10)
    assert due("accept", kind="khieu_nai", received=date(2026, 7, 3)).due == date(2026, 7, 14)


def test_each_step_follows_the_version_of_its_own_clock():
    # Received under the old rules, accepted under the new ones.
    schedule = compute_deadlines(
        kind="khieu_nai", received=date(2026, 6, 25), accepted=date(2026, 7, 2),
        calendar=CALENDAR,
    )
    assert schedule.step("accept").rule_version == "2019-01-01"
    assert schedule.step("resolve").rule_version == "2026-07-01"
    assert schedule.resolve_by == date(2026, 8, 3)  # Sat 1 Aug → Mon 3 Aug


@settings(max_examples=200, deadline=None)
@given(received=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
def test_version_in_force_is_decided_by_the_day_the_clock_starts(received):
    step = due("accept", kind="khieu_nai", received=received)
    new = received >= date(2026, 7, 1)
    assert step.rule_version == ("2026-07-01" if new else "2019-01-01")
    assert step.counted_in == "working_days"  # 7 from 1/7/2026, 10 before
    assert step.amount == (7 if new else 10)


def test_dates_before_the_known_rules_are_refused():
    with pytest.raises(NoApplicableRule):
        compute_deadlines(kind="to_cao", received=date(2018, 12, 31), calendar=CALENDAR)
    assert rule_version_on(date(2019, 1, 1)).code == "2019-01-01"


# ---- the schedule --------------------------------------------------------------------------


def test_accepted_defaults_to_received_and_drives_resolution():
    schedule = compute_deadlines(kind="to_cao", received=JUL_1, calendar=CALENDAR)
    assert schedule.accepted == JUL_1
    later = compute_deadlines(
        kind="to_cao", received=JUL_1, accepted=date(2026, 7, 8), calendar=CALENDAR
    )
    assert later.accept_by == schedule.accept_by  # counted from receipt either way
    assert later.resolve_by == date(2026, 8, 7)  # 8 Jul + 30 days, Luật TC Art 30(1)
    assert later.step("notify_acceptance").due == date(2026, 7, 15)  # Art 29(3)


def test_accepted_before_received_is_refused():
    with pytest.raises(DeadlineError):
        compute_deadlines(
            kind="to_cao", received=JUL_1, accepted=date(2026, 6, 30), calendar=CALENDAR
        )


@pytest.mark.parametrize(
    ("kind", "flags", "accept_by", "resolve_by", "resolve_by_extended"),
    [
        pytest.param("khieu_nai", {}, date(2026, 7, 10), date(2026, 7, 31), None,
                     id="khieu_nai: no extension — Luật KN Arts 28, 37"),
        pytest.param("to_cao", {}, date(2026, 7, 10), date(2026, 7, 31), None,
                     id="to_cao simple: no extension — Luật TC Art30(1)"),
        pytest.param("to_cao", {"complex": True}, date(2026, 7, 10), date(2026, 7, 31),
                     date(2026, 9, 3), id="to_cao complex — Luật TC Art30(2)"),
        pytest.param("to_cao", {"very_complex": True}, date(2026, 7, 10), date(2026, 7, 31),
                     date(2026, 9, 29), id="to_cao very complex — Luật TC Art30(3)"),
        pytest.param("bao_chi", {"press_requested": JUL_1}, date(2026, 7, 22),
                     date(2026, 7, 31), None,
                     id="bao_chi: 15 wd notice, 30-day answer — NĐ237/2026 Art18(3),(1)"),
        pytest.param("bao_chi", {}, date(2026, 7, 22), None, None,
                     id="bao_chi without the outlet head's request: no 30-day answer"),
        pytest.param("phan_anh", {}, date(2026, 7, 15), date(2026, 7, 22), None,
                     id="phan_anh: 10 wd answer, 15 wd policy"),
    ],
)
def test_summary_dates(kind, flags, accept_by, resolve_by, resolve_by_extended):
    schedule = compute_deadlines(kind=kind, received=JUL_1, calendar=CALENDAR, **flags)
    assert (schedule.accept_by, schedule.resolve_by, schedule.resolve_by_extended) == (
        accept_by, resolve_by, resolve_by_extended,
    )


def test_as_dict_is_the_contract_json():
    schedule = compute_deadlines(
        kind="to_cao", received=JUL_1, complex=True, calendar=CALENDAR
    )
    data = json.loads(json.dumps(schedule.as_dict()))
    assert list(data) == [
        "kind", "received", "accepted", "accept_by", "resolve_by", "resolve_by_extended",
        "steps",
    ]
    assert data["kind"] == "to_cao"
    assert data["received"] == data["accepted"] == "2026-07-01"
    assert data["accept_by"] == "2026-07-10"
    assert data["resolve_by"] == "2026-07-31"
    assert data["resolve_by_extended"] == "2026-09-03"
    first = data["steps"][0]
    assert first == {
        "step": "accept",
        "due": "2026-07-10",
        "counted_in": "working_days",
        "legal_basis": "Luật TC Art 24(1)",
        "rule_version": "2026-07-01",
        "unconfirmed": False,
        "amount": 7,
    }
    # Steps counted from later events are not in the schedule.
    assert "press_forward_report" not in {s["step"] for s in data["steps"]}
    assert compute_deadlines(kind="khieu_nai", received=JUL_1, calendar=CALENDAR).as_dict()[
        "resolve_by_extended"
    ] is None


def test_unconfirmed_and_policy_figures_say_so():
    steps = compute_deadlines(kind="phan_anh", received=JUL_1, calendar=CALENDAR).as_dict()[
        "steps"
    ]
    assert [(s["step"], s["unconfirmed"]) for s in steps] == [
        ("accept", True), ("resolve", True),
    ]
    assert "chưa xác nhận" in steps[0]["legal_basis"]
    assert "không phải luật" in steps[1]["legal_basis"]


# ---- the 24-hour press statement ------------------------------------------------------------


def test_press_initial_statement_is_24_hours_from_receipt():
    received = datetime(2026, 7, 1, 9, 30, tzinfo=ICT)
    step = due("press_initial_statement", kind="bao_chi", received=received)
    assert step.due == datetime(2026, 7, 2, 9, 30, tzinfo=ICT)  # NĐ 244/2026 Art 7(3)–(4)
    assert step.counted_in == Unit.HOURS
    assert step.as_dict()["due"] == "2026-07-02T09:30:00+07:00"


def test_step_gives_a_date_and_a_time_for_storage():
    hours = due("press_initial_statement", kind="bao_chi", received=JUL_1)
    assert (hours.due_date, hours.start_date) == (date(2026, 7, 2), JUL_1)
    assert hours.due_at == datetime(2026, 7, 2, 0, 0, tzinfo=ICT)
    days = due("press_answer", kind="bao_chi", received=JUL_1, press_requested=JUL_1)
    assert (days.due_date, days.due_at) == (date(2026, 7, 31), None)


def test_legal_basis_fits_the_stored_column():
    # CaseDeadline.legal_basis is a CharField(max_length=255).
    assert max(len(rule.legal_basis) for rule in RULES) <= 200


def test_press_initial_statement_from_a_bare_date_starts_at_midnight():
    step = due("press_initial_statement", kind="bao_chi", received=JUL_1)
    assert step.due == datetime(2026, 7, 2, 0, 0, tzinfo=ICT)


def test_utc_receipt_is_read_in_vietnam_time():
    # 20:00 UTC on 30 June is 03:00 on 1 July in Vietnam: the new rules apply.
    received = datetime(2026, 6, 30, 20, 0, tzinfo=UTC)
    schedule = compute_deadlines(kind="khieu_nai", received=received, calendar=CALENDAR)
    assert schedule.received == JUL_1
    assert schedule.step("accept").rule_version == "2026-07-01"


def test_before_july_2026_the_statement_counts_from_the_incident():
    received = date(2026, 6, 1)
    without = compute_deadlines(kind="bao_chi", received=received, calendar=CALENDAR)
    assert without.step("press_initial_statement") is None
    with_incident = due(
        "press_initial_statement", kind="bao_chi", received=received,
        incident=datetime(2026, 5, 31, 10, 0),
    )
    assert with_incident.due == datetime(2026, 6, 1, 10, 0, tzinfo=ICT)  # NĐ 09/2017 Art 6(3)(a)
    assert with_incident.rule_version == "2019-01-01"


# ---- event-driven steps ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "step", "start", "expected"),
    [
        pytest.param("khieu_nai", "suspension_notice", date(2026, 7, 3), date(2026, 7, 8),
                     id="suspension notice 3 wd — NĐ124/2020 Art28b(1) (NĐ155/2026)"),
        pytest.param("khieu_nai", "resumption_notice", date(2026, 8, 28), date(2026, 9, 7),
                     id="resumption notice 3 wd over 31/8–2/9 — NĐ124/2020 Art28b(2)"),
        pytest.param("phan_anh", "filing_notice", JUL_1, date(2026, 7, 6),
                     id="duplicate filed: notice 3 wd — NĐ154/2026 Art4(1)(h),4(3)"),
        pytest.param("khieu_nai", "filing_period", date(2026, 5, 4), date(2026, 8, 3),
                     id="filing period 90 days, Sun 2/8 rolls to Mon — Luật KN Art9"),
    ],
)
def test_step_due(kind, step, start, expected):
    assert step_due(kind=kind, step=step, start=start, calendar=CALENDAR).due == expected


def test_the_conclusion_to_the_outlet_is_5_working_days_for_what_it_forwarded():
    # NĐ 237/2026 Art 18(2): a complaint or denunciation forwarded by a press outlet.
    step = step_due(
        kind="to_cao", step="press_conclusion_notice", start=JUL_1, calendar=CALENDAR,
        from_press=True,
    )
    assert step.due == date(2026, 7, 8)
    with pytest.raises(NoApplicableRule):
        step_due(kind="to_cao", step="press_conclusion_notice", start=JUL_1, calendar=CALENDAR)
    with pytest.raises(DeadlineError):
        step_due(kind="bao_chi", step="press_conclusion_notice", start=JUL_1, calendar=CALENDAR)


def test_no_suspension_notice_rule_before_july_2026():
    with pytest.raises(NoApplicableRule):
        step_due(
            kind="khieu_nai", step="suspension_notice", start=date(2026, 6, 30),
            calendar=CALENDAR,
        )


def test_unknown_step_is_refused():
    with pytest.raises(DeadlineError):
        step_due(kind="phan_anh", step="resolve_extended", start=JUL_1, calendar=CALENDAR)


def test_resumed_complaint_clock_continues_rather_than_restarts():
    # 30 days from 1 Jul; suspended on 11 Jul: 2–10 Jul used (9 days; the suspension's
    # own day is not counted as used), resumed 1 Aug: 21 days left from 1 Aug = Sat 22 Aug,
    # the Saturday worked in the 2026 swap. NĐ 124/2020 Art 28b(2) (NĐ 155/2026).
    step = resumed_resolve_deadline(
        accepted=JUL_1, suspended=date(2026, 7, 11), resumed=date(2026, 8, 1),
        calendar=CALENDAR,
    )
    assert step.due == date(2026, 8, 22)
    assert "28b(2)" in step.legal_basis


# ---- extensions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "used", "expected", "remaining"),
    [
        pytest.param({"complex": True}, 0, date(2026, 9, 3), 0,
                     id="complex: the one extension reaches 60 days — Luật TC Art30(2)"),
        pytest.param({"very_complex": True}, 0, date(2026, 9, 3), 1,
                     id="especially complex: 1st extension to 60 days — Luật TC Art30(3)"),
        pytest.param({"very_complex": True}, 1, date(2026, 9, 29), 0,
                     id="especially complex: 2nd extension to 90 days — Luật TC Art30(3)"),
    ],
)
def test_to_cao_extension(flags, used, expected, remaining):
    extension = extension_deadline(
        kind="to_cao", accepted=JUL_1, extensions_used=used, calendar=CALENDAR, **flags
    )
    assert extension.due == expected
    assert extension.number == used + 1
    assert extension.remaining == remaining
    assert extension.legal_basis.startswith("Luật TC Art 30")


@pytest.mark.parametrize(
    ("kind", "flags", "used", "message"),
    [
        pytest.param("to_cao", {"complex": True}, 1, "extension", id="complex: only once"),
        pytest.param("to_cao", {"very_complex": True}, 2, "extension", id="very complex: twice"),
        pytest.param("to_cao", {}, 0, "complex", id="to_cao not marked complex"),
        pytest.param("khieu_nai", {"complex": True}, 0, "remote",
                     id="khieu_nai: longer limits, no extension — Luật KN Arts 28, 37"),
        pytest.param("phan_anh", {}, 0, "phan_anh", id="phan_anh: no extension"),
        pytest.param("bao_chi", {}, 0, "bao_chi", id="bao_chi: no extension"),
    ],
)
def test_extension_refused(kind, flags, used, message):
    with pytest.raises(ExtensionNotAllowed, match=message):
        extension_deadline(
            kind=kind, accepted=JUL_1, extensions_used=used, calendar=CALENDAR, **flags
        )


def test_extensions_end_where_resolve_by_extended_says():
    for flags in ({"complex": True}, {"very_complex": True}):
        schedule = compute_deadlines(kind="to_cao", received=JUL_1, calendar=CALENDAR, **flags)
        used, last = 0, None
        while True:
            try:
                last = extension_deadline(
                    kind="to_cao", accepted=JUL_1, extensions_used=used, calendar=CALENDAR,
                    **flags,
                )
            except ExtensionNotAllowed:
                break
            used += 1
        assert last is not None and last.due == schedule.resolve_by_extended


# ---- policy overrides ----------------------------------------------------------------------


def test_policy_figure_can_be_overridden():
    schedule = compute_deadlines(
        kind="phan_anh", received=JUL_1, calendar=CALENDAR,
        overrides={("phan_anh", "resolve"): 20},
    )
    step = schedule.step("resolve")
    assert (step.amount, step.overridden, step.due) == (20, True, date(2026, 7, 29))
    assert schedule.step("accept").amount == 10  # other rows untouched


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(("khieu_nai", "accept"), id="NĐ124/2020 Art16(1) is statute"),
        pytest.param(("to_cao", "resolve"), id="Luật TC Art30(1) is statute"),
        pytest.param(("bao_chi", "press_measures_notice"), id="NĐ237/2026 Art18(3) is statute"),
    ],
)
def test_statutory_figures_cannot_be_overridden(key):
    with pytest.raises(ValueError, match="set by law"):
        compute_deadlines(kind="phan_anh", received=JUL_1, calendar=CALENDAR, overrides={key: 5})


@pytest.mark.parametrize(
    "overrides",
    [{("phan_anh", "nope"): 5}, {("phan_anh", "resolve"): 0}, {("phan_anh", "resolve"): True}],
)
def test_bad_overrides_are_refused(overrides):
    with pytest.raises(ValueError):
        compute_deadlines(kind="phan_anh", received=JUL_1, calendar=CALENDAR, overrides=overrides)


# ---- the table itself ----------------------------------------------------------------------


def test_no_two_rows_can_match_the_same_case():
    flag_sets = [
        {"second": s, "complex": c or v, "very_complex": v, "remote": r, "from_press": p}
        for s in (False, True) for c in (False, True) for v in (False, True)
        for r in (False, True) for p in (False, True)
    ]
    for flags in flag_sets:
        seen: set[tuple[str, str, str]] = set()
        for rule in RULES:
            if rule.matches(flags):
                key = (rule.kind, rule.step, rule.rule_version)
                assert key not in seen, key
                seen.add(key)


def test_every_kind_has_its_summary_steps_in_every_version():
    for version in RULE_VERSIONS:
        for kind in KINDS:
            steps = {r.step for r in RULES if r.kind == kind and r.rule_version == version.code}
            if kind == "bao_chi":
                assert {"press_measures_notice", "press_answer"} <= steps
            else:
                assert {"accept", "resolve"} <= steps


def test_only_domain_unconfirmed_or_policy_rows_are_flagged():
    flagged = {(r.kind, r.step) for r in RULES if r.unconfirmed}
    assert flagged == {
        ("phan_anh", "accept"), ("phan_anh", "resolve"),
        ("kien_nghi", "accept"), ("kien_nghi", "resolve"),
        # Notices the law requires without a time limit (complaints/rules/notices.py).
        ("khieu_nai", "complaint_acceptance_notice"),  # Luật KN Art 27, 36(1)
        ("khieu_nai", "decision_publication"),  # Luật KN Art 41(2)
        ("to_cao", "extension_notice"),  # Luật TC Art 30(4)
        ("to_cao", "resumption_notice"),  # Luật TC Art 34(2)
    }


def test_applicable_flags():
    assert applicable_flags("khieu_nai") == {
        "second", "complex", "very_complex", "remote", "from_press"
    }
    assert applicable_flags("to_cao") == {"complex", "very_complex", "from_press"}
    assert applicable_flags("phan_anh") == frozenset()
    with pytest.raises(DeadlineError):
        applicable_flags("ticket")


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    received=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    delay=st.integers(min_value=0, max_value=30),
    second=st.booleans(), complex_=st.booleans(), very_complex=st.booleans(),
    remote=st.booleans(), from_press=st.booleans(),
)
def test_every_day_deadline_is_a_working_day_after_its_start(
    kind, received, delay, second, complex_, very_complex, remote, from_press
):
    schedule = compute_deadlines(
        kind=kind, received=received, accepted=received + timedelta(days=delay),
        second=second, complex=complex_, very_complex=very_complex, remote=remote,
        from_press=from_press, calendar=CALENDAR,
        press_requested=received + timedelta(days=delay) if kind == "bao_chi" else None,
    )
    assert schedule.accept_by is not None and schedule.resolve_by is not None
    for step in schedule.steps:
        if step.counted_in == Unit.HOURS:
            continue
        assert CALENDAR.is_working_day(step.due)
        assert step.due > step.start
    if schedule.resolve_by_extended is not None:
        assert schedule.resolve_by_extended > schedule.resolve_by
