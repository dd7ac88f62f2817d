#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a Spanish translation uses a word the glossary forbids.

Reads the "Never" column of the table in po/glossary.md (each `code span` is a Python
regular expression) and checks every msgstr (plural forms too) of po/es.po and any
po/es-*.po, header entry excepted, and the Spanish (xml:lang="es") text of the bundled
protocols, where a report to an agency is a «reporte» (the report row is not applied).
Usage: check-glossary.py SOURCE_ROOT"""
import glob
import os
import re
import sys

root = sys.argv[1]
glossary = os.path.join(root, "po", "glossary.md")

rules = []
with open(glossary, encoding="utf-8") as f:
    for line in f:
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or cells[0] == "English":
            continue
        for pattern in re.findall(r"`([^`]+)`", cells[2]):
            rules.append((cells[0], cells[1], re.compile(pattern)))
if len(rules) < 20:
    print(f"{glossary}: only {len(rules)} forbidden patterns found; is the table intact?")
    sys.exit(1)


def entries(path):
    """(line number, msgid, [msgstr texts]) for each entry, in file order."""
    current = None
    field = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                if m.group(1) == "msgid":
                    if current:
                        yield current
                    current = {"line": number, "msgid": "", "msgstr": []}
                field = m.group(1)
                text = m.group(2)
                if field.startswith("msgstr"):
                    current["msgstr"].append(text)
                elif field == "msgid":
                    current["msgid"] = text
            elif line.startswith('"') and current is not None and field is not None:
                text = line[1:-1]
                if field.startswith("msgstr"):
                    current["msgstr"][-1] += text
                elif field == "msgid":
                    current["msgid"] += text
            else:
                field = None
    if current:
        yield current


problems = []
files = [os.path.join(root, "po", "es.po")] + sorted(glob.glob(os.path.join(root, "po", "es-*.po")))
for path in files:
    for entry in entries(path):
        if entry["msgid"] == "":
            continue  # header
        for text in entry["msgstr"]:
            text = text.replace('\\"', '"').replace("\\n", "\n")
            for english, spanish, rule in rules:
                m = rule.search(text)
                if m:
                    problems.append(f"{os.path.relpath(path, root)}:{entry['line']}: «{m.group(0)}» in "
                                    f"«{text.strip()[:90]}»: the glossary says {english} = {spanish}")

import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
for path in sorted(glob.glob(os.path.join(root, "data", "protocols", "*.xml"))):
    for element in ET.parse(path).getroot().iter():
        if element.get(XML_LANG) != "es" or not element.text:
            continue
        for english, spanish, rule in rules:
            if english.startswith("report ("):
                continue
            m = rule.search(element.text)
            if m:
                tag = element.tag.split("}")[-1]
                problems.append(f"{os.path.relpath(path, root)}: <{tag}>: «{m.group(0)}» in "
                                f"«{element.text.strip()[:90]}»: the glossary says {english} = {spanish}")

for p in problems:
    print(p)
if problems:
    print(f"{len(problems)} translations use words po/glossary.md forbids")
    sys.exit(1)
print(f"po/es.po and the protocols follow po/glossary.md ({len(rules)} forbidden patterns checked)")
