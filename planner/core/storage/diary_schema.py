"""The library's tables for the cramp diary (schema version 4)."""

from __future__ import annotations

# Every statement is idempotent, so that opening a version-3 library creates what is
# missing (the migration from 3 to 4) and opening a version-4 one changes nothing.
#
# diary_episodes: one cramp episode. ``at`` is local time as 'YYYY-MM-DD HH:MM' (it sorts
#   as text); ``before`` and ``flags`` are ';'-separated keys of planner.core.diary.episode
#   (what came before; the warning signs); ``minutes`` 0 to 600, ``severity`` 0 to 10.
# diary_days: a diary day tied to what was eaten: ``day`` 'YYYY-MM-DD', ``source`` says
#   where the menu came from ("plan 'Week 48', Tuesday"), ``menu`` is a copy of it as a
#   menu object (JSON), so that the record stays as it was when later plans are edited.
DIARY_SCHEMA = """
CREATE TABLE IF NOT EXISTS diary_episodes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    leg TEXT NOT NULL,
    muscle TEXT NOT NULL,
    minutes REAL NOT NULL,
    severity INTEGER NOT NULL,
    before TEXT NOT NULL DEFAULT '',
    flags TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS diary_episodes_at ON diary_episodes (at);
CREATE TABLE IF NOT EXISTS diary_days (
    day TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    menu TEXT NOT NULL,
    updated REAL NOT NULL
);
"""
