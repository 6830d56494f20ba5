from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The database backend's index: one row per public document. `exact_text`
    and `folded_text` are syllable streams (" đóng cửa " / " dong cua "), so a
    phrase is found only as whole syllables; the full-text index (PostgreSQL GIN
    over `to_tsvector('simple', folded_text)`, SQLite FTS5) finds the candidates."""

    key = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=32, db_index=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=1000)
    text = models.TextField()
    folded_title = models.TextField()
    folded_text = models.TextField()
    date = models.DateField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)
    # search: exact syllables for ranking, structured fields (directives), content digest
    exact_title = models.TextField(default="")
    exact_text = models.TextField(default="")
    fields = models.JSONField(default=dict, blank=True)
    digest = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "chỉ mục tìm kiếm"

    def __str__(self) -> str:
        return self.title


class CaseSearchEntry(models.Model):
    """The folded words of one case for the inspectors' search: tracking code,
    title, content, facility, category. Never the reporter's name, contact data
    or identity number (NĐ 154/2026 Art 12(2); a denouncer's identity, Luật TC
    Art 47): they live in `Reporter`, which is not read here."""

    case = models.OneToOneField(
        "complaints.Case", on_delete=models.CASCADE, related_name="search_entry"
    )
    folded_text = models.TextField()
    digest = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = "mục tìm kiếm hồ sơ"
        verbose_name_plural = "chỉ mục tìm kiếm hồ sơ"

    def __str__(self) -> str:
        return str(self.case_id)


class SynonymGroup(models.Model):
    """Spellings that mean the same (vắc xin, vacxin, vaccine): a query with one
    finds the others. Applied at query time, so an edit needs no reindexing."""

    terms = models.TextField(
        _("các cách viết"),
        help_text=_(
            "Các cách viết có cùng nghĩa, phân cách bằng dấu phẩy. Ví dụ: vắc xin, vacxin, vaccine"
        ),
    )

    class Meta:
        verbose_name = _("nhóm từ đồng nghĩa")
        verbose_name_plural = _("từ đồng nghĩa (tìm kiếm)")

    def __str__(self) -> str:
        return self.terms

    def spellings(self) -> list[str]:
        return [t.strip() for t in self.terms.replace("\n", ",").split(",") if t.strip()]
