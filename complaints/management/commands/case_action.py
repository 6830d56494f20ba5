"""`case_action TRACKING_CODE ACTION --user USERNAME [--data '{json}']`: a workflow action
from the command line, through the same service as the admin and the API.

Drafts (issue 11): `--propose` stores ACTION as a draft for the unit's leaders instead
of performing it (`--comment` for the leader); `case_action TRACKING_CODE approve|return|
edit|withdraw --draft ID --user USERNAME [--comment …] [--data …]` decides a draft; an
approval given `--draft-version V` (the `version` printed when the draft was proposed or
edited, or shown by the drafts API) is refused when the draft changed since."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from complaints.models import Case
from complaints.services.tracking import normalize_tracking_code
from complaints.services.workflow import TransitionInvalid, TransitionNotAllowed, case_transition
from portal.timestamps import rfc3339


def data_fields(data: str) -> dict:
    """The action's fields from `--data`, or a CommandError in Vietnamese that says where
    the JSON text goes wrong (never Python's English message)."""
    try:
        fields = json.loads(data)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"--data không phải JSON hợp lệ (lỗi ở dòng {error.lineno}, cột {error.colno}). "
            "Hãy viết một đối tượng JSON trong dấu nháy đơn, ví dụ "
            """'{"reason": "Chờ kết quả giám định"}'."""
        ) from error
    except (ValueError, RecursionError) as error:
        raise CommandError("--data không phải JSON hợp lệ.") from error
    if not isinstance(fields, dict):
        raise CommandError("--data phải là một đối tượng JSON, dạng {\"tên trường\": giá trị}.")
    return fields


class Command(BaseCommand):
    help = "Thực hiện một thao tác nghiệp vụ trên hồ sơ (như trên giao diện quản trị và API)."

    def add_arguments(self, parser):
        parser.add_argument("tracking_code")
        parser.add_argument("action")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của người thực hiện.")
        parser.add_argument("--data", default="{}", help="Các trường của thao tác, dạng JSON.")
        # approvals (issue 11)
        parser.add_argument(
            "--propose", action="store_true", help="Trình dự thảo thao tác để lãnh đạo phê duyệt."
        )
        parser.add_argument(
            "--draft", type=int, help="Mã dự thảo cần phê duyệt (approve), trả lại (return), "
            "sửa (edit) hoặc rút (withdraw)."
        )
        parser.add_argument("--comment", default="", help="Ý kiến kèm theo dự thảo.")
        parser.add_argument(
            "--draft-version", dest="draft_version", default=None,
            help="Phiên bản dự thảo đã đọc (trường “version” khi trình, sửa hoặc qua API): "
            "phê duyệt bị từ chối nếu dự thảo đã được sửa sau đó.",
        )  # fmt: skip

    def handle(self, *args, tracking_code, action, user, data, **options):
        if options.get("propose") or options.get("draft"):
            from complaints.approvals.command import handle_draft

            return handle_draft(
                self, tracking_code=tracking_code, action=action, user=user, data=data, **options
            )
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"Không tìm thấy người dùng đang hoạt động “{user}”.")
        fields = data_fields(data)
        case_id = (
            Case.objects.in_scope_of(actor)
            .filter(tracking_code=normalize_tracking_code(tracking_code))
            .values_list("pk", flat=True)
            .first()
        )
        if case_id is None:
            raise CommandError(f"Không tìm thấy hồ sơ {tracking_code} trong phạm vi của {user}.")
        try:
            event = case_transition(
                case_id=case_id, action=action, actor=actor, data=fields, origin="command"
            )
        except Case.DoesNotExist as error:
            raise CommandError(f"Không tìm thấy hồ sơ {tracking_code}.") from error
        except PermissionDenied as error:
            raise CommandError(f"Không có quyền: {error}") from error
        except TransitionNotAllowed as error:
            raise CommandError(error.message) from error
        except TransitionInvalid as error:
            details = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in error.errors.items())
            raise CommandError(f"Dữ liệu không hợp lệ — {details}") from error
        self.stdout.write(
            json.dumps(
                {
                    "tracking_code": normalize_tracking_code(tracking_code),
                    "action": event.action,
                    "from_status": event.from_status,
                    "to_status": event.to_status,
                    "at": rfc3339(event.at),
                    "public": event.is_public,
                    "message": event.public_message,
                },
                ensure_ascii=False,
            )
        )
