"""Messages kept unrendered until they are read, in the language active then.

A service decides in the site's language (it may run under `translation.override` to
store its records in Vietnamese) while its refusal is read by a caller who asked for
another (the staff API's `Accept-Language: en`). Built from `gettext_lazy` msgids and
their parameters, the refusal is rendered where it is read: the API's answer in the
caller's language, an admin page in Vietnamese. Stored texts are rendered where they are
stored (`str()` inside the service), as before."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.functional import Promise, lazy


def _formatted(template, params: dict) -> str:
    return str(template) % {name: str(value) for name, value in params.items()}


_formatted_lazy = lazy(_formatted, str)


def lazy_message(template, /, **params) -> Promise:
    """`template % params` when read: `template` a lazy msgid with `%(name)s`
    placeholders, each parameter read then too (a lazy label, a `read_later`)."""
    return _formatted_lazy(template, params)


def read_later(read: Callable[[], str]) -> Promise:
    """A text of the active language written when it is read, e.g.
    `read_later(case.get_status_display)`: the status's label in the reader's language."""
    return lazy(read, str)()
