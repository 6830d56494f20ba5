"""What an issued document is for, as the citizen it is sent to reads it: "notice of
acceptance of your complaint" beside "THÔNG BÁO số 01/TB-TTYT-DP: Về việc thụ lý giải quyết
khiếu nại". The document stays the Sở's Vietnamese paper (its type, number and summary); a
reader of another language is told what it is in their words, on the tracking page ("Documents
sent to you"), the timeline and the document's e-mail.

By the document's type, the step it was issued at (`Document.action`) and the case's kind
(None: any kind), as the forms owed to the citizen are (complaints.rules.documents.FORMS:
Mẫu số 03, 04, 14… of Nghị định 124/2020/NĐ-CP; Nghị định 31/2019/NĐ-CP for a denunciation).
A template an administrator adds for another step has no purpose: its type is named."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PURPOSES = {
    ("thong_bao", "accept", "khieu_nai"): _("thông báo thụ lý khiếu nại của ông/bà"),
    ("thong_bao", "reject", "khieu_nai"): _("thông báo không thụ lý khiếu nại của ông/bà"),
    ("quyet_dinh", "conclude", "khieu_nai"): _("quyết định giải quyết khiếu nại của ông/bà"),
    ("thong_bao", "accept", "to_cao"): _("thông báo thụ lý tố cáo của ông/bà"),
    ("thong_bao", "reject", "to_cao"): _("thông báo không thụ lý tố cáo của ông/bà"),
    ("quyet_dinh", "extend", "to_cao"): _("quyết định gia hạn giải quyết tố cáo"),
    ("thong_bao", "conclude", "to_cao"): _("thông báo kết luận nội dung tố cáo"),
    ("thong_bao", "accept", "phan_anh"): _("thông báo tiếp nhận, xử lý phản ánh của ông/bà"),
    ("thong_bao", "accept", "kien_nghi"): _("thông báo tiếp nhận, xử lý kiến nghị của ông/bà"),
    ("thong_bao", "reject", "phan_anh"): _("thông báo không xử lý phản ánh của ông/bà"),
    ("thong_bao", "reject", "kien_nghi"): _("thông báo không xử lý kiến nghị của ông/bà"),
    ("cong_van", "conclude", "phan_anh"): _("văn bản trả lời phản ánh của ông/bà"),
    ("cong_van", "conclude", "kien_nghi"): _("văn bản trả lời kiến nghị của ông/bà"),
    ("thong_bao", "schedule_dialogue", None): _("giấy mời đối thoại"),
    ("bien_ban", "dialogue_minutes", None): _("biên bản đối thoại"),
    ("quyet_dinh", "suspend", None): _("quyết định tạm đình chỉ việc giải quyết"),
    ("quyet_dinh", "resume", None): _("quyết định tiếp tục giải quyết"),
    ("quyet_dinh", "withdraw", None): _("quyết định đình chỉ giải quyết do rút đơn"),
    ("thong_bao", "forward", None): _("thông báo chuyển đơn"),
    ("cong_van", "request_info", None): _("văn bản đề nghị bổ sung thông tin"),
    ("thong_bao", "file", None): _("thông báo lưu đơn"),
}


def document_purpose(document_type: str, step: str, kind: str) -> str:
    """The document's purpose in the active language; "" when none is known."""
    purpose = PURPOSES.get((document_type, step, kind)) or PURPOSES.get((document_type, step, None))
    return str(purpose) if purpose is not None else ""
