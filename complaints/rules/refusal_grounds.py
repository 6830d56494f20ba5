"""Grounds for refusing (không thụ lý) or filing (lưu đơn) a petition, each with its article.

`reject` and `file` (ineligible) take one of these codes (`legal_ground`); the citizen is
told the ground's text and article, the officer's free text only adds detail.

- khiếu nại: Luật Khiếu nại 02/2011/QH13 Điều 11, the nine cases a complaint is not accepted;
- tố cáo: Luật Tố cáo 25/2018/QH14 Điều 29(1), the conditions of acceptance, and Điều 24(3)
  (a denunciation also sent to the competent body is not handled by the others);
- phản ánh, kiến nghị: no statute lists refusal grounds for a written petition; the portal
  applies by analogy the cases NĐ 154/2026 Điều 4(1) lists for refusing to receive a citizen:
  marked unconfirmed, as a reviewer should check that reading.
A complaint or denunciation outside the unit's competence is not refused: it is forwarded
(Luật TC Điều 24(2); DOMAIN.md §3), see `complaints.rules.competence`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind

REJECT, FILE = "reject", "file"
KN, TC = frozenset({CaseKind.KHIEU_NAI}), frozenset({CaseKind.TO_CAO})
PETITION = frozenset({CaseKind.PHAN_ANH, CaseKind.KIEN_NGHI})


@dataclass(frozen=True)
class RefusalGround:
    code: str
    kinds: frozenset[str]
    actions: frozenset[str]  # reject (không thụ lý), file (lưu đơn: ineligible)
    text: str  # what the citizen is told (Vietnamese, lazy)
    article: str  # as the interface shows it: "khoản 5 Điều 11 Luật Khiếu nại"
    unconfirmed: bool = False

    def public_text(self) -> str:
        return f"{self.text} ({self.article})"

    def choice_label(self) -> str:
        """How the officer's form offers it: an unconfirmed reading says so."""
        label = self.public_text()
        if self.unconfirmed:
            label = f"{label} — {_('căn cứ chưa xác nhận')}"
        return label


R = frozenset({REJECT})
F = frozenset({FILE})
RF = frozenset({REJECT, FILE})

REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    # ---- khiếu nại: Luật Khiếu nại Điều 11 ----
    RefusalGround(
        "kn_internal_decision", KN, R,
        _("Quyết định, hành vi bị khiếu nại là quyết định, hành vi trong nội bộ cơ quan nhà nước, "
          "văn bản quy phạm pháp luật hoặc thuộc danh mục bí mật nhà nước"),
        "khoản 1 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_not_affecting", KN, R,
        _("Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích hợp pháp "
          "của người khiếu nại"),
        "khoản 2 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_no_capacity", KN, R,
        _("Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện "
          "hợp pháp"),
        "khoản 3 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_unlawful_representative", KN, R,
        _("Người đại diện không hợp pháp thực hiện khiếu nại"),
        "khoản 4 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_unsigned", KN, R,
        _("Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại"),
        "khoản 5 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_time_expired", KN, R,
        _("Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng"),
        "khoản 6 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_second_decision_exists", KN, R,
        _("Khiếu nại đã có quyết định giải quyết khiếu nại lần hai"),
        "khoản 7 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_not_pursued_after_stop", KN, R,
        _("Đã có văn bản thông báo đình chỉ việc giải quyết khiếu nại mà sau 30 ngày người khiếu "
          "nại không tiếp tục khiếu nại"),
        "khoản 8 Điều 11 Luật Khiếu nại",
    ),
    RefusalGround(
        "kn_court", KN, R,
        _("Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết định "
          "của Tòa án"),
        "khoản 9 Điều 11 Luật Khiếu nại",
    ),
    # ---- tố cáo: Luật Tố cáo Điều 29(1), 24(3) ----
    RefusalGround(
        "tc_form", TC, R,
        _("Tố cáo không được thực hiện theo hình thức quy định (đơn có họ tên, địa chỉ, chữ ký "
          "hoặc điểm chỉ của người tố cáo)"),
        "điểm a khoản 1 Điều 29, Điều 23 Luật Tố cáo",
    ),
    RefusalGround(
        "tc_no_capacity", TC, R,
        _("Người tố cáo không có đủ năng lực hành vi dân sự và không có người đại diện theo "
          "quy định của pháp luật"),
        "điểm b khoản 1 Điều 29 Luật Tố cáo",
    ),
    RefusalGround(
        "tc_no_violator", TC, R,
        _("Nội dung tố cáo không có cơ sở để xác định người vi phạm, hành vi vi phạm pháp luật"),
        "điểm d khoản 1 Điều 29 Luật Tố cáo",
    ),
    RefusalGround(
        "tc_complaint_resolved", TC, R,
        _("Tố cáo xuất phát từ vụ việc khiếu nại đã được giải quyết đúng thẩm quyền, trình tự, "
          "thủ tục mà người tố cáo không cung cấp được thông tin, tài liệu, chứng cứ về hành vi "
          "vi phạm của người giải quyết khiếu nại"),
        "đoạn cuối khoản 1 Điều 29 Luật Tố cáo",
    ),
    RefusalGround(
        "tc_sent_to_competent", TC, F,
        _("Tố cáo không thuộc thẩm quyền và đã được gửi đồng thời đến cơ quan có thẩm quyền giải "
          "quyết: cơ quan nhận được không xử lý"),
        "khoản 3 Điều 24 Luật Tố cáo",
    ),
    # ---- phản ánh, kiến nghị: NĐ 154/2026 Điều 4(1), applied by analogy ----
    RefusalGround(
        "pa_outside_scope", PETITION, RF,
        _("Nội dung không thuộc phạm vi phản ánh, kiến nghị theo quy định của pháp luật"),
        "điểm g khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP", unconfirmed=True,
    ),
    RefusalGround(
        "pa_already_answered", PETITION, F,
        _("Vụ việc đã được hướng dẫn hoặc trả lời bằng văn bản theo đúng quy định và không có "
          "nội dung, tình tiết mới"),
        "điểm h khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP", unconfirmed=True,
    ),
    RefusalGround(
        "pa_court", PETITION, RF,
        _("Vụ việc đã có bản án, quyết định của Tòa án có hiệu lực pháp luật"),
        "điểm i khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP", unconfirmed=True,
    ),
    RefusalGround(
        "pa_handled_elsewhere", PETITION, RF,
        _("Vụ việc đang được cơ quan, đơn vị có thẩm quyền khác thụ lý, giải quyết"),
        "điểm k khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP", unconfirmed=True,
    ),
    RefusalGround(
        "pa_no_representative", PETITION, R,
        _("Người đại diện, người được ủy quyền không chứng minh được tư cách đại diện hợp pháp"),
        "điểm e khoản 1 Điều 4 Nghị định 154/2026/NĐ-CP", unconfirmed=True,
    ),
)

GROUNDS: dict[str, RefusalGround] = {g.code: g for g in REFUSAL_GROUNDS}
if len(GROUNDS) != len(REFUSAL_GROUNDS):  # fail at import, not on the first refusal
    raise ImportError("duplicate refusal ground code")


def grounds_for(*, kind: str, action: str) -> list[RefusalGround]:
    """The grounds an officer may choose for `action` on a case of `kind`, in table order."""
    return [g for g in REFUSAL_GROUNDS if kind in g.kinds and action in g.actions]


def ground_for(*, code: str, kind: str, action: str) -> RefusalGround | None:
    ground = GROUNDS.get(code or "")
    if ground is None or kind not in ground.kinds or action not in ground.actions:
        return None
    return ground
