"""``crampless install-desktop``: the app in the user's menus, by the freedesktop conventions.

What pip and pipx install is a command, not an application the desktop knows. This puts,
under $XDG_DATA_HOME (~/.local/share): the .desktop entry (``applications/``), with the
full path of the command that ran it, so the menus find it whatever the session's PATH;
the menu and plan files' MIME types (``mime/packages/``), which a double-click opens in
Crampless; the icon in the hicolor theme (``icons/hicolor/``) and the AppStream metainfo
(``metainfo/``). Then it refreshes the desktop's caches with the freedesktop tools where
they are installed. ``--uninstall`` takes away exactly what it put there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from planner import APP_ID
from planner.desktop import DESKTOP_ENTRY, ICONS, METAINFO, MIME_TYPES
from planner.paths import ROOT

# The caches the desktop reads instead of the folders, and the tools that rebuild them.
REFRESH = (
    ("update-mime-database", "mime"),
    ("update-desktop-database", "applications"),
    ("gtk-update-icon-cache", "icons/hicolor"),
)
# Characters that make an Exec argument need quoting (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the spec says)."""
    home = os.environ.get("XDG_DATA_HOME", "")
    return Path(home) if os.path.isabs(home) else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this Crampless: the bundle's executable, the installed
    ``crampless`` script that is running, a checkout's main.py, else ``python -m planner``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0])
    if script.stem == "crampless" and script.is_file():
        return [str(script.resolve())]
    if (ROOT / "main.py").is_file():  # a checkout, maybe installed nowhere
        return [sys.executable, str(ROOT / "main.py")]
    return [sys.executable, "-m", "planner"]


def exec_arg(arg: str) -> str:
    """``arg`` as one argument of an Exec key, quoted where the spec asks for it."""
    if arg and not _RESERVED & set(arg):
        quoted = arg
    else:
        quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    # Then the escapes of any string value in a desktop file: a backslash doubles; and a
    # percent sign, which would start a field code (%f), doubles too.
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(command: list[str]) -> str:
    """The packaged entry with its Exec and TryExec pointing at ``command``."""
    lines = []
    for line in DESKTOP_ENTRY.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(map(exec_arg, command)) + " %f"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        elif line.startswith("#"):
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def targets(home: Path) -> dict[Path, Path | None]:
    """Each file install-desktop writes, with the packaged file it copies (None: the entry)."""
    files: dict[Path, Path | None] = {
        home / "applications" / f"{APP_ID}.desktop": None,
        home / "mime" / "packages" / f"{APP_ID}.xml": MIME_TYPES,
        home / "metainfo" / f"{APP_ID}.metainfo.xml": METAINFO,
    }
    for icon in sorted(ICONS.rglob(f"{APP_ID}.*")):
        files[home / "icons" / "hicolor" / icon.relative_to(ICONS)] = icon
    return files


def install(home: Path, command: list[str]) -> list[Path]:
    """Write the entry, MIME types, icons and metainfo under ``home``; the files written."""
    written = []
    for target, source in targets(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            target.write_text(desktop_entry(command), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    refresh(home)
    return written


def uninstall(home: Path) -> list[Path]:
    """Remove what ``install`` wrote under ``home``; the files removed."""
    removed = []
    for target in targets(home):
        if target.exists():
            target.unlink()
            removed.append(target)
    refresh(home)
    return removed


def refresh(home: Path) -> None:
    """Rebuild the desktop's caches of what changed, with whichever tools are installed.

    Without them the files still work: desktops rescan the folders, only later."""
    for tool, folder in REFRESH:
        path = shutil.which(tool)
        if path and (home / folder).is_dir():
            extra = ["-f", "-t", "-q"] if tool == "gtk-update-icon-cache" else []
            subprocess.run([path, *extra, str(home / folder)], capture_output=True, check=False)
