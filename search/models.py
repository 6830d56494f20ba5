from django.db import models


class SearchEntry(models.Model):
    """The database backend's index: one row per public document, with the
    text folded (lower case, no diacritics) so both spellings match."""

    key = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=32, db_index=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=1000)
    text = models.TextField()
    folded_title = models.TextField()
    folded_text = models.TextField()
    date = models.DateField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "chỉ mục tìm kiếm"

    def __str__(self) -> str:
        return self.title
