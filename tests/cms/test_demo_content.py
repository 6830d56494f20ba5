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


def test_the_privacy_notice_names_every_recipient_and_the_server_logs():
    """Luật 91/2025 Điều 9 khoản 2: consent is informed only if the notice says who receives
    the data; the daily national export (`export_national`) and the server's access logs are
    named, not denied."""
    body = demo_content.privacy("Quảng Ngãi")["body"]
    text = " ".join(str(block.get("value", "")) for block in body)
    assert "không chia sẻ cho bên thứ ba" not in text
    assert "cơ sở dữ liệu quốc gia" in text and "không gửi danh tính người tố cáo" in text
    assert "nhật ký truy cập của máy chủ" in text
