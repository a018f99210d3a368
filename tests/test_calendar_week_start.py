"""The PDF calendar's month grids begin the week where the lead's calendar does: the
window's Preferences → Week starts on, the command line's --week-start, else the locale.
Read back from the PDF: the weekday header row and the column the 1st falls in."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core import i18n

# March 2026 begins on a Sunday: Monday-first puts the 1 in the last column.
MARCH = ["--from", "2026-03-01", "--to", "2026-03-31"]


def first_page_header(pdf: Path) -> list[str]:
    """The weekday names above the first month grid, left to right."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    names = {i18n.day_name(d, "abbreviated") for d in range(7)}
    for line in text.splitlines():
        words = line.split()
        if len(words) == 7 and set(words) == names:
            return words
    raise AssertionError(f"no weekday row on page 1:\n{text}")


def day_names(*weekdays: int) -> list[str]:
    return [i18n.day_name(d, "abbreviated") for d in weekdays]


@pytest.mark.parametrize(
    ("week_start", "first"),
    [("monday", 0), ("sunday", 6), ("saturday", 5)],
)
def test_command_line_week_start_orders_the_month_grid(
    demo_path: Path, tmp_path: Path, week_start: str, first: int
) -> None:
    out = tmp_path / "march.pdf"
    args = ["export", "calendar", *MARCH, "--week-start", week_start]
    assert main([*args, "--db", str(demo_path), "--out", str(out)]) == 0
    assert first_page_header(out) == day_names(*((first + i) % 7 for i in range(7)))


def test_without_week_start_the_locale_decides(
    monkeypatch: pytest.MonkeyPatch, demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "march.pdf"
    for language, locale, first in (("de", "de_DE.UTF-8", 0), ("en", "en_US.UTF-8", 6)):
        monkeypatch.setenv(i18n.ENV_OVERRIDE, language)
        monkeypatch.setenv("LANG", locale)
        i18n.set_language()
        try:
            args = ["export", "calendar", *MARCH, "--db", str(demo_path), "--out", str(out)]
            assert main(args) == 0
            assert first_page_header(out)[0] == day_names(first)[0], language
        finally:
            monkeypatch.setenv(i18n.ENV_OVERRIDE, "en")
            monkeypatch.delenv("LANG")
            i18n.set_language()


def test_the_windows_week_start_reaches_the_pdf(
    qtbot, window, prompts, demo_path: Path, tmp_path: Path
) -> None:
    from teamkeel.ui import options

    settings = options.settings_in_use()
    assert window.open_file(demo_path)
    tab = window.tab("calendar")
    try:
        for choice, first in (("sunday", 6), ("monday", 0)):
            options.WEEK_START.write(settings, choice)
            out = tmp_path / f"{choice}.pdf"
            count = len(prompts.infos)
            tab.write_calendar(out, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
            qtbot.waitUntil(lambda n=count: len(prompts.infos) > n, timeout=60_000)
            assert first_page_header(out) == day_names(*((first + i) % 7 for i in range(7)))
    finally:
        settings.remove(options.WEEK_START.key)
