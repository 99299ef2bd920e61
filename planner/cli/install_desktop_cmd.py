"""``install-desktop [--uninstall]``: Crampless in the desktop's menus, its icon, its file types."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from planner.core.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "install-desktop",
        help="add Crampless to the desktop's menus, with its icon, and open menu and plan "
        "files with it (Linux: freedesktop)",
    )
    parser.add_argument(
        "--uninstall", action="store_true", help="remove what install-desktop added"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, context: Any) -> int:
    if sys.platform in ("win32", "darwin"):
        raise UsageError(
            "crampless install-desktop: desktop entries are for Linux and other freedesktop "
            "systems; on Windows and macOS, the standalone bundle is the app to keep"
        )
    from planner.desktop.install import data_home, install, launcher, uninstall

    home = data_home()
    if args.uninstall:
        removed = uninstall(home)
        print(f"Removed {len(removed)} files from {home}." if removed else "Nothing to remove.")
        return 0
    command = launcher()
    written = install(home, command)
    for path in written:
        print(path)
    print(f"Crampless is in the desktop's menus; it starts with: {' '.join(command)}")
    return 0
