"""Render Keel's SVG icon to the hicolor PNG sizes, and to .ico/.icns for Windows/macOS.

    QT_QPA_PLATFORM=offscreen build/venv/bin/python packaging/render_icons.py SVG OUTDIR

Writes OUTDIR/hicolor/<N>x<N>/apps/teamkeel.png for N in 16..512, plus
OUTDIR/teamkeel.ico and OUTDIR/teamkeel.icns. Uses Qt's own SVG renderer (already in
the build venv), so no other tool is needed and every build draws the same pixels.
"""

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int, path: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")


def main() -> None:
    svg, out = Path(sys.argv[1]), Path(sys.argv[2])
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage painting needs one)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    for size in SIZES:
        render(renderer, size, out / "hicolor" / f"{size}x{size}" / "apps" / "teamkeel.png")
    largest = Image.open(out / "hicolor" / "512x512" / "apps" / "teamkeel.png")
    largest.save(out / "teamkeel.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(out / "teamkeel.icns")


if __name__ == "__main__":
    main()
