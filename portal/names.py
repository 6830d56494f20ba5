"""Names in Vietnamese order everywhere (issue 11, item 5).

A Vietnamese name reads họ, tên đệm, tên ("Nguyễn Văn Thanh"). Django's user keeps the
given name (tên) in `first_name` and the rest (họ and tên đệm) in `last_name`, and its
`get_full_name()` puts the given name first ("Thanh Nguyễn Văn"): Wagtail shows that
in its header, its user lists, revisions, workflows and comments
(`wagtail.admin.utils.get_user_display_name`). The project keeps Django's user model;
its full name is put in Vietnamese order here, once, at start-up."""

from __future__ import annotations


def vietnamese_full_name(user) -> str:
    """họ + tên đệm (`last_name`), then tên (`first_name`)."""
    parts = (getattr(user, "last_name", "") or "", getattr(user, "first_name", "") or "")
    return " ".join(p.strip() for p in parts if p.strip())


def use_vietnamese_name_order() -> None:
    from django.contrib.auth import get_user_model

    get_user_model().get_full_name = vietnamese_full_name
