"""Two consecutive monthly § 48a releases as files, for the "what changed" tests.

Six Hessian districts: four KJC, two gE. Release 1 (Stand 15.10.2025) has K1, K2 and K3 for
10/2024, 08/2025 and 09/2025; release 2 (Stand 12.11.2025) adds 10/2025 and, as BA does,
corrects one published month: K2 of the Odenwaldkreis for 09/2025 from 24,1 to 24,3 %.
Test values (source example.org), not real figures.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from kjc_tui.db import snapshot

S1 = "https://example.org/kennzahlen/2025-09"
S2 = "https://example.org/kennzahlen/2025-10"
DISTRICTS = {  # ags → (name, model)
    "06437": ("Odenwaldkreis", "zkT"), "06535": ("Vogelsbergkreis", "zkT"), "06435": ("Main-Kinzig-Kreis", "zkT"),
    "06414": ("Wiesbaden", "zkT"), "06412": ("Frankfurt am Main", "gE"), "06411": ("Darmstadt", "gE"),
}
#: K2 (Integrationsquote, %) per district and month; K1 and K3 (change in %) follow below
K2 = {
    "06437": {"2024-10-01": 23.0, "2025-08-01": 24.0, "2025-09-01": 24.1, "2025-10-01": 24.6},
    "06535": {"2024-10-01": 25.0, "2025-08-01": 25.4, "2025-09-01": 25.5, "2025-10-01": 25.2},
    "06435": {"2024-10-01": 21.0, "2025-08-01": 21.2, "2025-09-01": 21.4, "2025-10-01": 22.6},
    "06414": {"2024-10-01": 19.0, "2025-08-01": 19.3, "2025-09-01": 19.5, "2025-10-01": 19.6},
    "06412": {"2024-10-01": 18.0, "2025-08-01": 18.2, "2025-09-01": 18.4, "2025-10-01": 18.1},
    "06411": {"2024-10-01": 20.0, "2025-08-01": 20.1, "2025-09-01": 20.3, "2025-10-01": 20.4},
}
#: the correction in release 2
CORRECTED = ("06437", "2025-09-01", 24.3)


def _k1(ags: str, month: str) -> float:
    return round(-2.0 + int(ags[-2:]) % 7 * 0.5 - int(month[5:7]) * 0.1, 1)


def _k3(ags: str, month: str) -> float:
    return round(1.0 - int(ags[-2:]) % 5 * 0.4 + int(month[5:7]) * 0.05, 1)


def master_files(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "districts": "ags,name,kind,state,source,as_of\n" + "".join(
            f"{a},{n},Landkreis,Hessen,{S1},2025-01-01\n" for a, (n, _) in DISTRICTS.items()),
        "jobcenters": "jobcenter_id,name,ags,model,option_since,source,as_of\n" + "".join(
            f"JC-{a},Jobcenter {n},{a},{m},{'2005' if m == 'zkT' else ''},{S1},2025-01-01\n"
            for a, (n, m) in DISTRICTS.items()),
        "indicator_defs": "code,name_de,unit,higher_is_better,sort_order,source,as_of\n"
                          f"K1,Veränderung der Summe der Leistungen zum Lebensunterhalt,percent_change,false,1,{S1},2019-03-15\n"
                          f"K2,Integrationsquote,percent,true,2,{S1},2019-03-15\n"
                          f"K3,Veränderung des Bestands an Langzeitleistungsbeziehenden,percent_change,false,3,{S1},2019-03-15\n",
    }
    out = []
    for name, text in files.items():
        p = directory / f"{name}.csv"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


def release_file(directory: Path, number: int) -> Path:
    """Release 1 (months up to 09/2025) or 2 (10/2025 and the correction)."""
    months = ["2024-10-01", "2025-08-01", "2025-09-01"] if number == 1 else ["2025-10-01", CORRECTED[1]]
    source, as_of = (S1, "2025-10-15") if number == 1 else (S2, "2025-11-12")
    lines = ["jobcenter_id,period,period_kind,indicator,value,source,as_of"]
    for ags in DISTRICTS:
        for month in months:
            if number == 2 and month == CORRECTED[1]:
                if ags == CORRECTED[0]:  # the corrected month: only the corrected value comes again
                    lines.append(f"JC-{ags},{month},month,K2,{CORRECTED[2]},{source},{as_of}")
                continue
            lines.append(f"JC-{ags},{month},month,K2,{K2[ags][month]},{source},{as_of}")
            lines.append(f"JC-{ags},{month},month,K1,{_k1(ags, month)},{source},{as_of}")
            lines.append(f"JC-{ags},{month},month,K3,{_k3(ags, month)},{source},{as_of}")
    p = directory / f"kennzahlen-{number}.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def build(directory: Path) -> Path:
    """Load the master data and release 1, then release 2; the load times are pinned
    (12.11.2025 and 20.11.2025) so that screens showing them are stable."""
    db = directory / "releases.duckdb"
    snapshot.build(db, [*master_files(directory / "csv"), release_file(directory / "csv", 1)])
    _pin(db, "2025-11-12 07:30:00")
    snapshot.load(db, [release_file(directory / "csv", 2)])
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE loads SET loaded_at = TIMESTAMP '2025-11-20 08:30:00' "
                    "WHERE loaded_at > TIMESTAMP '2025-11-12 07:30:00'")
        con.execute("UPDATE loads SET user_name = 'test'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db


def _pin(db: Path, when: str) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(f"UPDATE loads SET loaded_at = TIMESTAMP '{when}'")
        con.execute("UPDATE meta SET value = '2025-11-12T07:30:00' WHERE key = 'created_at'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
