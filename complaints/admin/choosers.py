"""Choosers of the case workspace's forms: a facility (hundreds of rows, searched
with or without diacritics) and a category, each in Wagtail's chooser modal.

Registered from `complaints.admin.hooks`. `register_widget = False`: the reference
data forms keep their own widgets; only the forms that ask for these use them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from complaints.forms import facilities_matching
from complaints.models import Category, Facility


class FacilitySearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Tìm cơ sở"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tên, địa bàn hoặc mã (có dấu hay không)")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            found = [facility.pk for facility in facilities_matching(query, limit=200)]
            objects = objects.filter(pk__in=found)
            self.is_searching = True
            self.search_query = query
        return objects


class CategorySearchForm(BaseFilterForm):
    q = forms.CharField(label=_("Tìm lĩnh vực"), required=False)

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(name__icontains=query) | objects.filter(code__icontains=query)
            self.is_searching = True
            self.search_query = query
        return objects


class _NamedColumn:
    """The results' first column named for what it lists (Wagtail's says "Title")."""

    column_label = ""

    @property
    def title_column(self):
        column = super().title_column
        column.label = self.column_label
        return column


class FacilityChooseView(_NamedColumn, chooser_views.ChooseView):
    filter_form_class = FacilitySearchForm
    column_label = _("Tên cơ sở")


class FacilityChooseResultsView(_NamedColumn, chooser_views.ChooseResultsView):
    filter_form_class = FacilitySearchForm
    column_label = _("Tên cơ sở")


class CategoryChooseView(_NamedColumn, chooser_views.ChooseView):
    filter_form_class = CategorySearchForm
    column_label = _("Tên lĩnh vực")


class CategoryChooseResultsView(_NamedColumn, chooser_views.ChooseResultsView):
    filter_form_class = CategorySearchForm
    column_label = _("Tên lĩnh vực")


class TamperProofChooser(BaseChooser):
    """Wagtail's chooser widget, redrawing a submitted value that is no id (a code typed into
    the hidden input, a tampered request) as nothing chosen: Wagtail looks the raw value up
    as a primary key and raised ValueError, a 500 that lost what the officer had typed. The
    form field refuses the value with its own message ("Hãy chọn một giá trị hợp lệ")."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError):
            return None


class FacilityChooserViewSet(ChooserViewSet):
    base_widget_class = TamperProofChooser
    model = Facility
    icon = "site"
    choose_one_text = _("Chọn cơ sở y tế")
    choose_another_text = _("Chọn cơ sở khác")
    register_widget = False
    per_page = 20
    choose_view_class = FacilityChooseView
    choose_results_view_class = FacilityChooseResultsView

    def get_object_list(self):
        return Facility.objects.active().order_by("name")


class CategoryChooserViewSet(ChooserViewSet):
    base_widget_class = TamperProofChooser
    model = Category
    icon = "tag"
    choose_one_text = _("Chọn lĩnh vực")
    choose_another_text = _("Chọn lĩnh vực khác")
    register_widget = False
    per_page = 20
    choose_view_class = CategoryChooseView
    choose_results_view_class = CategoryChooseResultsView

    def get_object_list(self):
        return Category.objects.filter(is_active=True).order_by("name")


facility_chooser_viewset = FacilityChooserViewSet(
    "complaints_facility_chooser", url_prefix="chon-co-so-y-te"
)
category_chooser_viewset = CategoryChooserViewSet(
    "complaints_category_chooser", url_prefix="chon-linh-vuc"
)
