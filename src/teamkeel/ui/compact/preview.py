"""A live picture of the printed compact: the real PDF, rendered page by page.

Rendering uses QtPdf when this PySide6 build has it, otherwise pypdfium2; without
either the preview says so and export still works.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from teamkeel.core.i18n import N_, _
from teamkeel.ui import theme

NO_RENDERER = N_("The preview needs pypdfium2 (or QtPdf); export still works.")


# PDFium is not thread-safe, and previews are rendered on workers (two edits in quick
# succession start two): one render at a time.
_PDFIUM = threading.Lock()


def render_pages(pdf: bytes, width_px: int) -> list[QImage]:
    """Each page of ``pdf`` as an image ``width_px`` wide (empty if no renderer)."""
    try:
        import pypdfium2  # noqa: F401 - is it there?
    except ImportError:  # pragma: no cover - depends on the installation
        return _render_with_qtpdf(pdf, width_px)
    with _PDFIUM:
        return _render_with_pdfium(pdf, width_px)


def _render_with_pdfium(pdf: bytes, width_px: int) -> list[QImage]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in document:
            page_width, _ = page.get_size()
            bitmap = page.render(scale=width_px / page_width)
            fmt = (
                QImage.Format.Format_BGR888 if bitmap.mode == "BGR" else QImage.Format.Format_ARGB32
            )
            image = QImage(
                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt
            ).copy()  # own the pixels: the bitmap's buffer goes away with the page
            images.append(image)
            page.close()
    finally:
        document.close()
    return images


def _render_with_qtpdf(pdf: bytes, width_px: int) -> list[QImage]:  # pragma: no cover
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QSize
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return []
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    images = []
    for i in range(document.pageCount()):
        size = document.pagePointSize(i)
        height = int(width_px * size.height() / size.width())
        images.append(document.render(i, QSize(width_px, height)))
    return images


class PagePreview(QScrollArea):
    """Pages stacked vertically on a grey desk, each with a soft shadow."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compact_preview")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            f"QScrollArea#compact_preview, #compact_desk {{ background: {theme.DESK}; }}"
        )
        desk = QWidget()
        desk.setObjectName("compact_desk")
        self._layout = QVBoxLayout(desk)
        self._layout.setContentsMargins(18, 18, 18, 18)
        self._layout.setSpacing(18)
        self._note = QLabel(_(NO_RENDERER))
        self._note.setWordWrap(True)
        self._note.hide()
        self._layout.addWidget(self._note)
        self._layout.addStretch(1)
        self.setWidget(desk)
        self._pages: list[QLabel] = []
        self._pdf = b""
        self.page_count = 0

    def show_pdf(self, pdf: bytes) -> None:
        self._pdf = pdf
        self._render()

    def render_width(self) -> int:
        """How many pixels wide a page is rendered for the space the preview has."""
        width = max(200, self.viewport().width() - 36 - self.verticalScrollBar().sizeHint().width())
        return int(width * self.devicePixelRatioF())

    def show_pages(self, pdf: bytes, images: list[QImage], problem: str = "") -> None:
        """Pages rendered elsewhere (a worker) from ``pdf``; ``problem`` if it failed."""
        self._pdf = pdf
        self._note.setText(
            _("No preview: {problem}").format(problem=problem) if problem else _(NO_RENDERER)
        )
        self._show_images(images)

    def _render(self) -> None:
        images = render_pages(self._pdf, self.render_width()) if self._pdf else []
        self._show_images(images)

    def _show_images(self, images: list[QImage]) -> None:
        ratio = self.devicePixelRatioF()
        self.page_count = len(images)
        self._note.setVisible(bool(self._pdf or self._note.text() != _(NO_RENDERER)) and not images)
        # Reuse the page labels: replacing widgets on every edit would flicker.
        while len(self._pages) < len(images):
            page = QLabel()
            shadow = QGraphicsDropShadowEffect(page)
            shadow.setBlurRadius(14)
            shadow.setOffset(0, 2)
            page.setGraphicsEffect(shadow)
            self._layout.insertWidget(
                len(self._pages), page, alignment=Qt.AlignmentFlag.AlignHCenter
            )
            self._pages.append(page)
        while len(self._pages) > len(images):
            page = self._pages.pop()
            page.hide()
            self._layout.removeWidget(page)
            page.deleteLater()
        for i, (page, image) in enumerate(zip(self._pages, images, strict=True)):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            page.setObjectName(f"preview_page_{i + 1}")
            page.setPixmap(pixmap)
            page.setAccessibleName(
                _("Printed page {number} of {count}").format(number=i + 1, count=len(images))
            )
            page.show()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # A window resized while this tab was hidden leaves the desk's layout at its old,
        # wider geometry: the pages would sit off centre, cut at the right edge.
        self._layout.invalidate()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._pdf and event.oldSize().width() != event.size().width():
            self._render()
