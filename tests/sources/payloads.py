"""Fixture bodies in each format the sources read."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import duckdb
from openpyxl import Workbook

BA_COLUMNS = """Statistik der Bundesagentur für Arbeit
Eckwerte Zeitreihe Grundsicherung;Odenwaldkreis
Stand: 12.02.2025
;
Berichtsmonat;Januar 2025;Dezember 2024;November 2024
Erwerbsfähige Leistungsberechtigte;4.321;4.300;4.288
Bedarfsgemeinschaften;3.210;3.199;*
Arbeitslose insgesamt;2.100;2.050;2.000

© Statistik der Bundesagentur für Arbeit
""".replace("\n", "\r\n").encode("cp1252")

BA_ROWS = """Statistik der Bundesagentur für Arbeit
Region: Vogelsbergkreis
Berichtsmonat;Erwerbsfähige Leistungsberechtigte;Bedarfsgemeinschaften;Arbeitslosenquote (bezogen auf alle zivilen Erwerbspersonen)
Januar 2025;5.432;4.001;5,1
Dezember 2024;5.400;-;5,0
""".encode("utf-8-sig")

BA_NESTED = """Statistik der Bundesagentur für Arbeit
Berichtsmonat;Januar 2025;Dezember 2024
Arbeitslose insgesamt;2.100;2.050
im Rechtskreis SGB III;600;590
im Rechtskreis SGB II;1.500;1.460
Arbeitslosenquote insgesamt;4,1;4,0
  im Rechtskreis SGB II;2,9;2,8
""".encode("utf-8")

BA_BAD_NUMBER = """Statistik der Bundesagentur für Arbeit
Berichtsmonat;Januar 2025
Erwerbsfähige Leistungsberechtigte;vier
""".encode("utf-8")

BA_NO_HEADER = b"<html><body>Wartung</body></html>\n"

BA_INDICATORS = '{ "Erwerbsfähige Leistungsberechtigte" = "ELB", "Bedarfsgemeinschaften" = "BG" }'

K48A_CSV = """Träger-Nr;Trägername;Vergleichstyp;Berichtsmonat;Kennzahl;Geschlecht;Wert;Zähler;Nenner
06437;Odenwaldkreis;IIIb;2025-01;K2;Insgesamt;24,6;123;500
09999;Anderswo;Ia;2025-01;K2;Insgesamt;30,1;1;3
06437;Odenwaldkreis;IIIb;2025-01;K9;Insgesamt;1,0;;
06535;Vogelsbergkreis;IId;2025-01;K2;Frauen;21,5;43;200
""".encode("cp1252")

K48A_COLUMNS = ('{ "Träger-Nr" = "jobcenter_id", "Berichtsmonat" = "period", "Kennzahl" = "indicator", '
                '"Geschlecht" = "sex", "Wert" = "value", "Zähler" = "numerator", "Nenner" = "denominator" }')
K48A_JOBCENTERS = '{ "06437" = "JC-06437", "06535" = "JC-06535" }'


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def k48a_zip(csv_body: bytes = K48A_CSV) -> bytes:
    return zip_of({"Liesmich.txt": b"Kennzahlen nach 48a",
                   "dl_48a_daten_statistikba_2025_01.csv": csv_body})


# -- file URLs: the same three figures in each format, with their own headers ---------

FILE_MAPPING = '{ "KJC" = "jobcenter_id", "Monat" = "period", "Merkmal" = "indicator", "Anzahl Fälle" = "value" }'
FILE_ROWS = [("JC-06437", "2025-01", "BG", 1234.0), ("JC-06535", "2025-01", "BG", 987.0),
             ("JC-06412", "2025-01", "ELB", 45678.0)]


def file_csv(bad_value: str | None = None) -> bytes:
    lines = ["Erhebung des Verbands;;;", "KJC;Monat;Merkmal;Anzahl Fälle"]
    for jc, month, code, value in FILE_ROWS:
        lines.append(f"{jc};{month};{code};{value:,.0f}".replace(",", "."))
    if bad_value is not None:
        lines.append(f"JC-06437;2025-02;BG;{bad_value}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def file_json() -> bytes:
    return json.dumps({"rows": [{"KJC": jc, "Monat": m, "Merkmal": c, "Anzahl Fälle": v}
                                for jc, m, c, v in FILE_ROWS]}).encode()


def file_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Erhebung des Verbands"])
    ws.append(["KJC", "Monat", "Merkmal", "Anzahl Fälle"])
    for row in FILE_ROWS:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def file_parquet() -> bytes:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.parquet"
        con = duckdb.connect()
        con.execute('CREATE TABLE t ("KJC" VARCHAR, "Monat" VARCHAR, "Merkmal" VARCHAR, "Anzahl Fälle" DOUBLE)')
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", FILE_ROWS)
        con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
        con.close()
        return path.read_bytes()


# -- Jobsuche --------------------------------------------------------------------------

def v4_item(i: int, place: str) -> dict:
    return {"refnr": f"10000-{i}", "titel": f"Fachkraft {i}", "beruf": "Verwaltungsfachangestellte/r",
            "arbeitgeber": f"Firma {i} GmbH", "arbeitsort": {"plz": "64711", "ort": place},
            "aktuelleVeroeffentlichungsdatum": "2025-01-10", "eintrittsdatum": "2025-02-01"}


def v6_item(i: int, place: str) -> dict:
    return {"refnr": f"20000-{i}", "stellenangebotsTitel": f"Sachbearbeitung {i}", "firma": f"Amt {i}",
            "stellenlokationen": [{"adresse": {"plz": "36341", "ort": place}}],
            "veroeffentlichungszeitraum": {"von": "2025-01-12", "bis": "2025-04-12"}}
