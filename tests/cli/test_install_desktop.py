"""``crampless install-desktop``: the entry, file types, icons and metainfo in the user's
XDG folders, valid by the freedesktop tools where they are installed; ``--uninstall``."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from planner import APP_ID, __version__
from planner.desktop import DESKTOP_ENTRY, ICON_SIZES, METAINFO, MIME_TYPES
from planner.desktop.install import desktop_entry, exec_arg
from planner.paths import ROOT

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def crampless(*args: str, home) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env={**os.environ, "XDG_DATA_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def entry(text: str) -> dict[str, str]:
    parser = configparser.RawConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(text)
    return dict(parser["Desktop Entry"])


def mime_globs() -> dict[str, str]:
    root = ET.parse(MIME_TYPES).getroot()
    return {t.get("type"): t.find(f"{MIME_NS}glob").get("pattern") for t in root}


def needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils, appstream)")
    return path


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    home = tmp_path_factory.mktemp("xdg") / "my data"  # a space, as some homes have
    result = crampless("install-desktop", home=home)
    assert result.returncode == 0, result.stderr
    return home, result.stdout


def test_it_writes_the_entry_types_icons_and_metainfo_into_the_data_home(installed):
    home, said = installed
    expected = [
        home / "applications" / f"{APP_ID}.desktop",
        home / "mime" / "packages" / f"{APP_ID}.xml",
        home / "metainfo" / f"{APP_ID}.metainfo.xml",
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(home / "icons/hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES),
    ]
    assert all(path.is_file() for path in expected)
    assert set(map(str, expected)) <= set(said.splitlines())
    assert (home / "mime/packages" / f"{APP_ID}.xml").read_bytes() == MIME_TYPES.read_bytes()


def test_the_entry_starts_this_crampless_by_its_full_path_with_the_file(installed):
    home, _ = installed
    fields = entry((home / "applications" / f"{APP_ID}.desktop").read_text())
    assert fields["Exec"] == f"{sys.executable} {ROOT / 'main.py'} %f"
    assert fields["TryExec"] == sys.executable
    assert fields["Icon"] == APP_ID
    assert set(fields["MimeType"].rstrip(";").split(";")) == set(mime_globs())
    assert mime_globs() == {
        "application/x-crampless-menu+json": "*.menu.json",
        "application/x-crampless-plan+json": "*.plan.json",
    }


def test_an_exec_argument_is_quoted_as_the_desktop_entry_spec_says():
    assert exec_arg("/usr/bin/crampless") == "/usr/bin/crampless"
    # Reserved characters: in double quotes, with ` $ " \ escaped, then every \ doubled.
    assert exec_arg("/home/a b/c$d") == '"/home/a b/c\\\\$d"'
    assert exec_arg('C:\\x "y"') == '"C:\\\\\\\\x \\\\"y\\\\""'
    assert exec_arg("/opt/100%/crampless") == "/opt/100%%/crampless"
    text = desktop_entry(["/opt/My Apps/crampless"])
    assert 'Exec="/opt/My Apps/crampless" %f' in text and "#" not in text


def test_the_packaged_entry_and_the_installed_one_are_valid(installed):
    tool = needs("desktop-file-validate")
    home, _ = installed
    for path in (DESKTOP_ENTRY, home / "applications" / f"{APP_ID}.desktop"):
        result = subprocess.run([tool, str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "error" not in result.stdout, result.stdout


def test_the_metainfo_is_valid_and_names_this_version():
    tool = needs("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert not re.search(r"^[EW]:", result.stdout, re.MULTILINE), result.stdout
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("releases/release").get("version") == __version__
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert {m.text for m in root.iter("mediatype")} == set(mime_globs())


def test_the_desktop_knows_the_file_types_once_installed(installed):
    needs("update-mime-database")
    home, _ = installed
    globs = (home / "mime" / "globs2").read_text()
    for mime_type, pattern in mime_globs().items():
        assert f"{mime_type}:{pattern}" in globs
    if shutil.which("update-desktop-database"):
        cache = (home / "applications" / "mimeinfo.cache").read_text()
        for mime_type in mime_globs():
            assert f"{mime_type}={APP_ID}.desktop;" in cache


def test_uninstall_takes_away_only_what_it_put_there(tmp_path):
    home = tmp_path / "data"
    mine = home / "applications" / "someone-else.desktop"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Desktop Entry]\n")
    assert crampless("install-desktop", home=home).returncode == 0
    result = crampless("install-desktop", "--uninstall", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Removed {3 + 1 + len(ICON_SIZES)} files from {home}.\n"
    left = [p for p in home.rglob(f"{APP_ID}*") if p.is_file()]
    assert left == [] and mine.exists()
    again = crampless("install-desktop", "--uninstall", home=home)
    assert again.stdout == "Nothing to remove.\n"
