"""Crampless: `python main.py` opens the window; `python main.py --help` lists the subcommands."""

from planner.app import main

if __name__ == "__main__":
    raise SystemExit(main())
