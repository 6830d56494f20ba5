#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.management import execute_from_command_line

    from portal.settings.env import SettingsError

    try:
        execute_from_command_line(sys.argv)
    except SettingsError as error:  # one line naming the variable, no traceback
        sys.exit(f"ImproperlyConfigured: {error}")
