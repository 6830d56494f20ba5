"""Synonyms an administrator edits in the Wagtail admin (Cài đặt → Từ đồng nghĩa)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Từ đồng nghĩa"
    add_to_settings_menu = True
    list_display = ["terms"]


register_snippet(SynonymGroupViewSet)
