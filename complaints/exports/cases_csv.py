"""The case workspace's list as CSV (`CaseExportView`): UTF-8 with a BOM (Excel reads
it), Vietnamese headers, one row per case of the queryset it is given (the user's scope
and filters are the caller's: the same query as the list).

Built to export a province's every case: the rows are streamed as they are read
(`StreamingHttpResponse` over a generator; the queryset read with
`iterator(chunk_size=…)`, a server-side cursor on PostgreSQL), so memory stays flat
whatever the number of cases and one query reads them all. Each row is a tuple of
columns (`values_list`, the names joined in that query), and the labels of the choices
(kind, status, channel) and the reporter column are looked up in dicts built once per
export, not per row. "Quá hạn" marks a case whose next deadline is past, the one the list
shows and filters on (`complaints.querysets.next_due_expression`: the step's, or a notice's
to the parties not yet sent), read in the same query.

No reporter's identity or contact data, whatever the user's permissions: a
spreadsheet leaves the portal's access control and its access log, and the task it
serves (counting, following deadlines) does not need them (NĐ 154/2026 Art 12(2); Luật
BVDLCN 91/2025 Art 3; a denouncer's, Luật TC Art 47). Only whether the reporter gave a
name; staff in scope read the contact on the case page. A tố cáo's title is written as
the workspace list shows it: the denouncer's own name or numbers in it as "[đã ẩn]"
(`complaints.services.confidential_text.redacted`)."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.kinds import CaseKind, CaseStatus, Channel
from complaints.querysets import next_due_expression
from complaints.selectors.identity import IDENTITY_FIELDS
from complaints.services.confidential_text import redacted

CHUNK_SIZE = 2000
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

HEADERS = (
    gettext_lazy("Mã hồ sơ"),
    gettext_lazy("Loại"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Tiêu đề"),
    gettext_lazy("Cơ sở bị phản ánh"),
    gettext_lazy("Lĩnh vực"),
    gettext_lazy("Đơn vị xử lý"),
    gettext_lazy("Cán bộ xử lý"),
    gettext_lazy("Kênh tiếp nhận"),
    gettext_lazy("Thời điểm tiếp nhận"),
    gettext_lazy("Hạn thụ lý"),
    gettext_lazy("Hạn giải quyết"),
    gettext_lazy("Quá hạn"),
    gettext_lazy("Người gửi"),
)

# Read in one query, in this order (the related names joined, nothing else).
_COLUMNS = (
    "tracking_code", "kind", "status", "title", "facility__name", "category__name",
    "assigned_unit__name", "assigned_user__last_name", "assigned_user__first_name",
    "assigned_user__username", "channel", "received_at", "accept_by", "resolve_by",
    "anonymous", "next_due",
    # The denouncer's values, only to take them out of a tố cáo's title (never written).
    *(f"reporter__{name}" for name in IDENTITY_FIELDS),
)


def csv_cell(value) -> str:
    """A spreadsheet never runs a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices.choices}


def _day(value: datetime.date | None) -> str:
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


def rows(queryset, *, today: datetime.date | None = None) -> Iterator[str]:
    """The CSV text of `queryset`'s cases, a line at a time (the BOM and headers first)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([str(title) for title in HEADERS])
    today = today or timezone.localdate()
    kinds, statuses, channels = _labels(CaseKind), _labels(CaseStatus), _labels(Channel)
    overdue_mark = _("có")
    press, anonymous, named = (
        _("Cơ quan báo chí"), _("Ẩn danh"), _("Có họ tên (xem trên trang hồ sơ)")
    )
    zone = timezone.get_current_timezone()
    # "Quá hạn": the case's next deadline is past, the one the list shows and its "quá hạn"
    # filter reads (the step's or a notice's to the parties not yet sent).
    cases = queryset.annotate(next_due=next_due_expression())
    for row in cases.values_list(*_COLUMNS).iterator(chunk_size=CHUNK_SIZE):
        (code, kind, status, title, facility, category, unit, last_name, first_name,
         username, channel, received_at, accept_by, resolve_by, is_anonymous, due) = row[:16]
        if kind == CaseKind.TO_CAO and not is_anonymous:
            # As the workspace list shows it (khoản 3 Điều 8, Điều 47 Luật Tố cáo).
            title = redacted(
                title,
                case=SimpleNamespace(kind=kind, anonymous=is_anonymous),
                reporter=SimpleNamespace(**dict(zip(IDENTITY_FIELDS, row[16:], strict=True))),
            )
        if username is None:
            handler = ""
        else:  # `staff_name`: family name first, else the username
            handler = " ".join(p.strip() for p in (last_name, first_name) if p and p.strip())
            handler = handler or username
        received = received_at.astimezone(zone)
        yield writer.writerow((
            csv_cell(code),
            kinds.get(kind, kind),
            statuses.get(status, status),
            csv_cell(title),
            csv_cell(facility or ""),
            csv_cell(category or ""),
            csv_cell(unit or ""),
            csv_cell(handler),
            channels.get(channel, channel),
            f"{_day(received)} {received.hour:02d}:{received.minute:02d}",
            _day(accept_by),
            _day(resolve_by),
            overdue_mark if due is not None and due < today else "",
            press if kind == CaseKind.BAO_CHI else (anonymous if is_anonymous else named),
        ))
