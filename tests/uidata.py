"""A small, fixed data set for the UI tests and snapshots (deterministic, independent of data/).

Figures are test values (source example.org) except the Odenwald Job-Turbo speed-dating,
which follows the press report (https://www.ina-odw.de/job-turbo-im-odenwaldkreis-fuer-ueber-270-ukrainer/).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from kjc_tui.db import snapshot

S = "https://example.org/test"
FILES: dict[str, str] = {
    "districts": f"""ags,name,kind,state,regierungsbezirk,source,as_of
06437,Odenwaldkreis,Landkreis,Hessen,Darmstadt,{S},2025-01-01
06535,Vogelsbergkreis,Landkreis,Hessen,Gießen,{S},2025-01-01
06435,Main-Kinzig-Kreis,Landkreis,Hessen,Darmstadt,{S},2025-01-01
06414,Wiesbaden,kreisfreie Stadt,Hessen,Darmstadt,{S},2025-01-01
06412,Frankfurt am Main,kreisfreie Stadt,Hessen,Darmstadt,{S},2025-01-01
""",
    "jobcenters": f"""jobcenter_id,name,short_name,ags,model,option_since,legal_form,seat,website,peer_type,note,source,as_of
JC-06437,Kommunales Job-Center Odenwaldkreis (KJC),KJC Odenwald,06437,zkT,2005,Teil der Kreisverwaltung,Erbach,https://www.odenwaldkreis.de,IIb,[b]not markup[/b],{S},2025-01-01
JC-06535,KVA – Kommunale Vermittlungsagentur Vogelsbergkreis,KVA Vogelsberg,06535,zkT,2005,Teil der Kreisverwaltung,Lauterbach,,,,{S},2025-01-01
JC-06435,Kommunales Center für Arbeit (KCA),KCA Main-Kinzig,06435,zkT,2005,,Gelnhausen,,,,{S},2025-01-01
JC-06414,Kommunales Jobcenter Wiesbaden,KJC Wiesbaden,06414,zkT,2005,,Wiesbaden,,,,{S},2025-01-01
JC-06412,Jobcenter Frankfurt am Main,JC Frankfurt,06412,gE,,,Frankfurt am Main,,,,{S},2025-01-01
""",
    "indicator_defs": f"""code,name_de,name_en,unit,higher_is_better,indicator_group,sort_order,source,as_of
K2,Integrationsquote,Integration rate,percent,true,K2,1,{S},2019-03-15
K1,Veränderung der Leistungen zum Lebensunterhalt,Change in benefits,percent_change,false,K1,2,{S},2019-03-15
K3,Veränderung des Bestands an Langzeitleistungsbeziehenden,Change in long-term recipients,percent_change,false,K3,3,{S},2019-03-15
BG,Bedarfsgemeinschaften,Households,count,,Bestand,4,{S},2019-03-15
ELB,Erwerbsfähige Leistungsberechtigte,Employable beneficiaries,count,,Bestand,5,{S},2019-03-15
""",
    "indicators": "jobcenter_id,period,period_kind,indicator,value,qualifier,source,as_of\n" + "".join(
        f"{jc},{p},month,{ind},{v},,{S},2025-03-20\n"
        for jc, base in (("JC-06437", 1), ("JC-06535", 2), ("JC-06435", 3), ("JC-06412", 4))
        for p, step in (("2024-10-01", 0), ("2024-11-01", 1), ("2024-12-01", 2))
        for ind, v in (("K2", 20 + base + step * 0.4), ("K1", -1.5 + base - step * 0.2),
                       ("BG", 1000 * base + 37 * step), ("ELB", 1800 * base + 51 * step))
    ),
    "staffing": f"""jobcenter_id,period,function,headcount,fte,vacancies,trainees,source,as_of
JC-06437,2024-12-31,gesamt,160,141.5,6,9,{S},2025-02-01
JC-06535,2024-12-31,gesamt,150,130,4,5,{S},2025-02-01
""",
    "bass_cohorts": f"""jobcenter_id,year,programme,started,active,graduated,hired,dropped_out,source,as_of
JC-06437,2023,BASS,3,3,,,,{S},2024-10-01
JC-06437,2020,BASS,2,0,2,2,0,{S},2024-10-01
JC-06535,2023,BASS,2,2,,,,{S},2024-10-01
JC-06535,2020,BASS,3,0,2,2,1,{S},2024-10-01
""",
    "events": f"""event_id,date,end_date,jobcenter_id,kind,title,place,target_group,invited,participants,employers,applications,internships,contracts,note,source,as_of
E1,2024-02-22,,JC-06437,Speed-Dating,Job-Turbo Speed-Dating,Erbach,Geflüchtete aus der Ukraine,444,274,29,,,,,https://www.ina-odw.de/job-turbo-im-odenwaldkreis-fuer-ueber-270-ukrainer/,2024-02-23
E2,2024-04-24,,JC-06535,Messe,Job-Turbo Minimesse,Schlitz,,,,,,,,,{S},2024-04-25
E3,2025-08-21,,,Festakt,20 Jahre Kommunale Jobcenter in Hessen,Wiesbaden,,,,,,,,,{S},2025-08-29
E4,2026-03-10,,JC-06435,Jobmesse,Meet & Match Work,Hanau,,,,,,,,,{S},2025-11-01
E5,2024-09-12,,JC-06437,Jobbörse,Jobbörse Erbach,Erbach,,300,180,20,60,12,8,,{S},2024-09-20
""",
    "budgets": f"""budget_id,ags,jobcenter_id,year,programme,item,amount_eur,source,as_of
B1,,,2023,AQB,Landesmittel gesamt,27700000,{S},2023-01-15
B2,06437,,2023,AQB,Zuweisung,1056700,{S},2023-01-15
""",
    "facts": f"""fact_id,topic,jobcenter_id,label_de,value,unit,period,qualifier,source,as_of
F1,BASS,,Studienplätze je Jahrgang (Zulassungszahl),30,Plätze,,,{S},2025-01-01
F2,BASS,,Regelstudienzeit,7,Semester,,,{S},2025-01-01
""",
}

#: the "today" of the snapshot tests
TODAY = "2025-11-22"


def write_files(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in FILES.items():
        p = directory / f"{name}.csv"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


def build(directory: Path) -> Path:
    """Build the database and pin its load times, so screens that show them are stable."""
    db = directory / "ui.duckdb"
    snapshot.build(db, write_files(directory / "csv"))
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE loads SET loaded_at = TIMESTAMP '2025-11-20 08:30:00', user_name = 'test'")
        con.execute("UPDATE meta SET value = '2025-11-20T08:30:00' WHERE key = 'created_at'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return db
