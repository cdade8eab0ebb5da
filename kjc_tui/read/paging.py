"""Which rows of a browsed view are in memory, and how to fetch the missing ones.

The pager keeps a small window of rows around the viewport (plus the last rows, so a
jump to the end is instant) and plans fetches for `Browser.fetch`, choosing per range
the cheapest SQL: OFFSET near the top, the reversed order near the end, a keyset from a
neighbouring row in the middle, or a located row for a jump.  It is not thread-safe: the UI
thread plans and stores; only `Browser.fetch(plan)` runs in a worker.  No Textual here.
"""

from __future__ import annotations

from kjc_tui.read.browse import Browser, Plan, Row

BLOCK = 200
#: sorted pages whose offset (from either end) is below this use top-N with OFFSET
DEEP = 5000
#: rows kept in memory at most (besides the viewport's window)
MAX_ROWS = 3000


class Pager:
    def __init__(self, browser: Browser, count: int, *, block: int | None = None, deep: int | None = None,
                 max_rows: int | None = None):
        self.browser = browser
        self.count = count
        self.block = block or BLOCK
        self.deep = deep or DEEP
        self.max_rows = max_rows or MAX_ROWS
        self._rows: dict[int, Row] = {}
        self._pending: set[int] = set()
        #: a "locate" plan is running: plan no second one (a scrollbar drag would pile them up)
        self._locating = False

    # -- rows ------------------------------------------------------------------------------
    def row(self, pos: int) -> Row | None:
        return self._rows.get(pos)

    def has(self, start: int, stop: int) -> bool:
        """Whether all rows in [start, stop) are in memory."""
        stop = min(stop, self.count)
        return all(p in self._rows for p in range(max(start, 0), stop))

    def __len__(self) -> int:
        return len(self._rows)

    def seed(self, pos: int, row: Row) -> None:
        """Put a row found elsewhere (a search hit) at its position."""
        if 0 <= pos < self.count:
            self._rows[pos] = row

    # -- planning ----------------------------------------------------------------------------
    def plans(self, top: int, height: int, *, tail: bool = True) -> list[Plan]:
        """Fetches needed for a viewport of `height` rows at `top` (and the end of the view).

        The returned ranges are marked pending until `store` or `failed` is called.
        """
        if self.count <= 0:
            return []
        ranges = [self._window(top, height)]
        if tail:
            ranges.append((max(0, self.count - self.block), self.count))
        out: list[Plan] = []
        for start, stop in ranges:
            for run in self._missing(start, stop):
                out += self._plan_run(*run)
        for p in out:
            self._pending.update(range(p.start, p.start + p.count))
        return out

    def _window(self, top: int, height: int) -> tuple[int, int]:
        """Rows wanted around a viewport: a page above and below, widened to whole blocks."""
        b = self.block
        lo = max(0, (max(top - height, 0) // b) * b)
        hi = min(self.count, -(-(top + 2 * height) // b) * b)
        return lo, hi

    def _missing(self, start: int, stop: int) -> list[tuple[int, int]]:
        runs: list[tuple[int, int]] = []
        s = None
        for p in range(start, stop):
            free = p not in self._rows and p not in self._pending
            if free and s is None:
                s = p
            elif not free and s is not None:
                runs.append((s, p))
                s = None
        if s is not None:
            runs.append((s, stop))
        return runs

    def _plan_run(self, start: int, stop: int) -> list[Plan]:
        """Plans for one missing run, split into blocks."""
        b, br = self.block, self.browser
        if not br.sorted:
            return [Plan(s, min(b, stop - s), "offset") for s in range(start, stop, b)]
        plans = []
        for s in range(start, stop, b):
            e = min(stop, s + b)
            if s < self.deep:
                plans.append(Plan(s, e - s, "offset"))
            elif self.count - e < self.deep:
                plans.append(Plan(s, e - s, "reverse", skip=self.count - e))
            else:
                plans.append(Plan(s, e - s, "locate"))
        if plans[0].mode != "locate" and plans[-1].mode != "locate":
            return plans
        # in the middle of a sorted view, continue from a known neighbour instead;
        # without one, locate a row once (the other blocks then follow from it)
        if br.keyset and (start - 1) in self._rows:
            return [Plan(start, min(b, stop - start), "after", anchor=self._rows[start - 1])]
        if br.keyset and stop in self._rows:
            s = max(start, stop - b)
            return [Plan(s, stop - s, "before", anchor=self._rows[stop])]
        if self._locating:
            return [p for p in plans if p.mode != "locate"]
        self._locating = True
        first = next(p for p in plans if p.mode == "locate")
        return [p for p in plans if p.mode != "locate"] + [first]

    # -- results -------------------------------------------------------------------------------
    def store(self, plan: Plan, rows: list[Row], top: int = 0, height: int = 0) -> None:
        """Take a plan's rows (in order) and forget rows far from the viewport."""
        self._pending.difference_update(range(plan.start, plan.start + plan.count))
        if plan.mode == "locate":  # fetched at its exact place (by OFFSET)
            self._locating = False
        for i, r in enumerate(rows[: plan.count]):
            self._rows[plan.start + i] = r
        if len(self._rows) > self.max_rows:
            self._evict(top, height)

    def located(self, plan: Plan, start: int, rows: list[Row], top: int = 0, height: int = 0) -> None:
        """Take the rows of a "locate" plan, which begin at `start` (near `plan.start`)."""
        self.failed(plan)
        self.store(Plan(start, len(rows), "after"), rows, top, height)

    def failed(self, plan: Plan) -> None:
        self._pending.difference_update(range(plan.start, plan.start + plan.count))
        if plan.mode == "locate":
            self._locating = False

    def _evict(self, top: int, height: int) -> None:
        """Forget the rows farthest from the viewport; never the wanted window, the first
        or the last block."""
        lo, hi = self._window(top, height)
        tail = self.count - self.block
        far = sorted((p for p in self._rows if not (lo <= p < hi or p >= tail or p < self.block)),
                     key=lambda p: abs(p - top), reverse=True)
        for p in far[: len(self._rows) - self.max_rows]:
            del self._rows[p]
