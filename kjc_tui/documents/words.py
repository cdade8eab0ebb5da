"""The reports' wording in German and English (the data layer returns codes; this names them).
Numbers, dates and deviations are spelled by the one formatter, `core/fmt.py`."""

from __future__ import annotations

from typing import Any

from kjc_tui.core import fmt

WORDS: dict[str, tuple[str, str]] = {
    "synthetic": ("SYNTHETISCH – erzeugte Demo-Daten, keine echten Zahlen",
                  "SYNTHETIC – generated demo data, not real figures"),
    "synthetic.short": ("SYNTHETISCH", "SYNTHETIC"),
    "norm.ew": ("je 1.000 Einwohner", "per 1,000 inhabitants"),
    "norm.ew1": ("je Einwohner", "per inhabitant"),
    "norm.elb": ("je 100 eLb", "per 100 eLb"),
    "norm.elb1": ("je eLb", "per eLb"),
    "factsheet": ("Steckbrief", "Fact sheet"),
    "monthly": ("Kennzahlen-Bericht", "Indicator report"),
    "stand": ("Stand", "As of"),
    "created": ("erstellt", "created"),
    "page": ("Seite", "Page"),
    "master": ("Stammdaten", "Master data"),
    "figures": ("Kennzahlen (jeweils neuester Wert)", "Indicators (latest value each)"),
    "charts": ("Verlauf der letzten 24 Monate", "The last 24 months"),
    "staffing": ("Personal und Fälle je VZÄ", "Staffing and caseload per FTE"),
    "bass": ("BASS-Jahrgänge", "BASS cohorts"),
    "events": ("Veranstaltungen", "Events"),
    "targets": ("Ziele nach § 48b SGB II", "Targets under § 48b SGB II"),
    "sources": ("Quellen", "Sources"),
    "none": ("keine Angaben in der Datenbank", "nothing in the database"),
    # master data
    "m.ags": ("Kreisschlüssel", "District key"), "m.kind": ("Art", "Kind"),
    "m.rb": ("Regierungsbezirk", "Administrative region"), "m.jobcenter": ("Jobcenter", "Jobcenter"),
    "m.model": ("Modell", "Model"), "m.option_since": ("Optionskommune seit", "Option since"),
    "m.legal_form": ("Rechtsform", "Legal form"), "m.seat": ("Sitz", "Seat"), "m.website": ("Website", "Website"),
    "m.peer_type": ("Vergleichstyp", "Peer type"),
    "model.zkT": ("kommunal (zkT, KJC)", "municipal (zkT, KJC)"),
    "model.gE": ("gemeinsame Einrichtung (gE)", "joint institution (gE)"),
    # columns
    "c.indicator": ("Kennzahl", "Indicator"), "c.value": ("Wert", "Value"), "c.period": ("Zeitraum", "Period"),
    "c.rank_he": ("Rang Hessen", "Rank Hessen"), "c.rank_type": ("Rang Typ", "Rank type"),
    "c.dev_he": ("Abw. Hessen-Ø", "Dev. Hessen avg"), "c.dev_kjc": ("Abw. KJC-Ø", "Dev. KJC avg"),
    "c.date": ("Datum", "Date"), "c.function": ("Funktion", "Function"), "c.headcount": ("Beschäftigte", "Headcount"),
    "c.fte": ("VZÄ", "FTE"), "c.vacancies": ("Offene Stellen", "Vacancies"), "c.bg": ("BG", "Households"),
    "c.bg_per_fte": ("BG je VZÄ", "Households per FTE"), "c.year": ("Jahr", "Year"),
    "c.started": ("Begonnen", "Started"), "c.active": ("Studierende", "Active"),
    "c.graduated": ("Abgeschlossen", "Graduated"), "c.hired": ("Übernommen", "Hired"),
    "c.dropped_out": ("Abgebrochen", "Dropped out"), "c.title": ("Veranstaltung", "Event"),
    "c.place": ("Ort", "Place"), "c.participants": ("Teilnehmende", "Participants"),
    "c.employers": ("Arbeitgeber", "Employers"), "c.applications": ("Bewerbungen", "Applications"),
    "c.internships": ("Praktika", "Internships"), "c.contracts": ("Verträge", "Contracts"),
    "c.invited": ("Eingeladen", "Invited"),
    "c.target": ("Ziel", "Target"), "c.actual": ("Ist", "Actual"), "c.difference": ("Differenz", "Difference"),
    "c.attainment": ("Erreicht", "Attained"), "c.source": ("Quelle", "Source"), "c.what": ("Wofür", "For"),
    "c.member": ("Jobcenter", "Jobcenter"), "c.rank": ("Rang", "Rank"),
    "c.change_m": ("Δ Vormonat", "Δ prev. month"), "c.change_y": ("Δ Vorjahr", "Δ prev. year"),
    "c.coverage": ("Abdeckung", "Coverage"), "c.average": ("Mittel", "Average"),
    "c.improved": ("Richtung", "Direction"), "c.change": ("Veränderung", "Change"),
    "c.old": ("alter Wert", "old value"), "c.new": ("neuer Wert", "new value"),
    # references
    "ref.hessen": ("Hessen-Ø", "Hessen avg"), "ref.kjc": ("KJC-Ø", "KJC avg"), "ref.set": ("Auswahl-Ø", "Set avg"),
    "ref.ge": ("gE-Ø", "gE avg"), "ref.type": ("Typ {type}-Ø", "Type {type} avg"),
    # attainment
    "st.met": ("erreicht", "met"), "st.missed": ("verfehlt", "missed"), "st.open": ("offen", "open"),
    "st.undirected": ("ohne Richtung", "no direction"),
    "provisional": ("vorläufig", "provisional"), "change_target": ("Veränderung", "change"),
    "vs": ("gegenüber", "against"),
    # monthly
    "release": ("Berichtsmonat", "Report month"), "set": ("Auswahl", "Selection"),
    "set.kjc": ("die 16 Kommunalen Jobcenter in Hessen", "the 16 municipal jobcenters in Hessen"),
    "set.hessen": ("alle 26 Kreise Hessens", "all 26 districts of Hessen"),
    "set.ge": ("die gemeinsamen Einrichtungen in Hessen", "the joint institutions in Hessen"),
    "set.all": ("alle Jobcenter der Datenbank", "every jobcenter in the database"),
    "set.type": ("Vergleichstyp {name}", "peer type {name}"), "set.set": ("Vergleich „{name}“", "comparison “{name}”"),
    "set.list": ("Kreise {name}", "districts {name}"),
    "overview": ("Überblick", "Overview"), "movers": ("Größte Veränderungen zum Vormonat", "Largest changes since the previous month"),
    "revisions": ("Korrigierte Werte", "Revised figures"),
    "no_revisions": ("Keine korrigierten Werte der Auswahl in den 13 Monaten bis zum Berichtsmonat.",
                     "No revised figures of the selection in the 13 months up to the report month."),
    "better": ("besser", "better"), "worse": ("schlechter", "worse"),
    "coverage": ("{n} von {of} mit Wert", "{n} of {of} with a value"),
    "rank_of": ("{rank} von {of}", "{rank} of {of}"),
    "bars_sorted": ("{n} Jobcenter, sortiert (bester links)", "{n} jobcenters, sorted (best on the left)"),
    "averages_note": ("Mittelwerte: ungewichtetes Mittel der Kreise mit Wert im selben Monat.",
                      "Averages: unweighted mean of the districts with a value in the same month."),
    "dev_note": ("Abweichungen bei Quoten in Prozentpunkten (Pp.), bei Anzahlen in Prozent. Rang 1 = bester Wert "
                 "nach der Richtung der Kennzahl. Ziele: ✓ erreicht, ✗ verfehlt, ○ offen.",
                 "Deviations of rates in percentage points (pp), of counts in percent. Rank 1 = best value by the "
                 "indicator's direction. Targets: ✓ met, ✗ missed, ○ open."),
    # the Vergleich as CSV
    "csv.synthetic": ("SYNTHETISCHE DATEN – keine echten Zahlen (kjc-tui Demo-Daten)",
                      "SYNTHETIC DATA – not real figures (kjc-tui demo data)"),
    "csv.peer": ("{name} (außerhalb Hessens)", "{name} (outside Hessen)"),
    "csv.name": ("Bezeichnung", "Name"), "csv.unit": ("Einheit", "Unit"),
    "csv.numerator": ("Zähler", "Numerator"), "csv.denominator": ("Nenner", "Denominator"),
    "csv.dev_points": ("Abweichung vom Hessen-Ø (Pp.)", "Deviation from the Hessen avg (pp)"),
    "csv.dev_percent": ("Abweichung vom Hessen-Ø (%)", "Deviation from the Hessen avg (%)"),
    "csv.rank_set": ("Rang in der Auswahl", "Rank in the selection"),
    "csv.rank_type": ("Rang im Vergleichstyp", "Rank in the peer type"),
    "csv.group_source": ("Mittel aus {n} Kreisen", "Mean of {n} districts"),
    "unit.percent": ("%", "%"), "unit.percent_change": ("% Veränderung", "% change"), "unit.count": ("Anzahl", "Count"),
    "unit.eur": ("Euro", "Euro"), "unit.ratio": ("Verhältnis", "Ratio"), "unit.km2": ("km²", "km²"),
    "sheet.data": ("Daten", "Data"), "sheet.movers": ("Veränderungen", "Movers"), "sheet.charts": ("Diagramme", "Charts"),
}


def w(key: str, lang: str, **kw: Any) -> str:
    de, en = WORDS[key]
    text = de if lang == "de" else en
    return text.format(**kw) if kw else text


def rank(r: int | None, of: int, lang: str) -> str:
    return w("rank_of", lang, rank=r, of=of) if r else fmt.MISSING


def reference(code: str, lang: str) -> str:
    """A reference code named ("hessen" → "Hessen-Ø", "type:IIIc" → "Typ IIIc-Ø"); any other
    label (a district's name) as it is."""
    if code.startswith("type:"):
        return w("ref.type", lang, type=code[len("type:"):])
    return w(f"ref.{code}", lang) if f"ref.{code}" in WORDS else code
