"""Roster files in the encodings desktop tools write (issue 15): Outlook's contacts
export in the Windows ANSI code page (English and German Outlook), Excel's "Unicode
text" (UTF-16 with a byte-order mark), UTF-8 with or without one; the preview and the
command line say which was used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from teamkeel.core.encodings import decode_text
from teamkeel.core.errors import KeelError
from teamkeel.core.roster import RosterService
from teamkeel.core.roster.csvio import import_roster_csv, read_roster_csv
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

FILES = Path(__file__).parent / "fixtures" / "imports"
PEOPLE = {
    "Zoë Martin": ("Designer", "zoe.martin@example.org"),
    "José María Núñez": ("Backend developer", "jose.nunez@example.org"),
    "Jürgen Weiß": ("SRE", "juergen.weiss@example.org"),
    "François Lefèvre": ("", "francois@example.org"),
}


@pytest.mark.parametrize("name", ["outlook_contacts_ansi.csv", "outlook_kontakte_ansi.csv"])
def test_an_outlook_export_in_the_ansi_code_page_is_read(team: TeamFile, name: str) -> None:
    raw = (FILES / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # as Outlook writes it: not UTF-8
    assert raw.count(b"\r\n") >= 5 and raw.startswith(b'"')
    source = read_roster_csv(FILES / name)
    assert source.encoding == "Windows-1252 (ANSI)"
    import_roster_csv(RosterService(team), FILES / name)
    members = {m.name: (m.role, m.email) for m in RosterService(team).list_members()}
    assert members == PEOPLE  # Title/Anrede (Ms., Herr, Dr.) never became a role
    (zoe,) = [m for m in RosterService(team).list_members() if m.name == "Zoë Martin"]
    assert zoe.notes == "Café regular.\r\nPrefers “written” feedback."


def test_the_german_outlook_columns_are_recognised() -> None:
    used = dict(read_roster_csv(FILES / "outlook_kontakte_ansi.csv").mapping.used())
    assert used == {
        "Name": "“Vorname” + “Weitere Vornamen” + “Nachname”",
        "E-mail": "“E-Mail-Adresse”",
        "Role": "“Position”",
        "Notes": "“Notizen”",
    }


def test_excel_unicode_text_is_utf16_with_tabs(team: TeamFile) -> None:
    source = read_roster_csv(FILES / "excel_unicode_text.txt")
    assert source.encoding == "UTF-16 (“Unicode text”)" and source.table.delimiter == "\t"
    import_roster_csv(RosterService(team), FILES / "excel_unicode_text.txt")
    assert {m.name for m in RosterService(team).list_members()} == set(PEOPLE)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Name\r\nZoë\r\n".encode(), "UTF-8"),
        ("\ufeffName\r\nZoë\r\n".encode(), "UTF-8 with byte-order mark"),
        ("\ufeffName\r\nZoë\r\n".encode("utf-16-be"), "UTF-16 (“Unicode text”)"),
        ("Name\r\nZoë\r\n".encode("cp1252"), "Windows-1252 (ANSI)"),
    ],
)
def test_each_encoding_is_told(raw: bytes, encoding: str) -> None:
    decoded = decode_text(raw)
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff") == "Name\r\nZoë\r\n"


def test_bytes_no_desktop_encoding_has_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"Name\r\nZo\x81\r\n")  # 0x81: unassigned in Windows-1252
    with pytest.raises(KeelError, match=r"^odd.csv is not text Keel can read \(byte 8"):
        read_roster_csv(path)


def test_the_command_line_says_which_encoding_it_read(team_path: Path) -> None:
    create_team(team_path, "T").close()
    done = subprocess.run(
        [sys.executable, "-m", "teamkeel", "roster", "import",
         str(FILES / "outlook_kontakte_ansi.csv"), "--db", str(team_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Read outlook_kontakte_ansi.csv as Windows-1252 (ANSI)."
    assert lines[-1] == "Imported 4 members."


def test_the_preview_says_which_encoding_it_read(window, qtbot, team_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    create_team(team_path, "T").close()
    assert window.open_file(team_path)
    window.select_tab("roster")
    dialog = window.tab("roster").preview_csv(FILES / "outlook_contacts_ansi.csv")
    intro = dialog.findChild(QLabel, "roster_import_intro").text()
    assert intro.startswith("outlook_contacts_ansi.csv, read as Windows-1252 (ANSI), has 4 rows.")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not window.tab("roster").importing)
    assert {m.name for m in RosterService(window.ctx.team).list_members()} == set(PEOPLE)
