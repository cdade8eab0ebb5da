"""Robustness tests: concurrent processes, killed loads, hostile files, terminals, browser.

They import the tiny data set of the data-layer tests (`tests/dataset.py`).
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
