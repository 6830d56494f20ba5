"""Notices to the parties (thông báo, gửi quyết định): which notice, to whom, within how
long, counted how, and the article that says so (issue 9 item 5; DOMAIN.md §3–§4).

Each row is also a deadline step: `complaints.deadlines.RULES` takes its rows for these
steps from this table, so the figure and its article are written once. A row opens its
step when the workflow action named in ``trigger`` is recorded for a case of its kind
(`complaints.services.notices.notices_open`), counted from the decision's day (Bộ luật
Dân sự Arts 147–148); recording that the notice went out (action ``record_notice``:
when, how, to whom) settles the step once every party in ``must_reach`` has it. An open
step past its date counts as overdue like any deadline.

Pure data (no Django): the Vietnamese names of the steps and parties are in
`complaints.step_labels`.

Where the law names a notice but no time limit, the row is ``unconfirmed``: the figure is
the portal's, configurable through ``PORTAL_DEADLINE_POLICY`` and never shown as law.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "NOTICES", "NOTICE_STEPS", "PARTIES", "PENDING_STEPS", "PRESS_STATEMENT", "PUBLIC", "Notice",
    "notices_for",
]

# The parties a notice goes to. "public" is publication (công khai: posting at the
# office, the portal, the press), recorded like any other sending.
COMPLAINANT = "complainant"  # người khiếu nại (and their representative)
RESPONDENT = "respondent"  # người bị khiếu nại
DENOUNCER = "denouncer"  # người tố cáo: never named to anyone else (Luật TC Art 47)
ACCUSED = "accused"  # người bị tố cáo
ACCUSED_BODY = "accused_body"  # cơ quan, tổ chức quản lý người bị tố cáo
RELATED = "related"  # người có quyền, nghĩa vụ liên quan
FIRST_RESOLVER = "first_resolver"  # người giải quyết khiếu nại lần đầu
FORWARDER = "forwarder"  # cơ quan, tổ chức, cá nhân đã chuyển đơn đến
SUPERIOR = "superior"  # thủ trưởng cấp trên trực tiếp của người giải quyết
OUTLET = "outlet"  # cơ quan báo chí
REPORTER = "reporter"  # người gửi phản ánh, kiến nghị
PUBLIC = "public"  # công khai

PARTIES = (
    COMPLAINANT, RESPONDENT, DENOUNCER, ACCUSED, ACCUSED_BODY, RELATED, FIRST_RESOLVER,
    FORWARDER, SUPERIOR, OUTLET, REPORTER, PUBLIC,
)

WD, CD = "working_days", "calendar_days"
V2019, V2026 = "2019-01-01", "2026-07-01"
BOTH = (V2019, V2026)


@dataclass(frozen=True)
class Notice:
    """One notice the law requires, as a deadline step of one kind of case.

    ``recipients``: everyone the article names that the notice may be recorded for;
    ``must_reach``: those whose notice settles the step. ``to_status``: the step opens
    only when the action leaves the case in that state (a withdrawal of a denunciation
    with signs of violation stops nothing, Luật TC Art 33(3)). ``second``: None for any
    complaint, True/False for lần 2 / lần 1 only. ``from_press``: None for any case, True
    for a case a press outlet forwarded (channel ``press``) only."""

    step: str
    kind: str
    trigger: str
    recipients: tuple[str, ...]
    must_reach: tuple[str, ...]
    amount: int
    unit: str
    legal_basis: str
    versions: tuple[str, ...]
    second: bool | None = None
    to_status: str | None = None
    unconfirmed: bool = False
    from_press: bool | None = None  # True: only for a case a press outlet forwarded


NOTICES: tuple[Notice, ...] = (
    # ---- khieu_nai -------------------------------------------------------------------------
    # Acceptance is told in writing (Mẫu số 03 Nghị định 124/2020) to the complainant and
    # to whoever forwarded the complaint (Điều 27; lần hai khoản 1 Điều 36 Luật Khiếu nại);
    # the inspectorate of the same level is told too, which no party code names. The law
    # gives the notice no time of its own beyond the acceptance's: the portal's figure,
    # configurable, never shown as law.
    Notice(
        "complaint_acceptance_notice", "khieu_nai", "accept", (COMPLAINANT, FORWARDER),
        (COMPLAINANT,), 3, WD,
        "Luật KN Art 27; NĐ 124/2020 Art 16 (luật không quy định thời hạn)",
        BOTH, second=False, unconfirmed=True,
    ),
    Notice(
        "complaint_acceptance_notice", "khieu_nai", "accept", (COMPLAINANT, FORWARDER),
        (COMPLAINANT,), 3, WD,
        "Luật KN Art 36(1); NĐ 124/2020 Art 16 (luật không quy định thời hạn)",
        BOTH, second=True, unconfirmed=True,
    ),
    # Suspension and stop (đình chỉ: e.g. the complaint withdrawn, Luật KN Art 10) and
    # resumption exist from 1 July 2026: Art 28b added to NĐ 124/2020 by NĐ 155/2026 Art 12.
    Notice(
        "suspension_notice", "khieu_nai", "suspend",
        (COMPLAINANT, RESPONDENT, RELATED), (COMPLAINANT, RESPONDENT), 3, WD,
        "NĐ 124/2020 Art 28b(1) (NĐ 155/2026 Art 12): quyết định tạm đình chỉ", (V2026,),
    ),
    Notice(
        "stop_notice", "khieu_nai", "withdraw",
        (COMPLAINANT, RESPONDENT, RELATED), (COMPLAINANT,), 3, WD,
        "Luật KN Art 10; NĐ 124/2020 Art 28b(1) (NĐ 155/2026 Art 12): quyết định đình chỉ",
        (V2026,), to_status="withdrawn",
    ),
    Notice(
        "resumption_notice", "khieu_nai", "resume",
        (COMPLAINANT, RESPONDENT, RELATED), (COMPLAINANT, RESPONDENT), 3, WD,
        "NĐ 124/2020 Art 28b(2) (NĐ 155/2026 Art 12): quyết định tiếp tục giải quyết",
        (V2026,),
    ),
    Notice(
        "decision_notice", "khieu_nai", "conclude",
        (COMPLAINANT, SUPERIOR, RELATED, FORWARDER), (COMPLAINANT,), 3, WD,
        "Luật KN Art 32 (quyết định giải quyết lần đầu)", BOTH, second=False,
    ),
    Notice(
        "decision_notice", "khieu_nai", "conclude",
        (COMPLAINANT, RESPONDENT, FIRST_RESOLVER, RELATED, FORWARDER),
        (COMPLAINANT, RESPONDENT), 7, CD,
        "Luật KN Art 41(1) (quyết định giải quyết lần hai)", BOTH, second=True,
    ),
    # Art 41(2) requires publication of a second-time decision but sets no time: the
    # portal's figure (the 7 days of Art 41(1)), configurable.
    Notice(
        "decision_publication", "khieu_nai", "conclude", (PUBLIC,), (PUBLIC,), 7, CD,
        "Luật KN Art 41(2) (công khai; luật không quy định thời hạn)", BOTH,
        second=True, unconfirmed=True,
    ),
    # ---- to_cao (Luật TC 25/2018: the same in both versions) -------------------------------
    Notice(
        "notify_acceptance", "to_cao", "accept", (DENOUNCER, ACCUSED), (DENOUNCER, ACCUSED),
        5, WD, "Luật TC Art 29(3)", BOTH,
    ),
    Notice(
        "suspension_notice", "to_cao", "suspend", (DENOUNCER, ACCUSED), (DENOUNCER, ACCUSED),
        5, WD, "Luật TC Art 34(1), (4): quyết định tạm đình chỉ", BOTH,
    ),
    Notice(
        "stop_notice", "to_cao", "withdraw", (DENOUNCER, ACCUSED), (DENOUNCER, ACCUSED),
        5, WD, "Luật TC Art 33(2), 34(3)(a), (4): quyết định đình chỉ", BOTH,
        to_status="withdrawn",
    ),
    # Art 34(4) names the suspension and stop decisions; the resumption decision (Art
    # 34(2)) is told to the same parties (Art 9(1)(c) for the denouncer), no time given.
    Notice(
        "resumption_notice", "to_cao", "resume", (DENOUNCER, ACCUSED), (DENOUNCER, ACCUSED),
        5, WD, "Luật TC Art 34(2), 9(1)(c) (thời hạn như Art 34(4); chưa xác nhận)", BOTH,
        unconfirmed=True,
    ),
    # Art 30(4): the extension decision is sent to the denouncer and the accused; no time
    # given (NĐ 31/2019 Art 3(4) neither).
    Notice(
        "extension_notice", "to_cao", "extend", (DENOUNCER, ACCUSED, RELATED),
        (DENOUNCER, ACCUSED), 5, WD,
        "Luật TC Art 30(4); NĐ 31/2019 Art 3(4) (luật không quy định thời hạn)", BOTH,
        unconfirmed=True,
    ),
    Notice(
        "decision_notice", "to_cao", "conclude", (ACCUSED, ACCUSED_BODY, RELATED, DENOUNCER),
        (ACCUSED, DENOUNCER), 5, WD, "Luật TC Art 35(3) (kết luận nội dung tố cáo)", BOTH,
    ),
    # Publication must not reveal the denouncer (Art 40(3)).
    Notice(
        "decision_publication", "to_cao", "conclude", (PUBLIC,), (PUBLIC,), 7, WD,
        "Luật TC Art 40(1) (công khai kết luận)", BOTH,
    ),
    # ---- forwarded by a press outlet ---------------------------------------------------------
    # NĐ 237/2026 Art 18(2) covers a khiếu nại or tố cáo the outlet forwarded: the conclusion
    # goes to the outlet within 05 working days. A `bao_chi` case (the article, with the
    # phản ánh, kiến nghị it carries) answers under Art 18(3), whose 15 working days
    # (`press_measures_notice`) run from receipt: its conclusion opens no notice here.
    *(
        Notice(
            "press_conclusion_notice", kind, "conclude", (OUTLET,), (OUTLET,), 5, WD,
            "NĐ 237/2026 Art 18(2)", (V2026,), from_press=True,
        )
        for kind in ("khieu_nai", "to_cao")
    ),
    # ---- phan_anh, kien_nghi: filing without action (lưu đơn) ------------------------------
    # shared/law's NĐ 154/2026 Art 4(3) is about refusing to receive a citizen in person on
    # the ground of Art 4(1)(h): DOMAIN.md §2 applies the same 03 working days to filing.
    *(
        Notice(
            "filing_notice", kind, "file", (REPORTER,), (REPORTER,), 3, WD,
            "NĐ 154/2026 Art 4(1)(h), 4(3)", (V2026,),
        )
        for kind in ("phan_anh", "kien_nghi")
    ),
)

NOTICE_STEPS: frozenset[str] = frozenset(n.step for n in NOTICES)

# The press office's initial statement (khoản 3–4 Điều 7 NĐ 244/2026: 24 hours, only for an
# important event with wide social impact, or where public opinion is divided): a step of
# the `bao_chi` cases staff mark as such (`Case.press_statement_needed`), counted from
# receipt by `complaints.deadlines.RULES`, and pending like a notice until it is recorded
# as given (action ``record_notice``, to the outlet or in public). Not a row of NOTICES: no
# decision opens it.
PRESS_STATEMENT = Notice(
    "press_initial_statement", "bao_chi", "", (OUTLET, PUBLIC), (OUTLET,), 24, "hours",
    "NĐ 244/2026 Art 7(3)–(4)", (V2026,),
)

# Every step that stays pending until its sending is recorded, in whatever state the case is
# (the overdue and due-soon counts, `complaints.querysets`).
PENDING_STEPS: frozenset[str] = NOTICE_STEPS | {PRESS_STATEMENT.step}


def notices_for(
    *, kind: str, trigger: str, second: bool, to_status: str, from_press: bool = False
) -> list[Notice]:
    """The notices the action ``trigger`` opens for a case of ``kind`` left in ``to_status``
    (``from_press``: the case was forwarded by a press outlet)."""
    return [
        n for n in NOTICES
        if n.kind == kind and n.trigger == trigger
        and (n.second is None or n.second == second)
        and (n.to_status is None or n.to_status == to_status)
        and (n.from_press is None or n.from_press == from_press)
    ]


def _validate() -> None:
    # Fail at import: every party known, every row with its article, no two rows
    # answering the same (kind, step, version, lần).
    seen = set()
    for n in NOTICES:
        if not n.legal_basis or n.amount < 1 or n.unit not in (WD, CD):
            raise ValueError(f"notice without figure or article: {n}")
        if not set(n.must_reach) <= set(n.recipients) <= set(PARTIES) or not n.must_reach:
            raise ValueError(f"unknown or missing parties in notice {n}")
        for version in n.versions:
            for second in (True, False) if n.second is None else (n.second,):
                key = (n.kind, n.step, version, second)
                if key in seen:
                    raise ValueError(f"overlapping notices for {key}")
                seen.add(key)


_validate()
