"""The timeline's names of services and events (complaints.selectors.history), translated
once per language and process: each language still gets its own words."""

from django.utils import translation

from complaints.selectors.history import _action_label


def test_a_service_is_named_in_the_readers_language_whatever_was_asked_before():
    with translation.override("vi"):
        assert _action_label("case_deadlines_refresh") == "Tính lại thời hạn"
    with translation.override("en"):
        assert _action_label("case_deadlines_refresh") == "Deadlines recalculated"
        assert _action_label("note_add") == "Internal note added"
    with translation.override("vi"):
        assert _action_label("note_add") == "Thêm ghi chú nội bộ"


def test_an_unknown_service_is_an_update_of_the_case_never_its_code():
    with translation.override("vi"):
        assert _action_label("case_something_new") == "Cập nhật hồ sơ"
