"""The notices table (complaints/rules/notices.py), row by row (pure: no database).

Every row of NOTICES, in every rule version it exists in, is a deadline step whose date
was counted by hand: decisions on Tue 15 Sep 2026 (rules from 1 July 2026) and Tue 10 Mar
2026 (the earlier rules); no holiday falls within two weeks of either.
"""

from __future__ import annotations

from datetime import date

import pytest

from complaints.calendar import vietnam_calendar
from complaints.deadlines import RULES, NoApplicableRule, step_due
from complaints.rules.notices import NOTICE_STEPS, NOTICES, PARTIES, notices_for
from complaints.step_labels import PARTY_LABELS, STEP_LABELS
from complaints.transitions import ACTIONS

CALENDAR = vietnam_calendar()
NEW, OLD = date(2026, 9, 15), date(2026, 3, 10)

# (kind, step, second, version start, due, counted in, unconfirmed, article the basis cites)
EXPECTED = [
    # A complaint's acceptance notice (Điều 27, khoản 1 Điều 36 Luật Khiếu nại): the law gives
    # it no time of its own, the portal's 03 working days.
    *(
        ("khieu_nai", "complaint_acceptance_notice", second, start, due, "working_days", True,
         article)
        for second, article in ((False, "Luật KN Art 27"), (True, "Luật KN Art 36(1)"))
        for start, due in ((NEW, date(2026, 9, 18)), (OLD, date(2026, 3, 13)))
    ),
    ("khieu_nai", "suspension_notice", False, NEW, date(2026, 9, 18), "working_days", False,
     "NĐ 124/2020 Art 28b(1)"),
    ("khieu_nai", "stop_notice", False, NEW, date(2026, 9, 18), "working_days", False,
     "Luật KN Art 10"),
    ("khieu_nai", "resumption_notice", False, NEW, date(2026, 9, 18), "working_days", False,
     "NĐ 124/2020 Art 28b(2)"),
    ("khieu_nai", "decision_notice", False, NEW, date(2026, 9, 18), "working_days", False,
     "Luật KN Art 32"),
    ("khieu_nai", "decision_notice", False, OLD, date(2026, 3, 13), "working_days", False,
     "Luật KN Art 32"),
    ("khieu_nai", "decision_notice", True, NEW, date(2026, 9, 22), "calendar_days", False,
     "Luật KN Art 41(1)"),
    ("khieu_nai", "decision_notice", True, OLD, date(2026, 3, 17), "calendar_days", False,
     "Luật KN Art 41(1)"),
    ("khieu_nai", "decision_publication", True, NEW, date(2026, 9, 22), "calendar_days", True,
     "Luật KN Art 41(2)"),
    ("khieu_nai", "decision_publication", True, OLD, date(2026, 3, 17), "calendar_days", True,
     "Luật KN Art 41(2)"),
    *(
        row
        for start, five, seven in ((NEW, date(2026, 9, 22), date(2026, 9, 24)),
                                   (OLD, date(2026, 3, 17), date(2026, 3, 19)))
        for row in (
            ("to_cao", "notify_acceptance", False, start, five, "working_days", False,
             "Luật TC Art 29(3)"),
            ("to_cao", "suspension_notice", False, start, five, "working_days", False,
             "Luật TC Art 34(1), (4)"),
            ("to_cao", "stop_notice", False, start, five, "working_days", False,
             "Luật TC Art 33(2), 34(3)(a), (4)"),
            ("to_cao", "resumption_notice", False, start, five, "working_days", True,
             "Luật TC Art 34(2)"),
            ("to_cao", "extension_notice", False, start, five, "working_days", True,
             "Luật TC Art 30(4)"),
            ("to_cao", "decision_notice", False, start, five, "working_days", False,
             "Luật TC Art 35(3)"),
            ("to_cao", "decision_publication", False, start, seven, "working_days", False,
             "Luật TC Art 40(1)"),
        )
    ),
    # NĐ 237/2026 Art 18(2): a khiếu nại or tố cáo forwarded by a press outlet.
    *(
        (kind, "press_conclusion_notice", False, NEW, date(2026, 9, 22), "working_days", False,
         "NĐ 237/2026 Art 18(2)")
        for kind in ("khieu_nai", "to_cao")
    ),
    ("phan_anh", "filing_notice", False, NEW, date(2026, 9, 18), "working_days", False,
     "NĐ 154/2026 Art 4(1)(h), 4(3)"),
    ("kien_nghi", "filing_notice", False, NEW, date(2026, 9, 18), "working_days", False,
     "NĐ 154/2026 Art 4(1)(h), 4(3)"),
]


@pytest.mark.parametrize(
    ("kind", "step", "second", "start", "due", "counted_in", "unconfirmed", "article"),
    [pytest.param(*row, id=f"{row[0]} {row[1]}{' lần 2' if row[2] else ''} {row[3]} — "
                  f"{row[7]}") for row in EXPECTED],
)
def test_every_notice_row_gives_its_date_with_its_article(
    kind, step, second, start, due, counted_in, unconfirmed, article
):
    computed = step_due(
        kind=kind, step=step, start=start, second=second, calendar=CALENDAR,
        from_press=step == "press_conclusion_notice",
    )
    assert computed.due == due
    assert computed.counted_in == counted_in
    assert computed.unconfirmed is unconfirmed
    assert article in computed.legal_basis
    assert computed.rule_version == ("2026-07-01" if start >= date(2026, 7, 1) else "2019-01-01")


def test_the_expectations_cover_every_row_in_every_version():
    covered = {(k, s, sec, "2026-07-01" if st >= date(2026, 7, 1) else "2019-01-01")
               for k, s, sec, st, *_ in EXPECTED}
    table = {
        (n.kind, n.step, bool(n.second), version)
        for n in NOTICES
        for version in n.versions
    }
    assert table == covered


@pytest.mark.parametrize(
    ("kind", "step"),
    [("khieu_nai", "suspension_notice"), ("khieu_nai", "resumption_notice"),
     ("khieu_nai", "stop_notice"), ("to_cao", "press_conclusion_notice"),
     ("phan_anh", "filing_notice")],
)
def test_notices_created_on_1_july_2026_do_not_exist_before(kind, step):
    # NĐ 124/2020 Art 28b was added by NĐ 155/2026; NĐ 237/2026, NĐ 154/2026 are new.
    with pytest.raises(NoApplicableRule):
        step_due(kind=kind, step=step, start=OLD, calendar=CALENDAR)


def test_each_notice_is_one_deadline_rule_per_version():
    for notice in NOTICES:
        for version in notice.versions:
            rules = [
                r for r in RULES
                if (r.kind, r.step, r.rule_version) == (notice.kind, notice.step, version)
                and r.second == notice.second
            ]
            assert len(rules) == 1, notice
            assert rules[0].legal_basis == notice.legal_basis
            assert rules[0].amount == notice.amount


def test_every_notice_names_its_parties_and_has_a_vietnamese_label():
    assert set(PARTIES) == set(PARTY_LABELS)
    for notice in NOTICES:
        assert notice.step in STEP_LABELS
        assert set(notice.must_reach) <= set(notice.recipients) <= set(PARTIES)
        assert notice.trigger in ACTIONS, notice  # a workflow action of today's table
    assert NOTICE_STEPS == {n.step for n in NOTICES}


@pytest.mark.parametrize(
    ("kind", "trigger", "second", "to_status", "steps"),
    [
        ("to_cao", "accept", False, "accepted", {"notify_acceptance"}),
        ("to_cao", "conclude", False, "concluded", {"decision_notice", "decision_publication"}),
        ("to_cao", "withdraw", False, "withdrawn", {"stop_notice"}),
        # Luật TC Art 33(3): signs of violation, the denunciation goes on: nothing stops.
        ("to_cao", "withdraw", False, "verifying", set()),
        ("khieu_nai", "conclude", False, "concluded", {"decision_notice"}),
        ("khieu_nai", "conclude", True, "concluded", {"decision_notice", "decision_publication"}),
        ("khieu_nai", "accept", False, "accepted", {"complaint_acceptance_notice"}),
        ("khieu_nai", "accept", True, "accepted", {"complaint_acceptance_notice"}),
        ("phan_anh", "conclude", False, "concluded", set()),
    ],
)
def test_which_action_opens_which_notice(kind, trigger, second, to_status, steps):
    found = notices_for(kind=kind, trigger=trigger, second=second, to_status=to_status)
    assert {n.step for n in found} == steps


@pytest.mark.parametrize("kind", ["khieu_nai", "to_cao"])
def test_the_conclusion_goes_to_the_outlet_only_when_an_outlet_forwarded_the_case(kind):
    # NĐ 237/2026 Art 18(2): the khiếu nại, tố cáo an outlet forwarded.
    def steps(from_press):
        found = notices_for(
            kind=kind, trigger="conclude", second=False, to_status="concluded",
            from_press=from_press,
        )
        return {n.step for n in found}

    assert "press_conclusion_notice" in steps(True)
    assert "press_conclusion_notice" not in steps(False)


def test_the_articles_own_case_opens_no_conclusion_notice():
    # The reviewer concluded a press case carrying a phản ánh: Art 18(2) (khiếu nại, tố cáo)
    # was opened, though Art 18(3)'s 15 working days already run for it.
    for from_press in (False, True):
        assert notices_for(
            kind="bao_chi", trigger="conclude", second=False, to_status="concluded",
            from_press=from_press,
        ) == []


def test_the_denouncer_and_the_accused_must_both_be_told():
    for notice in NOTICES:
        if notice.kind == "to_cao" and notice.step not in (
            "decision_publication", "press_conclusion_notice"  # the public; the outlet
        ):
            assert {"denouncer", "accused"} <= set(notice.must_reach), notice.step
