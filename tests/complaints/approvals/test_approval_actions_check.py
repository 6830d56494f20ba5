"""`manage.py check` says when `PORTAL_APPROVAL_ACTIONS` leaves a handler no way to a head's
decision, or names a step that is not in the table (complaints/checks.py)."""

from __future__ import annotations

import io

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.utils import translation

from complaints.rules.resolver import HEAD_DECISIONS


def _portal_messages():
    return checks.run_checks(tags=["portal"])


def test_the_default_table_passes():
    assert _portal_messages() == []


@override_settings(PORTAL_APPROVAL_ACTIONS=sorted(HEAD_DECISIONS | {"file"}))
def test_a_list_with_every_head_decision_passes():
    assert _portal_messages() == []


@override_settings(PORTAL_APPROVAL_ACTIONS=["conclude", "file"])
def test_a_list_without_the_refusal_and_acceptance_is_warned_with_the_articles():
    with translation.override("vi"):
        (message,) = _portal_messages()
    assert message.id == "portal.W001"
    assert message.level == checks.WARNING
    for action in ("accept", "reject", "extend_verification"):
        assert action in message.msg
    assert "conclude" not in message.msg.split(":")[-1]
    assert "Điều 27, Điều 36 Luật Khiếu nại" in message.msg
    assert "PORTAL_SILENCED_CHECKS=portal.W001" in message.hint


@override_settings(PORTAL_APPROVAL_ACTIONS=[])
def test_none_warns_of_every_head_decision():
    (message,) = _portal_messages()
    assert all(action in message.msg for action in HEAD_DECISIONS)


@override_settings(PORTAL_APPROVAL_ACTIONS=[*sorted(HEAD_DECISIONS), "conclued"])
def test_a_misspelt_step_stops_manage_py_check():
    (message,) = _portal_messages()
    assert message.id == "portal.E001"
    assert "conclued" in message.msg and "conclude" in message.hint
    with pytest.raises(SystemCheckError, match="conclued"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


@override_settings(PORTAL_APPROVAL_ACTIONS=["conclude"])
def test_the_warning_reads_in_english_for_an_english_administrator():
    with translation.override("en"):
        (message,) = _portal_messages()
    assert "Article 27" in message.msg
