"""What changed between two versions, as HTML for a QTextBrowser."""

from __future__ import annotations

from html import escape

from teamkeel.core.compact.diff import CompactDiff, word_diff
from teamkeel.ui import theme


def _added() -> str:
    return f"background:{theme.ADDED_FILL}; color:{theme.ADDED_TEXT}; text-decoration:none;"


def _removed() -> str:
    return (
        f"background:{theme.REMOVED_FILL}; color:{theme.REMOVED_TEXT};"
        " text-decoration:line-through;"
    )


def _words(old: str, new: str) -> str:
    parts = []
    previous = ""
    for op, text in word_diff(old, new):
        if op == "same":
            parts.append(escape(text))
        elif op == "added":
            # Keep "old new" apart when a word was replaced, so both stay readable.
            gap = " " if previous == "removed" else ""
            parts.append(f'{gap}<span style="{_added()}">{escape(text)}</span>')
        else:
            parts.append(f'<span style="{_removed()}">{escape(text)}</span>')
        previous = op
    return "".join(parts)


def diff_html(d: CompactDiff) -> str:
    out = [f"<h3>{escape(d.old_label)} → {escape(d.new_label)}</h3>"]
    if d.is_empty:
        out.append("<p>No differences: the two versions say the same thing.</p>")
        return "".join(out)
    if d.title:
        out.append(f"<p><b>Title:</b> {_words(*d.title)}</p>")
    if d.purpose:
        out.append(f"<p><b>Purpose:</b> {_words(*d.purpose)}</p>")
    if d.added:
        out.append("<p><b>Added</b></p><ul>")
        out += [
            f'<li>#{n.line} <span style="{_added()}">{escape(n.commitment.statement)}</span>'
            + (f" — norm {escape(n.commitment.norm)}" if n.commitment.norm else "")
            + "</li>"
            for n in d.added
        ]
        out.append("</ul>")
    if d.removed:
        out.append("<p><b>Removed</b></p><ul>")
        out += [
            f'<li>was #{n.line} <span style="{_removed()}">{escape(n.commitment.statement)}</span></li>'
            for n in d.removed
        ]
        out.append("</ul>")
    if d.changed:
        out.append("<p><b>Changed</b></p><ul>")
        for change in d.changed:
            old, new = change.old.commitment, change.new.commitment
            line = f"#{change.new.line} " + _words(old.statement, new.statement)
            notes = []
            if "norm" in change.aspects:
                notes.append(f"norm {escape(old.norm or 'none')} → {escape(new.norm or 'none')}")
            if "theme" in change.aspects:
                notes.append(f"theme {escape(old.theme)} → {escape(new.theme)}")
            if notes:
                line += f'<br/><span style="{theme.MUTED_TEXT}">{"; ".join(notes)}</span>'
            out.append(f"<li>{line}</li>")
        out.append("</ul>")
    if d.reordered:
        out.append("<p><b>Order:</b> commitments were reordered.</p>")
    if d.cadence:
        out.append(f"<p><b>Review:</b> {escape(d.cadence[0])} → {escape(d.cadence[1])}</p>")
    return "".join(out)
