#!/usr/bin/env python3
"""The Flatpak manifest cannot be built here (no runtime can be downloaded), so check what
can be checked: it parses, every remote source is pinned by commit, each module is named,
the sandbox is as narrow as the app allows, the pinned versions are the agreed ones, the
runtime is a supported GNOME one, SQLCipher's options are the ones that take effect (see
effective_temp_store), its shell is not shipped, and the app's own source is one a
Flathub build can fetch (a git tag of the repository the app id names). The manifest for
building the working tree (….local.json) must be the same but for that source.

Usage: check-flatpak.py MANIFEST [LOCAL_MANIFEST]"""
import json
import re
import shlex
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

problems = []

# GNOME runtimes are supported for a year: 49 ended when 51 came out (September 2026).
SUPPORTED_GNOME = {"50", "51"}
if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
    problems.append("runtime is not org.gnome.Platform with org.gnome.Sdk")
if manifest.get("runtime-version") not in SUPPORTED_GNOME:
    problems.append(f"runtime-version {manifest.get('runtime-version')} is not a supported GNOME runtime {sorted(SUPPORTED_GNOME)}")
expect = {
    "libsodium": ("1.0.20-RELEASE", "9511c982fb1d046470a8b42aa36556cdb7da15de"),
    "sqlcipher": ("v4.6.1", "c5bd336ece77922433aaf6d6fe8cf203b0c299d5"),
    # issue 20: attachment metadata (EXIF); poppler (not in the GNOME runtime) is an
    # archive pinned by its sha256
    "libexif": ("v0.6.24", "5bc74ae756f01bba42e73281fad67053bc7ac5f7"),
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
if names != ["libsodium", "sqlcipher", "libexif", "poppler", "tipline"]:
    problems.append(f"modules are {names}, expected libsodium, sqlcipher, libexif, poppler, tipline")

for module in manifest.get("modules", []):
    name = module.get("name")
    if not name:
        problems.append("a module has no name")
    for source in module.get("sources", []):
        if source.get("type") == "git" and name == "tipline":
            continue  # a tag of this repository; its commit is not known before the tag
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
config_opts = sqlcipher.get("config-opts", [])
build_options = sqlcipher.get("build-options", {})
cflags = shlex.split(build_options.get("cflags", ""))

# Flags go in build-options, where flatpak-builder adds them to the SDK's optimisation
# and hardening flags; CFLAGS= in config-opts would replace those.
for opt in config_opts:
    if re.match(r"^(CFLAGS|CPPFLAGS|LDFLAGS)=", opt):
        problems.append(f"sqlcipher: {opt.split('=')[0]} in config-opts replaces the SDK's flags: use build-options")
for key in ("cflags-override", "cppflags-override", "ldflags-override"):
    if build_options.get(key):
        problems.append(f"sqlcipher: build-options {key} drops the SDK's flags")
for flag in ("-DSQLITE_HAS_CODEC", "-DSQLITE_SECURE_DELETE", "-DSQLITE_ENABLE_FTS3",
             "-DSQLITE_ENABLE_FTS3_PARENTHESIS"):
    if flag not in cflags:
        problems.append(f"sqlcipher: {flag} missing from build-options cflags")
if "-lcrypto" not in shlex.split(build_options.get("ldflags", "")):
    problems.append("sqlcipher: -lcrypto missing from build-options ldflags")
if "--disable-tcl" not in config_opts:
    problems.append("sqlcipher: --disable-tcl missing from config-opts")


def effective_temp_store(config_opts, cflags):
    """SQLCipher's Makefile compiles the library with $(CFLAGS) first and then
    -DSQLITE_TEMP_STORE=@TEMP_STORE@ from configure's --enable-tempstore (never 0,
    no 1, yes 2, always 3; no option: 1), so the later definition wins whatever
    CFLAGS says. Checked against a build of v4.6.1: PRAGMA compile_options reports
    the configure value (docs/store-format.md)."""
    mapping = {"never": 0, "no": 1, "yes": 2, "always": 3}
    value = 1
    for opt in config_opts:
        m = re.match(r"^--(enable|disable)-tempstore(?:=(.*))?$", opt)
        if m:
            value = 1 if m.group(1) == "disable" else mapping.get(m.group(2) or "yes", 1)
    return value


temp_store = effective_temp_store(config_opts, cflags)
if temp_store != 3:
    problems.append(f"sqlcipher: temporary tables end up with SQLITE_TEMP_STORE={temp_store}; "
                    "--enable-tempstore=always is the setting that keeps them in memory")
for flag in cflags:
    m = re.match(r"^-DSQLITE_TEMP_STORE=(\d+)$", flag)
    if m and int(m.group(1)) != temp_store:
        problems.append(f"sqlcipher: {flag} in cflags is overridden by --enable-tempstore (effective {temp_store})")

# The sqlcipher shell must not be installed into the app.
cleanup = manifest.get("cleanup", []) + sqlcipher.get("cleanup", [])
if not any(c in ("/bin", "/bin/sqlcipher", "/bin/*") for c in cleanup):
    problems.append("sqlcipher: the sqlcipher shell in /app/bin is not cleaned up")

# The app's own source: a tag of the repository the app id names.
parts = manifest.get("id", "").split(".")
repo_url = f"https://github.com/{parts[2]}/{parts[3]}.git" if len(parts) == 4 else ""
tipline = next((m for m in manifest["modules"] if m.get("name") == "tipline"), {})
sources = tipline.get("sources", [])
if len(sources) != 1 or sources[0].get("type") != "git" or sources[0].get("url") != repo_url \
        or not re.fullmatch(r"v\d+\.\d+\.\d+", sources[0].get("tag", "")):
    problems.append(f"tipline: the source must be a git tag vX.Y.Z of {repo_url} (a dir source cannot be built by Flathub)")

if len(sys.argv) > 2:
    local_path = sys.argv[2]
    with open(local_path, encoding="utf-8") as f:
        local = json.load(f)
    local_tipline = next((m for m in local.get("modules", []) if m.get("name") == "tipline"), {})
    if local_tipline.get("sources") != [{"type": "dir", "path": ".."}]:
        problems.append(f"{local_path}: the tipline source must be the working tree (dir ..)")
    local_tipline["sources"] = tipline.get("sources")
    if local != manifest:
        problems.append(f"{local_path} differs from {path} in more than the tipline source")

for p in problems:
    print(f"{path}: {p}")
if problems:
    sys.exit(1)
print(f"{path}: ok ({len(names)} modules, all sources pinned)")
