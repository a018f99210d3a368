"""Barrier themes of listening answers, and the suggestions Keel makes from the words.

The rules live in ``resources/journey/themes.json`` so anyone can add words or a
language without touching code. A suggestion is only a start: the lead corrects it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from teamkeel import resources
from teamkeel.core.i18n import N_, _, pgettext

OTHER = "other"

# The titles themes.json ships, marked for the catalogs (a title is shown as ``_(title)``;
# a theme someone adds to the file shows as written).
SHIPPED_TITLES = (
    N_("Time"),
    N_("Fear of looking incompetent or of blame"),
    N_("Not knowing how or whom to ask"),
    N_("Workload"),
    N_("Tools and channels"),
    N_("Other"),
)


@dataclass(frozen=True)
class Theme:
    key: str
    title_text: str
    patterns: tuple[re.Pattern[str], ...] = ()

    @property
    def title(self) -> str:
        return _(self.title_text)

    @property
    def short_title(self) -> str:
        """A chip's name: the title, or a short word for a long one."""
        short = {
            "fear": pgettext("listening theme", "Fear"),
            "how": pgettext("listening theme", "How to ask"),
            "tools": pgettext("listening theme", "Tools"),
        }
        title = self.title
        return title if len(title) < 20 else short.get(self.key, self.key.capitalize())


def _fold(text: str) -> str:
    """Lower case with typographic apostrophes made plain ("don’t" matches "don't")."""
    text = unicodedata.normalize("NFC", text).casefold()
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _pattern(word: str) -> re.Pattern[str]:
    word = _fold(word.strip())
    stem = word.endswith("*")
    body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<!\w){body}" + (r"\w*" if stem else r"(?!\w)"))


@lru_cache(maxsize=1)
def themes() -> tuple[Theme, ...]:
    """Every theme in display order, "other" last."""
    data = json.loads(resources.path("journey/themes.json").read_text(encoding="utf-8"))
    found = []
    for entry in data["themes"]:
        words = [w for language in entry.get("words", {}).values() for w in language]
        found.append(Theme(entry["key"], entry["title"], tuple(_pattern(w) for w in words)))
    fallback = data.get("fallback") or {"key": OTHER, "title": "Other"}
    found.append(Theme(fallback["key"], fallback["title"]))
    return tuple(found)


def keys() -> tuple[str, ...]:
    return tuple(t.key for t in themes())


def title(key: str) -> str:
    return next((t.title for t in themes() if t.key == key), key)


def suggest(text: str) -> tuple[str, ...]:
    """The themes whose words appear in the answer, or ("other",) when none does."""
    folded = _fold(text)
    found = tuple(t.key for t in themes() if any(p.search(folded) for p in t.patterns))
    return found or (OTHER,)


def matches(text: str, key: str) -> int:
    """How many of a theme's words the answer uses (to pick telling quotes)."""
    folded = _fold(text)
    theme = next((t for t in themes() if t.key == key), None)
    return sum(1 for p in theme.patterns if p.search(folded)) if theme else 0
