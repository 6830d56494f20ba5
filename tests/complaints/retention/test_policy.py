"""The retention policy: its table, `PORTAL_RETENTION_POLICY` read from the environment,
and the privacy notice that states it."""

from __future__ import annotations

import datetime

import pytest

from complaints.kinds import CaseKind
from complaints.retention.policy import DEFAULT_RULES, months_before, retention_rules
from portal.settings.env import SettingsError, env_retention_policy


def test_the_table_cites_article_16_and_marks_the_archive_periods_unconfirmed():
    for kind in (CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI, CaseKind.BAO_CHI):
        assert DEFAULT_RULES[kind].months == 36
        basis = DEFAULT_RULES[kind].legal_basis
        assert "điểm b khoản 2 Điều 16 Luật Bảo vệ dữ liệu cá nhân" in basis
        assert not DEFAULT_RULES[kind].unconfirmed
    for kind in (CaseKind.KHIEU_NAI, CaseKind.TO_CAO):
        assert DEFAULT_RULES[kind].months > 36 and DEFAULT_RULES[kind].unconfirmed
    assert set(DEFAULT_RULES) == set(CaseKind.values)


def test_the_setting_overrides_a_kinds_months(settings):
    settings.PORTAL_RETENTION_POLICY = {"to_cao": 180}
    rules = retention_rules()
    assert rules[CaseKind.TO_CAO].months == 180 and rules[CaseKind.TO_CAO].configured
    assert rules[CaseKind.KHIEU_NAI].months == DEFAULT_RULES[CaseKind.KHIEU_NAI].months


def test_the_environment_gives_months_per_kind(monkeypatch):
    monkeypatch.setenv("PORTAL_RETENTION_POLICY", " khieu_nai=120, to_cao = 240 ")
    assert env_retention_policy("PORTAL_RETENTION_POLICY") == {"khieu_nai": 120, "to_cao": 240}
    monkeypatch.setenv("PORTAL_RETENTION_POLICY", "")
    assert env_retention_policy("PORTAL_RETENTION_POLICY") == {}


@pytest.mark.parametrize("value", ["khieu_nai", "khieu_nai=0", "khieu_nai=mười", "khieunai=120"])
def test_a_wrong_value_stops_the_start_naming_it(monkeypatch, value):
    monkeypatch.setenv("PORTAL_RETENTION_POLICY", value)
    with pytest.raises(SettingsError) as error:
        env_retention_policy("PORTAL_RETENTION_POLICY")
    message = str(error.value)
    assert message.startswith("PORTAL_RETENTION_POLICY: ") and repr(value) in message
    assert "\n" not in message


def test_months_are_calendar_months():
    moment = datetime.datetime(2030, 3, 31, 8, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2030, 2, 28, 8, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 36) == datetime.datetime(2027, 3, 31, 8, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 15).date() == datetime.date(2028, 12, 31)


def test_the_privacy_notice_states_the_periods_of_the_setting(settings):
    from cms.demo_content import privacy

    settings.PORTAL_RETENTION_POLICY = {"khieu_nai": 180, "to_cao": 180}
    settings.PORTAL_RETENTION_FILE_DAYS = 45
    body = repr(privacy("tỉnh Quảng Ngãi")["body"])
    assert "phản ánh, kiến nghị, thông tin báo chí: 36 tháng" in body
    assert "khiếu nại, tố cáo: 180 tháng" in body
    assert "xoá sau 45 ngày" in body
    settings.PORTAL_RETENTION_POLICY = {}
    assert "khiếu nại, tố cáo: 120 tháng (theo quy định lưu trữ hồ sơ; thời hạn chưa được xác " \
        "nhận)" in repr(privacy("tỉnh Quảng Ngãi")["body"])
