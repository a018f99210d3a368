"""The quick-entry line: one line of text in, a parsed entry or a list of problems out.

Grammar (keywords and names are case-insensitive, names match the roster in any script)::

    kudos @Giver -> @Receiver [, @Receiver ...] [:] what the help was [#tag ...]
    blocked @Owner [:] what is stuck [#tag ...]
    resolved @Owner [by @Helper [, @Helper ...]]

``->`` may also be written ``→``, ``=>`` or ``to``; receivers and helpers may be
separated by spaces, commas, ``&``, ``+`` or ``and``. A name is matched against the whole
roster name first (longest match wins, so ``@Ana Lima`` beats ``@Ana``), then as a unique
prefix (``@An``). ``#words`` become tags and are removed from the note.

:func:`parse_entry` never raises and never touches storage: the window uses the problems'
character positions to underline the offending part of the line in place.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from teamkeel.core.i18n import N_, _
from teamkeel.core.standup.entries import MemberRef
from teamkeel.core.text import fold_accents

KUDOS_WORDS = frozenset({"kudos", "kudo", "thanks"})
BLOCKER_WORDS = frozenset({"blocked", "blocker"})
RESOLVE_WORDS = frozenset({"resolved", "resolve", "unblocked"})

# Translators: keep "kudos", "blocked" and the @names: the quick entry reads those words.
EXAMPLE_KUDOS = N_("kudos @Ana -> @Bo paired on the flaky test")
# Translators: keep "kudos", "blocked" and the @names: the quick entry reads those words.
EXAMPLE_BLOCKER = N_("blocked @Cy waiting for API keys")

_ARROWS = ("->", "=>", "→")
_NAME_STOPS = frozenset(',;:!?()[]{}<>"→')
_TRAILING_NAME_PUNCT = ".'’"
# Punctuation that may sit between the names and the note ("@Bo: ...", "@Bo, ...", "@Bo! ...").
_NOTE_SEPARATORS = frozenset(":;,.!—–-")
_TAG_RE = re.compile(r"(?<!\S)#([^\W\d_][\w-]*)")
_LIST_WORDS = frozenset({"and", "&", "+", ","})
# A note is at most 2,000 characters (standup.service.MAX_NOTE); with names and tags a
# line has no reason to be longer than this, and a longer one is not parsed at all.
MAX_LINE = 4000
MAX_SUGGESTED = 3


@dataclass(frozen=True)
class EntryProblem:
    """What is wrong with the line, and where (``text[start:end]``; may be empty at end)."""

    start: int
    end: int
    message: str


@dataclass(frozen=True)
class ParsedKudos:
    giver_id: int
    receiver_ids: tuple[int, ...]
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class ParsedBlocker:
    owner_id: int
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class ParsedResolution:
    """``resolved @Owner by @Helper``: which blocker it is is decided by the caller."""

    owner_id: int
    helper_ids: tuple[int, ...]


ParsedEntry = ParsedKudos | ParsedBlocker | ParsedResolution


def name_key(text: str) -> str:
    """How names are compared: Unicode-normalised and case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


# A looser key that also ignores accents; only a fallback, an exact match wins.
fold_key = fold_accents


class NameIndex:
    """Roster names prepared for matching at an ``@`` sign."""

    def __init__(self, members: Iterable[MemberRef]) -> None:
        self.members: tuple[MemberRef, ...] = tuple(members)
        self._by_key: dict[str, list[MemberRef]] = {}
        self._by_fold: dict[str, list[MemberRef]] = {}
        for member in self.members:
            self._by_key.setdefault(name_key(member.name.strip()), []).append(member)
            self._by_fold.setdefault(fold_key(member.name.strip()), []).append(member)
        # Computed once: every unknown @name is compared with every member.
        self._keys = [(name_key(m.name), fold_key(m.name), m) for m in self.members]
        self._longest = max((len(m.name) for m in self.members), default=0)
        # The beginnings of names up to each word end ("ana", "ana lima"): the search
        # for the longest name at an @ stops at the first word that no name continues
        # with, instead of trying every end up to twice the longest name's length
        # (work that grew with the line: hundreds of mentions in a pasted line).
        self._beginnings: set[str] = set()
        for member in self.members:
            name = member.name.strip()
            for end in _word_ends(name):
                self._beginnings.update((name_key(name[:end]), fold_key(name[:end])))

    def exact(self, text: str) -> list[MemberRef]:
        return self._by_key.get(name_key(text), [])

    def longest_match(self, text: str, start: int) -> tuple[int, list[MemberRef]] | None:
        """The longest roster name at ``text[start:]`` that ends at a word boundary."""
        best: tuple[int, list[MemberRef]] | None = None
        # Decomposed input may be longer than the stored name, hence the slack.
        limit = min(len(text), start + 2 * self._longest + 2)
        for end in range(start + 1, limit + 1):
            if not _is_boundary(text, end):
                continue
            piece = text[start:end]
            key = name_key(piece)
            # Only text with accents can differ once they are dropped.
            loose = key if piece.isascii() else fold_key(piece)
            found = self._by_key.get(key) or self._by_fold.get(loose)
            if found:
                best = (end, found)
            if key not in self._beginnings and loose not in self._beginnings:
                break  # no name goes on from here
        return best

    def by_prefix(self, prefix: str) -> list[MemberRef]:
        key = name_key(prefix)
        found = [m for k, _f, m in self._keys if k.startswith(key)]
        if not found:
            loose = fold_key(prefix)
            found = [m for _k, f, m in self._keys if f.startswith(loose)]
        return found

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        names = [m.name for m in self.members]
        keyed = {name_key(n): n for n in names}
        close = difflib.get_close_matches(name_key(text), list(keyed), n=limit, cutoff=0.5)
        return [keyed[k] for k in close]


def _word_ends(name: str) -> list[int]:
    """The places in ``name`` where a match may end: each word boundary and its end."""
    return [i for i in range(1, len(name)) if _is_boundary(name, i)] + [len(name)]


def _is_boundary(text: str, index: int) -> bool:
    if index >= len(text):
        return True
    char = text[index]
    if char in "'’":
        return False
    return unicodedata.category(char)[0] not in "LMN"


def complete_names(prefix: str, members: Iterable[MemberRef]) -> list[MemberRef]:
    """Members whose full name, or any word of it, starts with ``prefix``.

    Whole-name matches come first, then word matches, each alphabetically.
    """
    key = fold_key(prefix.strip())
    first: list[MemberRef] = []
    later: list[MemberRef] = []
    for member in members:
        full = fold_key(member.name)
        if full.startswith(key):
            first.append(member)
        elif any(word.startswith(key) for word in full.split()):
            later.append(member)
    return sorted(first, key=lambda m: name_key(m.name)) + sorted(
        later, key=lambda m: name_key(m.name)
    )


def completion_prefix(text: str, cursor: int) -> tuple[int, str] | None:
    """Where the name being typed starts (index of its ``@``) and what is typed so far.

    Returns None when the cursor is not inside an ``@name``.
    """
    at = text.rfind("@", 0, cursor)
    if at < 0:
        return None
    typed = text[at + 1 : cursor]
    if any(c in _NAME_STOPS for c in typed) or "->" in typed or "=>" in typed:
        return None
    if typed.count(" ") > 2 or typed.startswith(" "):
        return None
    return at, typed


class _Scanner:
    """Walks the line left to right, collecting problems instead of stopping at the first."""

    def __init__(self, text: str, names: NameIndex) -> None:
        self.text = text
        self.names = names
        self.pos = 0
        self.problems: list[EntryProblem] = []
        self.unknown = 0

    def problem(self, start: int, end: int, message: str) -> None:
        self.problems.append(EntryProblem(start, end, message))

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def read_word(self) -> tuple[int, str]:
        start = self.pos
        while self.pos < len(self.text) and not self.text[self.pos].isspace():
            if self.text[self.pos] in _NAME_STOPS or self.text[self.pos] == "@":
                break
            self.pos += 1
        return start, self.text[start : self.pos]

    def try_arrow(self) -> bool:
        for arrow in _ARROWS:
            if self.text.startswith(arrow, self.pos):
                self.pos += len(arrow)
                return True
        if name_key(self.text[self.pos : self.pos + 2]) == "to" and _is_boundary(
            self.text, self.pos + 2
        ):
            self.pos += 2
            return True
        return False

    def try_list_separator(self) -> bool:
        """Consume ``,``/``&``/``+``/``and`` if a name follows it."""
        save = self.pos
        self.skip_spaces()
        for word in (",", "&", "+"):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                break
        else:
            if name_key(self.text[self.pos : self.pos + 3]) == "and" and _is_boundary(
                self.text, self.pos + 3
            ):
                self.pos += 3
        self.skip_spaces()
        if self.peek() == "@":
            return True
        self.pos = save
        return False

    def read_name(self) -> MemberRef | None:
        """Read ``@name`` at the cursor; record a problem and return None if it is not one."""
        at = self.pos
        self.pos += 1
        match = self.names.longest_match(self.text, self.pos)
        if match is not None:
            end, found = match
            self.pos = end
            if len(found) == 1:
                return found[0]
            self.problem(
                at,
                end,
                _("Two members are called “{name}”: rename one first.").format(name=found[0].name),
            )
            return None
        end = self.pos
        while end < len(self.text) and not self.text[end].isspace():
            if self.text[end] in _NAME_STOPS or self.text.startswith(_ARROWS, end):
                break
            end += 1
        while end > self.pos and self.text[end - 1] in _TRAILING_NAME_PUNCT:
            end -= 1
        typed = self.text[self.pos : end]
        self.pos = end
        if not typed:
            self.problem(at, at + 1, _("Type a member's name after @."))
            return None
        candidates = self.names.by_prefix(typed)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            listed = _join_names(m.name for m in candidates[:5])
            self.problem(
                at,
                end,
                _("“{typed}” could be {listed}: type more of the name.").format(
                    typed=typed, listed=listed
                ),
            )
            return None
        # Close matches are worth their cost for the first few unknown names only (a
        # pasted line may hold hundreds); a name longer than any member's has none.
        self.unknown += 1
        hint = self.names.suggestions(typed[:80]) if self.unknown <= MAX_SUGGESTED else []
        if hint:
            message = _("Nobody on the roster is called “{typed}”. Did you mean {names}?").format(
                typed=typed, names=_join_names(hint)
            )
        else:
            message = _("Nobody on the roster is called “{typed}”.").format(typed=typed)
        self.problem(at, end, message)
        return None

    def read_names(self) -> list[tuple[int, int, MemberRef | None]]:
        """One or more ``@names`` separated by list words; (start, end, member) each."""
        found: list[tuple[int, int, MemberRef | None]] = []
        self.skip_spaces()
        while self.peek() == "@":
            start = self.pos
            member = self.read_name()
            found.append((start, self.pos, member))
            if not self.try_list_separator():
                break
        return found

    def read_note(self) -> tuple[int, str, tuple[str, ...]]:
        self.skip_spaces()
        # One separator run ("!", ":", " - ", "...") right after the names is not the note.
        run = self.pos
        while run < len(self.text) and self.text[run] in _NOTE_SEPARATORS:
            run += 1
        ends_run = run == len(self.text) or self.text[run].isspace()
        is_arrow = self.text.startswith(_ARROWS, self.pos)
        if run > self.pos and (ends_run or self.text[self.pos] == ":") and not is_arrow:
            self.pos = run
        start = self.pos
        note, tags = split_tags(self.text[self.pos :])
        self.pos = len(self.text)
        return start, note, tags


def _others(
    scan: _Scanner,
    named: list[tuple[int, int, MemberRef | None]],
    me: MemberRef | None,
    self_message: str,
) -> list[int]:
    """The distinct members named besides ``me`` (unknown names were reported while
    reading); naming ``me`` is a problem at that name."""
    ids: list[int] = []
    for start, end, member in named:
        if member is None:
            continue
        if me is not None and member.id == me.id:
            scan.problem(start, end, self_message.format(member.name))
        elif member.id not in ids:
            ids.append(member.id)
    return ids


def split_tags(text: str) -> tuple[str, tuple[str, ...]]:
    """Take ``#tags`` out of a note: (note without tags, tags case-folded, first seen first)."""
    tags: list[str] = []
    for match in _TAG_RE.finditer(text):
        tag = name_key(match.group(1))
        if tag not in tags:
            tags.append(tag)
    note = " ".join(_TAG_RE.sub(" ", text).split())
    return note, tuple(tags)


def _join_names(names: Iterable[str]) -> str:
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return _("{first} or {last}").format(first=", ".join(items[:-1]), last=items[-1])


def parse_entry(
    text: str, members: Iterable[MemberRef] | NameIndex
) -> ParsedEntry | list[EntryProblem]:
    """Parse one quick-entry line against the roster.

    Returns a ``ParsedKudos``, ``ParsedBlocker`` or ``ParsedResolution``, or a non-empty
    list of problems (nothing should be recorded then).
    """
    if len(text) > MAX_LINE:
        return [
            EntryProblem(
                MAX_LINE,
                len(text),
                _("Keep the entry under {count} characters.").format(count=MAX_LINE),
            )
        ]
    names = members if isinstance(members, NameIndex) else NameIndex(members)
    scan = _Scanner(text, names)
    scan.skip_spaces()
    if scan.at_end():
        return [
            EntryProblem(
                0, len(text), _("Type an entry, e.g. “{example}”.").format(example=_(EXAMPLE_KUDOS))
            )
        ]
    start, word = scan.read_word()
    keyword = name_key(word)
    if keyword in KUDOS_WORDS:
        result: ParsedEntry | None = _parse_kudos(scan, start)
    elif keyword in BLOCKER_WORDS:
        result = _parse_blocker(scan, start)
    elif keyword in RESOLVE_WORDS:
        result = _parse_resolution(scan, start)
    else:
        end = start + len(word) if word else start + 1
        return [
            EntryProblem(
                start,
                end,
                _(
                    "Start with “kudos”, “blocked” or “resolved”, e.g. “{kudos}” or “{blocker}”."
                ).format(kudos=_(EXAMPLE_KUDOS), blocker=_(EXAMPLE_BLOCKER)),
            )
        ]
    if scan.problems or result is None:
        return scan.problems or [EntryProblem(0, len(text), _("This entry could not be read."))]
    return result


def _parse_kudos(scan: _Scanner, keyword_start: int) -> ParsedKudos | None:
    keyword_end = scan.pos
    scan.skip_spaces()
    giver: MemberRef | None = None
    giver_span = (keyword_end, keyword_end)
    if scan.peek() == "@":
        giver_start = scan.pos
        giver = scan.read_name()
        giver_span = (giver_start, scan.pos)
    else:
        scan.problem(
            keyword_start,
            keyword_end,
            _("Who gives the kudos? Type @ and their name next, e.g. “{example}”.").format(
                example=_(EXAMPLE_KUDOS)
            ),
        )
        return None
    scan.skip_spaces()
    arrow_at = scan.pos
    if not scan.try_arrow():
        scan.problem(
            giver_span[0],
            max(giver_span[1], arrow_at),
            _("Put -> after the giver, then who they thank, e.g. “{example}”.").format(
                example=_(EXAMPLE_KUDOS)
            ),
        )
        return None
    arrow_end = scan.pos
    receivers = scan.read_names()
    if not receivers:
        scan.problem(arrow_at, arrow_end, _("Who is thanked? Type @ and a name after ->."))
        return None
    receiver_ids = _others(scan, receivers, giver, "{} cannot thank themselves.")
    names_end = scan.pos
    _note_start, note, tags = scan.read_note()
    if not note:
        scan.problem(names_end, len(scan.text), _("Say what the help was after the names."))
    if giver is None or scan.problems:
        return None
    return ParsedKudos(giver.id, tuple(receiver_ids), note, tags)


def _parse_blocker(scan: _Scanner, keyword_start: int) -> ParsedBlocker | None:
    keyword_end = scan.pos
    scan.skip_spaces()
    if scan.peek() != "@":
        scan.problem(
            keyword_start,
            keyword_end,
            _("Who is blocked? Type @ and their name next, e.g. “{example}”.").format(
                example=_(EXAMPLE_BLOCKER)
            ),
        )
        return None
    owner = scan.read_name()
    owner_end = scan.pos
    _note_start, note, tags = scan.read_note()
    if not note:
        scan.problem(owner_end, len(scan.text), _("Say what is stuck after the name."))
    if owner is None or scan.problems:
        return None
    return ParsedBlocker(owner.id, note, tags)


def _parse_resolution(scan: _Scanner, keyword_start: int) -> ParsedResolution | None:
    keyword_end = scan.pos
    scan.skip_spaces()
    if scan.peek() != "@":
        scan.problem(
            keyword_start,
            keyword_end,
            _(
                "Whose blocker is resolved? Type @ and their name next, e.g. “resolved @Cy by @Ana”."
            ),
        )
        return None
    owner = scan.read_name()
    scan.skip_spaces()
    helpers: list[tuple[int, int, MemberRef | None]] = []
    by_at = scan.pos
    if not scan.at_end():
        # An arrow first: reading a word would stop inside "->" (">" ends a word).
        word = "->" if scan.try_arrow() else scan.read_word()[1]
        if name_key(word) not in {"by", "thanks", "->", "with"}:
            scan.problem(by_at, len(scan.text), _("Name the helpers after “by”, e.g. “by @Ana”."))
            return None
        if name_key(word) == "thanks":
            scan.skip_spaces()
            if name_key(scan.text[scan.pos : scan.pos + 2]) == "to":
                scan.pos += 2
        helpers = scan.read_names()
        if not helpers:
            scan.problem(by_at, scan.pos, _("Type @ and the name of who helped."))
        scan.skip_spaces()
        if not scan.at_end():
            scan.problem(scan.pos, len(scan.text), _("Only names can follow “by”."))
    helper_ids = _others(scan, helpers, owner, "{} cannot be their own helper.")
    if owner is None or scan.problems:
        return None
    return ParsedResolution(owner.id, tuple(helper_ids))


def parse_names(
    text: str, members: Iterable[MemberRef] | NameIndex
) -> tuple[int, ...] | list[EntryProblem]:
    """A list of ``@names`` (e.g. who helped); empty text means nobody.

    Separators are the same as in entries (spaces, commas, ``&``, ``+``, ``and``).
    """
    names = members if isinstance(members, NameIndex) else NameIndex(members)
    scan = _Scanner(text, names)
    scan.skip_spaces()
    if scan.at_end():
        return ()
    if scan.peek() != "@":
        return [EntryProblem(scan.pos, len(text), _("Type @ before each name, e.g. “@Ana @Bo”."))]
    found = scan.read_names()
    scan.skip_spaces()
    if not scan.at_end():
        scan.problem(scan.pos, len(text), _("Only names go here: type @ before each one."))
    ids: list[int] = []
    for _start, _end, member in found:
        if member is not None and member.id not in ids:
            ids.append(member.id)
    if scan.problems:
        return scan.problems
    return tuple(ids)


# -- weekly goals in the same line -------------------------------------------------------
# Grammar (added beside the stand-up entries; ``parse_entry`` itself is unchanged)::
#
#     goal @Member what they deliver [; another deliverable] [; support @Colleague what]
#     done|partly|not done @Member [goal|support]
#
# The week is the stand-up day's; the window and the goals service decide which items a
# mark applies to. ``parse_goal_entry`` returns None for a line that is not about goals,
# so the caller can fall through to ``parse_entry``.

GOAL_WORDS = frozenset({"goal", "goals"})
MARK_WORDS = {"done": "done", "partly": "partly", "notdone": "not_done", "missed": "not_done"}
GOAL_PARTS = {"goal": "goal", "goals": "goal", "deliverable": "goal", "support": "support"}
# Translators: keep "goal", "support" and the @names: the quick entry reads those words.
EXAMPLE_GOAL = N_("goal @Ana ship the export dialog; support @Bo review the migration PR")
# Translators: only keywords and a @name: keep it as it is.
EXAMPLE_MARK = N_("done @Ana support")
_SUPPORT_CLAUSE = re.compile(r"(?:^|[;\s])support\s*(?=@)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedGoal:
    member_id: int
    deliverables: tuple[str, ...]
    support_to: int | None = None
    support: str = ""


@dataclass(frozen=True)
class ParsedGoalMark:
    member_id: int
    part: str  # "goal", "support" or "all"
    status: str  # "done", "partly" or "not_done"


def _goal_keyword(text: str) -> tuple[str, int, int] | None:
    """(keyword, start, end) when the line starts with a goal word, else None."""
    match = re.match(r"\s*(not\s+done|[^\W\d_]+)", text)
    if match is None:
        return None
    word = name_key(re.sub(r"\s+", "", match.group(1)))
    if word in GOAL_WORDS or word in MARK_WORDS:
        return word, match.start(1), match.end(1)
    return None


def parse_goal_entry(
    text: str, members: Iterable[MemberRef] | NameIndex
) -> ParsedGoal | ParsedGoalMark | list[EntryProblem] | None:
    """Parse a goal line (see the grammar above); None when the line is not one."""
    found = _goal_keyword(text)
    if found is None:
        return None
    keyword, start, end = found
    if len(text) > MAX_LINE:  # as for every quick-entry line: parsing stays short
        return [
            EntryProblem(
                MAX_LINE,
                len(text),
                _("Keep the entry under {count} characters.").format(count=MAX_LINE),
            )
        ]
    names = members if isinstance(members, NameIndex) else NameIndex(members)
    scan = _Scanner(text, names)
    scan.pos = end
    scan.skip_spaces()
    if scan.peek() != "@":
        example = EXAMPLE_GOAL if keyword in GOAL_WORDS else EXAMPLE_MARK
        return [
            EntryProblem(
                start,
                end,
                _("Whose goal? Type @ and a name next, e.g. “{example}”.").format(
                    example=_(example)
                ),
            )
        ]
    member = scan.read_name()
    if keyword in GOAL_WORDS:
        result: ParsedGoal | ParsedGoalMark | None = _parse_goal(scan, member)
    else:
        result = _parse_mark(scan, member, MARK_WORDS[keyword])
    if scan.problems or result is None:
        return scan.problems or [EntryProblem(0, len(text), _("This goal could not be read."))]
    return result


def _parse_goal(scan: _Scanner, member: MemberRef | None) -> ParsedGoal | None:
    text, after_name = scan.text, scan.pos
    clause = _SUPPORT_CLAUSE.search(text, after_name)
    head_end = clause.start() if clause else len(text)
    deliverables = tuple(
        part
        for part in (
            " ".join(p.split()).strip(" :-—–,") for p in text[after_name:head_end].split(";")
        )
        if part
    )
    support_to: int | None = None
    support = ""
    if clause is not None:
        scan.pos = clause.end()
        colleague = scan.read_name()
        support = " ".join(text[scan.pos :].split()).strip(" :-—–,;")
        if colleague is not None:
            if member is not None and colleague.id == member.id:
                scan.problem(
                    clause.end(),
                    scan.pos,
                    _("{name} cannot support themselves.").format(name=colleague.name),
                )
            support_to = colleague.id
        if not support:
            scan.problem(
                clause.start(), len(text), _("Say what the supportive action is after the name.")
            )
    if not deliverables and clause is None:
        scan.problem(
            after_name,
            len(text),
            _("Say what they will deliver, and add “support @name …”, e.g. “{example}”.").format(
                example=_(EXAMPLE_GOAL)
            ),
        )
    if member is None or scan.problems:
        return None
    return ParsedGoal(member.id, deliverables, support_to, support)


def _parse_mark(scan: _Scanner, member: MemberRef | None, status: str) -> ParsedGoalMark | None:
    scan.skip_spaces()
    part = "all"
    if not scan.at_end():
        start, word = scan.read_word()
        part = GOAL_PARTS.get(name_key(word), "")
        scan.skip_spaces()
        if not part or not scan.at_end():
            scan.problem(
                start,
                len(scan.text),
                _("After the name, write “goal” or “support” (or nothing for both)."),
            )
    if member is None or scan.problems:
        return None
    return ParsedGoalMark(member.id, part, status)
