#!/usr/bin/env bash
# Fails when a translatable string has no Spanish translation, a translation is fuzzy,
# msgfmt --check complains, or a source file with translatable strings is missing from
# po/POTFILES.in.
set -euo pipefail
src=${1:?source dir}
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

missing=$(grep -rlE '(^|[^a-zA-Z_])N?_\("|translatable="yes"' src ui data --include='*.c' --include='*.ui' 2>/dev/null \
          | while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done || true)
if [ -n "$missing" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$missing"
  exit 1
fi

xgettext --files-from=po/POTFILES.in --directory=. --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --package-name=tipline -o "$tmp/tipline.pot"
# Branches keep their new Spanish in po/es-<area>.po until the lead folds it into es.po.
for po in po/es.po po/es-*.po; do
  [ -e "$po" ] && msgfmt --check -o /dev/null "$po"
done
msgcat --use-first po/es.po po/es-*.po -o "$tmp/es-all.po" 2>/dev/null || cp po/es.po "$tmp/es-all.po"
msgmerge --quiet --no-fuzzy-matching "$tmp/es-all.po" "$tmp/tipline.pot" -o "$tmp/es.po"
stats=$(msgfmt --statistics -o /dev/null "$tmp/es.po" 2>&1)
echo "po/es.po against the current sources: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated --only-fuzzy "$tmp/es.po" 2>/dev/null | grep -E '^msgid' | head -20 || true
    msgattrib --untranslated "$tmp/es.po" | grep -E '^msgid' | head -40
    exit 1 ;;
esac
