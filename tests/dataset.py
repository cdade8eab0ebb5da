"""A tiny hand-made data set for data-layer tests (independent of the embedded data)."""

from __future__ import annotations

from pathlib import Path

from kjc_tui.db import snapshot

DISTRICTS = """ags,name,kind,state,regierungsbezirk,source,as_of
06437,Odenwaldkreis,Landkreis,Hessen,Darmstadt,https://example.org/d,2025-01-01
06535,Vogelsbergkreis,Landkreis,Hessen,Gießen,https://example.org/d,2025-01-01
06412,Frankfurt am Main,kreisfreie Stadt,Hessen,Darmstadt,https://example.org/d,2025-01-01
"""
JOBCENTERS = """jobcenter_id,name,short_name,ags,model,option_since,source,as_of
JC-06437,Kommunales Job-Center Odenwaldkreis,KJC Odenwald,06437,zkT,2005,https://example.org/j,2025-01-01
JC-06535,KVA Vogelsbergkreis,KVA,06535,zkT,2005,https://example.org/j,2025-01-01
JC-06412,Jobcenter Frankfurt am Main,,06412,gE,,https://example.org/j,2025-01-01
"""
INDICATOR_DEFS = """code,name_de,unit,higher_is_better,indicator_group,sort_order,source,as_of
K2,Integrationsquote,percent,true,K2,1,https://example.org/k,2019-03-15
K1,Veränderung der Summe der Leistungen zum Lebensunterhalt,percent_change,false,K1,0,https://example.org/k,2019-03-15
BG,Bedarfsgemeinschaften,count,,Bestand,2,https://example.org/k,2019-03-15
ELB,Erwerbsfähige Leistungsberechtigte,count,,Bestand,3,https://example.org/k,2019-03-15
"""


def write_master(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    for name, text in (("districts", DISTRICTS), ("jobcenters", JOBCENTERS), ("indicator_defs", INDICATOR_DEFS)):
        p = directory / f"{name}.csv"
        p.write_text(text, encoding="utf-8")
        files.append(p)
    return files


def build_db(tmp: Path) -> Path:
    """A database with the three master tables of the tiny set."""
    db = tmp / "kjc.duckdb"
    snapshot.build(db, write_master(tmp / "master"))
    return db


def german_excel_csv(rows: list[str], header: str = "Kreisschlüssel;Monat;Kennzahl;Wert;Quelle;Stand") -> bytes:
    """A CSV as German Excel writes it: ';', CRLF, Windows-1252."""
    return ("\r\n".join([header, *rows]) + "\r\n").encode("cp1252")
