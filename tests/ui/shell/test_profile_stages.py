"""Pregnancy and breastfeeding are offered only at the ages the targets cover (NASEM 14 to
50, EFSA from 11: ReferenceIntakes.stage_ages), in the profile bar and from settings
(issue 20, item 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from planner.core.data.profile import Profile
from planner.ui.shared.settings import Settings


def offered(bar, key: str) -> bool:
    return bar.stage.model().item(bar.stage.findData(key)).isEnabled()


def tip(bar, key: str) -> str:
    return bar.stage.itemData(bar.stage.findData(key), Qt.ItemDataRole.ToolTipRole)


def test_pregnancy_is_offered_only_at_the_ages_the_tables_cover(window):
    bar = window.profile_bar
    bar.age.setValue(30)
    assert offered(bar, "pregnant") and offered(bar, "lactating")
    assert tip(bar, "pregnant") == "NASEM's pregnancy targets cover ages 14 to 50 years"
    for age in (5, 13.5, 51, 70):
        bar.age.setValue(age)
        assert not offered(bar, "pregnant") and not offered(bar, "lactating"), age
        assert tip(bar, "lactating").startswith(f"Not at {age:g} years: NASEM's lactation")
        assert "cover ages 14 to 50 years" in bar.stage.toolTip()
    assert offered(bar, "")  # not pregnant is always there
    # EFSA's rows run from 11 years on.
    bar.standard.setCurrentIndex(bar.standard.findData("efsa"))
    assert offered(bar, "pregnant") and tip(bar, "pregnant").endswith("ages 11 years and over")
    bar.age.setValue(10)
    assert not offered(bar, "pregnant")


def test_an_age_the_tables_do_not_cover_sets_pregnancy_back_and_says_so(window):
    bar = window.profile_bar
    bar.age.setValue(30)
    bar.stage.setCurrentIndex(bar.stage.findData("pregnant"))
    assert window.state.profile.pregnant
    bar.age.setValue(12)
    assert bar.stage.currentData() == "" and not window.state.profile.pregnant
    message = window.statusBar().currentMessage()
    assert message == (
        "Pregnant is not offered at 12 years: NASEM's pregnancy targets cover ages 14 to 50 "
        "years; the profile is set to not pregnant."
    )
    assert not window.settings.profile().pregnant


def test_a_saved_profile_out_of_range_opens_not_pregnant(make_window, tmp_path, qtbot):
    settings = Settings(tmp_path)
    settings.set_profile(Profile("female", 8, lactating=True))
    settings.sync()
    window = make_window(tmp_path)
    assert window.state.profile == Profile("female", 8)
    assert window.profile_bar.stage.currentData() == ""
    assert window.settings.profile() == Profile("female", 8)
    qtbot.waitUntil(lambda: "Breastfeeding is not offered" in window.statusBar().currentMessage())
    assert "cover ages 14 to 50 years" in window.statusBar().currentMessage()


def test_a_saved_profile_in_range_opens_as_it_was(make_window, tmp_path):
    settings = Settings(tmp_path)
    settings.set_profile(Profile("female", 12, pregnant=True, standard="efsa"))
    settings.sync()
    window = make_window(tmp_path)
    assert window.state.profile == Profile("female", 12, pregnant=True, standard="efsa")
    assert window.profile_bar.dropped == ""
