"""Figures in a report's text that remember where they came from (pure functions, no ORM).

A draft writes a figure as text ("32万元") and keeps beside the section a record of it: the
source (a key the kind's `sources` answers, "funding.total.executed"), its label, the text it
was shown as, the sentence that holds it and where in that sentence it stands. When the data
later shows another text for that source, the sentence is stale: `flags` says so with the old
and new text, and `update` rewrites the figure in its sentence and nowhere else.

A filer's edit keeps a figure as long as its sentence, or a sentence like it that still holds
the figure's text, is in the section (`reanchor`); a sentence deleted takes its figures along.
"""

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_SENTENCE = re.compile(r"[^。；！？;!?\n]*(?:[。；！？;!?]+|\n|$)")
_WAN = Decimal(10000)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Source:
    """A figure the data holds now: its label and the text a sentence shows it as."""

    label: str
    shown: str


@dataclass(frozen=True)
class Ref:
    """A piece of a drafted paragraph that is a figure from a source."""

    key: str


Paragraph = Sequence[str | Ref]


@dataclass(frozen=True)
class Flag:
    """A stale figure: the sentence holding it, its old text and the data's new one."""

    index: int  # of the figure in its section's records
    source: str
    label: str
    sentence: str
    old: str
    new: str  # "" when the data no longer holds the source


def plain(number: Decimal) -> str:
    """A number without trailing zeros: 32, 0.89, 1184.72."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def wan(amount: Decimal | None) -> str:
    """An amount in 元 shown in 万元 to two places, as the seeds' narratives print it."""
    if amount is None:
        return ""
    return plain((amount / _WAN).quantize(_CENT, rounding=ROUND_HALF_UP))


def percent(ratio: Decimal | None) -> str:
    """A ratio (0.98) shown as a percentage (98%)."""
    if ratio is None:
        return ""
    return plain((ratio * 100).quantize(_CENT, rounding=ROUND_HALF_UP)) + "%"


def points(score: Decimal | None) -> str:
    return "" if score is None else plain(score.quantize(_CENT, rounding=ROUND_HALF_UP))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: up to 。；！？ or the end of a line."""
    spans = []
    for match in _SENTENCE.finditer(text):
        if match.end() > match.start() and match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def _sentence_at(text: str, position: int) -> tuple[int, int]:
    for start, end in sentence_spans(text):
        if start <= position < end:
            return start, end
    return position, position


def compose(paragraphs: Sequence[Paragraph], sources: Mapping[str, Source]) -> tuple[str, list]:
    """The text of drafted paragraphs and the records of the figures it holds."""
    lines: list[str] = []
    figures: list[dict] = []
    for paragraph in paragraphs:
        text, placed = "", []
        for piece in paragraph:
            if isinstance(piece, Ref):
                source = sources[piece.key]
                placed.append((len(text), piece.key, source))
                text += source.shown
            else:
                text += piece
        for offset, key, source in placed:
            start, end = _sentence_at(text, offset)
            figures.append(
                {
                    "source": key,
                    "label": source.label,
                    "shown": source.shown,
                    "sentence": text[start:end].strip("\n"),
                    "at": offset - start,
                }
            )
        lines.append(text)
    return "\n".join(lines), figures


def _sentences(body: str) -> dict[str, tuple[int, int]]:
    """Each sentence of the text (stripped of its line break) and where its first one stands."""
    found: dict[str, tuple[int, int]] = {}
    for start, end in sentence_spans(body):
        text = body[start:end]
        stripped = text.strip("\n")
        offset = start + len(text) - len(text.lstrip("\n"))
        found.setdefault(stripped, (offset, offset + len(stripped)))
    return found


def _anchored(sentences: Mapping[str, tuple[int, int]], figure: dict) -> bool:
    sentence, at = figure["sentence"], figure["at"]
    return sentence in sentences and sentence[at:].startswith(figure["shown"])


def flags(body: str, figures: Sequence[dict], sources: Mapping[str, Source]) -> list[Flag]:
    """The figures of a section whose data now shows another text, in the section's order."""
    found = []
    sentences = _sentences(body)
    for index, figure in enumerate(figures):
        if not _anchored(sentences, figure):
            continue
        source = sources.get(figure["source"])
        new = source.shown if source is not None else ""
        if new != figure["shown"]:
            found.append(
                Flag(
                    index=index,
                    source=figure["source"],
                    label=source.label if source is not None else figure["label"],
                    sentence=figure["sentence"],
                    old=figure["shown"],
                    new=new,
                )
            )
    found.sort(key=lambda flag: (sentences[flag.sentence][0], figures[flag.index]["at"]))
    return found


def update(
    body: str, figures: Sequence[dict], index: int, sources: Mapping[str, Source]
) -> tuple[str, list[dict]]:
    """The section with one stale figure rewritten to the data's text in its own sentence.

    A figure whose source is gone keeps its text and loses its record: nothing to update to.
    """
    records = [dict(figure) for figure in figures]
    figure = records[index]
    source = sources.get(figure["source"])
    sentences = _sentences(body)
    if not _anchored(sentences, figure):
        return body, records
    if source is None or not source.shown:
        del records[index]
        return body, records
    old_sentence, at, old = figure["sentence"], figure["at"], figure["shown"]
    new_sentence = old_sentence[:at] + source.shown + old_sentence[at + len(old) :]
    delta = len(source.shown) - len(old)
    start, end = sentences[old_sentence]
    body = body[:start] + new_sentence + body[end:]
    for other in records:
        if other is not figure and other["sentence"] == old_sentence:
            other["sentence"] = new_sentence
            if other["at"] > at:
                other["at"] += delta
    figure.update(sentence=new_sentence, shown=source.shown, label=source.label)
    return body, records


def reanchor(body: str, figures: Sequence[dict]) -> list[dict]:
    """The records kept after the filer edited the section's text (see the module's note)."""
    kept = []
    sentences = _sentences(body)
    for figure in figures:
        if _anchored(sentences, figure):
            kept.append(dict(figure))
            continue
        best, score = None, 0.5
        for sentence in sentences:
            if figure["shown"] not in sentence:
                continue
            ratio = difflib.SequenceMatcher(None, figure["sentence"], sentence).ratio()
            if ratio > score:
                best, score = sentence, ratio
        if best is None:
            continue
        positions = [m.start() for m in re.finditer(re.escape(figure["shown"]), best)]
        relative = figure["at"] / max(len(figure["sentence"]), 1)
        at = min(positions, key=lambda p: abs(p / max(len(best), 1) - relative))
        kept.append(dict(figure, sentence=best, at=at))
    return kept


def stale_count(sections: Sequence[tuple[str, Sequence[dict]]], sources: Mapping) -> int:
    """How many figures of the sections (body, records) are stale."""
    return sum(len(flags(body, figures, sources)) for body, figures in sections)
