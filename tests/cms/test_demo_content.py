"""The demo's guide and FAQ texts say what the portal does."""

from cms import demo_content


def _answers():
    for guide in demo_content.guides("1900 9095").values():
        for block in guide.get("body", []):
            if block.get("type") == "question":
                yield block["value"]["question"], block["value"]["answer"]


def test_the_faq_on_a_lost_pin_points_to_the_pin_resend():
    """"Quên mã PIN?" sends a new PIN: the FAQ no longer says a PIN cannot be had again."""
    [answer] = [a for q, a in _answers() if "quên mã PIN" in q]
    assert 'href="/tra-cuu/quen-ma-pin/"' in answer
    assert "không thể xem lại" not in answer
