#!/bin/sh
# Install the built .deb, run the installed Keel through its window (offscreen), the demo
# and every PDF export, check that each PDF is there and not empty, then remove the
# package. Needs root (apt-get). .ci/run builds and runs it when the machine is a Debian
# one and CI runs as root; by hand:
#     packaging/build-linux.sh && sudo packaging/smoke-test.sh
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEB=$(ls "$ROOT"/dist/teamkeel_*_amd64.deb | tail -n 1)
WORK=$(mktemp -d /tmp/teamkeel-smoke.XXXXXX)
export QT_QPA_PLATFORM=offscreen
export HOME="$WORK/home"  # settings, logs and backups land in a throwaway home
mkdir -p "$HOME"

cleanup() {
    apt-get remove -y teamkeel >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== installing $DEB"
apt-get install -y "$DEB" >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; exit 1; }

# The installed program, not one from a venv or the checkout.
KEEL=/usr/bin/teamkeel
cd "$WORK"
unset PYTHONPATH PYTHONHOME

fail() { echo "FAIL: $*"; exit 1; }
check_pdf() {
    [ -s "$1" ] || fail "$1 missing or empty"
    head -c 5 "$1" | grep -q '%PDF-' || fail "$1 is not a PDF"
    echo "ok   $1 ($(wc -c <"$1") bytes)"
}

echo "== version"
"$KEEL" --version | tee version.txt
grep -q "$(basename "$DEB" | cut -d_ -f2)" version.txt || fail "--version does not match the package"

echo "== demo (migrations from inside the bundle)"
"$KEEL" demo --db team.keel >/dev/null
"$KEEL" check --db team.keel

echo "== every PDF export (fonts from inside the bundle)"
"$KEEL" export compact --db team.keel --out compact.pdf
check_pdf compact.pdf
"$KEEL" export calendar --db team.keel --out calendar.pdf
check_pdf calendar.pdf
"$KEEL" export facilitation-cards --db team.keel --out cards.pdf
check_pdf cards.pdf
"$KEEL" export report --db team.keel --out report.pdf
check_pdf report.pdf
"$KEEL" rotations list --db team.keel | sed 's/ — .*//' >rotations.txt
while IFS= read -r rotation; do
    out="rotation-$(echo "$rotation" | tr -c 'A-Za-z0-9\n' '-').pdf"
    "$KEEL" export rotations --db team.keel --rotation "$rotation" --out "$out"
    check_pdf "$out"
done <rotations.txt
[ -s rotations.txt ] || fail "the demo has no rotations"

echo "== JSON export (schema from inside the bundle)"
"$KEEL" export json --db team.keel --out team.json
[ -s team.json ] || fail "team.json missing or empty"

echo "== German (catalogs and Qt's own translation from inside the bundle)"
LANG=de_DE.UTF-8 "$KEEL" --help | grep -q '^Aufruf: teamkeel' || fail "--help is not German under LANG=de_DE"
LANG=de_DE.UTF-8 "$KEEL" export compact --db team.keel --out compact-de.pdf | tee compact-de.txt
grep -q 'Fassung' compact-de.txt || fail "the export message is not German"
check_pdf compact-de.pdf
if command -v pdftotext >/dev/null; then
    pdftotext compact-de.pdf - | grep -q 'Unsere Zusagen' || fail "the German compact PDF is not German"
    echo "ok   compact-de.pdf is German"
fi
[ -s /opt/teamkeel/_internal/PySide6/Qt/translations/qtbase_de.qm ] \
    || fail "Qt's German translation (standard dialogs) is missing from the bundle"

echo "== the window, on every tab"
for tab in journey roster compact calendar rotations standup insights; do
    "$KEEL" shot --db team.keel --tab "$tab" --out "shot-$tab.png"
    [ -s "shot-$tab.png" ] || fail "shot-$tab.png missing or empty"
    echo "ok   shot-$tab.png"
done

echo "== the window as a user starts it (until its first frame)"
TEAMKEEL_STARTUP_PROBE=1 "$KEEL" --db team.keel | grep -q '^shown ' || fail "window not shown"
echo "ok   window shown"

echo "== desktop integration files"
for f in /usr/share/applications/teamkeel.desktop \
    /usr/share/metainfo/io.github.teamkeel.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/teamkeel.svg \
    /usr/share/icons/hicolor/512x512/apps/teamkeel.png; do
    [ -s "$f" ] || fail "$f missing"
done

echo "PASS: installed Keel works ($(dpkg-query -W -f='${Version}' teamkeel))"
