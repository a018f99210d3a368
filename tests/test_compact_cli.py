"""``teamkeel compact history`` and ``teamkeel compact diff`` on the demo file."""

from teamkeel.cli import main
from teamkeel.core.compact import CompactService
from teamkeel.core.storage.teamfile import TeamFile


def test_history_lists_every_version_with_its_signatories(demo_path, capsys):
    with TeamFile.open(demo_path) as team:
        versions = CompactService(team).versions()
    assert main(["compact", "history", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    for v in versions:
        assert f"Version {v.number}  ratified {v.ratified_on}" in out
        assert all(s.name in out for s in v.signatures)
    assert "review" in out.lower()


def test_diff_between_versions_and_the_draft(demo_path, capsys):
    assert main(["compact", "diff", "--db", str(demo_path), "1", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Version 1 → Version 2")
    assert "Added #6" in out and "Changed wording of #2" in out and "Changed norm of #1" in out

    assert main(["compact", "diff", "--db", str(demo_path), "3", "draft"]) == 0
    assert "Version 3 → Draft" in capsys.readouterr().out


def test_diff_refuses_an_unknown_version_in_one_line(demo_path, capsys):
    assert main(["compact", "diff", "--db", str(demo_path), "1", "12"]) == 2
    assert capsys.readouterr().err.strip() == (
        "teamkeel: error: There is no ratified version 12 of the compact."
    )


def test_export_refuses_a_file_that_is_not_a_pdf(demo_path, tmp_path, capsys):
    out = tmp_path / "compact.txt"
    assert main(["export", "compact", "--db", str(demo_path), "--out", str(out)]) == 2
    assert capsys.readouterr().err == "teamkeel: error: --out must end in .pdf.\n"
    assert not out.exists()
