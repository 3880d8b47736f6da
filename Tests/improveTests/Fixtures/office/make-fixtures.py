#!/usr/bin/env python3
"""Makes the Word and Excel fixtures that `improve import` is tested on, with real tools.

    pip install python-docx openpyxl msoffcrypto-tool
    apt-get install libreoffice-writer libreoffice-calc     # the second producer (optional)
    python3 Tests/improveTests/Fixtures/office/make-fixtures.py

The two example plans are laid out as their councils' documents are (Blackpool's
themed tables with milestone cells; Portsmouth's objective tables with By When and
RAG-with-comment cells), from plans/*.json. The others are small made-up plans that
hold what documents do: lettered actions, merged cells, colour-only RAG cells,
date cells, hidden rows and columns. Run it only to change the fixtures; commit
what it writes.
"""
import datetime, json, os, shutil, subprocess, sys, tempfile

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
import openpyxl
from openpyxl.styles import PatternFill, Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
FILLS = {"RED": "FF0000", "AMBER": "FFC000", "GREEN": "00B050", "BLUE": "0070C0"}


def month(text):
    """2019-02 → Feb 2019; 2019-02-28 → 28 Feb 2019; anything else as it is."""
    parts = text.split("-")
    if len(parts) == 2 and parts[0].isdigit():
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3 and parts[0].isdigit():
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text


def shade(cell, hex_colour):
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour)
    properties.append(shading)


def fill_cell(cell, paragraphs, bullets=()):
    """Writes paragraphs (and bulleted paragraphs after them) into a cell."""
    first = True
    for text in paragraphs:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.text = text
        first = False
    for text in bullets:
        cell.add_paragraph(text, style="List Bullet")


def merge_down(table, column, first_row, rows):
    """Merges a column's cells vertically when consecutive rows hold the same text (as councils do)."""
    start = first_row
    for index in range(first_row + 1, first_row + len(rows) + 1):
        if index < first_row + len(rows) and rows[index - first_row] == rows[start - first_row] and rows[index - first_row]:
            continue
        if index - start > 1:
            top = table.cell(start, column)
            for below in range(start + 1, index):
                for paragraph in table.cell(below, column).paragraphs:
                    paragraph.text = ""
            top.merge(table.cell(index - 1, column))
            # merge() joins the cells' paragraphs; keep the top cell's text only.
            for paragraph in list(top.paragraphs)[len(rows[start - first_row]):]:
                paragraph._element.getparent().remove(paragraph._element)
        start = index


def version_table(document):
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Version", "Date", "Author"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1.2", "14 January 2019", "Head of Service"]):
        cell.text = text
    document.add_paragraph()


def blackpool(path):
    plan = json.load(open(os.path.join(ROOT, "plans", "blackpool-2019.json")))
    document = docx.Document()
    document.add_heading("Youth Offending Partnership Improvement Plan", 0)
    version_table(document)
    headers = ["ID", "Link", "Action", "Anticipated Impact on the Quality of Practice", "Outcomes for Children and Families",
               "Accountable Person", "Deadline", "Reference in Performance Dashboard"]
    for theme in plan["themes"]:
        actions = [a for a in plan["actions"] if a["theme"] == theme["id"]]
        if theme["id"] == "LM":
            document.add_heading("Part One: Change led by the Board", 1)
        else:
            if theme["id"] == "1":
                document.add_heading("Part Two", 1)
            document.add_heading(f"Theme {theme['id']} – {theme['title']}", 2)
        table = document.add_table(rows=1 + len(actions), cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers):
            cell.text = text
        leads = []
        for row, action in zip(table.rows[1:], actions):
            cells = row.cells
            cells[0].text = action["id"]
            cells[1].text = " ".join(action.get("otherLinks", []) + action.get("recommendations", []))
            fill_cell(cells[2], [action["text"]], action.get("subPoints", []))
            fill_cell(cells[3], action.get("impact", []))
            fill_cell(cells[4], action.get("outcomes", []))
            fill_cell(cells[5], action.get("leads", []))
            leads.append(action.get("leads", []))
            lines = []
            if "milestones" in action:
                for milestone in action["milestones"]:
                    when = milestone.get("deadlineText") or month(milestone.get("deadline", ""))
                    lines.append(f"{milestone['title']} – {when}")
            elif "deadlineText" in action:
                lines.append(action["deadlineText"])
            elif "deadline" in action:
                lines.append(month(action["deadline"]))
            fill_cell(cells[6], lines)
            cells[7].text = action.get("dashboardReference", "")
        merge_down(table, 5, 1, leads)
        document.add_paragraph()
    document.save(path)


def portsmouth(path):
    plan = json.load(open(os.path.join(ROOT, "plans", "portsmouth-2014.json")))
    document = docx.Document()
    document.add_heading("YOT Board Monitoring of Portsmouth Post-Inspection Improvement Plan", 0)
    document.add_paragraph("Key to RAG ratings")
    key = document.add_table(rows=4, cols=2)
    key.style = "Table Grid"
    for row, (code, meaning) in zip(key.rows, [("GREEN", "Action completed"), ("AMBER", "Action ongoing / Action planned, not yet complete"),
                                               ("RED", "No action taken / action delayed / behind schedule"), ("BLUE", "Not due yet")]):
        row.cells[0].text = code
        shade(row.cells[0], FILLS[code])
        row.cells[1].text = meaning
    headers = ["No.", "Action", "By Whom", "By When", "RAG / Comment on current position", "What success will look like"]
    parts = {part["id"]: part["title"] for part in plan["parts"]}
    current_part = None
    for theme in plan["themes"]:
        if theme.get("part") != current_part:
            current_part = theme.get("part")
            document.add_heading(parts[current_part], 1)
        document.add_paragraph(f"Objective {theme['id']} – {theme['title']}")
        numbers = [r.split()[-1] for r in theme.get("recommendations", [])]
        document.add_paragraph("Linked HMIP Recommendations: " + ",".join(numbers))
        document.add_paragraph("Linked Performance Indicators: " + theme.get("performanceIndicators", "All"))
        actions = [a for a in plan["actions"] if a["theme"] == theme["id"]]
        table = document.add_table(rows=1 + len(actions), cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers):
            cell.text = text
        leads = []
        for row, action in zip(table.rows[1:], actions):
            cells = row.cells
            cells[0].text = action["id"].split(".", 1)[1]
            fill_cell(cells[1], [action["text"]], action.get("subPoints", []))
            lead = " / ".join(action.get("leads", []))
            cells[2].text = lead
            leads.append([lead] if lead else [])
            cells[3].text = action.get("deadlineText") or month(action.get("deadline", ""))
            history = action.get("history", [])
            if history:
                latest = history[-1]
                status = latest.get("status")
                cells[4].text = " ".join(filter(None, [status, latest.get("comment")]))
                if status:
                    shade(cells[4], FILLS[status])
            cells[5].text = action.get("successMeasure", "")
        merge_down(table, 2, 1, leads)
    document.save(path)


def lettered(path):
    """A row per recommendation, its actions lettered inside the cell: Northshire (made up)."""
    document = docx.Document()
    document.add_heading("Northshire Youth Justice Service: post-inspection improvement plan", 0)
    version_table(document)
    document.add_paragraph("Theme 1: Governance")
    headers = ["No.", "Recommendation", "Actions", "Lead", "Timescale", "Success measures", "RAG"]
    table = document.add_table(rows=6, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    rows = table.rows
    # Recommendation 1: three lettered actions, bullets under A, leads and timescales shared by letter.
    rows[1].cells[0].text = "1"
    rows[1].cells[1].text = "The Management Board holds partners to account for the quality of youth justice work."
    cell = rows[1].cells[2]
    cell.paragraphs[0].text = "A: Review the board's terms of reference"
    cell.add_paragraph("Include partner attendance targets", style="List Bullet")
    cell.add_paragraph("Agree a quorum", style="List Bullet")
    cell.add_paragraph("B: Induct every new board member within a month")
    cell.add_paragraph("C: Publish a performance dashboard at each board")
    fill_cell(rows[1].cells[3], ["A/ B: Chair of the Board", "C: Head of Service"])
    fill_cell(rows[1].cells[4], ["A: Mar 2020", "B/ C: Jun 2020"])
    rows[1].cells[5].text = "Partners attend and challenge at every board"
    shade(rows[1].cells[6], "92D050")            # green, no words
    # A section heading merged across the whole table.
    section = rows[2].cells[0].merge(rows[2].cells[len(headers) - 1])
    section.text = "Theme 2: Practice"
    # Recommendation 2: two lettered actions, one unlettered lead for the row; timescale merged down into row 4.
    rows[3].cells[0].text = "2"
    rows[3].cells[1].text = "Assessments and plans are of good quality and reviewed on time."
    fill_cell(rows[3].cells[2], ["A. Audit twenty case files each quarter", "B. Train case managers in AssetPlus planning"])
    rows[3].cells[3].text = "YOT Manager"
    rows[3].cells[4].text = "Sep 2020"
    shade(rows[3].cells[6], "FFC000")            # amber, no words
    rows[4].cells[0].text = "3"
    rows[4].cells[1].text = "Victims are offered restorative justice in every suitable case."
    rows[4].cells[2].text = "Offer every identified victim contact within ten working days"
    rows[4].cells[3].text = "Victim Worker"
    rows[3].cells[4].merge(rows[4].cells[4])
    rows[4].cells[6].text = "RED"
    # Recommendation 4: lettered actions whose last letter has a red cell of its own colour key.
    rows[5].cells[0].text = "4"
    rows[5].cells[1].text = "Children's health needs are assessed and met."
    fill_cell(rows[5].cells[2], ["a) Screen every child's health needs at the start of their order",
                                 "b) Agree a referral route to CAMHS"])
    fill_cell(rows[5].cells[3], ["a) Health Lead", "b) CAMHS Manager / Health Lead"])
    rows[5].cells[4].text = "Dec 2020"
    shade(rows[5].cells[6], "C00000")            # dark red, no words
    document.add_paragraph("RAG key")
    key = document.add_table(rows=3, cols=1)
    for row, (word, colour) in zip(key.rows, [("Green – complete", "92D050"), ("Amber – on track", "FFC000"), ("Red – behind", "C00000")]):
        row.cells[0].text = word
        shade(row.cells[0], colour)
    document.save(path)


def workbook(path):
    """The same kind of plan kept in Excel: dates as date cells, merged and hidden cells, colour-only RAG."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["ID", "Action", "Lead", "Deadline", "RAG", "Comment on current position", "Internal notes", "Signed off"])
    sheet.append(["1.1", "Review the board's terms of reference\n• Include partner attendance targets\n• Agree a quorum",
                  "Chair of the Board", datetime.date(2020, 3, 31), "GREEN", "Agreed at the March board", "chase", True])
    sheet.append(["1.2", "Induct every new board member", None, datetime.date(2020, 6, 1), None, None, None, False])
    sheet.merge_cells("C2:C3")                    # one lead for both rows
    sheet["D2"].number_format = "dd/mm/yyyy"
    sheet["D3"].number_format = "mmm-yy"          # a month, not a day
    sheet["E3"].fill = PatternFill("solid", fgColor="FFC000")   # amber, no words
    sheet.append(["Theme 2: Practice"])
    sheet.merge_cells("A4:H4")
    sheet.append(["2.1", "An action struck out by hiding its row", "Nobody", datetime.date(2020, 9, 30), None, None, None, None])
    sheet.row_dimensions[5].hidden = True
    sheet.append([2.2, "Audit twenty case files each quarter", "YOT Manager", "Sep 2020 then quarterly", None, None, None, None])
    sheet["E6"].fill = PatternFill("solid", fgColor="FF0000")   # red, no words
    sheet.column_dimensions["G"].hidden = True
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes = book.create_sheet("Notes")
    notes.append(["Written for the January board"])
    book.save(path)


def libreoffice(source, target_name, filter_name):
    """The same document written by a second producer (LibreOffice), when it is installed."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        print(f"skipped {target_name}: LibreOffice is not installed")
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([office, "--headless", "--convert-to", filter_name, "--outdir", folder, source], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = [name for name in os.listdir(folder)]
        shutil.move(os.path.join(folder, produced[0]), os.path.join(HERE, target_name))
        print("wrote", target_name)


def password(source, target_name):
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(source, "rb") as plain, open(os.path.join(HERE, target_name), "wb") as encrypted:
        OOXMLFile(plain).encrypt("board2020", encrypted)
    print("wrote", target_name)


if __name__ == "__main__":
    targets = {"blackpool-2019.docx": blackpool, "portsmouth-2014.docx": portsmouth, "lettered.docx": lettered, "plan.xlsx": workbook}
    for name, make in targets.items():
        make(os.path.join(HERE, name))
        print("wrote", name)
    libreoffice(os.path.join(HERE, "blackpool-2019.docx"), "blackpool-2019-libreoffice.docx", 'docx:MS Word 2007 XML')
    libreoffice(os.path.join(HERE, "lettered.docx"), "lettered-libreoffice.docx", 'docx:MS Word 2007 XML')
    libreoffice(os.path.join(HERE, "plan.xlsx"), "plan-libreoffice.xlsx", 'xlsx:Calc MS Excel 2007 XML')
    with tempfile.TemporaryDirectory() as folder:
        legacy = os.path.join(folder, "lettered.docx")
        shutil.copy(os.path.join(HERE, "lettered.docx"), legacy)
        libreoffice(legacy, "legacy.doc", "doc:MS Word 97")
    password(os.path.join(HERE, "lettered.docx"), "password.docx")
