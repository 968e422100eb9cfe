#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The reliability report in a real browser (Debian's chromium, driven by chromedriver).

    report_browser.py ATTUNE_CLI SOURCE_DIR [KEEP_DIR]

- The demo project is built with samples/build-demo (coder-a, coder-b and master over the eight
  sample transcripts); a few disagreements of coder-a and coder-b are resolved with `resolve`;
  `attune-cli report` writes the HTML.
- Headless Chromium loads it: the expected headings are in the DOM, every number of the methods
  paragraph equals its table cell as rendered, the browser logged no console message of level
  warning or worse, and the page made no request beyond its own file (the performance log's
  Network events).
- The checks can fail: a copy with an <img src="http://127.0.0.1:9/..."> injected must be
  caught (the Content-Security-Policy refuses it: a console error), and a copy with the policy
  removed too (the request itself shows in the network log). 127.0.0.1:9 is the local discard
  port: nothing leaves the machine.
- Printed to PDF with `chromium --headless --print-to-pdf`: pdfinfo counts its pages (> 0) and
  pdftoppm renders the first one.
With KEEP_DIR, the report, the PDF, a screenshot and the PDF's first pages are left there.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI, SRC = sys.argv[1], sys.argv[2]
KEEP = sys.argv[3] if len(sys.argv) > 3 else None
FAILURES = []
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-extensions", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def fail(what):
    print("FAIL:", what, file=sys.stderr)
    FAILURES.append(what)


def run(*args, want=0, **kw):
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, **kw)
    if p.returncode != want:
        fail(f"attune-cli {' '.join(map(str, args))} exited {p.returncode}: {p.stderr.strip()}")
    return p


def build_project(work):
    project = os.path.join(work, "demo.attune")
    env = dict(os.environ, ATTUNE_CLI=CLI)
    p = subprocess.run(["sh", os.path.join(SRC, "samples", "build-demo"), project],
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise SystemExit(f"build-demo failed: {p.stderr}")
    listing = run("disagreements", project, "--coders", "coder-a,coder-b", "--format", "json")
    items = json.loads(listing.stdout)
    taken = {"rating": 0, "classification": 0, "passage": 0}
    for d in items:
        kind = "passage" if d["kind"] not in ("rating", "classification") else d["kind"]
        if taken[kind] >= 2:
            continue
        # A passage only B marked is settled by taking B's; every other by A's, then B's.
        take = "B" if d["kind"] == "only-b" else ("A" if taken[kind] == 0 else "B")
        if d["kind"] == "only-a":
            take = "A"
        run("resolve", project, d["id"], "--take", take, "--coders", "coder-a,coder-b",
            "--reason", "discussed: the transcript's evidence")
        taken[kind] += 1
    if sum(taken.values()) < 4:
        fail(f"too few disagreements resolved: {taken}")
    return project


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1100,1400")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or
                                            "/usr/bin/chromedriver"), options=options)


def load(driver, path):
    """Loads `path`; returns (console messages of level WARNING or worse, request URLs)."""
    driver.get_log("browser")  # drop what an earlier page left
    driver.get_log("performance")
    url = "file://" + path
    driver.get(url)
    driver.execute_script("return document.readyState")
    console = [e for e in driver.get_log("browser")
               if e.get("level") in ("WARNING", "SEVERE")]
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return console, [r for r in requests if r != url and not r.startswith("data:")]


def check_dom(driver):
    headings = [h.text for h in driver.find_elements("tag name", "h2")]
    for want in ("Summary", "Methods paragraph", "Classification agreement", "Scale agreement",
                 "Passage agreement", "Pairwise coder matrix"):
        if want not in headings:
            fail(f"heading {want!r} not rendered (have {headings})")
    if driver.find_element("tag name", "h1").text != "Reliability report":
        fail("no h1 'Reliability report'")
    # The paragraph's numbers against the table cells, as the browser shows them.
    pairs = driver.execute_script("""
        const out = [];
        for (const s of document.querySelectorAll('#methods-text span.num')) {
            const cell = document.querySelector('td[data-ref="' + s.dataset.ref + '"]');
            out.push([s.dataset.ref, s.textContent, cell ? cell.textContent : null]);
        }
        return out;""")
    if len(pairs) < 10:
        fail(f"the methods paragraph cites only {len(pairs)} numbers")
    for ref, cited, cell in pairs:
        if cell != cited:
            fail(f"paragraph {ref} = {cited!r}, table {cell!r}")
    svgs = driver.execute_script(
        "return [...document.querySelectorAll('svg')].map(s => s.getBoundingClientRect().width)")
    if not svgs or min(svgs) <= 0:
        fail(f"the plots did not render: widths {svgs}")
    heat = driver.find_elements("css selector", "table.heat td")
    if not heat:
        fail("no heat map cells")


def negative_copies(report, work):
    with open(report, encoding="utf-8") as f:
        html = f.read()
    injected = '<img alt="x" src="http://127.0.0.1:9/tracker.png">'
    with_csp = os.path.join(work, "injected.html")
    with open(with_csp, "w", encoding="utf-8") as f:
        f.write(html.replace("<main>", "<main>" + injected, 1))
    without_csp = os.path.join(work, "injected-no-csp.html")
    with open(without_csp, "w", encoding="utf-8") as f:
        f.write(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                       html).replace("<main>", "<main>" + injected, 1))
    return with_csp, without_csp


def print_pdf(report, work):
    pdf = os.path.join(work, "report.pdf")
    p = subprocess.run([CHROMIUM, *BROWSER_FLAGS, "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", "file://" + report],
                       capture_output=True, text=True, timeout=180)
    if p.returncode != 0 or not os.path.exists(pdf):
        fail(f"print to PDF failed ({p.returncode}): {p.stderr[-2000:]}")
        return None
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    pages = int(m.group(1)) if m else 0
    if pages <= 0:
        fail(f"the PDF has no pages: {info}")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", pdf,
                    os.path.join(work, "page")], check=False)
    if not any(n.startswith("page") and n.endswith(".png") for n in os.listdir(work)):
        fail("pdftoppm rendered no page")
    print(f"report.pdf: {pages} page(s)")
    return pdf


def main():
    work = KEEP or tempfile.mkdtemp()
    os.makedirs(work, exist_ok=True)
    try:
        project = build_project(work)
        report = os.path.join(work, "report.html")
        run("report", project, "--master", "master", "--out", report)
        driver = browser()
        try:
            console, requests = load(driver, report)
            if console:
                fail(f"console messages: {console}")
            if requests:
                fail(f"network requests: {requests}")
            check_dom(driver)
            if KEEP:
                driver.save_screenshot(os.path.join(work, "screenshot.png"))
            with_csp, without_csp = negative_copies(report, work)
            console, requests = load(driver, with_csp)
            if not any("127.0.0.1:9" in e.get("message", "") for e in console):
                fail(f"an injected external image passed unnoticed (console {console})")
            console, requests = load(driver, without_csp)
            if not any("127.0.0.1:9" in r for r in requests):
                fail(f"without the policy the injected request was not seen ({requests})")
        finally:
            driver.quit()
        print_pdf(report, work)
    finally:
        if not KEEP:
            shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)", file=sys.stderr)
        return 1
    print("report_browser: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
