"""Food search: every typed word must start a word of the name or USDA description, and
the foods found are ranked so that the plain food a person means comes first.

One ranking for every place that searches foods (the food list, the recipe and
comparison pickers, ``crampless foods --search``), in this order of importance:

1. branded, fast-food, restaurant and baby foods after the others, unless the query
   names them ("babyfood", "restaurant", "kellogg");
2. foods where every typed word is a whole word (or its plural: "egg" for "eggs") before
   foods where a word only starts one ("egg" in "eggplant");
   A word in parentheses in a USDA description ("coffee" in "Cream, light (coffee
   cream)") only starts a word there;
3. the planner's own foods (foods.csv), then the user's (custom foods, recipes), then
   the imported USDA ones;
4. foods whose name's first part is the typed words ("Sweet potato, raw" for "sweet
   potato"), then those whose name starts with them in order ("Orange juice, raw" for
   "orange juice");
5. foods whose name starts with a typed word ("Rice, white" for "rice"), then those
   where it follows a heading such as "Beverages, " or "Nuts, " ("Beverages, tea"),
   then those whose first word only starts with it;
6. foods whose name (not only their USDA description) holds the typed words first;
7. the plain food before its variants: fewer comma-separated parts in the name, then
   fewer words ("Carrots, raw" before "Carrots, baby, raw");
8. the food table's order (foods.csv's order, then USDA's NDB numbers).

The index (:class:`SearchIndex`) holds each word of every food once, sorted: the foods
whose words start with a typed one are one slice of it, so a keystroke over the 8,889
foods of the USDA import costs well under a millisecond.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from planner.core.data.foods import FoodTable

# A search term longer than this is cut: nobody types it, and it would only cost time.
MAX_QUERY_LENGTH = 200
_WORD_SPLIT = re.compile(r"[^\w]+")
_PARENTHESES = re.compile(r"\([^)]*\)")
# A word's written form in the description that marks a brand: capitals (KELLOGG'S).
_CAPITALS = re.compile(r"^[A-Z][A-Z0-9]+$")

# USDA food groups of foods a person rarely means by a plain word.
DEMOTED_GROUPS = frozenset(
    {"Baby Foods", "Fast Foods", "Restaurant Foods", "American Indian/Alaska Native Foods"}
)
# Words that name those groups: a query with one of them wants them.
GROUP_WORDS = frozenset(
    {"babyfood", "babyfoods", "infant", "fast", "restaurant", "alaska", "native", "indian"}
)
# SR28's headings before the food's own name ("Beverages, tea, ..."; "Nuts, almonds").
HEADINGS = frozenset(
    {
        "beverages", "alcoholic beverage", "alcoholic beverages", "spices", "nuts", "seeds",
        "fish", "crustaceans", "mollusks", "oil", "cereals", "cereals ready-to-eat",
        "game meat", "snacks", "candies", "usda commodity",
    }
)  # fmt: skip
# Capitalised words in SR28 descriptions that are not brands.
NOT_BRANDS = frozenset({"usda", "us", "usa", "bbq", "nfs", "dha", "ara", "uht", "ns", "ii"})
# Sources in the order their foods are listed (foods.csv's, the user's, imported).
SOURCE_RANK = {"foods.csv": 0, "custom": 1, "recipe": 1, "usda": 2}
_LAST = "\U0010ffff"
# Flags of one word of one food in the index.
_IN_NAME, _FIRST_IN_NAME, _MARKER, _IN_PARENTHESES, _AFTER_HEADING = 1, 2, 4, 8, 16
_DESCRIPTION_PARTS = re.compile(r"(\([^)]*\))")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so that "Creme" finds "Crème"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_word(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return [w for w in _WORD_SPLIT.split(fold(text)) if w]


def haystack(*texts: str) -> str:
    """The searchable form of a food: folded words, each preceded by a space."""
    return " " + " ".join(words(" ".join(texts)))


def query_terms(query: str) -> list[str]:
    """The folded words of a query, each as a word start to look for (`` word``)."""
    return [" " + w for w in words(query[:MAX_QUERY_LENGTH])]


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


def _column(foods: FoodTable, name: str, default: str = "") -> list:
    try:
        return foods.column(name)
    except KeyError:
        return [default] * len(foods)


def _whole_forms(term: str) -> list[str]:
    """The words that count as ``term`` itself: it, its plurals and, for a plural, the
    singular ("egg" for "eggs", "berry" for "berries")."""
    forms = [term, term + "s", term + "es"]
    if term.endswith("y") and len(term) > 2:
        forms.append(term[:-1] + "ies")
    if term.endswith("ies") and len(term) > 4:
        forms.append(term[:-3] + "y")
    if term.endswith("es") and len(term) > 3:
        forms.append(term[:-2])
    if term.endswith("s") and len(term) > 2:
        forms.append(term[:-1])
    return forms


class SearchIndex:
    """Every word of every food's name and USDA description, for matching and ranking.

    Built once per food table (about 0.1 s for the USDA import); ``ranked`` is then a
    few numpy operations per typed word.
    """

    def __init__(self, foods: FoodTable) -> None:
        names = [str(n) for n in foods.column("name")]
        descriptions = [str(d or "") for d in _column(foods, "usda_description")]
        groups = [str(g or "") for g in _column(foods, "usda_food_group")]
        sources = [str(s or "") for s in _column(foods, "source", "foods.csv")]
        n = len(names)
        self.size = n
        self.source_rank = np.array([SOURCE_RANK.get(s, 1) for s in sources], dtype=np.int8)
        tokens: list[str] = []
        owners: list[int] = []
        flags: list[int] = []
        capitals: list[bool] = []  # the word as written is in capitals
        lowers: list[bool] = []  # ... in lower case
        parts = np.zeros(n, dtype=np.int16)
        lengths = np.zeros(n, dtype=np.int16)
        demoted = np.zeros(n, dtype=bool)
        name_words: list[tuple[str, ...]] = []
        first_parts: list[str] = []  # the folded words of the name before its first comma
        for i, (name, description) in enumerate(zip(names, descriptions, strict=True)):
            plain = _PARENTHESES.sub("", name)
            heads = plain.split(",")
            headed = len(heads) > 1 and heads[0].strip().casefold() in HEADINGS
            parts[i] = len(heads)
            # The word after a heading nearly starts the name ("Beverages, tea").
            after_heading = len(_WORD_SPLIT.split(heads[0].strip())) if headed else -1
            written = [w for w in _WORD_SPLIT.split(name) if w]
            folded = tuple(_fold_word(w) for w in written)
            name_words.append(folded)
            first_parts.append(" ".join(_fold_word(w) for w in _WORD_SPLIT.split(heads[0]) if w))
            lengths[i] = len(folded)
            for k, word in enumerate(folded):
                tokens.append(word)
                owners.append(i)
                flags.append(
                    _IN_NAME
                    | (_FIRST_IN_NAME if k == 0 else 0)
                    | (_AFTER_HEADING if k == after_heading else 0)
                )
                capitals.append(bool(_CAPITALS.match(written[k])))
                lowers.append(written[k].islower())
            if description and description != name:
                for chunk in _DESCRIPTION_PARTS.split(description):
                    inside = _IN_PARENTHESES if chunk.startswith("(") else 0
                    for word in _WORD_SPLIT.split(chunk):
                        if word:
                            tokens.append(_fold_word(word))
                            owners.append(i)
                            flags.append(inside)
                            capitals.append(bool(_CAPITALS.match(word)))
                            lowers.append(word.islower())
            if sources[i] == "usda":
                demoted[i] = groups[i] in DEMOTED_GROUPS
        # Non-ASCII words may fold to several ("½" to "1⁄2"): each piece is a word.
        words_array = np.array(tokens, dtype=str) if tokens else np.array([], dtype="<U1")
        owner_array = np.array(owners, dtype=np.int32)
        flag_array = np.array(flags, dtype=np.int8)
        capital_array = np.array(capitals, dtype=bool)
        vocabulary, inverse = np.unique(words_array, return_inverse=True)
        # A brand is a word the descriptions write in capitals and never in lower case
        # ("KEEBLER", "Keebler"; not "RICE" of "CRISP RICE", which is "rice" elsewhere).
        lower_somewhere = np.zeros(len(vocabulary), dtype=bool)
        lower_somewhere[inverse[np.array(lowers, dtype=bool)]] = True
        capital_somewhere = np.zeros(len(vocabulary), dtype=bool)
        capital_somewhere[inverse[capital_array]] = True
        brand_word = capital_somewhere & ~lower_somewhere & ~np.isin(vocabulary, list(NOT_BRANDS))
        usda = np.array([s == "usda" for s in sources], dtype=bool)
        branded = brand_word[inverse] & usda[owner_array]
        demoted[owner_array[branded]] = True
        marker = np.isin(vocabulary, list(GROUP_WORDS)) | brand_word
        flag_array |= np.where(marker[inverse], _MARKER, 0).astype(np.int8)
        order = np.argsort(inverse, kind="stable")
        self.vocabulary = vocabulary
        self._owner = owner_array[order]
        self._flags = flag_array[order]
        self._start = np.searchsorted(inverse[order], np.arange(len(vocabulary) + 1))
        self.demoted = demoted
        self.name_words = name_words
        self.first_parts = np.array(first_parts, dtype=object)
        self.parts = parts
        self.lengths = lengths

    # -- one typed word ------------------------------------------------------------------
    def _slice(self, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self._start[lo], self._start[hi]
        return self._owner[a:b], self._flags[a:b]

    def _prefix(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        lo = int(np.searchsorted(self.vocabulary, term, "left"))
        hi = int(np.searchsorted(self.vocabulary, term + _LAST, "left"))
        return self._slice(lo, hi)

    def _exact(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        lo = int(np.searchsorted(self.vocabulary, word, "left"))
        if lo < len(self.vocabulary) and self.vocabulary[lo] == word:
            return self._slice(lo, lo + 1)
        return self._slice(lo, lo)

    def _is_word(self, word: str) -> bool:
        lo = int(np.searchsorted(self.vocabulary, word, "left"))
        return lo < len(self.vocabulary) and self.vocabulary[lo] == word

    def _term(self, term: str) -> dict[str, np.ndarray]:
        """Per food: whether ``term`` starts one of its words, is a whole word of it, is
        in its name, how near the name's start it is (``lead``, 0 best: see the module),
        or names a demoted kind the food belongs to."""
        n = self.size
        hit, whole, in_name, marker = (np.zeros(n, dtype=bool) for _ in range(4))
        lead = np.full(n, 4, dtype=np.int8)
        owners, flags = self._prefix(term)
        hit[owners] = True
        in_name[owners[(flags & _IN_NAME) != 0]] = True
        _lower(lead, owners[(flags & _AFTER_HEADING) != 0], 3)
        _lower(lead, owners[(flags & _FIRST_IN_NAME) != 0], 2)
        if len(term) >= 3 and not self._is_word(term):
            # A brand typed in part ("kello"), not a word of its own ("milk" of "MILKY").
            marker[owners[(flags & _MARKER) != 0]] = True
        for form in _whole_forms(term):
            owners, flags = self._exact(form)
            hit[owners] = True
            whole[owners[(flags & _IN_PARENTHESES) == 0]] = True
            in_name[owners[(flags & _IN_NAME) != 0]] = True
            _lower(lead, owners[(flags & _AFTER_HEADING) != 0], 1)
            _lower(lead, owners[(flags & _FIRST_IN_NAME) != 0], 0)
            marker[owners[(flags & _MARKER) != 0]] = True
        return {"hit": hit, "whole": whole, "in_name": in_name, "lead": lead, "marker": marker}

    # -- a query ---------------------------------------------------------------------------
    def matches(self, query: str) -> np.ndarray:
        """Boolean mask (table order) of the foods that every typed word is found in."""
        mask = np.ones(self.size, dtype=bool)
        for term in words(query[:MAX_QUERY_LENGTH]):
            mask &= self._term(term)["hit"]
        return mask

    def ranked(self, query: str, among: np.ndarray | None = None) -> np.ndarray:
        """Table positions of the foods matching ``query``, best first (see the module).

        ``among`` (a boolean mask in table order) limits the foods considered. An empty
        query ranks every food in table order.
        """
        terms = words(query[:MAX_QUERY_LENGTH])
        mask = np.ones(self.size, dtype=bool) if among is None else among.copy()
        if not terms:
            return np.flatnonzero(mask)
        not_whole = np.zeros(self.size, dtype=np.int16)
        not_in_name = np.zeros(self.size, dtype=np.int16)
        lead = np.full(self.size, 4, dtype=np.int8)
        wanted = np.zeros(self.size, dtype=bool)
        for term in terms:
            found = self._term(term)
            mask &= found["hit"]
            not_whole += ~found["whole"]
            not_in_name += ~found["in_name"]
            np.minimum(lead, found["lead"], out=lead)
            wanted |= found["marker"]
        positions = np.flatnonzero(mask)
        in_order = self._starts_with(positions, terms)
        keys = (
            positions,
            self.lengths[positions],
            self.parts[positions],
            not_in_name[positions],
            lead[positions],
            in_order,
            self.source_rank[positions],
            not_whole[positions],
            (self.demoted & ~wanted)[positions],
        )
        return positions[np.lexsort(keys)]

    def _starts_with(self, positions: np.ndarray, terms: list[str]) -> np.ndarray:
        """Per food: 0 when its name's first part is ``terms`` (whole words or plurals),
        1 when its name starts with them in order (the last may be cut), else 2."""
        first_parts = self.first_parts[positions]
        if len(terms) == 1:
            exact = np.isin(first_parts, _whole_forms(terms[0]))
            return np.where(exact, 0, 2).astype(np.int8)
        forms = [set(_whole_forms(t)) for t in terms]
        head, last, m = tuple(terms[:-1]), terms[-1], len(terms)
        names = self.name_words

        def code(position: int, first_part: str) -> int:
            words = first_part.split(" ")
            if len(words) == m and all(w in f for w, f in zip(words, forms, strict=True)):
                return 0
            name = names[position]
            return (
                1
                if len(name) >= m and name[: m - 1] == head and name[m - 1].startswith(last)
                else 2
            )

        return np.fromiter(
            (code(p, f) for p, f in zip(positions, first_parts, strict=True)),
            np.int8,
            len(positions),
        )


def _lower(values: np.ndarray, at: np.ndarray, value: int) -> None:
    """Set ``values[at]`` to ``value`` where that is lower."""
    values[at] = np.minimum(values[at], value)


# The index of the table searched last: the food list, its pickers and dialogs search the
# same table, and making an index for the USDA import takes a tenth of a second.
_shared: tuple[FoodTable, SearchIndex] | None = None


def shared_index(foods: FoodTable) -> SearchIndex:
    """The search index of ``foods``, made once however many views search the table."""
    global _shared
    if _shared is None or _shared[0] is not foods:
        _shared = (foods, SearchIndex(foods))
    return _shared[1]


def ranked_ids(foods: FoodTable, query: str) -> list[str]:
    """The ids of the foods matching ``query``, best first (every food for an empty one)."""
    ids = foods.id_list
    return [ids[p] for p in shared_index(foods).ranked(query)]
