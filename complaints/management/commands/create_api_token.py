"""`create_api_token USERNAME [--name NAME]`: a key for the staff API, printed once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from complaints.models import ApiToken


class Command(BaseCommand):
    help = "Tạo khóa API cho một cán bộ; khóa chỉ được in ra một lần."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="Tên gợi nhớ của khóa.")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không tìm thấy người dùng đang hoạt động “{username}”.")
        _token, key = ApiToken.issue(user=user, name=name)
        self.stderr.write("Khóa API (chỉ hiển thị một lần; dùng: Authorization: Token <khóa>):")
        self.stdout.write(key)
