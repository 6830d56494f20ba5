"""Propose, then approve (issue 11, item 1).

A handler drafts a step a leader decides (a conclusion, an extension, a refusal…): the
draft waits in the queue "chờ phê duyệt" of the leaders of the competent unit, who
approve it (the transition is performed then, through `case_transition`), return it
with comments, or edit it. Nobody approves their own draft.

- `rules.py`: which actions are proposed rather than taken, and why (the table);
- `models.py`: `Draft` and `DraftComment` (history kept by django-simple-history);
- `services.py`: the one write path (`draft_propose`, `draft_edit`, `draft_return`,
  `draft_approve`, `draft_withdraw`);
- `selectors.py`: the queue and a case's drafts;
- `views.py`, `urls.py`, `hooks.py`: the admin screens; the API lives in `complaints.api`.
"""
