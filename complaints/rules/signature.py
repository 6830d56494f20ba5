"""The signature a complaint or denunciation needs before acceptance.

The law asks a complaint and a denunciation to be signed or fingerprinted (Luật KN Điều 8(2),
an unsigned complaint is not accepted: Điều 11(5); Luật TC Điều 23, 29(1)(a)). Online, the
reporter's declaration stands in at intake (DOMAIN.md §2); before acceptance staff record a
signed copy (attached or received on paper) or the citizen's confirmation in person.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from complaints.kinds import CaseKind, Channel

# Vietnamese, as the law is cited; `signature_article` gives them in the reader's language.
SIGNATURE_ARTICLES: dict[str, str] = {
    CaseKind.KHIEU_NAI: gettext_noop("khoản 2 Điều 8, khoản 5 Điều 11 Luật Khiếu nại"),
    CaseKind.TO_CAO: gettext_noop("Điều 23, điểm a khoản 1 Điều 29 Luật Tố cáo"),
}
# Where the portal only has the online declaration: a letter, a visit or a call recorded by
# staff carries the signature or the signed minutes already (the staff intake asks for it).
ONLINE_CHANNELS = frozenset({Channel.WEB, Channel.API})


class SignatureMethod(models.TextChoices):
    SIGNED_COPY = "signed_copy", _("Bản có chữ ký hoặc điểm chỉ (đính kèm hoặc nhận bản giấy)")
    IN_PERSON = "in_person", _("Người gửi đến xác nhận trực tiếp, ký biên bản")


def signature_article(kind: str) -> str:
    """The articles requiring the signature of `kind` in the reader's language, as the
    messages around them ("Article 23 and point a, clause 1 of Article 29 of the Law on
    Denunciations" in English); "" for a kind that needs none."""
    article = SIGNATURE_ARTICLES.get(kind)
    return gettext(article) if article else ""


def signature_needed(case) -> bool:
    """A complaint or denunciation filed online whose signature is not yet recorded."""
    return (
        case.kind in SIGNATURE_ARTICLES
        and case.channel in ONLINE_CHANNELS
        and not case.signature_method
    )


def signature_refusal(case) -> str | None:
    """Why `case` may not be accepted yet for want of the signature, and what to do: record
    it, or, for a denunciation handled within the facility denounced, wait for the Sở, which
    keeps the signed letter and records it (its people never see the denouncer: khoản 3
    Điều 8, Điều 47 Luật Tố cáo; `complaints.selectors.identity.letter_actor_refusal`), or,
    when the Sở itself is denounced, forward it to the Chủ tịch Ủy ban nhân dân tỉnh."""
    if not signature_needed(case):
        return None
    from complaints.selectors.identity import (
        LETTER_TO_CHAIR,
        LETTER_TO_PROVINCE,
        letter_destination,
    )

    destination = letter_destination(case)
    if destination == LETTER_TO_PROVINCE:
        # The Sở itself denounced: its people neither keep nor record the letter; the
        # denunciation is forwarded (khoản 4 Điều 13, khoản 2 Điều 24 Luật Tố cáo).
        return str(
            _(
                "Đơn gửi trực tuyến chưa có bản có chữ ký hoặc xác nhận trực tiếp của người tố "
                "cáo nên chưa thụ lý được (%(article)s). %(why)s"
            )
            % {"article": signature_article(case.kind), "why": LETTER_TO_CHAIR}
        )
    if destination:
        return str(
            _(
                "Đơn gửi trực tuyến chưa có bản có chữ ký hoặc xác nhận trực tiếp của người tố "
                "cáo nên chưa thụ lý được (%(article)s). Đơn có chữ ký được gửi đến Sở và giữ bí "
                "mật cùng danh tính người tố cáo (khoản 3 Điều 8, Điều 47 Luật Tố cáo): Sở ghi "
                "nhận chữ ký khi nhận được đơn, rồi đơn vị mới thụ lý."
            )
            % {"article": signature_article(case.kind)}
        )
    return str(
        _(
            "Đơn gửi trực tuyến chưa có bản có chữ ký hoặc xác nhận trực tiếp của người gửi "
            "nên chưa thụ lý được; hãy “Ghi nhận chữ ký” (%(article)s)."
        )
        % {"article": signature_article(case.kind)}
    )


# What the citizen is told while the signature is owed (receipt and tracking page).
_CITIZEN_NOTICES = {
    CaseKind.KHIEU_NAI: _(
        "Đơn khiếu nại phải có chữ ký hoặc điểm chỉ của người khiếu nại (khoản 2 Điều 8 Luật "
        "Khiếu nại); đơn chưa có chữ ký thì không được thụ lý (khoản 5 Điều 11 Luật Khiếu nại)."
    ),
    CaseKind.TO_CAO: _(
        "Đơn tố cáo phải có chữ ký hoặc điểm chỉ của người tố cáo (Điều 23 Luật Tố cáo); đơn "
        "chưa có chữ ký thì chưa đủ điều kiện thụ lý (điểm a khoản 1 Điều 29 Luật Tố cáo)."
    ),
}


def signature_notice_for_citizen(case) -> str | None:
    """What a citizen who filed online must still do for the case to be accepted, while the
    signature is owed and the case waits for acceptance; None otherwise. The signed letter goes
    to the unit handling the case, whose head accepts and resolves it (Điều 18–20, Điều 27
    Luật Khiếu nại; Điều 12, Điều 13, Điều 29 Luật Tố cáo): a letter sent to the Sở would be
    passed on first, within the acceptance period (`complaints.selectors.contact.case_contact`:
    the Sở only for the Sở's own cases, a unit without an address, or a denunciation handled
    within the facility denounced, whose people never see the denouncer)."""
    from complaints.kinds import CaseStatus

    if not signature_needed(case) or case.status not in (
        CaseStatus.RECEIVED, CaseStatus.NEEDS_INFO
    ):
        return None
    from complaints.selectors.contact import case_contact

    contact = case_contact(case)
    how = _(
        "Lời cam đoan khi gửi trực tuyến giúp hồ sơ được tiếp nhận; để hồ sơ được thụ lý, cần "
        "bản đơn có chữ ký của bạn: gửi bản giấy đã ký (ghi mã hồ sơ %(code)s) qua bưu điện "
        "đến %(name)s, %(address)s; hoặc mang đến nộp, ký xác nhận tại đó %(hours)s."
    ) % {"code": case.tracking_code, **contact.as_dict()}
    note = contact.relay_note()
    if note:
        how += " " + note
    if case.accept_by:
        how += " " + _(
            "Để hồ sơ được thụ lý đúng hạn, đơn có chữ ký cần đến %(name)s chậm nhất trong ngày "
            "%(date)s."
        ) % {"name": contact.name, "date": case.accept_by.strftime("%d/%m/%Y")}
    how += " " + str(_("Cán bộ tiếp nhận có thể liên hệ để hướng dẫn bạn."))
    return f"{_CITIZEN_NOTICES[case.kind]} {how}"
