"""The spokesperson's initial statement to the press within 24 hours (phát ngôn, cung cấp
thông tin ban đầu), and the two grounds on which the Sở decides it owes one (DOMAIN.md §6).

Điều 7 Nghị định 244/2026/NĐ-CP:

- khoản 3: an important event or matter with wide social impact: at the latest 24 hours
  from when the agency receives and handles the matter (tiếp nhận và xử lý vụ việc), for a
  press case its receipt;
- khoản 4: public opinion divided about a matter: at the latest 24 hours from when the
  agency determines that the matter affects, or risks affecting, public opinion (xác định
  vụ việc có tác động hoặc nguy cơ tác động đến dư luận xã hội): the moment staff record
  that determination.

The press office marks it when it logs the article (the step counted from receipt,
`complaints.deadlines.RULES`) or later on the case page, with its ground (the action
``mark_press_statement``, `complaints.services.press_statement`). The step is
``press_initial_statement`` (`complaints.rules.notices.PRESS_STATEMENT`): pending until it is
recorded as given (``record_notice``), superseded at the conclusion.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["RECEIVED", "DETERMINED", "GROUNDS", "StatementGround", "ground_rule"]

# What the 24 hours run from.
RECEIVED = "received"  # the Sở received the matter (the case's `received_at`)
DETERMINED = "determined"  # the Sở determined the matter affects public opinion (the mark)


class StatementGround(models.TextChoices):
    WIDE_IMPACT = (
        "wide_impact",
        _(
            "Sự kiện, vấn đề quan trọng có tác động lớn trong xã hội (khoản 3 Điều 7 Nghị định "
            "244/2026/NĐ-CP)"
        ),
    )
    DIVIDED_OPINION = (
        "divided_opinion",
        _("Dư luận có nhiều ý kiến không thống nhất (khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP)"),
    )


@dataclass(frozen=True)
class GroundRule:
    ground: str
    counts_from: str  # RECEIVED or DETERMINED
    legal_basis: str


GROUNDS: tuple[GroundRule, ...] = (
    GroundRule(
        StatementGround.WIDE_IMPACT,
        RECEIVED,
        "khoản 3 Điều 7 Nghị định 244/2026/NĐ-CP (24 giờ kể từ khi tiếp nhận và xử lý vụ việc)",
    ),
    GroundRule(
        StatementGround.DIVIDED_OPINION,
        DETERMINED,
        "khoản 4 Điều 7 Nghị định 244/2026/NĐ-CP (24 giờ kể từ khi xác định vụ việc có tác "
        "động hoặc nguy cơ tác động đến dư luận xã hội)",
    ),
)


def ground_rule(code: str) -> GroundRule | None:
    """The row of a ground code, or None for an unknown code."""
    return next((rule for rule in GROUNDS if rule.ground == code), None)
