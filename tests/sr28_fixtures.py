"""A tiny made-up SR28 in the USDA's ASCII format (``^`` fields, ``~`` text, CRLF, Latin-1)."""

from __future__ import annotations

import zipfile
from pathlib import Path


def _line(*fields: object) -> str:
    return "^".join("" if f is None else str(f) for f in fields)


def _t(text: str) -> str:
    return f"~{text}~"


# Per 100 g; banana's as SR28 has them, without vitamin D (328) so that it is unknown.
BANANA = {
    "208": "89",
    "304": "27",
    "306": "358",
    "301": "5",
    "303": "0.26",
    "415": "0.367",
    "435": "20",
    "418": "0.00",
    "307": "1",
    "255": "74.91",
    "203": "1.09",
}
SEEDS = {"208": "559", "304": "592", "306": "809", "255": "5.23", "328": "0.0"}
BEEF = {"208": "250", "418": "2.64", "303": "2.6"}


def sr28_files() -> dict[str, list[str]]:
    """File name -> lines of a valid three-food SR28 (11 values + 5 + 3 = 19 values)."""
    nutrients = [
        ("203", "g", "PROCNT", "Protein"),
        ("208", "kcal", "ENERC_KCAL", "Energy"),
        ("255", "g", "WATER", "Water"),
        ("301", "mg", "CA", "Calcium, Ca"),
        ("303", "mg", "FE", "Iron, Fe"),
        ("304", "mg", "MG", "Magnesium, Mg"),
        ("306", "mg", "K", "Potassium, K"),
        ("307", "mg", "NA", "Sodium, Na"),
        ("328", "µg", "VITD", "Vitamin D (D2 + D3)"),
        ("415", "mg", "VITB6A", "Vitamin B-6"),
        ("418", "µg", "VITB12", "Vitamin B-12"),
        ("435", "µg", "FOLDFE", "Folate, DFE"),
    ]
    foods = [
        ("09040", "0900", "Bananas, raw", "36", BANANA),
        ("12014", "1200", "Seeds, pumpkin and squash seed kernels, dried", "0", SEEDS),
        ("13000", "1300", "Beef, composite, raw", "", BEEF),
    ]
    nut_data = [
        _line(_t(ndb), _t(nutr), value, *([None] * 15))
        for ndb, _, _, _, values in foods
        for nutr, value in values.items()
    ]
    return {
        "FD_GROUP.txt": [
            _line(_t("0900"), _t("Fruits and Fruit Juices")),
            _line(_t("1200"), _t("Nut and Seed Products")),
            _line(_t("1300"), _t("Beef Products")),
        ],
        "NUTR_DEF.txt": [
            _line(_t(no), _t(unit), _t(tag), _t(desc), _t("2"), _t(str(n * 100)))
            for n, (no, unit, tag, desc) in enumerate(nutrients)
        ],
        "FOOD_DES.txt": [
            _line(
                _t(ndb),
                _t(group),
                _t(desc),
                _t(desc.upper()),
                None,
                None,
                _t("Y"),
                None,
                refuse,
                None,
                "6.25",
                None,
                None,
                None,
            )
            for ndb, group, desc, refuse, _ in foods
        ],
        "WEIGHT.txt": [
            _line(_t("09040"), 1, 1, _t("cup, mashed"), 225, None, None),
            _line(_t("09040"), 2, 1, _t('medium (7" to 7-7/8" long)'), 118, None, None),
            _line(_t("12014"), 1, 1, _t("cup"), 129, None, None),
            _line(_t("12014"), 2, 0.5, _t("oz"), 14.2, None, None),
        ],
        "NUT_DATA.txt": nut_data,
    }


def write_sr28(
    folder: Path,
    files: dict[str, list[str]] | None = None,
    zip_name: str | None = None,
    final_newline: bool = True,
) -> Path:
    """Write the files (default :func:`sr28_files`) into ``folder``, or a zip there.

    Returns the folder or the zip's path.
    """
    files = sr28_files() if files is None else files
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        name: ("\r\n".join(lines) + ("\r\n" if final_newline else "")).encode("latin-1")
        for name, lines in files.items()
    }
    if zip_name is None:
        for name, data in contents.items():
            (folder / name).write_bytes(data)
        return folder
    path = folder / zip_name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return path
