"""`{% intake_texts as texts %}{{ texts|json_script:"intake-texts" }}`: every text the
intake form's script (static/complaints/intake.js) shows, in the page's language.

The file messages are the attachments service's own (same msgids, same translations),
the phone, e-mail and content messages the intake service's (the same functions): the
browser says what the server would. Placeholders stay as `%(name)s` / `%(count)d`;
the script fills them in, with numbers and sizes written the language's way."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from complaints.services.intake import content_too_short_message, email_invalid_message
from complaints.validation import phone_invalid_message

register = template.Library()


@register.simple_tag
def intake_texts() -> dict[str, str]:
    return {
        "summary_title": _("Hồ sơ chưa gửi được: hãy sửa các mục sau"),
        "choose_kind": _("Hãy chọn loại: phản ánh, kiến nghị, khiếu nại hoặc tố cáo."),
        "missing": _("Chưa điền (bắt buộc)."),
        "unticked": _("Chưa đánh dấu (bắt buộc)."),
        "bad_date": _(
            "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 25/09/2026."
        ),
        "impossible_date": _(
            "Ngày này không có trên lịch (ví dụ 31/02): hãy kiểm tra lại ngày và tháng."
        ),
        # The intake service's own messages (the same functions): phone, e-mail, content.
        "bad_phone": phone_invalid_message(),
        "bad_email": email_invalid_message(),
        "short_content": content_too_short_message(),
        "too_many_files": _("Chỉ gửi được tối đa %(count)d tệp; bạn đã chọn %(chosen)d tệp."),
        "file_too_large": _("Tệp %(name)s: lớn hơn %(size)s."),
        "file_empty": _("Tệp %(name)s: tệp rỗng."),
        "file_type": _("Tệp %(name)s: chỉ nhận ảnh (JPEG, PNG, WebP) hoặc PDF."),
        "total_too_large": _("Tổng dung lượng các tệp vượt quá %(size)s."),
        "counter": _("Đã nhập %(count)s/%(max)s ký tự."),
        "uploading": _("Đang tải tệp lên…"),
        "upload_failed": _("Không gửi được: hãy kiểm tra kết nối mạng và thử lại."),
        "no_facility": _("Không tìm thấy cơ sở phù hợp; hãy chọn trong danh sách bên dưới."),
        # The facility search's combobox: its list's name and what its live region says.
        "facility_list": _("Cơ sở y tế tìm được"),
        "facility_found_one": _found(1),
        "facility_found_many": _found(2),
        "facility_chosen": _("Đã chọn: %(name)s"),
        # The language switch keeps what was typed (intake.js): what the note beside the form
        # says, and what the page says once it comes back in the other language.
        "language_kept": _(
            "Đổi ngôn ngữ ở đầu trang không làm mất những gì bạn đã nhập, trừ tệp đính kèm và "
            "các mục đồng ý, cam đoan: sau khi đổi, hãy chọn lại tệp và đánh dấu lại các mục đó."
        ),
        "draft_restored": _(
            "Những gì bạn đã nhập được giữ lại sau khi đổi ngôn ngữ. Hãy đọc và đánh dấu lại "
            "các mục đồng ý và cam đoan ở bước 6."
        ),
        "draft_files": _(
            "Tệp đính kèm không giữ được khi đổi ngôn ngữ (trình duyệt không cho phép): hãy chọn "
            "lại %(names)s."
        ),
    }


def _found(count: int) -> str:
    """The number of facilities found, the count left as a placeholder (English has a
    singular and a plural; the script picks one)."""
    return ngettext(
        "Tìm thấy %(count)s cơ sở; dùng phím mũi tên xuống để chọn, Enter để xác nhận.",
        "Tìm thấy %(count)s cơ sở; dùng phím mũi tên xuống để chọn, Enter để xác nhận.",
        count,
    )
