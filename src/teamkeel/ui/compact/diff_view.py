"""What changed between two versions, as HTML for a QTextBrowser."""

from __future__ import annotations

from html import escape

from teamkeel.core.compact.diff import CompactDiff, word_diff
from teamkeel.core.i18n import _, pgettext
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
        out.append("<p>" + _("No differences: the two versions say the same thing.") + "</p>")
        return "".join(out)
    if d.title:
        out.append("<p><b>" + _("Title:") + f"</b> {_words(*d.title)}</p>")
    if d.purpose:
        out.append("<p><b>" + _("Purpose:") + f"</b> {_words(*d.purpose)}</p>")
    if d.added:
        out.append("<p><b>" + pgettext("compact diff", "Added") + "</b></p><ul>")
        for n in d.added:
            statement = f'<span style="{_added()}">{escape(n.commitment.statement)}</span>'
            if n.commitment.norm:
                item = _("#{line} {statement} — norm {norm}").format(
                    line=n.line, statement=statement, norm=escape(n.commitment.norm)
                )
            else:
                item = f"#{n.line} {statement}"
            out.append(f"<li>{item}</li>")
        out.append("</ul>")
    if d.removed:
        out.append("<p><b>" + pgettext("compact diff", "Removed") + "</b></p><ul>")
        for n in d.removed:
            statement = f'<span style="{_removed()}">{escape(n.commitment.statement)}</span>'
            item = _("was #{line} {statement}").format(line=n.line, statement=statement)
            out.append(f"<li>{item}</li>")
        out.append("</ul>")
    if d.changed:
        out.append("<p><b>" + pgettext("compact diff", "Changed") + "</b></p><ul>")
        for change in d.changed:
            old, new = change.old.commitment, change.new.commitment
            line = f"#{change.new.line} " + _words(old.statement, new.statement)
            notes = []
            none = pgettext("no norm", "none")
            if "norm" in change.aspects:
                notes.append(
                    _("norm {old} → {new}").format(
                        old=escape(old.norm or none), new=escape(new.norm or none)
                    )
                )
            if "theme" in change.aspects:
                notes.append(
                    _("theme {old} → {new}").format(
                        old=escape(_(old.theme)), new=escape(_(new.theme))
                    )
                )
            if notes:
                line += f'<br/><span style="{theme.MUTED_TEXT}">{"; ".join(notes)}</span>'
            out.append(f"<li>{line}</li>")
        out.append("</ul>")
    if d.reordered:
        out.append("<p><b>" + _("Order:") + "</b> " + _("commitments were reordered.") + "</p>")
    if d.cadence:
        cadence = f"{escape(_(d.cadence[0]))} → {escape(_(d.cadence[1]))}"
        out.append("<p><b>" + _("Review:") + f"</b> {cadence}</p>")
    return "".join(out)
