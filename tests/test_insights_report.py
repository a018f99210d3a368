"""The health report read back, and the anonymity threshold in the JSON and the PDF."""

from __future__ import annotations

import datetime as dt
import json

from pypdf import PdfReader

from teamkeel.cli import main
from teamkeel.core.insights.events import Period
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile

D = dt.date
PERIOD = Period(D(2026, 3, 1), D(2026, 3, 31))
NAMES = ["Zoë Martin", "Kenji Ōsaka", "Ελένη Παππά", "Дмитрий Орлов", "李娜"]


def fill(team: TeamFile) -> None:
    people = RosterService(team).add_many(
        [
            Member(name=n, role=r)
            for n, r in zip(NAMES, ["Design", "SRE", "QA", "Backend", "Data"], strict=True)
        ]
    )
    ids = [m.id for m in people]
    log = StandupService(team)
    for i in range(10):
        log.add_kudos(D(2026, 3, 2 + i), ids[i % 5], [ids[(i + 1) % 5]], "paired on a tricky bug")
    b = log.add_blocker(D(2026, 3, 3), ids[0], "design tokens out of date")
    log.resolve(b.id, D(2026, 3, 6), [ids[2]])
    log.add_blocker(D(2026, 3, 25), ids[3], "waiting for production access")
    svc = InsightsService(team)
    svc.add_round(D(2026, 1, 15), [(1, 7, 1, 7, 1, 7, 7)] * 3 + [(4,) * 7] * 3, "Winter check-in")
    # four responses: below the default minimum of five, so never shown
    svc.add_round(D(2026, 2, 26), [(7, 1, 7, 1, 7, 1, 1)] * 4, "Tiny pilot round")


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def test_report_reads_back_with_charts_findings_and_every_name(team, tmp_path):
    fill(team)
    out = InsightsService(team).export_report(tmp_path / "health.pdf", PERIOD)
    reader = PdfReader(str(out))
    assert 2 <= len(reader.pages) <= 5
    assert reader.metadata.title == "Team health report – Test Team"
    text = pdf_text(out)
    for heading in (
        "Team health report",
        "At a glance",
        "What stands out",
        "Help given and received",
        "The help network",
        "Blockers: time to resolve",
        "Psychological safety",
        "Caveats",
    ):
        assert heading in text
    for name in NAMES:
        assert name in text
    assert "waiting for production access" in text  # the oldest open blocker
    assert "Latest round, 2026-01-15: 6 responses, team score 5.5" in text
    fonts = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            font = f.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor.get_object()
    assert any("DejaVuSans" in f for f in fonts) and any("DroidSansFallback" in f for f in fonts)
    assert all(fonts.values()), f"fonts not embedded: {fonts}"


def test_small_round_is_absent_from_json_and_pdf(team, team_path, tmp_path, capsys):
    fill(team)
    team.close()
    args = ["--db", str(team_path), "--from", "2026-03-01", "--to", "2026-03-31"]
    assert main(["insights", *args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["date"] for r in data["survey"]["rounds"]] == ["2026-01-15"]
    assert data["survey"]["withheld_rounds"] == 1
    assert "2026-02-26" not in json.dumps(data) and "Tiny pilot" not in json.dumps(data)

    out = tmp_path / "health.pdf"
    assert main(["export", "report", *args, "--out", str(out)]) == 0
    text = pdf_text(out)
    assert "2026-01-15" in text
    assert "2026-02-26" not in text and "Tiny pilot" not in text
    assert "1 round was held back" in text

    # lowering the minimum to four (allowed: at least three) shows the round
    with TeamFile.open(team_path) as t:
        InsightsService(t).set_min_responses(4)
    assert main(["export", "report", *args, "--out", str(out)]) == 0
    assert "2026-02-26" in pdf_text(out)


def test_team_version_of_the_report_shows_no_names(team, tmp_path, capsys):
    fill(team)
    out = InsightsService(team).export_report(tmp_path / "team.pdf", PERIOD, for_team=True)
    text = pdf_text(out)
    for name in NAMES:
        assert name not in text
    # five people in five roles: any role-level picture would point at someone
    assert "showing help by role would point at individuals" in text
    assert "Design" not in text and "Conversation prompts" not in text
    assert "waiting for production access" in text  # the blocker, without its owner


def test_a_team_with_nothing_logged_is_not_told_help_flows_both_ways(team, tmp_path):
    RosterService(team).add_many([Member(name="Ana", role="Dev"), Member(name="Bo", role="QA")])
    out = InsightsService(team).export_report(tmp_path / "empty.pdf", PERIOD)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "no help was recorded in this period" in text
    assert "both ways" not in text


def test_a_report_that_fails_half_way_leaves_the_previous_one_whole(
    team: TeamFile, tmp_path
) -> None:
    """A write cut short (here a file-size limit, as a full disk would) must not leave
    half a PDF where the last good report was."""
    import subprocess
    import sys
    import textwrap

    fill(team)
    out = InsightsService(team).export_report(tmp_path / "health.pdf", PERIOD)
    good = out.read_bytes()
    script = textwrap.dedent(
        f"""
        import datetime as dt, resource, signal, sys
        from teamkeel.core.errors import KeelError
        from teamkeel.core.insights.events import Period
        from teamkeel.core.insights.service import InsightsService
        from teamkeel.core.storage.teamfile import TeamFile
        team = TeamFile.open({str(team.path)!r})
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
        try:
            InsightsService(team).export_report(
                {str(out)!r}, Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
            )
        except KeelError:  # the write was refused; the old file must stay whole
            sys.exit(3)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- no individual extremes in a survey round (issue 15, item 4) -----------------------
SAFEST, LEAST_SAFE = (1, 7, 1, 7, 1, 7, 7), (7, 1, 7, 1, 7, 1, 1)
SIX = [SAFEST, LEAST_SAFE, (4,) * 7, (3, 5, 3, 5, 3, 5, 5), (5, 3, 5, 3, 5, 3, 3), (4,) * 7]


def test_no_report_prints_the_lowest_or_highest_score_of_a_round(team, tmp_path):
    """With six answers the lowest (1.0) and highest (7.0) score are two people. The
    shared report and the lead's own show neither, nor any spread of so few answers."""
    InsightsService(team).add_round(D(2026, 3, 10), SIX, "Spring")
    shared = pdf_text(
        InsightsService(team).export_report(tmp_path / "team.pdf", PERIOD, for_team=True)
    )
    own = pdf_text(InsightsService(team).export_report(tmp_path / "own.pdf", PERIOD))
    for text in (shared, own):
        assert "Latest round, 2026-03-10: 6 responses, team score 4.0" in text
        assert "Lowest" not in text and "highest" not in text
        assert "1.0 – 7.0" not in text and "7.0" not in text
        assert "Spread" not in text and "standard deviation" not in text
    assert "Middle half" not in shared
    assert "Middle half" in own  # the column is there, empty for so small a round
    assert "middle half of the scores" not in own.split("Latest round")[1].split(".")[0]


def test_the_leads_own_report_shows_the_middle_half_from_ten_answers(team, tmp_path):
    import statistics

    from teamkeel.core.insights.survey import respondent_score

    twelve = SIX * 2
    InsightsService(team).add_round(D(2026, 3, 10), twelve, "Spring")
    q1, _, q3 = statistics.quantiles([respondent_score(a) for a in twelve], n=4, method="inclusive")
    own = pdf_text(InsightsService(team).export_report(tmp_path / "own.pdf", PERIOD))
    assert f"middle half of the scores {q1:.1f} – {q3:.1f}" in own
    shared = pdf_text(
        InsightsService(team).export_report(tmp_path / "team.pdf", PERIOD, for_team=True)
    )
    assert "middle half" not in shared.casefold()
    assert f"{q1:.1f} – {q3:.1f}" not in shared


def test_the_json_measures_carry_no_extremes(team, team_path, capsys):
    InsightsService(team).add_round(D(2026, 3, 10), SIX, "Spring")
    team.close()
    args = ["insights", "--db", str(team_path), "--json", "--from", "2026-03-01"]
    assert main([*args, "--to", "2026-03-31"]) == 0
    (r,) = json.loads(capsys.readouterr().out)["survey"]["rounds"]
    assert r["middle_half"] is None
    assert not {"lowest", "highest", "spread"} & set(r)
