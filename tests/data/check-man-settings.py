#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a GSettings key of the app is not described in tipline(1)'s SETTINGS section.

Usage: check-man-settings.py SCHEMA.gschema.xml.in tipline.1"""
import re
import sys
import xml.etree.ElementTree as ET

schema, page = sys.argv[1], sys.argv[2]
keys = [k.get("name") for k in ET.parse(schema).getroot().iter("key")]
text = open(page, encoding="utf-8").read()
m = re.search(r"^\.SH SETTINGS$(.*?)^\.SH ", text, re.S | re.M)
section = (m.group(1) if m else "").replace("\\-", "-")
missing = [k for k in keys if not re.search(rf"^\.(?:B|BR) .*\b{re.escape(k)}\b", section, re.M)]
if missing:
    print(f"{page}: SETTINGS does not describe {', '.join(missing)}")
    sys.exit(1)
print(f"{page}: all {len(keys)} settings described")
