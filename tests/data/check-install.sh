#!/usr/bin/env bash
# Installs the build into a fresh DESTDIR and runs what was installed, away from the build
# and source folders: the binaries, their compiled-in resources, the installed protocols,
# translations, settings schema, desktop file, metainfo, icons and man pages.
#
# check-install.sh BUILD_ROOT SOURCE_ROOT APP_ID BUILD_APP BINDIR DATADIR LOCALEDIR MANDIR
# (the four folders absolute, with the prefix)
set -euo pipefail
build=$1 src=$2 app_id=$3 build_app=$4 bindir=$5 datadir=$6 localedir=$7 mandir=$8

# A folder of its own: other tests run at the same time.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tipline-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/no-locale"

fail() { echo "FAIL: $*" >&2; exit 1; }

meson install -C "$build" --no-rebuild --destdir "$root" >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; fail "meson install"; }

expect=(
  "$bindir/tipline-cli"
  "$datadir/tipline/protocols/national.xml"
  "$datadir/tipline/protocols/us-ms.xml"
  "$datadir/tipline/protocols/us-nm.xml"
  "$datadir/tipline/schemas/protocol.rng"
  "$datadir/tipline/schemas/tip.rng"
  "$localedir/es/LC_MESSAGES/tipline.mo"
  "$mandir/man1/tipline-cli.1"
)
if [ "$build_app" = true ]; then
  expect+=(
    "$bindir/tipline"
    "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
    "$datadir/applications/$app_id.desktop"
    "$datadir/metainfo/$app_id.metainfo.xml"
    "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
    "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
    "$mandir/man1/tipline.1"
  )
fi
for f in "${expect[@]}"; do
  [ -f "$root$f" ] || fail "$f was not installed"
done
echo "installed: ${#expect[@]} files checked"

# Run from a folder that is neither the build nor the source tree, with a clean home and
# nothing pointing back at the build (the test environment sets TIPLINE_LOCALEDIR to it).
cd "$tmp"
run() {
  env -u TIPLINE_LOCALEDIR -u TIPLINE_STORE -u GSETTINGS_SCHEMA_DIR -u G_TEST_SRCDIR -u G_TEST_BUILDDIR \
    HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8 "$@"
}
cli=$root$bindir/tipline-cli
tip=$tmp/tip.xml
cp "$src/tests/fixtures/tip-nm-minor.xml" "$tip"

version=$(run "$cli" --version)
[ "$version" = "tipline-cli $(meson introspect --projectinfo "$build" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" ] \
  || fail "--version printed \"$version\""
echo "$version"
if [ "$build_app" = true ]; then
  # --version is handled before GTK opens a display.
  app_version=$(run "$root$bindir/tipline" --version) || fail "tipline --version exited with $?"
  [ "$app_version" = "tipline ${version#tipline-cli }" ] || fail "tipline --version printed \"$app_version\""
  echo "$app_version"
fi

# The bundled protocols are compiled in; the installed copies must be valid ones too.
run "$cli" validate-protocol "$root$datadir"/tipline/protocols/*.xml \
  || fail "the installed protocols do not validate"

out=$(run LANGUAGE=en "$cli" route "$tip") || fail "route (English) exited with $?"
grep -q '^Protocol: .*(us-nm)' <<<"$out" || { echo "$out"; fail "route did not use the New Mexico protocol"; }
grep -q '^1\. ' <<<"$out" || { echo "$out"; fail "route printed no steps"; }

# Spanish from the installed catalogue. The installed binary looks in LOCALEDIR under the
# prefix, which is not there yet; TIPLINE_LOCALEDIR points it into DESTDIR.
out=$(run LANGUAGE=es TIPLINE_LOCALEDIR="$root$localedir" "$cli" route "$tip") || fail "route (Spanish) exited with $?"
grep -q '^Protocolo: .*(us-nm), versión' <<<"$out" || { echo "$out"; fail "route did not speak Spanish with the installed translations"; }
grep -q 'Por qué:' <<<"$out" || { echo "$out"; fail "route's own messages are not in Spanish"; }
# ... and it is the installed catalogue that does it: without one, the messages are English.
out=$(run LANGUAGE=es TIPLINE_LOCALEDIR="$tmp/no-locale" "$cli" route "$tip")
grep -q '^Protocol: ' <<<"$out" || { echo "$out"; fail "Spanish without a catalogue?"; }
echo "route: English, Spanish from $localedir/es"

if [ "$build_app" = true ]; then
  # Settings: compile the installed schema where GLib will look for it.
  schemas=$root$datadir/glib-2.0/schemas
  glib-compile-schemas --strict "$schemas" || fail "the installed schema does not compile"
  delay=$(GSETTINGS_SCHEMA_DIR=$schemas GSETTINGS_BACKEND=memory gsettings get "$app_id" auto-lock-delay) \
    || fail "no settings schema $app_id"
  [ "$delay" = "uint32 5" ] || fail "auto-lock-delay is $delay"
  echo "settings: $app_id"

  run GSETTINGS_SCHEMA_DIR="$schemas" "$root$bindir/tipline" --help >/dev/null || fail "tipline --help"

  desktop=$root$datadir/applications/$app_id.desktop
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || fail "the installed desktop file"
  fi
  grep -qx 'Exec=tipline' "$desktop" || fail "the desktop file does not run tipline"
  grep -qx "Icon=$app_id" "$desktop" || fail "the desktop file's icon is not $app_id"
  # Spanish in the desktop file once po/es.po holds its strings (po/es-desktop.po until then)
  if grep -q '^msgid "Trafficking Tip Line"' "$src/po/es.po"; then
    # meson does not merge again when only a .po file changed (mesonbuild/meson#2621)
    grep -q '^GenericName\[es\]=' "$desktop" \
      || fail "no Spanish in the installed desktop file; if po/es.po changed after the last build, delete $build/data/*.desktop and $build/data/*.metainfo.xml and build again"
  else
    echo "note: po/es.po has no Spanish for the desktop file yet"
  fi
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$root$datadir/metainfo/$app_id.metainfo.xml" >/dev/null \
      || fail "the installed metainfo"
  fi
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$root$datadir/metainfo/$app_id.metainfo.xml" \
    || fail "the metainfo does not launch $app_id.desktop"
  echo "desktop: $app_id.desktop, metainfo, icons"
fi

echo "install: ok"
