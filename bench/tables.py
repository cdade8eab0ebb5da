"""Benchmark of the Tabellen screen on a 10-million-row synthetic table.

    python bench/tables.py [--scale 1.86] [--rebuild]

Builds (once, cached in bench/out/) a synthetic database with `snapshot.build_synthetic`
(scale 1.86 gives about 10.0 million indicator rows), then runs three parts, each in a
fresh process so that their memory does not mix:

* widget   — the TablesView in a headless App (80×24, App.run_test; keys are sent as
             the terminal driver delivers them, without Pilot's idle waits; moves within a
             sheet are the median of five tries): open the table,
             sort by value descending, page down, jump to the bottom and back, search,
             filter to one district, export the filtered view to CSV and read it back,
             frequency table of the indicator column, drill into a value, Escape twice;
             each time until the rows are on screen, plus the process's peak RSS;
* duckdb   — the same SQL the widget ran (recorded from the data layer), on a fresh
             connection to the same file: first run (cold) and best of three (warm);
* datatable — Textual's built-in DataTable loading 100,000 rows of the same table.

Prints a table and writes bench/out/tables.json and bench/out/tables.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

#: operation -> (label, target kind): "abs" = widget under a fixed limit, "duck" = widget
#: within DuckDB's own (cold) time for the same SQL plus 100 ms
TARGETS: dict[str, tuple[str, str, float]] = {
    "open": ("Erste Seite (Tabelle öffnen)", "abs", 0.300),
    "sort": ("Sortiert (value ▼), erste Seite", "duck", 0.100),
    "page_down": ("Bild ab nach Sortierung", "abs", 0.050),
    "bottom": ("Sprung ans Ende (G)", "abs", 0.050),
    "top": ("Sprung an den Anfang (g)", "abs", 0.050),
    "middle": ("Sprung in die Mitte (Bildlaufleiste)", "info", 0.0),
    "middle2": ("Sprung an eine andere Stelle (30 %)", "info", 0.0),
    "search": ("Suche (/) im sortierten Bestand", "duck", 0.100),
    "filter": ("Gefiltert (= ein Jobcenter), erste Seite", "duck", 0.100),
    "export": ("Export der gefilterten Sicht (CSV)", "info", 0.0),
    "freq": ("Häufigkeiten der Kennzahl-Spalte", "duck", 0.100),
    "drill": ("Drill-down in einen Wert", "duck", 0.100),
    "back2": ("Esc, Esc zurück zur ungefilterten Sicht", "abs", 0.050),
}


def peak_rss_mb() -> float:
    """Peak resident memory of this process, from /proc (VmHWM).

    Not ``getrusage().ru_maxrss``: Linux carries the parent's resident size at fork into
    the child's maximum across exec, so a parent that has just built the 10M-row database
    would make every part report at least its size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmHWM fehlt in /proc/self/status")


def database(scale: float, rebuild: bool) -> Path:
    from kjc_tui.db import snapshot

    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"tables-synthetic-{scale:g}.duckdb"
    if rebuild or not db.exists():
        print(f"Baue synthetische Datenbank (scale {scale:g}) nach {db} …", flush=True)
        t = time.perf_counter()
        snapshot.build_synthetic(db, scale=scale, seed=1)
        print(f"  fertig in {time.perf_counter() - t:.1f} s", flush=True)
    return db


# -- part 1: the widget ---------------------------------------------------------------------


def part_widget(db: Path) -> dict[str, Any]:
    from textual import events
    from textual.app import App, ComposeResult
    from textual.worker import WorkerState

    from kjc_tui.read import browse
    from kjc_tui.db.store import Store
    from kjc_tui.ui.views.tables import TablesView

    recorded: list[tuple[str, str, list[Any]]] = []
    current = {"op": "setup"}
    original_run = browse.Browser._run

    def recording_run(self: browse.Browser, sql: str, params: list[Any]) -> list[Any]:
        recorded.append((current["op"], sql, list(params)))
        return original_run(self, sql, params)

    browse.Browser._run = recording_run  # type: ignore[method-assign]

    class BenchApp(App[None]):
        def __init__(self, store: Store) -> None:
            super().__init__()
            self.store = store

        def compose(self) -> ComposeResult:
            yield TablesView()

    times: dict[str, float] = {}
    info: dict[str, Any] = {}
    rss: dict[str, float] = {}

    async def run() -> None:
        store = Store(db)
        app = BenchApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            view = app.query_one(TablesView)
            grid = view.grid

            async def idle() -> None:
                while any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
                    await asyncio.sleep(0.005)
                await pilot.pause(0.05)

            async def until(cond: Any, limit: float = 120) -> None:
                t = time.perf_counter()
                while not cond():
                    await asyncio.sleep(0.0005)
                    if time.perf_counter() - t > limit:
                        raise TimeoutError(current["op"])

            async def new_sheet(op: str, action: Any) -> None:
                """An action that installs a new sheet: time until its rows are on screen."""
                await idle()
                current["op"] = op
                old = view.sheet
                t0 = time.perf_counter()
                await action()
                await until(lambda: view.sheet is not old and grid.shown_at > t0
                            and grid.complete_at > grid.shown_at)
                times[op] = grid.complete_at - t0
                rss[op] = peak_rss_mb()

            def send(*keys: str) -> None:
                """Keys as the terminal driver delivers them (without Pilot's idle waits)."""
                for k in keys:
                    event = events.Key(k, k if len(k) == 1 else None)
                    event.set_sender(app)
                    app._driver.send_message(event)

            async def move(op: str, keys: tuple[str, ...], cond: Any, back: tuple[str, ...] = ()) -> None:
                """A key within the sheet: time until the new rows are on screen (the median of
                five tries; `back` returns to the start between them)."""
                current["op"] = op
                tries = []
                for _ in range(5):
                    await idle()
                    t0 = time.perf_counter()
                    send(*keys)
                    await until(lambda: cond() and grid.complete_at > t0)
                    tries.append(grid.complete_at - t0)
                    if back:
                        await idle()
                        send(*back)
                        await until(lambda: not cond())
                times[op] = sorted(tries)[2]

            await idle()

            async def open_table() -> None:
                view.open("indicators")

            await new_sheet("open", open_table)
            info["rows"] = view.sheet.pager.count
            grid.move_to_column("value")

            def press(*keys: str) -> Any:
                async def go() -> None:
                    send(*keys)
                return go

            await new_sheet("sort", press("right_square_bracket"))
            await move("page_down", ("pagedown",), lambda: grid.cursor_row >= grid.page_height, ("g",))
            await move("bottom", ("G",), lambda: grid.cursor_row == grid.row_count - 1, ("g",))
            send("G")
            await move("top", ("g",), lambda: grid.cursor_row == 0, ("G",))

            # deep jumps into the sorted view (as a scrollbar drag does)
            for op, frac in (("middle", 0.5), ("middle2", 0.3)):
                await idle()
                current["op"] = op
                target_row = int(grid.row_count * frac)
                t0 = time.perf_counter()
                grid.move_to(target_row)
                await until(lambda: grid.visible_complete() and grid.complete_at > t0)
                times[op] = grid.complete_at - t0
                rss[op] = peak_rss_mb()
            grid.move_to(0)

            # search: a value whose first hit lies deep in the sorted order
            grid.move_to_column("jobcenter_id")
            await idle()
            current["op"] = "search"
            needle = "JC-16"
            await pilot.press("slash")
            view.query_one("#tables-prompt").value = needle
            t0 = time.perf_counter()
            send("enter")
            await until(lambda: grid.cursor_row > 0 and grid.complete_at > t0
                        and grid.visible_complete())
            times["search"] = grid.complete_at - t0
            info["search_hit_row"] = grid.cursor_row
            await pilot.press("g")

            # filter to the district in the first row
            await idle()
            grid.move_to(0)
            info["district"] = grid.current_value
            await new_sheet("filter", press("equals_sign"))
            info["filtered_rows"] = view.sheet.pager.count

            # export the filtered view and read it back
            await idle()
            current["op"] = "export"
            target = OUT / "tables-export.csv"
            await pilot.press("e")
            view.query_one("#tables-prompt").value = str(target)
            t0 = time.perf_counter()
            await pilot.press("enter")
            await until(lambda: target.exists() and not any(
                w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers))
            times["export"] = time.perf_counter() - t0
            import duckdb
            info["export_rows_read_back"] = duckdb.connect().execute(
                "SELECT count(*) FROM read_csv(?)", [str(target)]).fetchone()[0]
            target.unlink()

            grid.move_to_column("indicator")
            await new_sheet("freq", press("F"))
            info["freq_values"] = view.sheet.pager.count
            await new_sheet("drill", press("enter"))
            info["drill_rows"] = view.sheet.pager.count

            await idle()
            current["op"] = "back2"
            t0 = time.perf_counter()
            send("escape", "escape")
            await until(lambda: not view.sheet.spec.filters and grid.complete_at > t0)
            times["back2"] = grid.complete_at - t0
            info["back_cursor_row"] = grid.cursor_row
            info["back_sorted"] = [k.column for k in view.sheet.spec.sort]
            await idle()
        store.close()

    asyncio.run(run())
    browse.Browser._run = original_run  # type: ignore[method-assign]
    return {"times": times, "info": info, "rss_after": rss, "peak_rss_mb": peak_rss_mb(),
            "sql": [(op, sql, [_jsonable(p) for p in params]) for op, sql, params in recorded]}


def _jsonable(v: Any) -> Any:
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return {"__date__": v.isoformat()} if hasattr(v, "isoformat") else str(v)


def _from_json(v: Any) -> Any:
    from datetime import date

    if isinstance(v, dict) and "__date__" in v:
        return date.fromisoformat(v["__date__"])
    return v


# -- part 2: DuckDB alone ------------------------------------------------------------------------


def part_duckdb(db: Path, sql_file: Path) -> dict[str, Any]:
    from kjc_tui.db.store import attach_read_only

    recorded = json.loads(sql_file.read_text(encoding="utf-8"))
    con = attach_read_only(db)
    cold: dict[str, float] = {}
    warm: dict[str, float] = {}
    for op, sql, params in recorded:
        params = [_from_json(p) for p in params]
        best = []
        for _ in range(4):
            t = time.perf_counter()
            con.execute(sql, params).fetchall()
            best.append(time.perf_counter() - t)
        cold[op] = cold.get(op, 0.0) + best[0]
        warm[op] = warm.get(op, 0.0) + min(best[1:])
    return {"cold": cold, "warm": warm, "peak_rss_mb": peak_rss_mb()}


# -- part 3: Textual's DataTable ---------------------------------------------------------------------


def part_datatable(db: Path, rows: int = 100_000) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from kjc_tui.db.store import attach_read_only

    out: dict[str, float] = {}

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    async def run() -> None:
        app = TableApp()
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.query_one(DataTable)
            await pilot.pause()
            t0 = time.perf_counter()
            res = attach_read_only(db).execute("SELECT * FROM indicators LIMIT ?", [rows])
            names = [d[0] for d in res.description]
            data = res.fetchall()
            t1 = time.perf_counter()
            keys = table.add_columns(*names)
            table.add_rows(data)
            t2 = time.perf_counter()
            await pilot.pause()
            t3 = time.perf_counter()
            out["fetch"] = t1 - t0
            out["add_rows"] = t2 - t1
            out["first_page"] = t3 - t0
            t4 = time.perf_counter()
            table.sort(keys[5], reverse=True)
            await pilot.pause()
            out["sort"] = time.perf_counter() - t4
            t5 = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            out["bottom"] = time.perf_counter() - t5

    asyncio.run(run())
    return {"times": out, "rows": rows, "peak_rss_mb": peak_rss_mb()}


# -- the report -------------------------------------------------------------------------------------------


def ms(v: float | None) -> str:
    return "–" if v is None else f"{v * 1000:,.0f} ms".replace(",", ".")


def report(widget: dict[str, Any], duck: dict[str, Any], table: dict[str, Any]) -> str:
    lines = [
        f"Tabelle indicators: {widget['info']['rows']:,} Zeilen".replace(",", "."),
        "",
        f"| {'Vorgang':<42} | {'Widget':>9} | {'DuckDB kalt':>11} | {'DuckDB warm':>11} | {'Ziel':>16} | ok |",
        f"|{'-' * 44}|{'-' * 11}|{'-' * 13}|{'-' * 13}|{'-' * 18}|----|",
    ]
    for op, (label, kind, limit) in TARGETS.items():
        w = widget["times"].get(op)
        c, h = duck["cold"].get(op), duck["warm"].get(op)
        if kind == "abs":
            goal, ok = f"< {ms(limit)}", w is not None and w < limit
        elif kind == "duck":
            goal = f"≤ kalt + {ms(limit)}"
            ok = w is not None and w <= (c or 0.0) + limit
        else:
            goal, ok = "–", True
        lines.append(f"| {label:<42} | {ms(w):>9} | {ms(c):>11} | {ms(h):>11} | {goal:>16} | "
                     f"{'ja' if ok else 'NEIN':>2} |")
    rss = widget["peak_rss_mb"]
    lines += [
        "",
        f"Spitzen-RSS der App (ganzer Prozess, 10-Mio.-Tabelle offen, ganzer Ablauf): {rss:.0f} MB "
        f"(Ziel < 400 MB: {'ja' if rss < 400 else 'NEIN'})",
        "RSS nach Schritt: " + ", ".join(f"{k} {v:.0f} MB" for k, v in widget["rss_after"].items()),
        f"Suche: Treffer in Zeile {widget['info'].get('search_hit_row', 0) + 1:,}; ".replace(",", ".")
        + f"Filter {widget['info'].get('district')}: {widget['info'].get('filtered_rows'):,} Zeilen, ".replace(",", ".")
        + f"CSV zurückgelesen: {widget['info'].get('export_rows_read_back'):,} Zeilen; ".replace(",", ".")
        + f"nach Esc Esc: Zeile {widget['info'].get('back_cursor_row', 0) + 1}, sortiert nach "
        + ", ".join(widget["info"].get("back_sorted", [])),
        "",
        f"Textual DataTable mit {table['rows']:,} Zeilen:".replace(",", ".")
        + f" Abfrage {ms(table['times']['fetch'])}, add_rows {ms(table['times']['add_rows'])},"
        + f" erste Seite {ms(table['times']['first_page'])}, Sortieren {ms(table['times']['sort'])},"
        + f" Ende {ms(table['times']['bottom'])}; Spitzen-RSS {table['peak_rss_mb']:.0f} MB",
        f"DuckDB allein (eigener Prozess): Spitzen-RSS {duck['peak_rss_mb']:.0f} MB",
    ]
    return "\n".join(lines)


def run_part(part: str, db: Path, *extra: str) -> dict[str, Any]:
    res = subprocess.run([sys.executable, __file__, "--part", part, "--db", str(db), *extra],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.stderr.write(res.stdout + res.stderr)
        raise SystemExit(f"Teil {part} fehlgeschlagen")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.86)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--part", choices=("widget", "duckdb", "datatable"))
    ap.add_argument("--db", type=Path)
    ap.add_argument("--sql", type=Path)
    args = ap.parse_args()
    if args.part:
        result = {"widget": lambda: part_widget(args.db), "duckdb": lambda: part_duckdb(args.db, args.sql),
                  "datatable": lambda: part_datatable(args.db)}[args.part]()
        print(json.dumps(result, default=str))
        return
    db = database(args.scale, args.rebuild)
    print("Widget …", flush=True)
    widget = run_part("widget", db)
    sql_file = OUT / "tables-sql.json"
    sql_file.write_text(json.dumps(widget["sql"]), encoding="utf-8")
    print("DuckDB …", flush=True)
    duck = run_part("duckdb", db, "--sql", str(sql_file))
    print("DataTable …", flush=True)
    table = run_part("datatable", db)
    text = report(widget, duck, table)
    print()
    print(text)
    (OUT / "tables.json").write_text(json.dumps({"widget": {k: v for k, v in widget.items() if k != "sql"},
                                                 "duckdb": duck, "datatable": table}, indent=2, default=str),
                                     encoding="utf-8")
    (OUT / "tables.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
