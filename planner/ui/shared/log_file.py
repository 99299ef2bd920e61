"""The log file in the data folder: faults and what led to them, for the user to send.

Qt-free, so that it loads before PySide6 (see planner/ui/__init__.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_FILE = "crampless.log"
MAX_LOG_BYTES = 1_000_000
log = logging.getLogger("crampless")


def start_logging(data_dir: Path) -> Path:
    """Log to a small file in the data folder, keeping the previous one; returns its path.

    Rotated here, once per start, rather than by logging.handlers (whose import, with
    socket and pickle, costs start-up time for a log that is written only on faults).
    """
    path = Path(data_dir) / LOG_FILE
    if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
        path.replace(path.with_name(LOG_FILE + ".1"))
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
