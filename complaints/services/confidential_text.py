"""Free text staff write on a denunciation never carries the denouncer's identity.

What a handler types on a tố cáo (an action's message, reason, public answer or note, an
internal note) is read by people who may not see who denounced: the denounced facility's
handlers, every reader of the case's history. The law keeps that identity secret (khoản 3
Điều 8, điểm b khoản 1 Điều 9, Điều 47 Luật Tố cáo), so such a text is refused, nothing
saved, when it contains any of the denouncer's name, address, ID number, phone or e-mail,
found as the documents' check finds them (`complaints.documents.context.identity_leaks`:
whole words without diacritics or case, numbers by their digits, and the parts that
identify: the address's house number and street, "14 Lê Lợi" of "14 Lê Lợi, phường Đức
Phổ"). Common words are never refused: only the denouncer's own values are looked for, and
their address only when it identifies a person, not when it is a bare place name such as
"Quảng Ngãi", nor by a part many people share, a ward or a street without its number
(`complaints.rules.identifying_address`).

The one caller for actions is `complaints.services.workflow._clean` (the admin's forms and
the staff API alike go through `case_transition`, and a proposed step's fields are checked
by the same `_clean`); for internal notes, `complaints.services.notes.case_note_add`; for the
comments on a proposed step, `complaints.approvals.services`.

What the denouncer wrote (the title and content of a tố cáo) cannot be refused: it is
shown redacted instead (`redacted`), each of their identity values, and every e-mail
address, phone number and ID number written in it (a relative's, a second phone: khoản 1
Điều 47 protects the family too), replaced by "[đã ẩn]", to whoever may not see the
identity: the case page and the staff API (`readable_text`), the national export and the
search index (always: `search.documents.case_text` is the one place that builds a case's
searchable text, so a part of the address the denouncer wrote, or their husband's phone,
finds the case for no one, as the whole address does not)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.documents.context import identity_leaks, identity_redacted, is_confidential
from complaints.rules.contact_data import contact_spans, spans_replaced
from portal.lazy_text import lazy_message, read_later

# An audience that is not the denouncer: every reader of a case's text may be one.
_ANY_READER = "staff"
FIELD_LABELS = {
    "name": gettext_lazy("họ tên"),
    "address": gettext_lazy("địa chỉ"),
    "id_number": gettext_lazy("số định danh cá nhân/CCCD"),
    "phone": gettext_lazy("số điện thoại"),
    "email": gettext_lazy("thư điện tử"),
}
# Fields that name a denouncer by what they are: who withdrew a denunciation is one of its
# denouncers, stored on the Withdrawal and shown as "Đã ẩn" to whoever may not see the
# identity (complaints/selectors/procedure.py).
NAMES_A_DENOUNCER = frozenset({"withdrawn_by"})


# A text refused for the denouncer's identity tells its writer that it holds it: a guess
# confirmed, to a writer who may not see the denouncer (to one who may, it tells nothing:
# they are never locked out). The refusals such a writer draws on one case are counted for a
# day; past
# `REFUSALS_PER_DAY`, every text they write there is refused, whatever it holds, until the
# day is over, so the answer stops telling anything; each refusal is logged (the
# `complaints.identity` logger: who, which case) for the inspectorate to read. The figure
# is the portal's (no law sets it): a writer who copies an identity by mistake corrects it
# once or twice.
REFUSALS_PER_DAY = 3
REFUSAL_WINDOW_SECONDS = 24 * 3600
logger = logging.getLogger("complaints.identity")


def identity_refusal(
    text: str, *, case, writer, audience: str = _ANY_READER, document: bool = False
) -> str | None:
    """The refusal of `text` written by `writer` on `case`, naming the identity fields it
    contains; None when the case is no confidential denunciation or the text holds none of
    them. Each refusal counts against the daily allowance on the case of a writer who may
    not see its denouncer; once it is spent, every text is refused alike
    (`REFUSALS_PER_DAY`). A writer who may see the denouncer (`can_see_identity`: the Sở's
    leader, the inspector handling it) learns nothing from a refusal: their texts are
    refused for the identity as anyone's, never all alike. Kept unrendered
    (`portal.lazy_text`): a step decided in Vietnamese is refused in its reader's language."""
    if not is_confidential(case):
        return None
    key = f"identity-refusals:{case.pk}:{getattr(writer, 'pk', None)}"
    counted = _refusal_is_an_answer(case, writer)
    if counted and (cache.get(key) or 0) >= REFUSALS_PER_DAY:
        return lazy_message(gettext_lazy(
            "Đã có %(count)s nội dung bị từ chối trên hồ sơ này trong ngày vì có thông tin nhận "
            "diện người tố cáo. Để bảo vệ người tố cáo, Cổng tạm không nhận nội dung bạn viết "
            "trên hồ sơ này đến hết 24 giờ kể từ lần đầu (khoản 3 Điều 8, Điều 47 Luật Tố cáo); "
            "cần gấp, hãy liên hệ Thanh tra Sở."
        ), count=REFUSALS_PER_DAY)
    leaks = identity_leaks(text or "", case=case, audience=audience)
    if not leaks:
        return None
    if counted and not cache.add(key, 1, timeout=REFUSAL_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=REFUSAL_WINDOW_SECONDS)
    logger.warning(
        "identity text refused: user=%s case=%s fields=%s",
        getattr(writer, "pk", None), case.tracking_code, ",".join(leaks),
    )
    named = read_later(lambda: ", ".join(str(FIELD_LABELS[leak]) for leak in leaks))
    if document:
        return lazy_message(gettext_lazy(
            "Văn bản không gửi người tố cáo nhưng có thông tin nhận diện người tố cáo "
            "(%(fields)s): hãy xóa trước khi ban hành (Điều 47 Luật Tố cáo)."
        ), fields=named)
    return lazy_message(gettext_lazy(
        "Nội dung có thông tin nhận diện người tố cáo (%(fields)s) mà người không được xem "
        "danh tính người tố cáo cũng đọc được: hãy xóa trước khi lưu (khoản 3 Điều 8, Điều 47 "
        "Luật Tố cáo)."
    ), fields=named)


def _refusal_is_an_answer(case, writer) -> bool:
    """Whether a refusal tells `writer` something they may not know: the denouncer's
    identity, when they may not see it on `case`."""
    from complaints.selectors.identity import can_see_identity

    return writer is None or not can_see_identity(case=case, user=writer)


def identity_errors(fields: dict, *, case, writer) -> dict[str, list[str]]:
    """{field: [refusal]} for every text value of `fields` (an action's cleaned fields)
    that contains the denouncer's identity, or every text once the writer's refusals are
    spent (`identity_refusal`); empty when none is refused."""
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        if name in NAMES_A_DENOUNCER or not isinstance(value, str):
            continue
        refusal = identity_refusal(value, case=case, writer=writer)
        if refusal:
            errors[name] = [refusal]
    return errors


def redacted(text: str, *, case, reporter=None) -> str:
    """`text` of `case` with each of the denouncer's identity values (name, address, ID
    number, phone, e-mail, matched as `identity_leaks` matches them) and every e-mail
    address, phone number and ID number, whoever's, replaced by "[đã ẩn]", the rest kept
    exactly; unchanged for any case but a named tố cáo (khoản 3 Điều 8, Điều 47 Luật Tố
    cáo). The one rule of a tố cáo's text for whoever may not see the denouncer: the case
    page, its history, the staff API, the exports and the search index."""
    return identity_redacted(text, case=case, label=_("[đã ẩn]"), reporter=reporter)


def contact_redacted(text: str) -> str:
    """`text` with every telephone number and e-mail address, whoever's, replaced by
    "[đã ẩn]" (`complaints.rules.contact_data`): for a copy sent outside the portal."""
    spans = contact_spans(text)
    return spans_replaced(text, spans, _("[đã ẩn]")) if spans else text


def text_reader(case, *, user) -> Callable[[str], str]:
    """How `user` reads the texts of `case`: the denouncer's words, now or in any earlier
    version (a history row's title or content, a correction's old and new text), and every
    text staff wrote on it (an internal note, a step's message to the citizen, its note or
    reason, the conclusion, the public answer, the step's texts a document quotes): unchanged
    when the user may see the denouncer's identity (`can_see_identity`, one query, asked
    only for a named tố cáo) or the case is no confidential denunciation, else `redacted`,
    so that a relative's phone or e-mail an inspector wrote down reads "[đã ẩn]" for the
    facility denounced as it does in the content. A staff text can name a person only in
    part ("bà Mai Hương", a hamlet): no pattern tells that from any other words, so it is
    left as written; the write-time check (`identity_refusal`) is what keeps the
    denouncer's own values out. The one rule of the case page, the staff API, the case's
    history and the documents drafted on it."""
    from complaints.documents.context import is_confidential
    from complaints.selectors.identity import can_see_identity

    if not is_confidential(case) or can_see_identity(case=case, user=user):
        return _unchanged
    reporter = getattr(case, "reporter", None)  # read once, for every text given
    return lambda text: redacted(text, case=case, reporter=reporter)


def _unchanged(text):
    return text


def readable_text(case, *, user) -> tuple[str, str]:
    """(title, content) of `case` as `user` may read them (`text_reader`)."""
    read = text_reader(case, user=user)
    return read(case.title), read(case.content)

