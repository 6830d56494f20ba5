"""The draft options of `manage.py case_action` (`--propose`, `--draft ID`)."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from complaints.approvals import services
from complaints.approvals.models import Draft
from complaints.models import Case
from complaints.services.tracking import normalize_tracking_code
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed

DECISIONS = ("approve", "return", "edit", "withdraw")


def handle_draft(command, *, tracking_code, action, user, data, **options) -> None:
    actor = get_user_model().objects.filter(username=user, is_active=True).first()
    if actor is None:
        raise CommandError(f"Không tìm thấy người dùng đang hoạt động “{user}”.")
    from complaints.management.commands.case_action import data_fields

    fields = data_fields(data)
    code = normalize_tracking_code(tracking_code)
    case_id = (
        Case.objects.in_scope_of(actor)
        .filter(tracking_code=code)
        .values_list("pk", flat=True)
        .first()
    )
    if case_id is None:
        raise CommandError(f"Không tìm thấy hồ sơ {tracking_code} trong phạm vi của {user}.")
    comment = options.get("comment") or ""
    event = None
    try:
        if options.get("propose"):
            draft = services.draft_propose(
                case_id=case_id, action=action, data=fields, actor=actor, origin="command",
                note=comment,
            )  # fmt: skip
        else:
            draft_id = options["draft"]
            if not Draft.objects.filter(pk=draft_id, case_id=case_id).exists():
                raise CommandError(f"Hồ sơ {code} không có dự thảo số {draft_id}.")
            if action == "approve":
                event = services.draft_approve(
                    draft_id=draft_id, actor=actor, origin="command", comment=comment,
                    expected_version=options.get("draft_version"),
                    confirmations=[n for n in services.LEADER_CONFIRMATIONS if fields.get(n)],
                )  # fmt: skip
            elif action == "return":
                services.draft_return(
                    draft_id=draft_id, actor=actor, comment=comment, origin="command"
                )
            elif action == "edit":
                services.draft_edit(
                    draft_id=draft_id, actor=actor, data=fields, origin="command", comment=comment
                )
            elif action == "withdraw":
                services.draft_withdraw(draft_id=draft_id, actor=actor, origin="command")
            else:
                raise CommandError(
                    f"Với --draft, thao tác phải là một trong: {', '.join(DECISIONS)}."
                )
            draft = Draft.objects.get(pk=draft_id)
    except (Case.DoesNotExist, Draft.DoesNotExist) as error:
        raise CommandError(f"Không tìm thấy hồ sơ {tracking_code}.") from error
    except PermissionDenied as error:
        raise CommandError(f"Không có quyền: {error}") from error
    except TransitionNotAllowed as error:
        raise CommandError(error.message) from error
    except TransitionInvalid as error:
        details = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in error.errors.items())
        raise CommandError(f"Dữ liệu không hợp lệ — {details}") from error
    result = {
        "tracking_code": code,
        "draft": draft.pk,
        "action": draft.action,
        "status": draft.status,
        "version": draft.version,
    }
    if event is not None:
        result.update(from_status=event.from_status, to_status=event.to_status)
    command.stdout.write(json.dumps(result, ensure_ascii=False))
