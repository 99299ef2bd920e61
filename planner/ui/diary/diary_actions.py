"""The diary in the window: the Diary tab, "Log a cramp" (Ctrl+K, toolbar), File > Report for
my doctor... and the diary's import and export, and the doctor's prompt, said once."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar

from planner.core.diary.diary_files import export_diary, import_diary
from planner.core.diary.doctor import doctor_reasons, help_doctor_html
from planner.core.diary.episode import Episode
from planner.core.errors import InputError
from planner.ui.diary.diary_session import DiarySession
from planner.ui.diary.diary_view import DiaryView
from planner.ui.diary.episode_dialog import EpisodeDialog
from planner.ui.diary.report_dialog import ReportDialog
from planner.ui.diary.tie_dialog import TieDialog
from planner.ui.widgets.dialogs import open_file_name, save_file_name, warn

SAID_KEY = "diary/doctor_said"
FILTERS = "Crampless diary (*.json);;CSV (*.csv)"


class DiaryActions:
    """What the Diary's buttons and the window's actions do; dialogs open without blocking
    (``dialog`` is the one open, for tests)."""

    def __init__(self, window, session: DiarySession, view: DiaryView) -> None:
        self.window, self.session, self.view = window, session, view
        self.dialog = None
        self.doctor_prompt: QMessageBox | None = None
        view.buttons["log"].clicked.connect(self.log)
        view.buttons["edit"].clicked.connect(self.edit)
        view.buttons["delete"].clicked.connect(self.delete)
        view.buttons["tie"].clicked.connect(self.tie)
        view.buttons["untie"].clicked.connect(lambda: session.untie(view.selected_night()))
        session.failed.connect(lambda text: warn(window, "Diary", text))

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    def _undo_hint(self) -> str:
        """Ctrl+Z undoes the diary's edits while its tab is in front (Edit > Undo follows
        the tab), so a cramp logged from another tab says where."""
        if self.window.tabs.currentWidget() is self.view:
            return "Ctrl+Z undoes it"
        return "on the Diary tab, Ctrl+Z undoes it"

    def log(self) -> EpisodeDialog:
        dialog = EpisodeDialog(self.session.today(), self.window)
        dialog.accepted.connect(lambda: self._logged(dialog.episode))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _logged(self, episode: Episode | None) -> None:
        if episode is None:
            return
        self.session.log(episode)
        self._status(
            f"Cramp logged: {episode.when_text}, {episode.where_text()} ({self._undo_hint()})"
        )
        self.check_doctor()

    def edit(self) -> EpisodeDialog | None:
        old = self.view.selected_episode()
        if old is None:
            return None
        dialog = EpisodeDialog(self.session.today(), self.window, old)
        dialog.accepted.connect(
            lambda: dialog.episode and dialog.episode != old and self._edited(old, dialog.episode)
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def _edited(self, old: Episode, new: Episode) -> None:
        self.session.edit(old, new)
        self._status(f"Cramp of {old.when_text} changed (Ctrl+Z undoes it)")
        self.check_doctor()

    def delete(self) -> None:
        episode = self.view.selected_episode()
        if episode is not None:
            self.session.delete(episode)
            self._status(f"Cramp of {episode.when_text} deleted (Ctrl+Z brings it back)")

    def tie(self) -> TieDialog:
        dialog = TieDialog(self.window.library, self.view.selected_night(), self.window)
        dialog.accepted.connect(lambda: dialog.tie and self.session.tie(dialog.tie))
        self.dialog = dialog
        dialog.open()
        return dialog

    def report(self) -> ReportDialog:
        w = self.window
        dialog = ReportDialog(
            self.session, w.state, self.view.period(), (w._last_folder, w._remember_folder), w
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- files --------------------------------------------------------------------------
    def import_file(self, path: str | None = None) -> bool:
        w = self.window
        path = path or open_file_name(w, "Import a diary", w._last_folder(), FILTERS)
        if not path:
            return False
        try:
            added, skipped, tied = import_diary(
                self.session.diary, Path(path), self.session.today()
            )
        except InputError as exc:
            warn(w, "Import a diary", f"Nothing was imported.\n\n{exc}")
            return False
        w._remember_folder(path)
        self.view.refresh()
        self._status(
            f"Imported {added} episodes"
            + (f" ({skipped} already in the diary)" if skipped else "")
            + (f" and {tied} tied days" if tied else "")
        )
        self.check_doctor()
        return True

    def export_file(self, path: str | None = None) -> Path | None:
        w = self.window
        if path is None:
            start = str(Path(w._last_folder()) / "cramp-diary.json")
            path, _ = save_file_name(w, "Export the diary", start, FILTERS)
            if not path:
                return None
        try:
            count = export_diary(self.session.diary, Path(path))
        except OSError as exc:
            warn(w, "Export the diary", f"{path} could not be written:\n{exc.strerror or exc}")
            return None
        w._remember_folder(path)
        self._status(f"Exported {count} episodes to {path}")
        return Path(path)

    # -- when to see a doctor -------------------------------------------------------------
    def check_doctor(self) -> QMessageBox | None:
        """Say the diary's new reasons to see a doctor, kindly; each one only once."""
        settings = self.window.settings
        said = set(str(settings.value(SAID_KEY) or "").split("\n")) - {""}
        new = [r for r in doctor_reasons(self.session.diary.episodes()) if r.key not in said]
        if not new:
            return None
        settings.set_value(SAID_KEY, "\n".join(sorted(said | {r.key for r in new})))
        items = "".join(f"<li>{html.escape(r.text)}</li>" for r in new)
        box = QMessageBox(self.window)
        box.setObjectName("doctorPrompt")
        box.setWindowTitle("Worth showing a doctor")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            "<p>Thank you for keeping the diary. It notes something the Help lists as a "
            f"reason to see a doctor:</p><ul>{items}</ul><p>This does not mean something is "
            "wrong; a doctor can look at what is behind it. File &gt; Report for my doctor… "
            "makes a record to take along.</p>"
        )
        box.setInformativeText(help_doctor_html())
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.doctor_prompt = box
        box.open()
        return box


def install(window) -> None:
    """Add the Diary tab, Log a cramp (Edit menu, toolbar, Ctrl+K) and the File menu's
    report, import and export."""
    session = DiarySession(window.library, window)
    view = DiaryView(session, window.state, window.settings)
    actions = DiaryActions(window, session, view)
    window.diary_session, window.diary_view, window.diary_actions = session, view, actions
    window.tabs.addTab(view, "Diary")
    view.statusMessage.connect(lambda text: window.statusBar().showMessage(text, 6000))
    window.state.profileChanged.connect(lambda _: view.refresh())
    window.state.foodsChanged.connect(lambda _: view.refresh())

    # Edit > Undo acts on the diary while its tab is in front.
    group = window.undo_group
    group.addStack(session.undo_stack)

    def route(_index: int) -> None:
        if window.tabs.currentWidget() is view:
            group.setActiveStack(session.undo_stack)
            view.refresh()  # the command line may have logged meanwhile
        elif group.activeStack() is session.undo_stack:
            group.setActiveStack(window.undo_stack)

    window.tabs.currentChanged.connect(route)

    log = QAction("Lo&g a cramp…", window)
    log.setShortcut(QKeySequence("Ctrl+K"))
    log.setStatusTip("Note a cramp in the diary: when, where, how long, how bad")
    log.triggered.connect(actions.log)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(log)
    toolbar = QToolBar("Diary", window, objectName="diaryToolbar")
    toolbar.setMovable(False)
    toolbar.addAction(log)
    window.addToolBar(toolbar)
    window.log_cramp_action = log

    file_actions = []
    for text, slot, tip in (
        ("Report for my &doctor…", actions.report, "A PDF of the diary for a period, or print it"),
        (
            "Import diar&y…",
            lambda: actions.import_file(),
            "Add a diary file's cramps (.json, .csv)",
        ),
        ("E&xport diary…", lambda: actions.export_file(), "Save the whole diary as .json or .csv"),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        file_actions.append(action)
    window.file_menu.insertActions(window.import_separator, file_actions)
    window.diary_file_actions = {a.text().replace("&", ""): a for a in file_actions}
