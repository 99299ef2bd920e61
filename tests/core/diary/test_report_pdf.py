"""The report's PDF: its text read back, and a long table carried over pages with its header."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from planner.core.data.profile import Profile
from planner.core.diary.episode import make_episode
from planner.core.diary.report import build_report
from planner.core.diary.report_text import report_blocks
from tests.core.diary import fixture_diary as fx

PROFILE = Profile("female", 50)


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


def test_every_text_of_the_report_is_in_the_pdf(qapp, tiny_foods, intakes):
    from planner.export.diary_report import report_pdf_bytes

    report = build_report(
        fx.episodes(),
        fx.ties(),
        fx.FIRST,
        fx.LAST,
        PROFILE,
        intakes.targets(PROFILE),
        tiny_foods,
        fx.TODAY,
    )
    text = " ".join(_pages(report_pdf_bytes(report)))
    for block in report_blocks(report):
        if block.text:
            assert " ".join(block.text.split()) in text, block.text
        for row in block.rows:
            assert " ".join(" ".join(row).split()) in text, row


def test_a_long_diary_runs_over_pages_with_the_header_again(qapp, tiny_foods, intakes):
    from planner.export.diary_report import report_pdf_bytes

    first = dt.date(2026, 9, 1)
    episodes = [
        make_episode(
            {
                "when": f"{first + dt.timedelta(days=n)} 02:00",
                "leg": "left",
                "muscle": "calf",
                "minutes": 3,
                "severity": n % 11,
                "note": "a longer note " * 4,
            },
            fx.TODAY,
        )
        for n in range(80)
    ]
    report = build_report(
        episodes,
        {},
        first - dt.timedelta(days=1),
        fx.TODAY,
        PROFILE,
        intakes.targets(PROFILE),
        tiny_foods,
        fx.TODAY,
    )
    pages = _pages(report_pdf_bytes(report))
    assert len(pages) >= 3
    assert all(f"page {n + 1} of {len(pages)}" in page for n, page in enumerate(pages))
    carried = [p for p in pages[1:] if p.startswith("When Where Minutes Severity Before Note")]
    assert carried, "the episodes' table starts the next page with its header"
    assert sum(p.count("a longer note") for p in pages) == 80 * 4
