"""The printed compact, read back: content, page flow, fonts, any script, the CLI."""

import dataclasses
import datetime as dt
import re
import subprocess

import pytest
from pypdf import PdfReader

from teamkeel.cli import main
from teamkeel.core.compact import CompactService, Signature
from teamkeel.core.compact.document import Commitment, Compact, SignatureLine
from teamkeel.core.compact.pdf import write_pdf
from teamkeel.core.roster import Member, RosterService

D = dt.date


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pages_text(path) -> list[str]:
    """Text of each page as poppler extracts it, whitespace collapsed."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [_flat(page) for page in out.split("\f") if page.strip()]


def _fonts(path) -> dict[str, bool]:
    found = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile" in descriptor
    return found


def _commitments(count: int, words: int = 20) -> tuple[Commitment, ...]:
    filler = [
        "we",
        "help",
        "each",
        "other",
        "early",
        "and",
        "often",
        "so",
        "that",
        "nobody",
        "carries",
        "a",
        "problem",
        "alone",
    ]
    return tuple(
        Commitment(
            statement=f"Commitment {i}: "
            + " ".join(filler[(i + k) % len(filler)] for k in range(words))
            + ".",
            theme=("communication", "reciprocity", "psychological safety")[i % 3],
            norm_value=float(i) if i % 2 else None,
            norm_unit="hours per week" if i % 2 else "",
        )
        for i in range(1, count + 1)
    )


def _version(count: int, words: int = 20, signers: int = 10) -> Compact:
    return Compact(
        purpose="We do our best work when nobody carries a problem alone; this is how we "
        "promise to look out for one another, ask early and answer generously.",
        commitments=_commitments(count, words),
        signatures=tuple(Signature(i, f"Member {i}", D(2026, 3, 1)) for i in range(signers)),
        number=2,
        ratified_on=D(2026, 3, 2),
        next_review=D(2026, 6, 2),
        team_name="Harbour Crew",
    )


def _lines(c: Compact) -> list[SignatureLine]:
    return [SignatureLine(s.name, s.signed_on) for s in c.signatures]


def test_demo_pdf_holds_every_commitment_norm_and_signatory(demo_team, tmp_path):
    service = CompactService(demo_team)
    version = service.latest()
    out = tmp_path / "compact.pdf"
    assert service.export_pdf(out) == 1

    text = " ".join(_pages_text(out))
    for commitment in version.commitments:
        assert _flat(commitment.statement) in text
        if commitment.norm:
            assert f"Norm: {commitment.norm}" in text
    for signature in version.signatures:
        assert signature.name in text
    assert f"Version {version.number}" in text
    assert "Team Support Compact" in text

    reader = PdfReader(out)
    assert reader.metadata.title == f"Team Support Compact — {service.team_name()}"
    assert reader.metadata.author == service.team_name()
    fonts = _fonts(out)
    assert fonts and all(fonts.values()), fonts


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_twelve_commitments_and_ten_signatories_fit_one_page(tmp_path, page_size):
    version = _version(12)
    out = tmp_path / "twelve.pdf"
    assert write_pdf(version, _lines(version), out, page_size=page_size) == 1
    assert len(PdfReader(out).pages) == 1
    width = float(PdfReader(out).pages[0].mediabox.width)
    assert width == pytest.approx(612 if page_size == "Letter" else 595.3, abs=0.5)


@pytest.mark.parametrize("count", range(13, 25, 2))
def test_a_long_compact_flows_cleanly_onto_a_second_page(tmp_path, count):
    version = _version(count, words=28)
    out = tmp_path / "long.pdf"
    pages = write_pdf(version, _lines(version), out)
    texts = _pages_text(out)
    assert pages == len(texts) == 2
    # No commitment is split: each statement is whole on exactly one page.
    for commitment in version.commitments:
        assert sum(_flat(commitment.statement) in page for page in texts) == 1
    # No orphaned heading: each heading shares its page with what follows it.
    for page in texts:
        if "Our commitments" in page:
            assert "Commitment 1:" in page
        if "We agree" in page:
            assert "Member 0" in page
    # The footer is on both pages and counts them.
    assert "page 1 of 2" in texts[0] and "page 2 of 2" in texts[1]
    assert "Version 2 · ratified 2 Mar 2026 · next review 2 Jun 2026" in texts[1]


def test_names_in_any_script_round_trip_through_the_text_layer(team, tmp_path):
    names = ["Zoë Ōsaka", "Ελένη Παπαδοπούλου", "Дмитрий Орлов", "李娜", "山田太郎"]
    roster = RosterService(team)
    members = [roster.add(Member(name=n)) for n in names]
    service = CompactService(team)
    draft = service.start()
    service.save_draft(
        dataclasses.replace(
            draft,
            purpose="Ein Team, das einander hilft — 互相帮助的团队.",
            signatures=tuple(Signature(m.id, m.name, D(2026, 3, 1)) for m in members[:3]),
        )
    )
    out = tmp_path / "names.pdf"
    service.export_pdf(out)  # the draft: a line for every member

    poppler = " ".join(_pages_text(out))
    pypdf_text = _flat(" ".join(p.extract_text() for p in PdfReader(out).pages))
    for name in [*names, "互相帮助的团队"]:
        assert name in poppler
        assert name in pypdf_text
    used = _fonts(out)
    assert any("DroidSansFallback" in f for f in used) and all(used.values())


def test_cli_exports_a_chosen_version_on_letter_paper(demo_path, tmp_path, capsys):
    out = tmp_path / "v1.pdf"
    code = main(
        [
            "export",
            "compact",
            "--db",
            str(demo_path),
            "--out",
            str(out),
            "--version",
            "1",
            "--page-size",
            "Letter",
        ]
    )
    assert code == 0
    assert "version 1" in capsys.readouterr().out
    reader = PdfReader(out)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(792)
    assert "Version 1, ratified" in _pages_text(out)[0]


def test_cli_without_version_prints_the_latest(demo_path, tmp_path):
    out = tmp_path / "latest.pdf"
    assert main(["export", "compact", "--db", str(demo_path), "--out", str(out)]) == 0
    assert "Version 3, ratified" in _pages_text(out)[0]


def test_cli_reports_a_missing_version_in_one_line(demo_path, tmp_path, capsys):
    out = tmp_path / "none.pdf"
    code = main(["export", "compact", "--db", str(demo_path), "--out", str(out), "--version", "9"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err == "teamkeel: error: There is no ratified version 9 of the compact."
    assert not out.exists()


def test_cli_refuses_an_unknown_page_size(demo_path, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "export",
                "compact",
                "--db",
                str(demo_path),
                "--out",
                str(tmp_path / "x.pdf"),
                "--page-size",
                "A3",
            ]
        )
    assert exit_.value.code == 2
