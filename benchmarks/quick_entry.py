"""How long the quick-entry line takes to parse a pasted line of many @-mentions, with
long names on the roster: the name search as it was (every end up to twice the longest
name, members' keys recomputed per unknown name) against the current one, same run.

The window parses once typing pauses (``PREVIEW_DELAY_MS``), so this is the cost of one
pause, not of every key.

Run: /work/venv/bin/python benchmarks/quick_entry.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from teamkeel.core.standup import parser  # noqa: E402
from teamkeel.core.standup.entries import MemberRef  # noqa: E402


class OldNameIndex(parser.NameIndex):
    """The name search before it stopped at the first word no name continues with."""

    def longest_match(self, text: str, start: int) -> tuple[int, list[MemberRef]] | None:
        best = None
        limit = min(len(text), start + 2 * self._longest + 2)
        for end in range(start + 1, limit + 1):
            if not parser._is_boundary(text, end):
                continue
            piece = text[start:end]
            found = self._by_key.get(parser.name_key(piece)) or self._by_fold.get(
                parser.fold_key(piece)
            )
            if found:
                best = (end, found)
        return best

    def by_prefix(self, prefix: str) -> list[MemberRef]:
        key = parser.name_key(prefix)
        found = [m for m in self.members if parser.name_key(m.name).startswith(key)]
        if not found:
            loose = parser.fold_key(prefix)
            found = [m for m in self.members if parser.fold_key(m.name).startswith(loose)]
        return found


def timed(label: str, fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<58} {best * 1000:9.1f} ms")
    return best


def main() -> None:
    long_name = ("Zoë Maximiliane Ōsaka-Konstantinopoulou de la Cruz " * 4)[:190].strip()
    members = [MemberRef(i, f"{long_name} {i}") for i in range(1, 41)]
    members += [MemberRef(100 + i, n) for i, n in enumerate(["Ana Sousa", "Bo", "李娜"])]
    lines = {
        "800 mentions of a short name": "kudos @Ana Sousa -> "
        + " ".join(["@Bo"] * 800)
        + " thanks",
        "20 mentions of a 190-character name": "kudos @Ana Sousa -> "
        + " ".join([f"@{long_name} 7"] * 20)
        + " thanks",
        "300 unknown names": "kudos @Ana Sousa -> "
        + " ".join(f"@Nobody{i}" for i in range(300))
        + " thanks",
    }
    old, new = OldNameIndex(members), parser.NameIndex(members)
    for label, line in lines.items():
        assert parser.parse_entry(line, old) == parser.parse_entry(line, new)
        before = timed(f"{label}, before", lambda ln=line: parser.parse_entry(ln, old))
        after = timed(f"{label}, now", lambda ln=line: parser.parse_entry(ln, new))
        print(f"{'':<58} {before / after:8.0f}x")


if __name__ == "__main__":
    main()
