#!/usr/bin/env python3
"""Checks what `hubplan plan` writes with independent parsers (run by CI):
every iCalendar file with the `icalendar` package (RFC 5545: CRLF line ends,
lines of at most 75 octets, a Europe/London VTIMEZONE, UID and DTSTAMP on
every event, UIDs unique per file), report.html with Python's HTML parser
(it parses, and lists every session, forum and adviser day of plan.json),
and every CSV with the csv module (a header row, ISO dates).

Usage: python3 scripts/check_outputs.py OUTDIR    (needs: pip install icalendar)
"""
import csv, glob, json, os, re, sys
from html.parser import HTMLParser

import icalendar

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
        if tag == "table" and "id" in a:
            self.current = a["id"]
            self.tables[self.current] = 0
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
    for table, key in (("session-table", "sessions"), ("forum-table", "forums"), ("adviser-table", "adviserAssignments")):
        if c.tables.get(table, 0) - 1 != len(plan[key]):
            fail(f"report.html: {table} has {c.tables.get(table, 0) - 1} rows; plan.json has {len(plan[key])} {key}")
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

if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: check_outputs.py OUTDIR")
    check_calendars(sys.argv[1])
    check_html(sys.argv[1])
    check_csv(sys.argv[1])
