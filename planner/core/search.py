"""Food search: every typed word must start a word of the name or USDA description."""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from planner.core.foods import FoodTable

# A search term longer than this is cut: nobody types it, and it would only cost time.
MAX_QUERY_LENGTH = 200
_WORD_SPLIT = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so that "Creme" finds "Crème"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def haystack(*texts: str) -> str:
    """The searchable form of a food: folded words, each preceded by a space."""
    words = _WORD_SPLIT.split(fold(" ".join(texts)))
    return " " + " ".join(w for w in words if w)


def query_terms(query: str) -> list[str]:
    """The folded words of a query, each as a word start to look for (`` word``)."""
    words = _WORD_SPLIT.split(fold(query[:MAX_QUERY_LENGTH]))
    return [" " + w for w in words if w]


def build_haystacks(foods: FoodTable) -> np.ndarray:
    """One haystack per food (name and USDA description), in table order; once per table."""
    names, descriptions = foods.column("name"), foods.column("usda_description")
    return np.array(
        [haystack(n, d) for n, d in zip(names, descriptions, strict=True)], dtype=object
    )


def matches(haystacks: np.ndarray, query: str) -> np.ndarray:
    """Boolean mask of the foods whose words start with every term of ``query``."""
    mask = np.ones(len(haystacks), dtype=bool)
    for term in query_terms(query):
        mask &= np.fromiter((term in h for h in haystacks), bool, count=len(haystacks))
    return mask
