"""The verification team (Tổ xác minh, Đoàn xác minh) the verification step may form, and who
may not be on it.

When it is formed. The resolver verifies alone, gives the verification to one officer or
unit, or forms a team:
- a complaint: "Khi cần thiết, người giải quyết khiếu nại, cơ quan, tổ chức, đơn vị, cá nhân
  được giao nhiệm vụ xác minh thành lập Đoàn xác minh hoặc Tổ xác minh nội dung khiếu nại"
  (khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP, its decision Mẫu số 04-KN);
- a denunciation: "Trường hợp thành lập Tổ xác minh thì phải có từ hai người trở lên, trong
  đó giao cho một người làm Tổ trưởng" (khoản 1 Điều 10 Nghị định 31/2019/NĐ-CP, its decision
  Mẫu số 07).
The portal records it on the step that starts the verification (`verification_team`), one
member per line, "họ và tên, chức vụ", the first line the Tổ trưởng; left blank, the officer
the case is assigned to verifies alone. The decision giving the verification prints it.

How many. Two or more (`MIN_MEMBERS`), one the leader: the decree's number for a
denunciation. The law copies give no number for a complaint's team; a team of one is the lone
verifier, so the portal asks the same of every kind. `MAX_MEMBERS` is a bound on what is typed,
not a rule of law.

Who may not be on it. For a denunciation, no one whose spouse, parent, adoptive parent,
parent-in-law, child, adopted child, child-in-law or sibling is the denounced person, or who
has a direct interest with them, may lead the team or be a member of it (khoản 3 Điều 10 Nghị
định 31/2019/NĐ-CP). The portal cannot know family ties: the leader declares them
(complaints/rules/verification.py, `DECLARATION`, which names the team's leader and members);
it refuses the conflict it sees, the denounced person named on the team.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from complaints.kinds import CaseKind

__all__ = [
    "CONFLICT_ARTICLE",
    "MAX_LINE",
    "MAX_MEMBERS",
    "MIN_MEMBERS",
    "TeamMember",
    "split_line",
    "team_article",
    "team_lines",
    "team_members",
    "team_text",
]

MIN_MEMBERS = 2
MAX_MEMBERS = 20
MAX_LINE = 200  # characters of one "họ và tên, chức vụ" line

CONFLICT_ARTICLE = "khoản 3 Điều 10 Nghị định 31/2019/NĐ-CP"

# The article that lets the resolver form a team, by kind (none for the other kinds: their
# verification follows the unit's own rules).
_TEAM_ARTICLES = {
    CaseKind.KHIEU_NAI: "khoản 2 Điều 7 Thông tư 07/2013/TT-TTCP",
    CaseKind.TO_CAO: "khoản 1 Điều 10 Nghị định 31/2019/NĐ-CP",
}

# Where a line's name ends and the position begins: the first comma, else a dash between
# spaces or a tab ("Nguyễn Văn An – Thanh tra viên").
_SEPARATOR = re.compile(r",|\s[-–—]\s|\t")


@dataclass(frozen=True)
class TeamMember:
    name: str
    position: str
    leader: bool


def team_article(kind: str) -> str:
    """The article that lets the resolver of a case of `kind` form a verification team; ""
    for a kind the Luật Khiếu nại and the Luật Tố cáo do not govern."""
    return _TEAM_ARTICLES.get(kind, "")


def team_lines(text: str) -> list[str]:
    """The non-empty lines of what was typed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def split_line(line: str) -> tuple[str, str]:
    """A line's name and position, spaces tidied ("" for a part not given)."""
    parts = [" ".join(part.split()).strip(" ,-–—")
             for part in _SEPARATOR.split(line.strip(), maxsplit=1)]
    return parts[0], parts[1] if len(parts) > 1 else ""


def team_members(text: str) -> list[TeamMember]:
    """The team a valid `verification_team` text names, its first member the leader; lines
    without a position keep an empty one (the step refuses them before they are stored)."""
    members = []
    for index, line in enumerate(team_lines(text)):
        name, position = split_line(line)
        members.append(TeamMember(name=name, position=position, leader=index == 0))
    return members


def team_text(members: list[TeamMember]) -> str:
    """The stored form: one member per line, "họ và tên, chức vụ", the leader first."""
    return "\n".join(f"{m.name}, {m.position}" for m in members)
