"""`deadline KIND --received … [--accepted …] [flags]` (CONTRACT.md, DOMAIN.md §4).

Expected dates are counted by hand on the 2026 calendar (BLDS 2015 Arts 147–148:
counting starts the next day; a calendar-day deadline on a weekend or holiday moves to
the next working day). No public holiday falls between 6 July and 28 August 2026."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from complaints.models import CalendarOverride
from complaints.services.calendar import working_calendar_clear
from tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_calendar():
    working_calendar_clear()
    yield
    working_calendar_clear()


def run(*args) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("deadline", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


# args, accept_by, resolve_by, resolve_by_extended, {step: (due, counted_in, basis)}
CASES = [
    pytest.param(
        ["khieu_nai", "--received", "2026-07-06"],
        "2026-07-15", "2026-08-05", None,
        {
            # 7 working days from receipt (Mon 6/7 → Wed 15/7)
            "accept": ("2026-07-15", "working_days",
                       "NĐ 124/2020 Art 16(1) sửa đổi bởi NĐ 155/2026 Art 10"),
            "resolve": ("2026-08-05", "calendar_days", "Luật KN Art 28 (lần 1)"),
        },
        id="khieu_nai lần 1: NĐ 124/2020 Art 16(1) (NĐ 155/2026), Luật KN Art 28",
    ),
    pytest.param(
        ["khieu_nai", "--received", "2026-07-06", "--accepted", "2026-07-10"],
        "2026-07-15", "2026-08-10", None,
        # 30 days from 10/7 is Sunday 9/8 → Monday 10/8 (BLDS Art 148(5))
        {"resolve": ("2026-08-10", "calendar_days", "Luật KN Art 28 (lần 1)")},
        id="khieu_nai accepted later, weekend rolled: Luật KN Art 28; BLDS Art 148(5)",
    ),
    pytest.param(
        ["khieu_nai", "--received", "2026-07-06", "--second", "--complex", "--remote"],
        "2026-07-15", "2026-09-14", None,
        {"resolve": ("2026-09-14", "calendar_days",
                     "Luật KN Art 37 (lần 2, vùng sâu vùng xa, phức tạp)")},
        id="khieu_nai lần 2 phức tạp vùng sâu: 70 days, Luật KN Art 37",
    ),
    pytest.param(
        ["khieu_nai", "--received", "2026-06-01"],
        "2026-06-15", "2026-07-01", None,
        {"accept": ("2026-06-15", "working_days",
                    "NĐ 124/2020 Art 16(1) (trước NĐ 155/2026); TT 07/2013 Art 5(1) sửa đổi "
                    "bởi TT 02/2016; Luật KN Art 27")},
        id="khieu_nai before 1/7/2026: 10 working days, NĐ 124/2020 Art 16(1)",
    ),
    pytest.param(
        ["to_cao", "--received", "2026-07-06", "--complex"],
        "2026-07-15", "2026-08-05", "2026-09-04",
        {
            "accept": ("2026-07-15", "working_days", "Luật TC Art 24(1)"),
            "resolve": ("2026-08-05", "calendar_days", "Luật TC Art 30(1)"),
            "notify_acceptance": ("2026-07-13", "working_days", "Luật TC Art 29(3)"),
        },
        id="to_cao phức tạp: Luật TC Arts 24(1), 29(3), 30(1), 30(2) 60 days",
    ),
    pytest.param(
        ["to_cao", "--received", "2026-07-06", "--very-complex"],
        "2026-07-15", "2026-08-05", "2026-10-05",
        {},
        # 90 days from 6/7 is Sunday 4/10 → Monday 5/10
        id="to_cao đặc biệt phức tạp: Luật TC Art 30(3) 90 days",
    ),
    pytest.param(
        ["to_cao", "--received", "2026-07-11"],
        "2026-07-21", "2026-08-10", None,
        # received on a Saturday: 13–17, 20, 21 are the 7 working days
        {"accept": ("2026-07-21", "working_days", "Luật TC Art 24(1)")},
        id="to_cao received on Saturday: Luật TC Art 24(1)",
    ),
    pytest.param(
        ["phan_anh", "--received", "2026-07-06"],
        "2026-07-20", "2026-07-27", None,
        {"accept": ("2026-07-20", "working_days",
                    "Luật Tiếp công dân Art 28(1); TT 05/2021 (10 ngày xử lý đơn; "
                    "chưa xác nhận là ngày làm việc)")},
        id="phan_anh: Luật Tiếp công dân Art 28(1), TT 05/2021 (unconfirmed); policy 15 WD",
    ),
    pytest.param(
        ["bao_chi", "--received", "2026-07-06"],
        "2026-07-27", "2026-08-05", None,
        {
            "press_measures_notice": ("2026-07-27", "working_days", "NĐ 237/2026 Art 18(3)"),
            "press_answer": ("2026-08-05", "calendar_days", "NĐ 237/2026 Art 18(1)"),
            "press_initial_statement": ("2026-07-07T00:00:00+07:00", "hours",
                                        "NĐ 244/2026 Art 7(3)–(4)"),
        },
        id="bao_chi: NĐ 237/2026 Art 18(1), 18(3); NĐ 244/2026 Art 7(3)–(4)",
    ),
]


@pytest.mark.parametrize("args, accept_by, resolve_by, extended, steps", CASES)
def test_deadline_command_values(args, accept_by, resolve_by, extended, steps):
    data, _err = run(*args)
    assert data["kind"] == args[0]
    assert data["received"] == args[2]
    assert data["accept_by"] == accept_by
    assert data["resolve_by"] == resolve_by
    assert data["resolve_by_extended"] == extended
    by_step = {step["step"]: step for step in data["steps"]}
    for code, (due, counted_in, basis) in steps.items():
        assert by_step[code]["due"] == due, code
        assert by_step[code]["counted_in"] == counted_in, code
        assert by_step[code]["legal_basis"] == basis, code


def test_json_shape_of_the_contract():
    data, _err = run("to_cao", "--received", "2026-07-06")
    assert set(data) >= {
        "kind", "received", "accepted", "accept_by", "resolve_by", "resolve_by_extended", "steps"
    }
    assert data["received"] == "2026-07-06"
    assert data["accepted"] == "2026-07-06"  # defaults to the day received
    assert data["steps"]
    for step in data["steps"]:
        assert set(step) >= {"step", "due", "counted_in", "legal_basis", "rule_version"}
        assert step["counted_in"] in {"working_days", "calendar_days", "hours"}
        assert step["rule_version"] == "2026-07-01"
        assert step["legal_basis"]
        if step["counted_in"] != "hours":
            datetime.date.fromisoformat(step["due"])


def test_rule_version_follows_the_day_the_clock_starts():
    data, _err = run("khieu_nai", "--received", "2026-06-25", "--accepted", "2026-07-02")
    versions = {step["step"]: step["rule_version"] for step in data["steps"]}
    # the acceptance notice's clock starts at acceptance too (Điều 27 Luật Khiếu nại)
    assert versions == {
        "accept": "2019-01-01", "resolve": "2026-07-01", "complaint_acceptance_notice": "2026-07-01"
    }


def test_administrator_calendar_overrides_apply():
    CalendarOverrideFactory(date=datetime.date(2026, 7, 8), kind=CalendarOverride.Kind.DAY_OFF)
    data, _err = run("to_cao", "--received", "2026-07-06")
    assert data["accept_by"] == "2026-07-16"


def test_output_is_one_json_object_with_vietnamese_text():
    out = io.StringIO()
    call_command("deadline", "khieu_nai", "--received", "2026-07-06", stdout=out)
    assert "NĐ 155/2026" in out.getvalue()  # not escaped to \u sequences
    assert isinstance(json.loads(out.getvalue()), dict)


@pytest.mark.parametrize(
    "args, message",
    [
        (["khieu_nai_x", "--received", "2026-07-06"], "Loại hồ sơ không hợp lệ"),
        (["to_cao"], "Thiếu --received"),
        (["to_cao", "--received", "06/07/2026"], "ngày không hợp lệ"),
        (["to_cao", "--received", "2026-02-30"], "ngày không hợp lệ"),
        (["to_cao", "--received", "2026-07-06", "--accepted", "2026-07-01"],
         "không được trước"),
        (["to_cao", "--received", "2018-06-01"], "Không có quy định thời hạn"),
    ],
)
def test_bad_input_is_a_clear_vietnamese_error(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("deadline", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_flag_without_effect_on_the_kind_is_noted():
    data, err = run("bao_chi", "--received", "2026-07-06", "--second")
    assert "--second không ảnh hưởng" in err
    assert data["accept_by"] == "2026-07-27"


def test_the_press_answer_runs_from_the_outlet_heads_request():
    # NĐ 237/2026 Art 18(1): 30 days from the written request (Mon 20/7 → Wed 19/8).
    data, _err = run("bao_chi", "--received", "2026-07-06", "--requested", "2026-07-20")
    assert data["resolve_by"] == "2026-08-19"
    answer = next(step for step in data["steps"] if step["step"] == "press_answer")
    assert answer["legal_basis"] == "NĐ 237/2026 Art 18(1)"
    with pytest.raises(CommandError, match="--requested không được trước"):
        call_command("deadline", "bao_chi", "--received", "2026-07-06", "--requested",
                     "2026-07-01", stdout=io.StringIO(), stderr=io.StringIO())


def test_acceptance_notice_of_a_denunciation_is_listed_with_its_article():
    data, _err = run("to_cao", "--received", "2026-07-06", "--accepted", "2026-07-08")
    notice = next(step for step in data["steps"] if step["step"] == "notify_acceptance")
    assert (notice["due"], notice["legal_basis"]) == ("2026-07-15", "Luật TC Art 29(3)")
