"""publish_scheduled_loop: Wagtail's `publish_scheduled` run on time, as a process of
its own (cms/scheduling.py)."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from cms import scheduling

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Xuất bản các trang đã duyệt đúng giờ hẹn và gỡ các trang hết hạn, chạy liên tục "
        "(dậy đúng giờ hẹn gần nhất, ít nhất mỗi --interval giây)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0,
                            help="số giây tối đa giữa hai lần kiểm tra (mặc định 30)")
        parser.add_argument("--once", action="store_true", help="kiểm tra một lần rồi dừng")

    def handle(self, *args, interval=30.0, once=False, **options):
        while True:
            if not connection.in_atomic_block:  # a connection gone stale between turns
                close_old_connections()
            try:
                printed = scheduling.publish_due()
                if printed.strip():
                    self.stdout.write(printed.rstrip())
                wait = scheduling.seconds_to_wait(interval)
            except Exception:  # a database gone away: try again at the next turn
                logger.exception("publish_scheduled_loop")
                wait = interval
            if once:
                return
            time.sleep(wait)
