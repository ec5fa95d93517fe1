#!/usr/bin/env python3
"""Checks report.html as a reader sees it, in headless Chromium (Debian's
chromium and chromium-driver, driven by selenium from PyPI): at desktop
(1280 px) and phone (390 px) widths it measures the page's height and keeps
screenshots (top of the page and the utilisation section), prints the page
to an A4 PDF and counts its pages, and checks what the report promises: the
title on one line, no camelCase cost terms, pounds on every cost label,
utilisation bars on a 0-100% scale, round axis ticks, names rather than ids
in the timetables.

Usage: python3 scripts/report_test.py OUTDIR [ARTIFACTS]   (OUTDIR holds report.html and plan.json)
Exit 0 on success, 1 with a message otherwise.
"""
import base64, json, os, re, shutil, sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

def fail(msg):
    print("report test: " + msg, file=sys.stderr)
    sys.exit(1)

def driver(width, height):
    options = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}", "--hide-scrollbars"):
        options.add_argument(a)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)

def main():
    out = sys.argv[1]
    artifacts = sys.argv[2] if len(sys.argv) > 2 else "ci-artifacts"
    os.makedirs(artifacts, exist_ok=True)
    report = os.path.abspath(os.path.join(out, "report.html"))
    plan = json.load(open(os.path.join(out, "plan.json")))
    html = open(report, encoding="utf-8").read()
    ids = {s["venue"] for s in plan["sessions"] if s.get("venue")} | {f for s in plan["sessions"] for f in s["facilitators"]}
    facts = []
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        d = driver(max(width, 500), height)
        try:
            # Headless Chromium's window is at least 500 px wide: a phone is emulated instead.
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
            d.get("file://" + report)
            page = d.execute_script("return document.documentElement.scrollHeight")
            d.save_screenshot(os.path.join(artifacts, f"report-{name}.png"))
            # The title: one line, "2026-27" never split.
            h1 = d.find_element(By.TAG_NAME, "h1")
            year = d.find_element(By.CSS_SELECTOR, ".kicker .nowrap")
            if year.size["height"] > 1.6 * float(d.execute_script("return parseFloat(getComputedStyle(arguments[0]).lineHeight) || 24", year)):
                fail(f"{name}: the year wraps")
            d.execute_script("document.getElementById('utilisation').scrollIntoView()")
            d.save_screenshot(os.path.join(artifacts, f"report-{name}-utilisation.png"))
            # Long sections start folded: the tallest table shown at first.
            tallest = d.execute_script("return Math.max(0, ...[...document.querySelectorAll('table')].filter(t => t.checkVisibility()).map(t => t.getBoundingClientRect().height))")
            if name == "desktop":
                pdf = d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False, "preferCSSPageSize": True})
                data = base64.b64decode(pdf["data"])
                open(os.path.join(artifacts, "report-a4.pdf"), "wb").write(data)
                pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
                facts.append(f"A4 PDF: {pages} pages")
            facts.append(f"{name} ({width} px): page {page} px tall, tallest table shown {tallest:.0f} px")
            if name == "desktop" and page > 20000:
                fail(f"desktop page is {page} px tall; long sections should be folded")
        finally:
            d.quit()
    # What the report says, in words a director would send.
    for term in ("participantTravel", "facilitatorTravel", "venueHire", "loadImbalance", "brokenContinuity", "unmetDemand"):
        if term in html:
            fail(f"camelCase cost term '{term}' in the report")
    costs = re.search(r'<section id="costs">(.*?)</section>', html, re.S).group(1)
    labels = re.findall(r'<text x="[\d.]+" y="[\d.]+" font-size="12">([^<]*)</text>', costs)
    if not labels or not all(l.startswith("£") for l in labels):
        fail(f"cost chart labels without £: {labels[:5]}")
    util = re.search(r'<section id="utilisation">(.*?)</section>', html, re.S).group(1)
    for svg in re.findall(r"<svg.*?</svg>", util, re.S):
        bars = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
        shares = [float(v) for v in re.findall(r'font-size="12">([\d.]+)%</text>', svg)]
        full = float(re.search(r'<line x1="([\d.]+)"', svg).group(1)) - 200
        for w, s in zip(bars, shares):
            if abs(w - s / 100 * full) > 1.5:
                fail(f"a utilisation bar of {s}% is {w:.0f} px of {full:.0f}: not on a 0-100% scale")
    for tick in re.findall(r'text-anchor="end" font-size="11">([^<]*)</text>', html):
        value = float(tick.replace(",", ""))
        if value != 0 and not any(abs(value / s - round(value / s)) < 1e-9 for s in (1, 2, 2.5, 5, 0.5, 0.25)):
            fail(f"axis tick {tick} is not round")
    timetables = html[html.index('<section id="by-cohort">'):]
    cells = re.findall(r"<td>([^<]*)</td>", timetables)
    shown_ids = sorted(i for i in ids if i in cells)
    if shown_ids:
        fail(f"timetables show ids instead of names: {shown_ids[:5]}")
    print("report test: " + "; ".join(facts) + f"; screenshots and PDF in {artifacts}/")

if __name__ == "__main__":
    main()
