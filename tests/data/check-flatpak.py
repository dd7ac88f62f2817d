#!/usr/bin/env python3
"""The Flatpak manifest cannot be built here (no runtime can be downloaded), so check what
can be checked: it parses, every remote source is pinned by commit, each module is named,
the sandbox is as narrow as the app allows, and the pinned versions are the agreed ones."""
import json
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

problems = []
expect = {
    "libsodium": ("1.0.20-RELEASE", "9511c982fb1d046470a8b42aa36556cdb7da15de"),
    "sqlcipher": ("v4.6.1", "c5bd336ece77922433aaf6d6fe8cf203b0c299d5"),
}

if manifest.get("id") != "io.github.tipline.Tipline":
    problems.append("app id is not io.github.tipline.Tipline")
if manifest.get("command") != "tipline":
    problems.append("command is not tipline")

allowed = {"--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--device=dri"}
for arg in manifest.get("finish-args", []):
    if arg not in allowed:
        problems.append(f"finish-arg {arg} is wider than the app needs (no network, no home)")

names = [m.get("name") for m in manifest.get("modules", [])]
if names != ["libsodium", "sqlcipher", "tipline"]:
    problems.append(f"modules are {names}, expected libsodium, sqlcipher, tipline")

for module in manifest.get("modules", []):
    name = module.get("name")
    if not name:
        problems.append("a module has no name")
    for source in module.get("sources", []):
        if source.get("type") == "git":
            commit = source.get("commit", "")
            if len(commit) != 40 or any(c not in "0123456789abcdef" for c in commit):
                problems.append(f"{name}: git source not pinned by a full commit")
            if name in expect and (source.get("tag"), commit) != expect[name]:
                problems.append(f"{name}: pinned to {source.get('tag')} {commit}, expected {expect[name]}")
        elif source.get("type") in ("archive", "file"):
            if not source.get("sha256"):
                problems.append(f"{name}: {source.get('type')} source without sha256")

sqlcipher = next((m for m in manifest["modules"] if m.get("name") == "sqlcipher"), {})
opts = " ".join(sqlcipher.get("config-opts", []))
for flag in ("-DSQLITE_HAS_CODEC", "-DSQLITE_TEMP_STORE=3", "-DSQLITE_SECURE_DELETE",
             "-DSQLITE_ENABLE_FTS3", "--disable-tcl", "-lcrypto"):
    if flag not in opts:
        problems.append(f"sqlcipher: {flag} missing from config-opts")

for p in problems:
    print(f"{path}: {p}")
if problems:
    sys.exit(1)
print(f"{path}: ok ({len(names)} modules, all sources pinned)")
