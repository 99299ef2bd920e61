"""Advice a dietitian would sign, checked over random menus and profiles.

On the built-in table and on the shared SR28 zip imported: no suggestion and no
completion holds a food the rules never suggest; no completion crosses an upper limit,
charted or guard, for its profile; no added amount passes its daily cap; every result is
re-checked by the coverage code. Infants are excepted (no completion is offered to them
in practice: their foods are not the built-in list's).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.advice.cautions import PREGNANCY_TAGS, never_suggested_tags
from planner.core.advice.completion_options import CompletionOptions
from planner.core.advice.exclusions import Exclusions, allowed_food_ids
from planner.core.advice.optimizer import complete_menu
from planner.core.advice.servings import servings_of
from planner.core.advice.suggestions import suggest_foods
from planner.core.data.ceilings import ceilings
from planner.core.data.profile import Profile
from planner.core.menus.coverage import compute_coverage
from planner.core.menus.menu import MEALS, Menu, MenuItem
from planner.core.storage.catalog import with_library_foods
from planner.core.storage.library import Library
from planner.core.storage.usda_import import import_usda

# Ages and life stages the issue names: toddlers, teenagers, adults, 70+, pregnancy,
# lactation; NASEM and EFSA.
PROFILES = st.one_of(
    st.builds(
        Profile,
        sex=st.sampled_from(["female", "male"]),
        age=st.sampled_from([2.0, 15.0, 35.0, 55.0, 72.0, 85.0]),
        standard=st.sampled_from(["nasem", "efsa"]),
    ),
    st.builds(
        Profile,
        sex=st.just("female"),
        age=st.sampled_from([19.0, 31.0]),
        pregnant=st.booleans(),
        lactating=st.just(False),
        standard=st.sampled_from(["nasem", "efsa"]),
    ),
    st.builds(Profile, sex=st.just("female"), age=st.just(28.0), lactating=st.just(True)),
)


@pytest.fixture(scope="module")
def usda_foods(foods, sr28_zip, tmp_path_factory):
    """foods.csv with the whole SR28 imported, as the window sees it."""
    library = Library(tmp_path_factory.mktemp("usda") / "library.sqlite3")
    import_usda(sr28_zip, library)
    try:
        return with_library_foods(foods, library)
    finally:
        library.close()


def _menus(food_ids: list[str]):
    item = st.builds(
        MenuItem,
        food=st.sampled_from(food_ids),
        meal=st.sampled_from(MEALS),
        grams=st.floats(min_value=5, max_value=250).map(lambda g: round(g, 1)),
    )
    return st.lists(item, min_size=0, max_size=7).map(lambda items: Menu("Random", items))


def banned_tags(profile: Profile) -> frozenset[str]:
    """Tags no suggestion or completion may carry, whatever the exclusions (cautions.py)."""
    return never_suggested_tags(profile) | (PREGNANCY_TAGS if profile.pregnant else frozenset())


def assert_never_banned(foods, food_ids, profile: Profile) -> None:
    banned = banned_tags(profile)
    tags = foods.column("tags")
    for food in food_ids:
        found = banned & set(tags[foods.position(food)])
        assert not found, f"{food} ({', '.join(sorted(found))}) is never suggested to {profile}"


def assert_safe_completion(menu, foods, targets, allowed, options, completion) -> None:
    """The rules every completion keeps, re-checked with coverage.py."""
    servings = servings_of(foods)
    allowed_set = set(allowed)
    held = menu.grams_by_food(foods)
    added = defaultdict(float)
    for addition in completion.additions:
        assert addition.food in allowed_set, f"{addition.food} is never suggested"
        added[addition.food] += addition.grams
    for food, grams in added.items():
        cap = servings.cap_g[servings.position(food)]
        assert held.get(food, 0.0) + grams <= cap + 1e-6, f"{food}: {grams} g passes its cap"
    before = compute_coverage(menu, foods, targets)
    after = compute_coverage(completion.menu, foods, targets)
    for key, ceiling in ceilings(targets).items():
        was, now = before[key].amount or 0.0, after[key].amount or 0.0
        if was <= ceiling:
            assert now <= ceiling * (1 + 1e-9), f"{key}: {now} crosses {ceiling}"
        else:
            assert now <= was * (1 + 1e-9), f"{key} was over and grew"
    unmet = {s.key for s in completion.shortfalls}
    for key in completion.aimed_at:
        if key not in unmet:
            assert (after[key].amount or 0.0) >= targets[key].value


def assert_safe_suggestions(menu, foods, targets, allowed, profile) -> None:
    coverage = compute_coverage(menu, foods, targets)
    held = menu.grams_by_food(foods)
    found = suggest_foods(coverage, foods, targets, allowed, on_menu=held)
    servings = servings_of(foods)
    allowed_set = set(allowed)
    limits = ceilings(targets)
    was = {key: coverage[key].amount or 0.0 for key in limits}
    assert_never_banned(foods, [s.food_id for v in found.values() for s in v], profile)
    for suggestions in found.values():
        for s in suggestions:
            assert s.food_id in allowed_set
            row = servings.position(s.food_id)
            assert held.get(s.food_id, 0.0) + s.grams <= servings.cap_g[row] + 1e-6
            one_more = compute_coverage(
                Menu("", [*menu.items, MenuItem(s.food_id, grams=s.grams)]), foods, targets
            )
            for key, ceiling in limits.items():
                bound = max(ceiling, was[key])  # a menu over already: no known more of it
                assert (one_more[key].amount or 0.0) <= bound * (1 + 1e-9), (s.food_id, key)


PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(data=st.data(), profile=PROFILES)
def test_built_in_table_advice_is_safe(foods, intakes, data, profile):
    menu = data.draw(_menus(foods.id_list))
    targets = intakes.targets(profile)
    allowed = allowed_food_ids(foods, Exclusions(), profile)
    assert_safe_suggestions(menu, foods, targets, allowed, profile)
    options = CompletionOptions(include_vitamin_d=data.draw(st.booleans()), time_limit=20)
    completion = complete_menu(menu, foods, targets, allowed, options)
    assert_safe_completion(menu, foods, targets, allowed, options, completion)
    assert_never_banned(foods, [a.food for a in completion.additions], profile)


@PROPERTY
@given(data=st.data(), profile=PROFILES)
def test_imported_usda_table_advice_is_safe(usda_foods, intakes, data, profile):
    ids = usda_foods.id_list
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    menu = data.draw(_menus(list(rng.choice(ids, 60, replace=False))))
    targets = intakes.targets(profile)
    allowed = allowed_food_ids(usda_foods, Exclusions(), profile)
    assert_safe_suggestions(menu, usda_foods, targets, allowed, profile)
    options = CompletionOptions(time_limit=20)
    completion = complete_menu(menu, usda_foods, targets, allowed, options)
    assert_safe_completion(menu, usda_foods, targets, allowed, options, completion)
    assert_never_banned(usda_foods, [a.food for a in completion.additions], profile)


def test_efsa_sodium_totals_and_completion_agree(foods, intakes):
    """EFSA sets no sodium UL; 2,000 mg is both its safe and adequate intake and the
    ceiling completion keeps to. A day at 2,052 mg is over it in the totals too."""
    profile = Profile("female", 45, standard="efsa")
    targets = intakes.targets(profile)
    salt = 2052 / foods.value("table-salt", "sodium") * 100
    menu = Menu("Salty", [MenuItem("table-salt", grams=salt)])
    coverage = compute_coverage(menu, foods, targets)
    assert coverage["sodium"].amount == pytest.approx(2052)
    assert coverage["sodium"].ceiling == 2000
    assert coverage["sodium"].above_upper_limit
    completion = complete_menu(menu, foods, targets, allowed_food_ids(foods, profile=profile))
    assert any(text.startswith("sodium: the menu already holds") for text in completion.over_limits)
