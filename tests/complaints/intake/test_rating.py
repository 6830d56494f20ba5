"""case_rate: once, after the case is closed; case_rated after commit."""

import pytest

from complaints.kinds import CaseStatus
from complaints.services.rating import RatingInvalid, RatingNotAllowed, case_rate
from complaints.signals import case_rated
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_closed_case_is_rated_once(django_capture_on_commit_callbacks):
    case = CaseFactory(status=CaseStatus.CLOSED)
    seen = []

    def listener(sender, case, **kwargs):
        seen.append(case.rating)

    case_rated.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            rated = case_rate(case=case, rating=4, comment="  Giải quyết nhanh.  ")
    finally:
        case_rated.disconnect(listener)
    assert (rated.rating, rated.rating_comment) == (4, "Giải quyết nhanh.")
    assert rated.rated_at is not None
    assert seen == [4]
    assert rated.history.first().history_change_reason == "origin=web action=case_rate"
    with pytest.raises(RatingNotAllowed):
        case_rate(case=case, rating=5)


@pytest.mark.parametrize("status", [CaseStatus.RECEIVED, CaseStatus.ACCEPTED,
                                    CaseStatus.VERIFYING, CaseStatus.WITHDRAWN])
def test_open_case_cannot_be_rated(status):
    with pytest.raises(RatingNotAllowed):
        case_rate(case=CaseFactory(status=status), rating=3)


@pytest.mark.parametrize("value", [0, 6, True, "5", None])
def test_rating_is_1_to_5(value):
    with pytest.raises(RatingInvalid):
        case_rate(case=CaseFactory(status=CaseStatus.CLOSED), rating=value)
