"""``diary add|list|export|import``: the cramp diary on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planner.cli.common import file_path, print_json, text_table
from planner.core.errors import InputError

LIST_FORMATS = ("table", "csv", "json")


def add_parser(sub: argparse._SubParsersAction) -> None:
    # Only the episode's choices here (a small module): the rest of the diary is imported
    # when a diary command runs.
    from planner.core.diary.episode import BEFORE, FLAGS, LEGS, MUSCLES

    parser = sub.add_parser("diary", help="the cramp diary: log, list, export, import")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    parser.actions = actions.choices  # app.build_parser gives each --data-dir too

    add = actions.add_parser("add", help="log a cramp episode")
    add.add_argument("--when", metavar='"YYYY-MM-DD HH:MM"', help="default: now")
    add.add_argument("--leg", required=True, choices=LEGS, help="which leg")
    add.add_argument("--muscle", required=True, choices=MUSCLES, help="which muscle")
    add.add_argument("--minutes", required=True, metavar="N", help="how long, 0 to 600")
    add.add_argument("--severity", required=True, metavar="N", help="how bad, 0 to 10")
    add.add_argument(
        "--before",
        action="append",
        default=[],
        choices=tuple(BEFORE),
        help="what came before (repeatable)",
    )
    add.add_argument(
        "--flag",
        action="append",
        default=[],
        choices=tuple(FLAGS),
        help="a sign noted with it (repeatable)",
    )
    add.add_argument("--note", default="", help="a note (the name of a new medicine, ...)")
    add.set_defaults(run=run_add)

    listing = actions.add_parser("list", help="list episodes, oldest first")
    listing.add_argument("--from", dest="first", metavar="DATE", help="first night, YYYY-MM-DD")
    listing.add_argument("--to", dest="last", metavar="DATE", help="last night, YYYY-MM-DD")
    listing.add_argument("--format", choices=LIST_FORMATS, default="table", help="default: table")
    listing.set_defaults(run=run_list)

    export = actions.add_parser("export", help="write the whole diary to a file")
    export.add_argument(
        "file", type=file_path, metavar="FILE", help=".csv (episodes) or .json (crampless.diary)"
    )
    export.set_defaults(run=run_export)

    imports = actions.add_parser("import", help="add a diary file's episodes (and tied days)")
    imports.add_argument("file", type=file_path, metavar="FILE", help="a .csv or .json diary")
    imports.set_defaults(run=run_import)


def night_option(text: str | None, option: str) -> dt.date | None:
    from planner.core.diary.episode import parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise InputError("command line", option, str(exc)) from None


@contextmanager
def opened_diary(data_dir: Path, write: bool) -> Iterator[Any]:
    """The diary of the library in ``data_dir``; None when only reading and there is no
    library yet (nothing is created to read nothing)."""
    from planner.core.diary.diary_store import Diary
    from planner.core.storage.library import Library
    from planner.core.storage.library_file import LIBRARY_FILE

    path = Path(data_dir) / LIBRARY_FILE
    if not write and not path.exists():
        yield None
        return
    library = Library(path, read_only=not write)
    try:
        yield Diary(library)
        for problem in library.problems:
            print(f"crampless: warning: {problem}", file=sys.stderr)
    finally:
        library.close()


def run_add(args: argparse.Namespace, context: Any) -> int:
    from planner.core.diary.episode import make_episode

    now = dt.datetime.now()
    fields = {
        "when": args.when if args.when is not None else now,
        "leg": args.leg,
        "muscle": args.muscle,
        "minutes": args.minutes,
        "severity": args.severity,
        "before": args.before,
        "flags": args.flag,
        "note": args.note,
    }
    episode = make_episode(fields, now.date(), "command line", "--")
    with opened_diary(context.data_dir, write=True) as diary:
        episode_id = diary.add(episode)
    print(
        f"Logged episode {episode_id}: {episode.when_text}, {episode.where_text()}, "
        f"{episode.minutes:g} min, severity {episode.severity}."
    )
    return 0


def run_list(args: argparse.Namespace, context: Any) -> int:
    from planner.core.diary.diary_files import diary_csv
    from planner.core.diary.episode import BEFORE, FLAGS, episode_to_dict

    first = night_option(args.first, "--from")
    last = night_option(args.last, "--to")
    if first and last and last < first:
        raise InputError("command line", "--to", f"{last} is before --from {first}")
    with opened_diary(context.data_dir, write=False) as diary:
        episodes = diary.episodes(first, last) if diary is not None else []
    if args.format == "json":
        print_json([{"id": e.id, **episode_to_dict(e)} for e in episodes])
    elif args.format == "csv":
        sys.stdout.write(diary_csv(episodes).replace("\r\n", "\n"))
    elif not episodes:
        print("No episode logged" + (" in that period." if first or last else " yet."))
    else:
        header = ("id", "when", "night", "where", "minutes", "severity", "before", "signs", "note")
        rows = [
            (
                e.id,
                e.when_text,
                str(e.night),
                e.where_text(),
                f"{e.minutes:g}",
                e.severity,
                ", ".join(BEFORE[k].lower() for k in BEFORE if k in e.before),
                ", ".join(FLAGS[k].lower() for k in FLAGS if k in e.flags),
                e.note,
            )
            for e in episodes
        ]
        print(text_table(header, rows, right={0, 4, 5}), end="")
    return 0


def run_export(args: argparse.Namespace, context: Any) -> int:
    from planner.core.diary.diary_files import diary_csv, diary_json, export_diary, is_csv
    from planner.core.storage.atomic import atomic_write_text

    with opened_diary(context.data_dir, write=False) as diary:
        try:
            if diary is not None:
                count = export_diary(diary, args.file)
            else:  # no library yet: an empty diary, written all the same
                empty = diary_csv([]) if is_csv(args.file) else diary_json([], [])
                atomic_write_text(args.file, empty)
                count = 0
        except OSError as exc:
            from planner.cli.shopping_cmd import write_problem

            raise InputError(str(args.file), "", write_problem(exc, args.file)) from None
    print(f"Wrote {count:,} episode{'' if count == 1 else 's'} to {args.file}.")
    return 0


def run_import(args: argparse.Namespace, context: Any) -> int:
    from planner.core.diary.diary_files import import_diary

    if not args.file.exists():
        raise InputError(args.file, "", "file not found")
    with opened_diary(context.data_dir, write=True) as diary:
        added, skipped, tied = import_diary(diary, args.file, dt.date.today())
    print(
        f"Added {added:,} episode{'' if added == 1 else 's'}"
        + (f" ({skipped:,} already in the diary)" if skipped else "")
        + (f" and {tied:,} day{'' if tied == 1 else 's'} tied to a menu" if tied else "")
        + "."
    )
    return 0
