"""``python -m planner`` does what ``python main.py`` does."""

from planner.app import main

raise SystemExit(main())
