"""Insights on a real team file: the stand-up log read back, survey rounds stored
anonymously, thresholds kept, the JSON section round trip and the command line."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import ValidationError
from teamkeel.core.insights.events import Period
from teamkeel.core.insights.findings import team_findings
from teamkeel.core.insights.reciprocity import Thresholds
from teamkeel.core.insights.service import InsightsService
from teamkeel.core.interchange import export_document, import_document
from teamkeel.core.roster.member import Member
from teamkeel.core.roster.service import RosterService
from teamkeel.core.standup.service import StandupService
from teamkeel.core.storage.teamfile import TeamFile
from teamkeel.core.team_info import create_team

D = dt.date
MARCH = Period(D(2026, 3, 1), D(2026, 3, 31))
SAFEST = (1, 7, 1, 7, 1, 7, 7)
NEUTRAL = (4,) * 7


@pytest.fixture
def logged(team: TeamFile) -> dict[str, int]:
    """The hand-made March log of test_insights_metrics, entered through the services."""
    added = RosterService(team).add_many(
        [
            Member(name="Ana", role="Developer"),
            Member(name="Bo", role="Developer"),
            Member(name="Cy", role="QA"),
            Member(name="Dee", role="Design"),
            Member(name="Eve", role="Developer"),
        ]
    )
    ids = {m.name: m.id for m in added}
    log = StandupService(team)
    ana, bo, cy, dee = ids["Ana"], ids["Bo"], ids["Cy"], ids["Dee"]
    log.add_kudos(D(2026, 3, 2), bo, [ana], "paired on the flaky test")
    log.add_kudos(D(2026, 3, 3), cy, [ana], "reviewed my test plan")
    log.add_kudos(D(2026, 3, 5), dee, [ana, bo], "walked me through the API")
    log.add_kudos(D(2026, 3, 10), ana, [cy], "found the race condition")
    b1 = log.add_blocker(D(2026, 3, 1), bo, "CI keys missing")
    log.resolve(b1.id, D(2026, 3, 4), [ana])
    b2 = log.add_blocker(D(2026, 2, 20), dee, "design tokens out of date")
    log.resolve(b2.id, D(2026, 3, 2), [cy, bo])
    b3 = log.add_blocker(D(2026, 3, 10), cy, "flaky device farm")
    log.resolve(b3.id, D(2026, 3, 11), [])
    log.add_blocker(D(2026, 3, 20), ana, "waiting for keys")
    b5 = log.add_blocker(D(2026, 3, 30), bo, "staging is down")
    log.resolve(b5.id, D(2026, 4, 2), [])
    b6 = log.add_blocker(D(2026, 2, 1), cy, "test data")
    log.resolve(b6.id, D(2026, 2, 3), [ana])
    return ids


def test_measures_from_the_stored_log_match_the_hand_computation(team, logged):
    ins = InsightsService(team).compute(MARCH, thresholds=Thresholds(carry_periods=1))
    counts = {
        m.name: (m.now.given, m.now.received, m.now.helped, m.now.helped_by) for m in ins.members
    }
    assert counts == {
        "Ana": (4, 1, 3, 1),
        "Bo": (2, 2, 1, 1),
        "Cy": (2, 1, 2, 1),
        "Dee": (0, 4, 0, 3),
        "Eve": (0, 0, 0, 0),
    }
    assert (ins.network.cross_role.part, ins.network.cross_role.whole) == (6, 8)
    assert (ins.network.mutual.part, ins.network.mutual.whole) == (3, 5)
    b = ins.blockers
    assert (b.resolved, b.open_at_end, b.median_days) == (3, 2, 3)
    assert b.p90_days == pytest.approx(8.6)
    assert [f.name for f in ins.flags if f.kind == "carrying"] == ["Ana"]


def test_member_exchanges_show_both_directions(team, logged):
    views = InsightsService(team).member_exchanges(logged["Cy"], MARCH)
    assert sorted((v.direction, v.other) for v in views) == [
        ("gave", "Ana"),
        ("gave", "Dee"),
        ("received", "Ana"),
    ]


def test_survey_rounds_are_stored_without_any_link_to_people(team, team_path):
    service = InsightsService(team)
    rid = service.add_round(D(2026, 3, 1), [SAFEST, NEUTRAL, NEUTRAL], "March")
    [info] = service.list_rounds()
    assert (info.id, info.held_on, info.label, info.responses) == (rid, D(2026, 3, 1), "March", 3)
    with sqlite3.connect(team_path) as con:
        columns = {row[1] for row in con.execute("PRAGMA table_info(survey_response)")}
        round_columns = {row[1] for row in con.execute("PRAGMA table_info(survey_round)")}
    assert columns == {"id", "round_id", *(f"item{i}" for i in range(1, 8))}
    assert round_columns == {"id", "held_on", "label"}  # a date, never a time
    [stored] = service.survey_rounds()
    assert sorted(stored.responses) == sorted([SAFEST, NEUTRAL, NEUTRAL])


def test_bad_responses_are_refused_and_nothing_is_saved(team):
    service = InsightsService(team)
    with pytest.raises(ValidationError, match="response 2: item 3: 0 is outside 1–7"):
        service.add_round(D(2026, 3, 1), [SAFEST, (4, 4, 0, 4, 4, 4, 4)])
    assert service.list_rounds() == []


def test_deleted_round_comes_back_on_restore(team):
    service = InsightsService(team)
    rid = service.add_round(D(2026, 3, 1), [SAFEST] * 5, "March")
    snap = service.delete_round(rid)
    assert service.list_rounds() == []
    service.restore_round(snap)
    [info] = service.list_rounds()
    assert (info.held_on, info.label, info.responses) == (D(2026, 3, 1), "March", 5)


def test_thresholds_and_minimum_responses_are_kept_in_the_file(team):
    service = InsightsService(team)
    service.set_thresholds(Thresholds(give_ratio=3, min_given=5, carry_periods=2, quiet_periods=1))
    service.set_min_responses(7)
    assert service.thresholds() == Thresholds(3, 5, 2, 1)
    assert service.min_responses() == 7
    with pytest.raises(ValidationError, match="minimum responses"):
        service.set_min_responses(2)
    assert service.min_responses() == 7


def test_json_section_round_trip(team, logged, tmp_path):
    service = InsightsService(team)
    service.add_round(D(2026, 3, 1), [SAFEST, NEUTRAL, NEUTRAL, NEUTRAL, SAFEST], "March")
    service.set_min_responses(4)
    doc = export_document(team)
    assert doc["insights"]["survey_rounds"][0]["date"] == "2026-03-01"
    copy = TeamFile.create(tmp_path / "copy.keel")
    try:
        import_document(copy, json.loads(json.dumps(doc)))
        other = InsightsService(copy)
        [info] = other.list_rounds()
        assert (info.held_on, info.label, info.responses) == (D(2026, 3, 1), "March", 5)
        assert other.min_responses() == 4
    finally:
        copy.close()


def test_cli_survey_import_and_insights_json(team_path, tmp_path, capsys):
    create_team(team_path, "Crew").close()
    csv_file = tmp_path / "form.csv"
    csv_file.write_text(
        "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Submitted\n"
        + "\n".join(["1,7,1,7,1,7,7,x"] * 3 + ["4,4,4,4,4,4,4,y"] * 2)
        + "\n",
        encoding="utf-8",
    )
    assert (
        main(["survey", "import", str(csv_file), "--db", str(team_path), "--date", "2026-03-01"])
        == 0
    )
    capsys.readouterr()
    assert (
        main(
            [
                "insights",
                "--db",
                str(team_path),
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-31",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    [r] = data["survey"]["rounds"]
    assert (r["date"], r["responses"], r["mean"]) == (
        "2026-03-01",
        5,
        pytest.approx((7 * 3 + 4 * 2) / 5),
    )


def test_cli_survey_import_on_a_day_with_a_round_joins_it(team_path, tmp_path, capsys):
    """As in the window: a form exported in two batches is still one round."""
    create_team(team_path, "Crew").close()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("1,7,1,7,1,7,7\n" * 3, encoding="utf-8")
    second.write_text("4,4,4,4,4,4,4\n" * 2, encoding="utf-8")
    command = ["survey", "import", "--db", str(team_path), "--date", "2026-03-01"]
    assert main([*command, str(first)]) == 0
    assert "stay hidden" in capsys.readouterr().out
    assert main([*command, str(second)]) == 0
    out = capsys.readouterr().out
    assert "Added 2 responses to the round of 2026-03-01, which now has 5." in out
    assert "stay hidden" not in out
    with TeamFile.open(team_path) as t:
        [(held_on, count)] = [(r.held_on, r.responses) for r in InsightsService(t).list_rounds()]
    assert (held_on, count) == (D(2026, 3, 1), 5)


def test_cli_errors_name_the_line_and_change_nothing(team_path, tmp_path, capsys):
    create_team(team_path, "Crew").close()
    csv_file = tmp_path / "form.csv"
    csv_file.write_text("1,7,1,7,1,7,7\n1,7,1,8,1,7,7\n", encoding="utf-8")
    assert (
        main(["survey", "import", str(csv_file), "--db", str(team_path), "--date", "2026-03-01"])
        == 2
    )
    assert "line 2: item 4" in capsys.readouterr().err
    with TeamFile.open(team_path) as t:
        assert InsightsService(t).list_rounds() == []
    assert (
        main(["insights", "--db", str(team_path), "--from", "2026-03-05", "--to", "2026-03-01"])
        == 2
    )


@pytest.mark.parametrize(
    ("out", "expected"),
    [("report.txt", "--out must end in .pdf"), ("missing/report.pdf", "there is no folder")],
)
def test_cli_report_refuses_bad_output_in_one_line(team_path, tmp_path, capsys, out, expected):
    create_team(team_path, "Crew").close()
    target = tmp_path / out
    assert main(["export", "report", "--db", str(team_path), "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not target.exists()


def test_json_section_with_bad_answers_is_refused_and_writes_nothing(tmp_path):
    doc = {
        "format": "keel-team",
        "format_version": 1,
        "team": {"name": "X"},
        "insights": {
            "survey_rounds": [{"date": "2026-03-01", "responses": [[1, 2, 3, 4, 5, 6, 9]]}]
        },
    }
    target = TeamFile.create(tmp_path / "t.keel")
    try:
        with pytest.raises(
            ValidationError, match=r"insights.survey_rounds\[0\].responses\[0\]\[6\]: 9 is above"
        ):
            import_document(target, doc)
        assert InsightsService(target).list_rounds() == []
    finally:
        target.close()


def test_cli_insights_prints_plain_findings_and_prompts(team, logged, team_path, capsys):
    team.close()
    args = ["insights", "--db", str(team_path), "--from", "2026-03-01", "--to", "2026-03-31"]
    assert main([*args, "--carry-periods", "1"]) == 0
    out = capsys.readouterr().out
    assert "8 acts of help were recorded" in out
    assert "Ana has been giving much more help than they receive" in out
    assert "Thresholds: Carrying a lot: gave at least 3 times" in out


def test_unknown_role_is_an_error_that_lists_the_roles(team, logged, team_path, capsys):
    team.close()
    assert main(["insights", "--db", str(team_path), "--role", "Pilot"]) == 2
    assert "Nobody has the role “Pilot” (roles: Design, Developer, QA)" in capsys.readouterr().err


def test_findings_use_the_singular_for_one(team):
    ana, bo = (
        m.id
        for m in RosterService(team).add_many(
            [Member(name="Ana", role="Developer"), Member(name="Bo", role="QA")]
        )
    )
    log = StandupService(team)
    blocker = log.add_blocker(D(2026, 3, 2), ana, "no keys")
    log.resolve(blocker.id, D(2026, 3, 3), [bo])
    text = " ".join(team_findings(InsightsService(team).compute(MARCH)))
    assert "1 act of help was recorded" in text
    assert "None of the 2 people has both given and received help yet" in text
    assert "1 blocker was resolved" in text
    only_qa = " ".join(team_findings(InsightsService(team).compute(MARCH, role="QA")))
    assert "The one person in view has not both given and received help yet" in only_qa


def test_findings_compare_with_an_empty_period_before_honestly(team, logged):
    """The hand-made log starts in February: before that, nothing was logged, so
    there is no period before to compare with (issue 15, item 23)."""
    ins = InsightsService(team).compute(Period(D(2026, 2, 1), D(2026, 3, 31)))
    assert ins.exchanges_before == 0 and ins.network_before.mutual.value == 0
    assert not ins.before_logged
    text = team_findings(ins)[0]
    assert "up from 0%" not in text
    assert "period before" not in text


def test_undoing_a_round_deletion_keeps_ids_so_earlier_undos_still_work(team):
    """The window's undo stack holds round and response ids: responses added to a round
    (a second sitting), then the round deleted and brought back, then the added
    responses undone, must leave exactly the first sitting's answers."""
    service = InsightsService(team)
    rid = service.add_round(D(2026, 3, 1), [SAFEST] * 5, "March")
    added = service.add_responses(rid, [NEUTRAL] * 2)
    snap = service.delete_round(rid)
    assert service.restore_round(snap) == rid
    service.remove_responses(added)
    [stored] = service.survey_rounds()
    assert sorted(stored.responses) == [SAFEST] * 5
    service.delete_round(rid)  # undoing the round's creation finds it
    assert service.list_rounds() == []
