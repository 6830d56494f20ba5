"""The notices owed to the parties before a denunciation's conclusion or a complaint's
decision: each decision taken on the way (acceptance, extension, suspension, resumption) is
told to the parties the law names — the denouncer and the person denounced (khoản 3 Điều 29,
khoản 4 Điều 30, khoản 4 Điều 34 Luật Tố cáo), the complainant (Điều 27, khoản 1 Điều 36
Luật Khiếu nại; khoản 1–2 Điều 28b Nghị định 124/2020, sửa đổi bởi Nghị định 155/2026).

A party has its notice when the portal issued a document of that step addressed to it, or
a sending to it was recorded (`record_notice`, complaints/rules/notices.py). Paper notices
may exist outside the portal, so what is missing is a warning the leader passes by
confirming (`notices_given_outside` of `conclude`, kept in the event's data with the list
of missing notices and their articles), as for the dialogue's documents
(complaints/rules/dialogue_documents.py), not a refusal."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

CONFIRMATION = "notices_given_outside"
DATA_KEY = "notices_missing"

# Which parties a document reaches, by its audience (complaints/rules/documents.py).
_AUDIENCE_PARTIES = {
    "reporter": {"complainant", "denouncer"},
    "accused": {"accused", "respondent"},
    "parties": {"complainant", "respondent", "denouncer", "accused"},
}
# A complaint's acceptance is told in writing with no time of its own (no deadline row):
# owed once the complaint is accepted, to the complainant (Mẫu số 03).
COMPLAINT_ACCEPTANCE = "complaint_acceptance_notice"
_COMPLAINT_ACCEPTANCE_ARTICLE = {
    False: "Điều 27 Luật Khiếu nại",
    True: "khoản 1 Điều 36 Luật Khiếu nại",
}


def _article(legal_basis: str) -> str:
    """The article of a notice row, as a Vietnamese reader cites it, without the row's
    comments ("Luật TC Art 30(4); NĐ 31/2019 …" → "khoản 4 Điều 30 Luật Tố cáo")."""
    from complaints.citations import citation_vi

    return citation_vi(re.split(r"[;:]| \(", legal_basis, maxsplit=1)[0].strip())


def missing(case) -> list[dict]:
    """The notices owed for the decisions taken before the conclusion that some party the
    law names has neither as an issued document nor as a recorded sending: one
    {"notice", "parties", "article"} per notice, soonest due first; [] when none."""
    from complaints.documents.models import DocumentStatus
    from complaints.kinds import CaseKind
    from complaints.services.notices import notice_definition, notices_pending

    if case.kind not in (CaseKind.KHIEU_NAI, CaseKind.TO_CAO):
        return []
    reached: dict[str, set[str]] = {}
    for action, audience in case.documents.filter(status=DocumentStatus.ISSUED).values_list(
        "action", "audience"
    ):
        reached.setdefault(action, set()).update(_AUDIENCE_PARTIES.get(audience, ()))
    missing = []
    if case.kind == CaseKind.KHIEU_NAI and case.events.filter(action="accept").exists():
        if "complainant" not in reached.get("accept", set()):
            missing.append({
                "notice": COMPLAINT_ACCEPTANCE,
                "parties": ["complainant"],
                "article": _COMPLAINT_ACCEPTANCE_ARTICLE[bool(case.second_time)],
            })
    for row in notices_pending(case).prefetch_related("notices_sent"):
        notice = notice_definition(kind=case.kind, step=row.step, second=case.second_time)
        if notice is None or notice.trigger == "conclude":
            continue
        sent = {party for n in row.notices_sent.all() for party in n.recipients}
        by_document = reached.get(notice.trigger, set())
        parties = [p for p in notice.must_reach if p not in sent and p not in by_document]
        if parties:
            missing.append(
                {"notice": row.step, "parties": parties, "article": _article(row.legal_basis)}
            )
    return missing


def missing_warning(missing: list[dict]) -> str:
    """The warning of the case page and the conclusion step, "" when nothing is missing."""
    from complaints.step_labels import party_label, step_label

    if not missing:
        return ""
    names = {COMPLAINT_ACCEPTANCE: _("Thông báo thụ lý giải quyết khiếu nại")}
    lines = "; ".join(
        _("%(notice)s cho %(parties)s (%(article)s)") % {
            "notice": names.get(item["notice"]) or step_label(item["notice"]),
            "parties": ", ".join(party_label(p) for p in item["parties"]),
            "article": item["article"],
        }
        for item in missing
    )
    return _(
        "Chưa có trên cổng văn bản đã ban hành hoặc ghi nhận đã gửi: %(notices)s. Nếu các "
        "thông báo đã được gửi ngoài cổng, hãy xác nhận khi kết luận."
    ) % {"notices": lines}
