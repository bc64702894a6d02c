"""`python -m mfgdata.web.manage <command>`: Django's management commands for the site (migrate, createsuperuser …)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mfgdata.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mfgdata-site", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
