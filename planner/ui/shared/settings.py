"""Remembered settings (QSettings in the data folder): profile, window, last menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from planner.core.data.profile import Profile
from planner.core.errors import InputError

SETTINGS_FILE = "settings.ini"


class Settings:
    """Typed access to the few things the window remembers between sessions.

    Kept in the data folder (not the platform registry) so that ``--data-dir`` keeps a
    test's or a second user's settings apart.
    """

    def __init__(self, data_dir: Path) -> None:
        self.qsettings = QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)

    def profile(self) -> Profile:
        self.qsettings.beginGroup("profile")
        data = {k: self.qsettings.value(k) for k in self.qsettings.childKeys()}
        self.qsettings.endGroup()
        try:
            return Profile.from_dict(data)
        except (InputError, TypeError, ValueError):
            return Profile()  # a hand-edited or stale settings file must not stop the app

    def set_profile(self, profile: Profile) -> None:
        for key, value in profile.to_dict().items():
            self.qsettings.setValue(f"profile/{key}", value)

    def value(self, key: str, default=None):
        return self.qsettings.value(key, default)

    def set_value(self, key: str, value) -> None:
        self.qsettings.setValue(key, value)

    def sync(self) -> None:
        self.qsettings.sync()
