"""case_press_response_published: the published press response on the case's
public timeline, once per URL, with history and a signal after commit."""

from __future__ import annotations

import pytest

from complaints.models import CaseEvent
from complaints.services.press import NotAPressCase, case_press_response_published
from complaints.signals import case_event_recorded
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded():
    events = []

    def listener(sender, case, event, **kwargs):
        events.append((case.pk, event.pk))

    case_event_recorded.connect(listener)
    yield events
    case_event_recorded.disconnect(listener)


def test_records_a_public_event_with_the_link(django_capture_on_commit_callbacks, recorded):
    case = CaseFactory(bao_chi=True, status="concluded")
    head = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        event = case_press_response_published(
            case_id=case.pk, url="/phan-hoi-bao-chi/a/", title="Phản hồi bài A", actor=head
        )

    assert event.action == "press_response_published"
    assert event.is_public
    assert event.actor == head
    assert event.from_status == event.to_status == "concluded"
    assert event.data == {"origin": "cms", "url": "/phan-hoi-bao-chi/a/", "title": "Phản hồi bài A"}
    assert "Phản hồi bài A" in event.public_message
    assert recorded == [(case.pk, event.pk)]
    history = case.history.first()
    assert history.history_user == head
    assert history.history_change_reason == "origin=cms action=case_press_response_published"


def test_the_signal_waits_for_the_commit(django_capture_on_commit_callbacks, recorded):
    case = CaseFactory(bao_chi=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_press_response_published(case_id=case.pk, url="/x/", title="X", actor=None)
        assert recorded == []
    # The domain signal waits for the commit (background tasks queued after it may sit beside).
    assert len([c for c in callbacks if "case_event_recorded" in c.__code__.co_names]) == 1


def test_same_url_twice_records_once_and_signals_once(django_capture_on_commit_callbacks, recorded):
    case = CaseFactory(bao_chi=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = case_press_response_published(case_id=case.pk, url="/a/", title="A", actor=None)
    history_rows = case.history.count()
    with django_capture_on_commit_callbacks(execute=True):
        again = case_press_response_published(case_id=case.pk, url="/a/", title="A", actor=None)
        other = case_press_response_published(case_id=case.pk, url="/b/", title="B", actor=None)

    assert again == first
    assert other != first
    assert CaseEvent.objects.filter(case=case, action="press_response_published").count() == 2
    assert len(recorded) == 2
    assert case.history.count() == history_rows + 1


def test_only_press_cases_have_press_responses():
    case = CaseFactory()  # a phản ánh
    with pytest.raises(NotAPressCase):
        case_press_response_published(case_id=case.pk, url="/a/", title="A", actor=None)
    assert not CaseEvent.objects.filter(case=case).exists()
