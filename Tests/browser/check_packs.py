"""Opens the board packs of both example plans in headless Chromium and checks
them as a board secretary would see them: on screen at 800 and 1280 px, and
printed to PDF.

Usage: python3 Tests/browser/check_packs.py IMPROVE_BINARY OUTPUT_FOLDER

For each pack it saves a screenshot per width and the printed PDF in
OUTPUT_FOLDER, and fails (exit 1) when:
- the page scrolls sideways (document.documentElement.scrollWidth > innerWidth);
- a table cell is narrower than 8 characters of its text;
- the headline does not come before the exceptions, or the exceptions before
  the no-status list;
- the printed PDF's pages are not A4 (pdfinfo);
- axe-core (PyPI's axe-selenium-python) finds any WCAG violation in a pack, in
  the brief (`report --brief`) or in the overdue list (`overdue --format html`);
- the brief of Portsmouth as of 2015-04-23 prints on more than 3 A4 pages;
- a pack or brief lacks its chart SVGs (role="img", a <title>, both axis titles).
Without axe-selenium-python the axe check is skipped with a note; the rest runs.
Exit 2 when Chromium, chromedriver, selenium or pdfinfo is missing: the caller
says it skipped.
"""
import base64
import os
import re
import shutil
import subprocess
import sys

PACKS = [("portsmouth", "plans/portsmouth-2014.json", "2015-04-23", []),
         ("blackpool", "plans/blackpool-2019.json", "2019-04-10", []),
         ("portsmouth-brief", "plans/portsmouth-2014.json", "2015-04-23", ["--brief"])]
# The brief must print on at most this many A4 pages.
BRIEF_PAGES = 3
# Pages checked by axe-core only (no layout checks: they are not board packs).
AXE_ONLY = [("overdue", ["overdue", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "html"])]
WIDTHS = [800, 1280]

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
except ImportError:
    print("check_packs: selenium is not installed")
    sys.exit(2)

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
driver_path = shutil.which("chromedriver")
if not chromium or not driver_path or not shutil.which("pdfinfo"):
    print("check_packs: chromium, chromedriver or pdfinfo is missing")
    sys.exit(2)

try:
    from axe_selenium_python import Axe
except ImportError:
    Axe = None
    print("check_packs: note: axe-selenium-python is not installed; the accessibility check is SKIPPED")

binary, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
failures = []

MEASURE = """
const cells = [...document.querySelectorAll('td, th')];
const narrow = [];
for (const cell of cells) {
  const text = cell.textContent.trim();
  // A table folded away under its chart (the brief's) is not laid out until opened.
  if (text.length === 0 || cell.querySelector('svg') || cell.closest('details:not([open])')) continue;
  const width = (sample) => {
    const probe = document.createElement('span');
    probe.style.font = getComputedStyle(cell).font;
    probe.style.visibility = 'hidden';
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'pre';
    probe.textContent = sample;
    document.body.appendChild(probe);
    const measured = probe.getBoundingClientRect().width;
    probe.remove();
    return measured;
  };
  // At least eight characters wide, or the whole text when it is shorter.
  const needed = Math.min(width(text), width('n'.repeat(8)));
  const style = getComputedStyle(cell);
  const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (inner + 1 < needed) narrow.push(text.slice(0, 40) + ' (' + Math.round(inner) + 'px < ' + Math.round(needed) + 'px)');
}
const headings = [...document.querySelectorAll('h3')].map(h => h.textContent);
const charts = [...document.querySelectorAll('svg.chart')].map(svg => ({
  role: svg.getAttribute('role'),
  title: (svg.querySelector('title') || {}).textContent || '',
  valueAxis: (svg.querySelector('.value-axis') || {}).textContent || '',
  categoryAxis: (svg.querySelector('.category-axis') || {}).textContent || ''}));
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, narrow: narrow, headings: headings,
        charts: charts};
"""

def new_browser(width):
    options = Options()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},1000"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver_path), options=options)


def check_accessibility(name, html_path):
    """axe-core over the page: every violation (WCAG 2.1 A/AA and best practice) is a failure."""
    if Axe is None:
        return
    browser = new_browser(1280)
    try:
        browser.get("file://" + html_path)
        axe = Axe(browser)
        axe.inject()
        results = axe.run()
    finally:
        browser.quit()
    for violation in results["violations"]:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        failures.append(f"{name}: axe: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    print(f"check_packs: {name}: axe-core found {len(results['violations'])} violations")


for name, command in AXE_ONLY:
    html_path = os.path.abspath(os.path.join(out, f"{name}.html"))
    with open(html_path, "w", encoding="utf-8") as html:
        subprocess.run([binary] + command, stdout=html)
    check_accessibility(name, html_path)

for name, plan, as_of, extra in PACKS:
    html_path = os.path.abspath(os.path.join(out, f"{name}.html"))
    with open(html_path, "w", encoding="utf-8") as html:
        subprocess.run([binary, "report", "--plan", plan, "--as-of", as_of, "--format", "html"] + extra, stdout=html, check=True)
    check_accessibility(name, html_path)
    for width in WIDTHS:
        browser = new_browser(width)
        try:
            browser.set_window_size(width, 1000)
            browser.get("file://" + html_path)
            facts = browser.execute_script(MEASURE)
            browser.save_screenshot(os.path.join(out, f"{name}-{width}.png"))
            if width == WIDTHS[-1]:
                pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
                with open(os.path.join(out, f"{name}.pdf"), "wb") as file:
                    file.write(base64.b64decode(pdf["data"]))
        finally:
            browser.quit()
        if facts["scrollWidth"] > facts["innerWidth"]:
            failures.append(f"{name} at {width}px scrolls sideways: {facts['scrollWidth']} > {facts['innerWidth']}")
        for cell in facts["narrow"]:
            failures.append(f"{name} at {width}px: a cell narrower than 8 characters: {cell}")
        charts = facts["charts"]
        if len(charts) < 2:
            failures.append(f"{name}: {len(charts)} chart SVGs, not the RAG chart and the trend chart")
        for chart in charts:
            if chart["role"] != "img" or not chart["title"] or not chart["valueAxis"] or not chart["categoryAxis"]:
                failures.append(f"{name}: a chart without role=img, a title or both axis titles: {chart}")
        headings = facts["headings"]
        def place(prefix):
            return next((i for i, heading in enumerate(headings) if heading.startswith(prefix)), None)
        wanted = ["Headline", "Exceptions"] + ([] if "--brief" in extra else ["No status recorded"])
        order = [place(prefix) for prefix in wanted]
        if None in order or order != sorted(order):
            failures.append(f"{name}: {', '.join(wanted)} out of order: {order}")
    info = subprocess.run(["pdfinfo", os.path.join(out, f"{name}.pdf")], capture_output=True, text=True).stdout
    pages = re.search(r"Pages:\s+(\d+)", info)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    a4 = size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2
    if not a4:
        failures.append(f"{name}: printed pages are not A4: {size.group(0) if size else info!r}")
    if "--brief" in extra and (not pages or int(pages.group(1)) > BRIEF_PAGES):
        failures.append(f"{name}: the brief prints on {pages.group(1) if pages else '?'} pages, more than {BRIEF_PAGES}")
    print(f"check_packs: {name}: {pages.group(1) if pages else '?'} A4 pages; screenshots and PDF in {out}")

for failure in failures:
    print("check_packs: " + failure)
print(f"check_packs: {len(PACKS) * len(WIDTHS)} page views checked, {len(failures)} problems")
sys.exit(1 if failures else 0)
