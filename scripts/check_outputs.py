#!/usr/bin/env python3
"""Checks what `hubplan plan` writes with independent parsers (run by CI):
every iCalendar file with the `icalendar` package (RFC 5545: CRLF line ends,
lines of at most 75 octets, a Europe/London VTIMEZONE, UID and DTSTAMP on
every event, UIDs unique per file), report.html with Python's HTML parser
(it parses, and lists every session, forum and adviser day of plan.json),
every CSV with the csv module (a header row, ISO dates), and plan.xlsx with
openpyxl (every sheet with a frozen, filtered header row and column widths;
a row per session, forum and adviser day of plan.json; real dates and times;
names beside ids; costs that add up).

With --scenario-workbook, checks a workbook written by `hubplan export DIR
--xlsx` against the scenario folder it came from: a sheet per CSV file with the
same header and rows (dates as Excel dates, numbers as numbers), and the
settings sheet holding scenario.yaml line by line.

Usage: python3 scripts/check_outputs.py OUTDIR    (needs: pip install icalendar openpyxl)
       python3 scripts/check_outputs.py --scenario-workbook FILE.xlsx SCENARIO_DIR
"""
import csv, datetime, glob, json, os, re, sys
from html.parser import HTMLParser

import icalendar
import openpyxl

def fail(msg):
    print("check_outputs: " + msg, file=sys.stderr)
    sys.exit(1)

def check_calendars(out):
    files = sorted(glob.glob(os.path.join(out, "calendars", "*.ics")))
    if not files:
        fail("no calendars written")
    events = 0
    for path in files:
        raw = open(path, "rb").read()
        if b"\n" in raw.replace(b"\r\n", b""):
            fail(f"{path}: a line ends without CR")
        for line in raw.split(b"\r\n"):
            if len(line) > 75:
                fail(f"{path}: a line of {len(line)} octets")
        cal = icalendar.Calendar.from_ical(raw)
        tzs = [c for c in cal.walk("VTIMEZONE")]
        if not tzs or str(tzs[0]["TZID"]) != "Europe/London":
            fail(f"{path}: no Europe/London VTIMEZONE")
        uids = set()
        for ev in cal.walk("VEVENT"):
            for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION"):
                if key not in ev:
                    fail(f"{path}: an event without {key}")
            if ev["DTSTART"].params.get("TZID") != "Europe/London":
                fail(f"{path}: DTSTART not in Europe/London")
            if ev.decoded("DTEND") <= ev.decoded("DTSTART"):
                fail(f"{path}: an event ends before it starts")
            uid = str(ev["UID"])
            if uid in uids:
                fail(f"{path}: UID {uid} twice")
            uids.add(uid)
        events += len(uids)
    print(f"calendars: {len(files)} files, {events} events, all parsed by icalendar {icalendar.__version__}")

class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.current, self.depth = {}, None, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and ("id" in a or "class" in a):
            # A table counts under its id, or under its class when the rows are spread
            # over several folded tables (one per programme, one per adviser).
            self.current = a.get("id") or a["class"]
            # Each table's header row is not a data row.
            self.tables[self.current] = self.tables.get(self.current, 0) - 1
        if tag == "tr" and self.current:
            self.tables[self.current] += 1
    def handle_endtag(self, tag):
        if tag == "table":
            self.current = None

def check_html(out):
    html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    plan = json.load(open(os.path.join(out, "plan.json")))
    c = Collector()
    c.feed(html)
    for table, key in (("by-cohort", "sessions"), ("forum-table", "forums"), ("adviser-days", "adviserAssignments")):
        if c.tables.get(table, 0) != len(plan[key]):
            fail(f"report.html: {table} has {c.tables.get(table, 0)} rows; plan.json has {len(plan[key])} {key}")
    if re.search(r"(src|href)=\"https?://", html):
        fail("report.html loads something from the network")
    print(f"report.html: parsed; {len(plan['sessions'])} sessions, {len(plan['forums'])} forums, {len(plan['adviserAssignments'])} adviser days listed")

def check_csv(out):
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for path in sorted(glob.glob(os.path.join(out, "csv", "*.csv"))):
        rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
        for r in rows:
            if "date" in r and r["date"] and not iso.match(r["date"]):
                fail(f"{path}: date '{r['date']}' is not ISO 8601")
    print(f"csv: {len(glob.glob(os.path.join(out, 'csv', '*.csv')))} files read")

def check_plan_workbook(out):
    path = os.path.join(out, "plan.xlsx")
    plan = json.load(open(os.path.join(out, "plan.json")))
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.freeze_panes != "A2":
            fail(f"plan.xlsx: sheet '{ws.title}' has no frozen header row")
        if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
            fail(f"plan.xlsx: sheet '{ws.title}' has no filter on its header")
        if not all(ws.column_dimensions[c.column_letter].width for c in ws[1]):
            fail(f"plan.xlsx: sheet '{ws.title}' has a column without a width")
    def table(name):
        rows = list(wb[name].iter_rows(values_only=True))
        return [dict(zip(rows[0], r)) for r in rows[1:]]
    sheets = [("Sessions", "sessions"), ("By cohort", "sessions"), ("Forums", "forums"), ("Adviser days", "adviserAssignments")]
    if plan.get("inductionReviews") is not None:
        sheets.append(("Induction reviews", "inductionReviews"))
    for sheet, key in sheets:
        if len(table(sheet)) != len(plan[key]):
            fail(f"plan.xlsx: '{sheet}' has {len(table(sheet))} rows; plan.json has {len(plan[key])} {key}")
    sessions = table("Sessions")
    for r in sessions:
        if not isinstance(r["Date"], datetime.datetime) or not isinstance(r["Start"], datetime.time):
            fail(f"plan.xlsx: a session's date or start is not an Excel date or time: {r['Date']!r} {r['Start']!r}")
    got = sorted((r["Date"].date().isoformat(), r["Start"].strftime("%H:%M"), r["Cohort"], r["Session"]) for r in sessions)
    want = sorted((s["date"], s["start"], s["cohort"], s["session"]) for s in plan["sessions"])
    if got != want:
        fail("plan.xlsx: the Sessions sheet does not list plan.json's sessions")
    if any(r["Facilitators"] and not r["Facilitator names"] for r in sessions):
        fail("plan.xlsx: a session without its facilitators' names")
    costs = table("Costs")
    total = [r["Cost (£)"] for r in costs if r["By"] == "term" and r["Item"] == "Total"]
    terms = sum(r["Cost (£)"] for r in costs if r["By"] == "term" and r["Item"] != "Total")
    if not total or abs(total[0] - plan["objective"]) > 0.01 or abs(terms - plan["objective"]) > 1:
        fail(f"plan.xlsx: costs by term add up to {terms}, total {total}; plan.json says {plan['objective']}")
    print(f"plan.xlsx: {len(wb.worksheets)} sheets read by openpyxl {openpyxl.__version__}; {len(sessions)} sessions with Excel dates and times, frozen and filtered headers")

def check_scenario_workbook(path, folder):
    wb = openpyxl.load_workbook(path)
    yaml = open(os.path.join(folder, "scenario.yaml"), encoding="utf-8").read().split("\n")
    settings = [r[0] or "" for r in wb["settings"].iter_rows(values_only=True)]
    if settings != yaml[:len(settings)] or any(yaml[len(settings):]):
        fail(f"{path}: the settings sheet is not scenario.yaml line by line")
    tables = 0
    for csv_path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        name = os.path.basename(csv_path)[:-4]
        rows = list(csv.reader(open(csv_path, encoding="utf-8", newline="")))
        if name not in wb.sheetnames:
            fail(f"{path}: no sheet '{name}'")
        sheet = [list(r) for r in wb[name].iter_rows(values_only=True)]
        if [str(c) for c in sheet[0]] != rows[0] or len(sheet) != len(rows):
            fail(f"{path}: sheet '{name}' has {len(sheet)} rows with header {sheet[0]}; {name}.csv has {len(rows)}, {rows[0]}")
        for srow, crow in zip(sheet[1:], rows[1:]):
            for cell, text, column in zip(srow, crow, rows[0]):
                if isinstance(cell, datetime.datetime):
                    value = cell.date().isoformat()
                elif isinstance(cell, (int, float)):
                    if abs(cell - float(text)) > 1e-9:
                        fail(f"{path}: {name}.{column} {cell} is not {text}")
                    continue
                else:
                    value = "" if cell is None else str(cell)
                if value != text:
                    fail(f"{path}: {name}.{column} '{value}' is not '{text}'")
                if column in ("first_day", "last_day", "date", "from", "to") and text and not isinstance(cell, datetime.datetime):
                    fail(f"{path}: {name}.{column} is not an Excel date")
        tables += 1
    print(f"{os.path.basename(path)}: settings and {tables} sheets match the scenario folder, read by openpyxl {openpyxl.__version__}")

if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--scenario-workbook":
        check_scenario_workbook(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if len(sys.argv) != 2:
        fail("usage: check_outputs.py OUTDIR | --scenario-workbook FILE.xlsx SCENARIO_DIR")
    check_calendars(sys.argv[1])
    check_html(sys.argv[1])
    check_csv(sys.argv[1])
    check_plan_workbook(sys.argv[1])
