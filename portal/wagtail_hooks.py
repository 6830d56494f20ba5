"""The Wagtail admin as a whole, for the staff who work in it (issue 11, item 5).

The "Trợ giúp" menu keeps what helps staff: the keyboard shortcuts (in Vietnamese through
tools/admin_vi.tsv). Wagtail's "What's new in Wagtail" is left out: it is the software's
release notes, for whoever upgrades the portal, in English on a site abroad, and it lit the
menu with a "new" badge at every upgrade. Wagtail's "Editor guide" too: a guide in English
on Wagtail's site, to its editor and not to this portal's work (the portal has no staff
guide of its own to put there)."""

from wagtail import hooks

RELEASE_NOTES_ITEM = "whats-new-in-wagtail-"  # Wagtail names it with its version
EDITOR_GUIDE_ITEM = "editor-guide"


@hooks.register("construct_help_menu")
def keep_staff_help(request, menu_items):
    menu_items[:] = [
        item for item in menu_items
        if not item.name.startswith(RELEASE_NOTES_ITEM) and item.name != EDITOR_GUIDE_ITEM
    ]


@hooks.register("insert_global_admin_js")
def date_inputs_script():
    # A date picker's calendar closes once the editor types (portal/date_inputs.py).
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("portal/admin/date_inputs.js"))


# The report "Tác vụ nền lỗi" and its menu item; the admin home's warning of a slow queue.
from portal import failed_tasks, queue_watch  # noqa: E402, F401
