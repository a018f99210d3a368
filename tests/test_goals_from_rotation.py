"""A skill-share project started from a skill-share rotation's pair: partners and each
partner's growth goal from the roster, tied to the rotation; on the command line
(`skillshare add --from-rotation R --round N --pair K`) and refused in one line."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from teamkeel.cli import main
from teamkeel.core.errors import KeelError
from teamkeel.core.goals.projects import SkillShares
from teamkeel.core.goals.round_pairs import draft_from_round
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.rotations.planner import Kind
from teamkeel.core.rotations.records import Group, RotationSpec, RoundView
from teamkeel.core.rotations.service import RotationService
from teamkeel.core.storage.teamfile import TeamFile

MONDAY = dt.date(2026, 12, 7)


def make_rotation(team: TeamFile, kind: Kind = Kind.SKILL_SHARE, name: str = "Skill shares") -> int:
    """Sofía wants SQL, which 李娜 knows; 李娜 wants storytelling, which Sofía knows."""
    roster = RosterService(team)
    if not roster.list_members():
        roster.add_many(
            [
                Member("Sofía", goals=("Public speaking", "SQL"), skills=("Storytelling",)),
                Member("李娜", goals=("Storytelling",), skills=("sql",)),
                Member("Bo", goals=("Testing",)),
                Member("Cy"),
            ]
        )
    ids = [m.id or 0 for m in roster.list_members()]
    sofia, lina, bo, cy = sorted(ids)
    rotations = RotationService(team)
    spec = rotations.save(RotationSpec(name, kind, MONDAY))
    assert spec.id is not None
    rounds = [
        RoundView(None, 0, MONDAY, False, (Group((sofia, lina)), Group((bo, cy)))),
        RoundView(None, 1, MONDAY + dt.timedelta(weeks=1), False,
                  (Group((sofia, bo)), Group((lina, cy)))),
    ]  # fmt: skip
    rotations.replace_rounds(spec.id, rounds)
    return spec.id


def test_the_draft_takes_the_pair_and_the_goal_each_partner_can_be_helped_with(team) -> None:
    rotation = make_rotation(team)
    found = draft_from_round(team, rotation, 1, 1)
    assert (found.first_name, found.second_name) == ("Sofía", "李娜")
    # Sofía's second goal is the one 李娜 can help with (skills match in any case).
    assert (found.draft.first_goal, found.draft.second_goal) == ("SQL", "Storytelling")
    assert found.draft.rotation_id == rotation
    assert found.reason == "Sofía can help 李娜 with Storytelling; 李娜 can help Sofía with SQL"
    assert found.source == "round 1 of “Skill shares”"
    # Without a matching skill: the partner's first growth goal, or none.
    other = draft_from_round(team, rotation, 1, 2)
    assert (other.draft.first_goal, other.draft.second_goal, other.reason) == ("Testing", "", "")


@pytest.mark.parametrize(
    ("round_no", "pair", "said"),
    [
        (3, 1, "“Skill shares” has no round 3 (it has 2 planned)."),
        (1, 3, "Round 1 of “Skill shares” has no pair 3 (it has 2)."),
        (0, 1, "“Skill shares” has no round 0 (it has 2 planned)."),
    ],
)
def test_a_round_or_pair_that_is_not_there_is_refused(team, round_no, pair, said) -> None:
    rotation = make_rotation(team)
    with pytest.raises(KeelError, match=said.replace("(", r"\(").replace(")", r"\)")):
        draft_from_round(team, rotation, round_no, pair)


def test_only_a_skill_share_rotation_gives_projects(team) -> None:
    rotation = make_rotation(team, Kind.PAIRS, "Coffee pairs")
    with pytest.raises(KeelError, match="“Coffee pairs” is not a skill-share rotation"):
        draft_from_round(team, rotation, 1, 1)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def _projects(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM skill_share_project").fetchone()[0])
    finally:
        conn.close()


def test_cli_adds_a_project_from_a_rotation_pair(team, team_path, capsys) -> None:
    rotation = make_rotation(team)
    db = str(team_path)
    code, out, err = _run(
        capsys, "skillshare", "add", "--db", db, "--from-rotation", "skill",
        "--round", "1", "--pair", "1", "--deliverable", "a query cookbook", "--due", "2027-01-15",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.strip() == (
        "Added #1 Sofía & 李娜: a query cookbook (serves: SQL / Storytelling) "
        "[planned, due 2027-01-15], from round 1 of “Skill shares” "
        "(Sofía can help 李娜 with Storytelling; 李娜 can help Sofía with SQL)"
    )
    [project] = SkillShares(team).all()
    assert project.rotation_id == rotation
    # A goal given on the command line wins over the roster's guess.
    code, out, _ = _run(
        capsys, "skillshare", "add", "--db", db, "--from-rotation", "Skill shares",
        "--round", "2", "--pair", "1", "--deliverable", "a talk", "--goal", "public speaking",
    )  # fmt: skip
    assert code == 0 and "(serves: Public speaking / Testing)" in out


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--from-rotation", "Skill", "--round", "1"], "--from-rotation needs --round N and --pair K"),
        (["--from-rotation", "Skill", "--round", "1", "--pair", "1", "--member", "Bo"],
         "--from-rotation takes the partners from the round"),
        (["--round", "1", "--pair", "1"], "--round and --pair go with --from-rotation NAME."),
        ([], "Give --member and --partner, or --from-rotation"),
        (["--from-rotation", "Nope", "--round", "1", "--pair", "1"],
         "No rotation is called “Nope” (rotations: Skill shares)."),
        (["--from-rotation", "Skill", "--round", "9", "--pair", "1"], "has no round 9"),
    ],
)  # fmt: skip
def test_cli_refuses_a_wrong_pair_in_one_line_and_writes_nothing(
    team, team_path, capsys, extra, said
) -> None:
    make_rotation(team)
    code, out, err = _run(
        capsys, "skillshare", "add", "--db", str(team_path), "--deliverable", "x", *extra
    )
    assert code == 2 and out == ""
    assert said in err and len(err.strip().splitlines()) == 1
    assert _projects(team_path) == 0


def _board_on_first_round(window, team_path):  # type: ignore[no-untyped-def]
    assert window.open_file(team_path)
    assert window.select_tab("rotations")
    tab = window.tab("rotations")
    assert tab.select_rotation(1)
    assert tab.select_round(RotationService(window.ctx.team).rounds(1)[0].id)
    return tab


def test_plan_a_project_from_a_pair_on_the_board_and_undo_it(window, team_path, qtbot) -> None:
    with TeamFile.create(team_path) as team:
        make_rotation(team)
    tab = _board_on_first_round(window, team_path)
    board = tab.board
    assert board.project_button.isVisible() and not board.project_button.isEnabled()
    board.select_group(0)
    assert board.project_button.isEnabled()
    board.project_button.click()
    dialog = tab.project_dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.first_goal.currentText(), dialog.second_goal.currentText()) == (
        "SQL",
        "Storytelling",
    )
    dialog.start()  # no deliverable yet: refused in one line, nothing stored
    assert dialog.problem.text() == "deliverable: say what the pair will make"
    assert SkillShares(window.ctx.team).all() == []
    dialog.deliverable.setText("a query cookbook")
    dialog.start()
    assert not dialog.isVisible()
    [project] = SkillShares(window.ctx.team).all()
    assert (project.first_name, project.second_name, project.deliverable) == (
        "Sofía",
        "李娜",
        "a query cookbook",
    )
    assert project.rotation_id == 1 and project.first_goal == "SQL"
    stack = window.ctx.undo_stack
    assert stack.undoText() == "Start a skill share for Sofía and 李娜"
    stack.undo()
    assert SkillShares(window.ctx.team).all() == []
    stack.redo()
    assert [p.id for p in SkillShares(window.ctx.team).all()] == [project.id]


def test_the_pairs_context_menu_offers_the_project_only_on_a_skill_share_board(
    window, team_path, qtbot
) -> None:
    with TeamFile.create(team_path) as team:
        make_rotation(team)
        make_rotation(team, Kind.PAIRS, "Coffee pairs")
    tab = _board_on_first_round(window, team_path)
    board = tab.board
    second_pair = board.grid.visualItemRect(board.grid.item(1, 0)).center()
    board._context_menu(second_pair)
    assert board.menu is not None
    [action] = board.menu.actions()
    assert action.text() == "Plan a skill-share project…"
    action.trigger()
    dialog = tab.project_dialog
    assert dialog is not None and dialog.pair == "Bo and Cy"
    dialog.reject()
    # A plain pairs rotation has neither the button nor the menu.
    service = RotationService(window.ctx.team)
    coffee = service.find("Coffee pairs")
    assert tab.select_rotation(coffee.id)
    assert tab.select_round(service.rounds(coffee.id)[0].id)
    board.menu = None
    board._context_menu(second_pair)
    assert board.menu is None and not board.project_button.isVisible()
