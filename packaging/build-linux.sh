#!/bin/sh
# Build dist/teamkeel_<version>_amd64.deb from this checkout: a PyInstaller one-folder
# bundle under /opt/teamkeel, /usr/bin/teamkeel, the .desktop file, hicolor icons and
# AppStream metainfo. See packaging/README.md.
#
#   packaging/build-linux.sh            # creates build/venv on the first run (needs pip's
#                                       # index once), then builds offline
# Environment: PYTHON (interpreter for the build venv, default python3.11 or python3).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=$ROOT/build
VENV=$BUILD/venv
STAGE=$BUILD/deb
DIST=$ROOT/dist

VERSION=$(PYTHONPATH=src python3 -c 'import teamkeel; print(teamkeel.__version__)')
# Reproducible: every timestamp is the last commit's, hashes are seeded.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0 QT_QPA_PLATFORM=offscreen
RELEASE_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
echo "Keel $VERSION"

# 1. Build venv (separate from any development venv): Keel itself plus PyInstaller.
if [ ! -x "$VENV/bin/pyinstaller" ]; then
    PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet . "pyinstaller>=6.10,<7" setuptools wheel
else
    # Refresh Keel only, offline: its dependencies are already in the venv.
    "$VENV/bin/pip" install --quiet --no-index --no-deps --no-build-isolation \
        --force-reinstall .
fi

# 2. Icons: PNGs 16..512 (and .ico/.icns for the other platforms) from the SVG.
rm -rf "$BUILD/icons"
"$VENV/bin/python" packaging/render_icons.py resources/icons/keel.svg "$BUILD/icons"

# 3. The one-folder bundle.
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$BUILD/bundle" --workpath "$BUILD/pyinstaller" packaging/teamkeel.spec

# 4. The package tree.
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/metainfo" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
    "$STAGE/usr/share/doc/teamkeel" "$STAGE/usr/share/man/man1" \
    "$STAGE/usr/share/lintian/overrides"
cp -a "$BUILD/bundle/teamkeel" "$STAGE/opt/teamkeel"
ln -s /opt/teamkeel/teamkeel "$STAGE/usr/bin/teamkeel"
cp resources/teamkeel.desktop "$STAGE/usr/share/applications/teamkeel.desktop"
cp resources/icons/keel.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/teamkeel.svg"
cp -r "$BUILD/icons/hicolor/." "$STAGE/usr/share/icons/hicolor/"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$RELEASE_DATE/" \
    packaging/linux/io.github.teamkeel.metainfo.xml \
    > "$STAGE/usr/share/metainfo/io.github.teamkeel.metainfo.xml"
sed -e "s/@VERSION@/$VERSION/" packaging/linux/teamkeel.1 \
    | gzip -9n > "$STAGE/usr/share/man/man1/teamkeel.1.gz"
cp packaging/linux/lintian-overrides "$STAGE/usr/share/lintian/overrides/teamkeel"
cp packaging/linux/copyright "$STAGE/usr/share/doc/teamkeel/copyright"
sed -e "s/@VERSION@/$VERSION/" \
    -e "s/@DATE@/$(date -u -R -d "@$SOURCE_DATE_EPOCH")/" packaging/linux/changelog \
    | gzip -9n > "$STAGE/usr/share/doc/teamkeel/changelog.gz"

# Debian's permissions: no group/other write bits, executables 755, data 644.
find "$STAGE" -type d -exec chmod 0755 {} +
find "$STAGE" -type f -exec chmod 0644 {} +
find "$STAGE/opt/teamkeel" -type f \( -name '*.so' -o -name '*.so.*' \) -exec chmod 0644 {} +
chmod 0755 "$STAGE/opt/teamkeel/teamkeel"

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$INSTALLED_KB/" \
    packaging/linux/control > "$STAGE/DEBIAN/control"
find "$STAGE" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +

# 5. The package.
mkdir -p "$DIST"
DEB=$DIST/teamkeel_${VERSION}_amd64.deb
dpkg-deb --build --root-owner-group -Zxz "$STAGE" "$DEB"
echo "$DEB: $(du -k "$DEB" | cut -f1) kB, installed $INSTALLED_KB kB"
