"""How long exporting the compact PDF takes on the demo file.

Usage: python benchmarks/compact_pdf.py [--size small|large] [--runs N]

Prints the first export (which registers and parses the fonts once per process), the
median of the following exports, and the time to render the page for the tab's
preview. Nothing is asserted: figures only.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from teamkeel.core.compact import CompactService
from teamkeel.core.demo import create_demo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "large"), default="small")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        team = create_demo(Path(tmp) / "demo.keel", args.size)
        try:
            service = CompactService(team)
            compact = service.for_print()
            out = Path(tmp) / "compact.pdf"

            start = time.perf_counter()
            pages = service.export_pdf(out)
            first = time.perf_counter() - start

            timings = {}
            for page_size in ("A4", "Letter"):
                runs = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    service.export_pdf(out, page_size=page_size)
                    runs.append(time.perf_counter() - start)
                timings[page_size] = runs

            buffer = io.BytesIO()
            service.export_pdf(buffer)
            render = _render_time(buffer.getvalue(), args.runs)
        finally:
            team.close()

    print(
        f"demo size: {args.size}; {compact.label}, {len(compact.commitments)} commitments, "
        f"{len(compact.signatures)} signatories, {pages} page(s), {out.name} "
        f"{len(buffer.getvalue()) / 1024:.0f} KiB"
    )
    print(f"first export (includes font loading): {first * 1000:7.1f} ms")
    for page_size, runs in timings.items():
        print(
            f"export {page_size:<6} median of {len(runs):>3}: {statistics.median(runs) * 1000:7.1f} ms "
            f"(min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f})"
        )
    if render is not None:
        print(f"preview render (pypdfium2, 900 px wide) median: {render * 1000:7.1f} ms")


def _render_time(pdf: bytes, runs: int) -> float | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        document = pdfium.PdfDocument(pdf)
        page = document[0]
        page.render(scale=900 / page.get_size()[0])
        page.close()
        document.close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    main()
