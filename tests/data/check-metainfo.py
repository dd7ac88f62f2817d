#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What Flathub asks of the metainfo file, checked: `appstreamcli validate --pedantic
--strict` reports nothing but the known exceptions below; the summary is at most 35
characters; the developer has an id; the homepage and bug-tracker URLs, and every
screenshot, live in the repository the app id names (io.github.tipline.Tipline ->
github.com/tipline/Tipline), and each screenshot exists in docs/screenshots; both
branding colours are there and stand out from the icon's blue and from the text
Flathub writes on them; there is a release with a date.

Known exceptions: `cid-contains-uppercase-letter` (pedantic; the id follows the
GitHub repository's spelling, which Flathub accepts), and, on AppStream before 1.0
(Debian 12 has 0.16), `unknown-tag developer` (the <developer> tag is newer than that
validator; Flathub's linter asks for it instead of <developer_name>).

Usage: check-metainfo.py METAINFO SOURCE_ROOT"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

path, root = sys.argv[1], sys.argv[2]
problems = []

# --- appstreamcli ---------------------------------------------------------------
version_text = subprocess.run(["appstreamcli", "--version"], capture_output=True, text=True).stdout
match = re.search(r"(\d+)\.(\d+)", version_text)
as_major = int(match.group(1)) if match else 0
run = subprocess.run(["appstreamcli", "validate", "--no-net", "--pedantic", "--strict", path],
                     capture_output=True, text=True)
allowed = {"cid-contains-uppercase-letter"}
issues = 0
for line in run.stdout.splitlines():
    m = re.match(r"^([EWIP]): [^ ]+ ([a-z0-9-]+)(?: (.*))?$", line)
    if not m:
        continue
    issues += 1
    tag, detail = m.group(2), (m.group(3) or "").strip()
    if tag in allowed:
        continue
    if tag == "unknown-tag" and detail == "developer" and as_major < 1:
        continue
    problems.append(f"appstreamcli: {line.strip()}")
if run.returncode != 0 and issues == 0:
    problems.append(f"appstreamcli failed:\n{run.stdout}{run.stderr}")

# --- content --------------------------------------------------------------------
tree = ET.parse(path).getroot()
app_id = tree.findtext("id", "")
base_id = app_id.removesuffix(".Devel")
parts = base_id.split(".")
if parts[:2] != ["io", "github"] or len(parts) != 4:
    problems.append(f"app id {app_id} does not name a GitHub repository")
repo = f"https://github.com/{parts[2]}/{parts[3]}" if len(parts) == 4 else ""
raw = f"https://raw.githubusercontent.com/{parts[2]}/{parts[3]}/" if len(parts) == 4 else ""

for summary in tree.findall("summary"):
    lang = summary.get("{http://www.w3.org/XML/1998/namespace}lang", "C")
    if len(summary.text or "") > 35:
        problems.append(f"summary ({lang}) is {len(summary.text)} characters, Flathub asks at most 35: {summary.text}")

if tree.find("developer_name") is not None:
    problems.append("<developer_name> is deprecated: use <developer id=...>")
developer = tree.find("developer")
if developer is None or not developer.get("id") or not developer.findtext("name"):
    problems.append("no <developer id=...> with a <name>")
elif developer.get("id") != f"io.github.{parts[2]}":
    problems.append(f"developer id {developer.get('id')} is not io.github.{parts[2]}")

urls = {u.get("type"): (u.text or "").strip() for u in tree.findall("url")}
if urls.get("homepage") != repo:
    problems.append(f"homepage is {urls.get('homepage')}, expected {repo}")
if urls.get("bugtracker") != repo + "/issues":
    problems.append(f"bugtracker is {urls.get('bugtracker')}, expected {repo}/issues")

shots = tree.findall("screenshots/screenshot")
if not shots:
    problems.append("no screenshots")
if sum(1 for s in shots if s.get("type") == "default") != 1:
    problems.append("exactly one screenshot must be the default")
for shot in shots:
    if not shot.findtext("caption"):
        problems.append("a screenshot has no caption")
    for image in shot.findall("image"):
        url = (image.text or "").strip()
        if not url.startswith(raw + "main/docs/screenshots/"):
            problems.append(f"screenshot {url} is not under {raw}main/docs/screenshots/")
            continue
        local = os.path.join(root, url[len(raw + "main/"):])
        if not os.path.isfile(local):
            problems.append(f"screenshot {url} names a file that does not exist: {local}")


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


ICON_BLUE = "#3584e4"   # the icon's main fill (data/icons/hicolor/scalable/apps)
colours = {c.get("scheme_preference"): (c.text or "").strip()
           for c in tree.findall("branding/color") if c.get("type") == "primary"}
for scheme, text in (("light", "#000000"), ("dark", "#ffffff")):
    colour = colours.get(scheme, "")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        problems.append(f"no {scheme} branding colour")
        continue
    if contrast(colour, ICON_BLUE) < 3:
        problems.append(f"{scheme} branding colour {colour} has contrast {contrast(colour, ICON_BLUE):.2f} with the icon, below 3")
    if contrast(colour, text) < 7:
        problems.append(f"{scheme} branding colour {colour} has contrast {contrast(colour, text):.2f} with {text} text, below 7")

releases = tree.findall("releases/release")
if not releases or not all(r.get("version") and r.get("date") for r in releases):
    problems.append("no release with a version and a date")

for p in problems:
    print(f"{path}: {p}")
if problems:
    sys.exit(1)
print(f"{path}: ok (AppStream {as_major}.x, {len(shots)} screenshots, colours {colours})")
