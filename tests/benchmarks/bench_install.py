"""The wheel installed in a fresh virtual environment against the standalone bundle: size
on disk, time to the window's first paint and to a subcommand's answer (docs/performance.md).

Builds both (the bundle needs PyInstaller, the bundle extra; about two minutes)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from planner.build.bundle import folder_size
from planner.paths import ROOT
from planner.ui.shell.application import QUIT_AFTER_FIRST_PAINT
from tests.offscreen import OFFSCREEN
from tests.packaging.installs import (
    build_wheel,
    clean_checkout,
    install_in_fresh_venv,
    needs_setuptools_that_builds_wheels,
    user_env,
    venv_script,
)

ROUNDS = 11


def installed_size(name: str, seen: set[str] | None = None) -> int:
    """Bytes on disk of distribution ``name`` and everything it requires (not extras)."""
    seen = set() if seen is None else seen
    key = name.lower().replace("_", "-")
    if key in seen:
        return 0
    seen.add(key)
    try:
        dist = distribution(name)
    except PackageNotFoundError:
        return 0
    total = sum(f.locate().stat().st_size for f in dist.files or () if Path(f.locate()).is_file())
    for text in dist.requires or ():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            total += installed_size(requirement.name, seen)
    return total


def _wall(command: list[str], cwd: Path, env: dict[str, str], said: str | None) -> float:
    """From process start to its first line (``said``), or to its exit when None."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, cwd=cwd, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as child:
        line = child.stdout.readline()
        if said is None:
            child.stdout.read()
            child.wait()
        shown = time.perf_counter() - start
        child.wait()
    assert said is None or line.strip() == said, line
    return shown


def test_wheel_against_bundle():
    needs_setuptools_that_builds_wheels()
    pytest.importorskip("PyInstaller", reason="the bundle extra is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wheel = build_wheel(clean_checkout(work), work / "wheel")
        install_in_fresh_venv(wheel, work / "env")
        subprocess.run(
            [sys.executable, "-m", "planner.build.bundle", "--dist", str(work / "dist"),
             "--work", str(work / "build")],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        bundle = work / "dist" / "crampless"
        commands = {
            "wheel": [str(venv_script(work / "env", "crampless"))],
            "bundle": [str(bundle / "crampless")],
        }
        elsewhere = work / "elsewhere"
        elsewhere.mkdir()
        window_env = user_env(elsewhere, QT_QPA_PLATFORM=OFFSCREEN, **{QUIT_AFTER_FIRST_PAINT: "1"})
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(ROUNDS):  # interleaved, so that a slow spell touches both alike
            for kind, command in commands.items():
                data = ["--data-dir", str(elsewhere / kind)]
                runs = {
                    "first paint": _wall([*command, *data], elsewhere, window_env, "first paint"),
                    "foods --search spinach": _wall(
                        [*command, *data, "foods", "--search", "spinach"],
                        elsewhere,
                        user_env(elsewhere),
                        None,
                    ),
                }
                for what, seconds in runs.items():
                    times.setdefault((kind, what), []).append(seconds)
        wheel_mb = wheel.stat().st_size / 2**20
        installed_mb = installed_size("crampless") / 2**20
        print(f"\nwheel file: {wheel_mb:.1f} MB; installed with its dependencies "
              f"(site-packages, not Python itself): {installed_mb:.0f} MB")  # fmt: skip
        print(f"bundle folder: {folder_size(bundle) / 2**20:.0f} MB (Python included)")
        for what in ("first paint", "foods --search spinach"):
            wheel_s = min(times[("wheel", what)])
            bundle_s = min(times[("bundle", what)])
            print(f"{what}: wheel {wheel_s * 1000:.0f} ms, bundle {bundle_s * 1000:.0f} ms "
                  f"= {bundle_s / wheel_s:.2f}x")  # fmt: skip
