"""The case workspace in the Wagtail admin: list, case page, actions, exports.

Registered with Wagtail in `complaints.admin.hooks` (imported by the app's
`wagtail_hooks.py`)."""
