"""Right-to-left names inside left-to-right sentences in PDFs: each name is shaped on
its own, the sentence keeps the document's order (issue 15 item 11)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from teamkeel.core.pdf import fonts
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.rotations.files import export_rotation
from teamkeel.core.rotations.planner import Kind
from teamkeel.core.rotations.records import RotationSpec
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile

LAYLA = "ليلى الحداد"
ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def _words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(y, x0, x1, word) of every word poppler finds, as drawn on the page."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>', html
    )
    return [(float(y), float(x0), float(x1), w) for x0, y, x1, w in found]


def _neighbours(words: list[tuple[float, float, float, str]], at: int) -> tuple[str, str]:
    """The words drawn just before and just after word ``at`` in the same cell (a gap
    wider than a few spaces is another cell)."""
    y, x0, x1, _w = words[at]
    line = [w for w in words if abs(w[0] - y) < 1]
    left = [w for w in line if w[2] <= x0 and x0 - w[2] < 8]
    right = [w for w in line if w[1] >= x1 and w[1] - x1 < 8]
    return (max(left)[3] if left else "", min(right, key=lambda w: w[1])[3] if right else "")


def test_a_sentence_that_starts_with_an_arabic_name_keeps_its_order() -> None:
    drawn = fonts.display_order(f"{LAYLA} reviews Ana Lima")
    before, after = drawn.split(" reviews ")
    assert ARABIC.search(before) and after == "Ana Lima"
    pair = fonts.display_order(f"{fonts.isolate('ليلى')} & {fonts.isolate('فاطمة')}")
    assert "\u2068" not in pair and pair.index("&") > 0
    # Each name shaped on its own: the first name drawn is the first name written.
    assert pair.split(" & ")[0] == fonts.display_order("ليلى")


def test_cross_check_lines_in_the_rotation_pdf_read_reviewer_reviews_author(
    team: TeamFile, tmp_path: Path
) -> None:
    roster = RosterService(team)
    for name in (LAYLA, "Ana Lima", "Bo Lindqvist"):
        roster.add(Member(name))
    service = RotationService(team)
    spec = service.save(RotationSpec(name="Reviews", kind=Kind.CROSS_CHECK,
                                     start_date=dt.date(2026, 3, 2)))  # fmt: skip
    assert spec.id is not None
    rounds = service.plan(spec.id, 3)
    directed = {(g.members[0], g.members[1]) for r in rounds for g in r.groups}
    layla = next(m.id for m in roster.list_members() if m.name == LAYLA)
    assert any(reviewer == layla for reviewer, _author in directed)
    out = tmp_path / "reviews.pdf"
    export_rotation(team, spec.id, out)
    words = _words(out)
    reviews = [
        i
        for i, w in enumerate(words)
        if w[3] == "reviews" and _neighbours(words, i) != ("Who", "whose")
    ]
    assert reviews
    for at in reviews:
        before, after = _neighbours(words, at)
        # "<reviewer> reviews <author>": a name's last word before, a first word after.
        assert before in ("Lima", "Lindqvist") or ARABIC.search(before), (before, after)
        assert after in ("Ana", "Bo") or ARABIC.search(after), (before, after)
