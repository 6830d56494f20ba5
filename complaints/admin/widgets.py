"""Widgets of the workspace's forms."""

from __future__ import annotations

from django import forms


class InlineOptionsSelect(forms.Select):
    """A select that prints its options in its own template. Django's includes two
    templates per option (`select_option.html`, then `attrs.html`): about 0.1 ms each, for
    the units, categories and handlers every list page offers twice (filters, bulk
    assignment). The options carry no attributes but `selected`."""

    template_name = "complaints/admin/widgets/select.html"
