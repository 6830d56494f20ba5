"""A refused form, for the keyboard and the screen reader (WCAG 3.3.1, 2.4.3, 1.3.1).

`error_summary_items`: the lines of the summary first in the form (each field's message
linking to its field, the form's own messages unlinked); `described_field`: Wagtail's
field, its input described by its help text *and* its error message (Wagtail points
`aria-describedby` at the help text only, and gives the error no id)."""

from __future__ import annotations

from django import template
from wagtail.admin.templatetags.wagtailadmin_tags import formattedfield

register = template.Library()


@register.simple_tag
def error_summary_items(*forms) -> list[dict]:
    items = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        items.extend({"href": "", "label": "", "message": e} for e in form.non_field_errors())
        for field in form:
            for error in field.errors:
                linked = not field.is_hidden and field.id_for_label
                items.append({
                    "href": f"#{field.id_for_label}" if linked else "",
                    "label": field.label if linked else "",
                    "message": error,
                })
    return items


@register.inclusion_tag("wagtailadmin/shared/formatted_field.html")
def described_field(field):
    error_id = f"{field.auto_id}_error" if field.auto_id else ""
    widget = field.field.widget
    if field.errors and hasattr(widget, "render_with_errors"):
        return formattedfield(field=field)  # the widget says its own errors
    described = [widget.attrs.get("aria-describedby", "")]
    if field.help_text and field.id_for_label and not described[0]:
        described.append(f"{field.id_for_label}-helptext")
    if field.errors and error_id:
        described.append(error_id)
    attrs = {"aria-describedby": " ".join(filter(None, described))}
    if not attrs["aria-describedby"]:
        attrs = {}
    return formattedfield(
        field=field,
        rendered_field=field.as_widget(attrs=attrs),
        error_message_id=error_id if field.errors else None,
    )
