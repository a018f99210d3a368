"""The compact in a real team file: draft, ratified versions, undo of ratify, JSON."""

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from teamkeel.core import interchange
from teamkeel.core.compact import CompactService, Signature, diff
from teamkeel.core.compact.document import Commitment
from teamkeel.core.compact.models import CompactVersionRow
from teamkeel.core.compact.versioning import with_commitment, without_commitment
from teamkeel.core.errors import KeelError, ValidationError
from teamkeel.core.roster import Member, RosterService
from teamkeel.core.storage.teamfile import TeamFile

D = dt.date


@pytest.fixture
def members(team):
    roster = RosterService(team)
    return [roster.add(Member(name=n)) for n in ("Zoë Fischer", "李娜", "Дмитрий Орлов")]


def test_a_new_team_has_no_compact_until_started(team):
    service = CompactService(team)
    assert service.draft() is None and service.versions() == []
    with pytest.raises(KeelError, match="no compact yet"):
        service.for_print()
    draft = service.start()
    assert len(draft.commitments) >= 6 and draft.purpose
    with pytest.raises(KeelError):
        service.start()
    service.discard_draft()
    assert service.draft() is None
    assert service.start(with_starters=False).commitments == ()


def test_saved_draft_survives_reopening_the_file(team, team_path, members):
    service = CompactService(team)
    draft = service.start()
    draft = dataclasses.replace(
        with_commitment(draft, Commitment("We pair weekly.", "reciprocity", 1.5, "hours"), 0),
        signatures=(Signature(members[1].id, members[1].name, D(2026, 3, 1)),),
    )
    service.save_draft(draft)
    team.close()
    with TeamFile.open(team_path) as again:
        stored = CompactService(again).draft()
    assert stored == draft


def test_invalid_draft_is_refused_and_nothing_changes(team):
    service = CompactService(team)
    before = service.start()
    broken = with_commitment(before, Commitment("  "))
    with pytest.raises(ValidationError) as err:
        service.save_draft(broken)
    assert err.value.problems[0].where.endswith(": statement")
    assert service.draft() == before


def test_ratify_freezes_the_version_and_starts_a_new_draft(team, members):
    service = CompactService(team)
    draft = service.start()
    signed = (Signature(members[0].id, members[0].name, D(2026, 2, 27)),)
    service.save_draft(dataclasses.replace(draft, signatures=signed))

    v1 = service.ratify(D(2026, 3, 1))
    assert v1.number == 1 and v1.ratified_on == D(2026, 3, 1) and v1.team_name == "Test Team"
    assert service.versions() == [v1]
    assert service.draft().signatures == ()

    # Editing the draft later never changes version 1, even if a member is renamed.
    service.save_draft(without_commitment(service.draft(), 0))
    RosterService(team).update(dataclasses.replace(members[0], name="Zoë Fischer-Lang"))
    assert service.version(1) == v1
    assert service.version(1).signatures[0].name == "Zoë Fischer"

    v2 = service.ratify(D(2026, 6, 1))
    assert v2.number == 2
    assert [n.commitment for n in diff(v1, v2).removed] == [v1.commitments[0]]
    with pytest.raises(KeelError):
        service.save_draft(v2)
    assert service.for_print() == v2
    assert service.for_print(1) == v1
    with pytest.raises(KeelError, match="no ratified version 7"):
        service.version(7)


def test_withdrawing_the_newest_ratification_restores_the_draft(team, members):
    service = CompactService(team)
    service.start()
    before = dataclasses.replace(
        service.draft(), signatures=(Signature(members[2].id, members[2].name, D(2026, 1, 5)),)
    )
    service.save_draft(before)
    service.ratify(D(2026, 1, 6))
    service.withdraw_latest(1, before)
    assert service.versions() == []
    assert service.draft() == before


def test_signature_lines_list_every_active_member_on_a_draft(team, members):
    service = CompactService(team)
    draft = service.start()
    draft = dataclasses.replace(
        draft, signatures=(Signature(members[1].id, members[1].name, D(2026, 3, 1)),)
    )
    lines = service.signature_lines(draft)
    assert {line.name for line in lines} == {m.name for m in members}
    assert [line.signed_on for line in lines if line.name == "李娜"] == [D(2026, 3, 1)]


def test_review_status_follows_the_latest_version(team):
    service = CompactService(team)
    assert service.review_status(D(2026, 1, 1)).state == "none"
    service.start()
    service.ratify(D(2026, 1, 1))
    assert service.review_status(D(2026, 3, 25)).state == "due"
    assert service.review_status(D(2026, 4, 2)).state == "overdue"


def test_json_round_trip_keeps_every_version_draft_and_signature(demo_team, tmp_path):
    service = CompactService(demo_team)
    versions, draft = service.versions(), service.draft()
    assert len(versions) >= 3 and draft is not None
    doc = interchange.export_document(demo_team)
    assert len(doc["compact"]["versions"]) == len(versions)

    with TeamFile.create(tmp_path / "copy.keel") as copy:
        interchange.import_document(copy, doc)
        again = CompactService(copy)
        assert again.versions() == versions
        assert again.draft() == draft
        with copy.session() as s:
            assert len(s.scalars(select(CompactVersionRow)).all()) == len(versions) + 1


def test_import_names_the_bad_commitment(team, tmp_path):
    doc = interchange.export_document(team)
    doc["compact"] = {
        "versions": [
            {
                "number": 1,
                "title": "Team Support Compact",
                "commitments": [{"statement": "Fine."}, {"statement": "", "theme": "x"}],
            }
        ],
        "draft": None,
    }
    with TeamFile.create(tmp_path / "other.keel") as other:
        with pytest.raises(ValidationError, match=r"compact.versions\[0\]: commitment 2"):
            interchange.import_document(other, doc)
        assert CompactService(other).versions() == []


def test_demo_has_ratified_history_with_signatures(demo_team):
    service = CompactService(demo_team)
    versions = service.versions()
    assert [v.number for v in versions] == list(range(1, len(versions) + 1))
    assert all(v.signatures for v in versions)
    assert not diff(versions[0], versions[1]).is_empty
    assert service.review_status().state in ("due", "scheduled", "overdue")


def test_migration_builds_exactly_the_tables_the_models_describe(team):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from teamkeel.core.storage.base import Base

    with team.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    ours = [d for d in differences if "compact_" in repr(d)]
    assert ours == []


def test_versions_without_a_draft_start_the_next_draft_from_the_latest(team):
    service = CompactService(team)
    service.start()
    v1 = service.ratify(D(2026, 1, 1))
    service.discard_draft()  # as after importing versions only
    draft = service.start(with_starters=False)
    assert [c.key for c in draft.commitments] == [c.key for c in v1.commitments]


def test_a_draft_without_roster_prints_blank_signature_lines(team, tmp_path):
    service = CompactService(team)
    draft = service.start()
    lines = service.signature_lines(draft)
    assert len(lines) == 8 and all(line.name == "" for line in lines)
    out = tmp_path / "blank.pdf"
    service.export_pdf(out)
    from pypdf import PdfReader

    assert PdfReader(out).pages[0].extract_text().count("Name:") == 8


def test_a_review_held_early_schedules_the_next_one_a_cadence_later(team):
    """The 'review due' nudge comes two weeks ahead; ratifying the reviewed compact then
    must not leave the next review at the old date, days away."""
    service = CompactService(team)
    service.start()
    v1 = service.ratify(D(2026, 1, 5))
    assert v1.next_review == D(2026, 4, 5)  # quarterly
    v2 = service.ratify(D(2026, 3, 27))  # reviewed when the nudge came, 9 days early
    assert v2.next_review == D(2026, 6, 27)
    assert service.review_status(D(2026, 3, 28)).state == "scheduled"


def test_withdrawing_a_version_with_a_refused_draft_changes_nothing(team):
    """Undoing a ratification deletes the version and puts the old draft back in one
    transaction: when the draft is refused, the version must still be there."""
    service = CompactService(team)
    before = service.start()
    v1 = service.ratify(D(2026, 1, 5))
    stray = dataclasses.replace(before, signatures=(Signature(999, "Nobody", D(2026, 1, 4)),))
    with pytest.raises(ValidationError, match="not on the roster"):
        service.withdraw_latest(1, stray)
    assert [v.number for v in service.versions()] == [v1.number]
