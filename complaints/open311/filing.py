"""A GeoReport v2 `POST requests` form read into the intake service's `SubmissionData`,
and the service's errors named by the fields the client sent.

Nothing the client sends is dropped without a word: a value the portal cannot read (an
`attribute[incident_date]` that is no date, half a location) and a contact an anonymous
request would not keep are refused, each by its Open311 name."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.kinds import CaseKind
from complaints.services.intake import ReporterData, SubmissionData
from complaints.validation import day_value, moment_value

TRUE = {"true", "1", "yes", "on"}
TITLE_FROM_DESCRIPTION = 80  # characters of the description that stand in for a title

# The intake service's field → the Open311 field the client sent it in.
OPEN311_NAMES = {
    "content": "description",
    "title": "attribute[title]",
    "facility": "attribute[facility]",
    "category": "service_code",
    "incident_date": "attribute[incident_date]",
    "reporter.name": "first_name/last_name",
    "reporter.phone": "phone",
    "reporter.email": "email",
    "consent": "attribute[consent]",
    "consent_contact": "attribute[consent_contact]",
    "anonymous": "attribute[anonymous]",
    "attachments": "media",
}


class FormInvalid(Exception):
    """The form holds values the portal cannot take; `errors`: [(Open311 field, message)]."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


def when(value: str) -> datetime.datetime | None:
    """A W3C date-time or a day (`YYYY-MM-DD`, read as its midnight here), aware; None when
    `value` is neither."""
    parsed = moment_value(value)
    if parsed is None:
        day = day_value(value)
        if day is None:
            return None
        parsed = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def reporter_name(first_name: str, last_name: str) -> str:
    """The name in its Vietnamese order: the family name (họ, Open311's `last_name`) first,
    then the given name (tên, `first_name`): "Nguyễn Thị" and "Lan" are "Nguyễn Thị Lan"."""
    return " ".join(part.strip() for part in (last_name, first_name) if part.strip())


def _coordinate(name: str, raw: str, bound: int, errors: list) -> str:
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not -bound <= value <= bound:
        errors.append((name, _("Phải là một số thập phân từ -%(bound)d đến %(bound)d (WGS84).")
                       % {"bound": bound}))  # fmt: skip
    return raw


def _place(params, errors: list) -> str:
    lat, long = params.get("lat", "").strip(), params.get("long", "").strip()
    place = [params.get("address_string", "").strip()]
    if bool(lat) != bool(long):
        errors.append(("lat/long", _("Hãy gửi cả lat và long, hoặc không gửi cả hai.")))
    elif lat:
        place.append(f"({_coordinate('lat', lat, 90, errors)}, "
                     f"{_coordinate('long', long, 180, errors)})")  # fmt: skip
    return " ".join(part for part in place if part)


def _incident_date(raw: str, errors: list) -> datetime.date | None:
    if not raw:
        return None
    moment = when(raw)
    if moment is None:
        errors.append((
            "attribute[incident_date]",
            _("Ngày không hợp lệ: dùng YYYY-MM-DD (ví dụ 2026-07-01) hoặc thời điểm W3C "
              "(ví dụ 2026-07-01T08:30:00+07:00)."),
        ))  # fmt: skip
        return None
    return timezone.localdate(moment)


def _anonymous_contacts(params, *, consent_contact: bool, errors: list) -> None:
    """An anonymous phản ánh keeps no identity: only the e-mail its sender gives for news
    of the case (attribute[consent_contact]), as on the web form. A phone (the portal
    sends no SMS through Open311) or an e-mail without that consent is refused, never
    dropped in silence."""
    if params.get("phone", "").strip():
        errors.append(("phone", _(
            "Yêu cầu ẩn danh (không có first_name, last_name hoặc attribute[anonymous]=true) "
            "không lưu số điện thoại: hãy bỏ phone, hoặc gửi kèm họ tên người gửi."
        )))  # fmt: skip
    if params.get("email", "").strip() and not consent_contact:
        errors.append(("email", _(
            "Yêu cầu ẩn danh chỉ lưu thư điện tử để báo tiến trình giải quyết: hãy gửi "
            "attribute[consent_contact]=true, hoặc bỏ email."
        )))  # fmt: skip


def submission_from_form(params) -> SubmissionData:
    """The phản ánh the form describes; FormInvalid for what the portal cannot take."""

    def attribute(code):
        return params.get(f"attribute[{code}]", "").strip()

    errors: list[tuple[str, str]] = []
    description = params.get("description", "").strip()
    content = description
    place = _place(params, errors)
    if place:
        content += "\n\n" + _("Địa điểm: %(place)s") % {"place": place}
    media = params.get("media_url", "").strip()
    if media:
        content += "\n" + _("Ảnh: %(url)s") % {"url": media}
    name = reporter_name(params.get("first_name", ""), params.get("last_name", ""))
    anonymous = attribute("anonymous").lower() in TRUE or not name
    consent_contact = attribute("consent_contact").lower() in TRUE
    if anonymous:
        _anonymous_contacts(params, consent_contact=consent_contact, errors=errors)
    incident = _incident_date(attribute("incident_date"), errors)
    if errors:
        raise FormInvalid(errors)
    return SubmissionData(
        kind=CaseKind.PHAN_ANH,
        title=attribute("title") or description[:TITLE_FROM_DESCRIPTION],
        content=content,
        facility=attribute("facility"),
        category=params.get("service_code", "").strip(),
        incident_date=incident,
        reporter=ReporterData(
            name="" if anonymous else name,
            phone="" if anonymous else params.get("phone", "").strip(),
            email=params.get("email", "").strip(),
        ),
        anonymous=anonymous,
        consent=attribute("consent").lower() in TRUE,
        consent_contact=consent_contact,
    )


def open311_errors(errors: dict[str, list], params) -> list[tuple[str, str]]:
    """The intake service's `errors` by the Open311 fields they come from. The title is
    the description's beginning unless `attribute[title]` was sent: its error is then the
    description's, said once."""
    sent_title = bool(params.get("attribute[title]", "").strip())
    named: list[tuple[str, str]] = []
    for field, messages in errors.items():
        name = OPEN311_NAMES.get(field, field)
        if field == "title" and not sent_title:
            if "content" in errors:
                continue  # the description's own error says it
            name = "description"
        named += [(name, str(message)) for message in messages]
    return named
