"""Report outlines as data: the sections of each official 评价报告, their headings and order.

An outline is written as lines of text, the form a bureau edits in the admin for one year:

    标题：{project}项目{year}年绩效评价报告
    一、项目概况 | overview
      （一）项目基本情况。 | overview.basic
      （二）资金计划、到位及使用情况（可用表格形式反映）。 | funds.use | payments
    备注：涉密部门和涉密信息按保密规定不公开。

A line is a heading, then its key (what the section's text is stored under; the heading when
absent) and the topic the data can draft (see `topics.py`; "payments" adds the 支付明细表).
An indented line is a subsection. 标题 lines print as the title ({year}, {department} and
{project} filled in), 表号 above it, 备注 below the last section.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

TABLE_TOPICS = ("payments",)
_DIRECTIVES = {"标题": "titles", "表号": "table_number", "备注": "footnote"}
KEY_PATTERN = re.compile(r"^[\w.\-\u4e00-\u9fff（）()、，。]{1,120}$")


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    level: int = 1  # 1: 一、… 2: （一）…
    topic: str = ""

    @property
    def has_payments(self) -> bool:
        return self.topic == "payments"


@dataclass(frozen=True)
class Outline:
    sections: tuple[Section, ...]
    titles: tuple[str, ...] = ()
    table_number: str = ""
    footnote: str = ""

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sections]


class OutlineError(ValueError):
    """An outline a bureau typed that cannot be read; the message names the line."""


def parse_outline(text: str, topics: frozenset[str] | set[str] | None = None) -> Outline:
    """Read an outline written as lines; `topics` are those the kind can draft (None: any)."""
    sections: list[Section] = []
    found: dict[str, list[str]] = {"titles": [], "table_number": [], "footnote": []}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        line = raw.strip()
        directive = re.match(r"^(标题|表号|备注)[:：](.*)$", line)
        if directive:
            found[_DIRECTIVES[directive.group(1)]].append(directive.group(2).strip())
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3 or not parts[0]:
            raise OutlineError(
                _("Line %(line)d: write a heading, then optionally | key | topic.")
                % {"line": number}
            )
        heading = parts[0]
        key = (parts[1] if len(parts) > 1 else "") or heading
        topic = parts[2] if len(parts) > 2 else ""
        if not KEY_PATTERN.match(key):
            raise OutlineError(
                _("Line %(line)d: the key “%(key)s” may hold letters, digits, dots and dashes.")
                % {"line": number, "key": key}
            )
        if topics is not None and topic and topic not in topics and topic not in TABLE_TOPICS:
            raise OutlineError(
                _("Line %(line)d: the data cannot draft “%(topic)s”; use one of: %(known)s.")
                % {"line": number, "topic": topic, "known": "、".join(sorted(topics or ()))}
            )
        if any(s.key == key for s in sections):
            raise OutlineError(
                _("Line %(line)d: the key “%(key)s” is used twice.") % {"line": number, "key": key}
            )
        level = 2 if raw[:1] in (" ", "\t", "\u3000") else 1
        sections.append(Section(key=key, heading=heading, level=level, topic=topic))
    if not sections:
        raise OutlineError(_("An outline needs at least one section."))
    return Outline(
        sections=tuple(sections),
        titles=tuple(found["titles"]),
        table_number=" ".join(found["table_number"]),
        footnote=" ".join(found["footnote"]),
    )


def outline_text(outline: Outline) -> str:
    """The outline written back as the lines a bureau edits."""
    lines = [f"标题：{title}" for title in outline.titles]
    if outline.table_number:
        lines.insert(0, f"表号：{outline.table_number}")
    for section in outline.sections:
        indent = "  " if section.level == 2 else ""
        tail = [section.key] if section.key != section.heading or section.topic else []
        if section.topic:
            tail.append(section.topic)
        lines.append(" | ".join([indent + section.heading, *tail]))
    if outline.footnote:
        lines.append(f"备注：{outline.footnote}")
    return "\n".join(lines)


def filled_titles(outline: Outline, **names: str) -> list[str]:
    """The title lines with {year}, {department} and {project} filled in."""
    found = []
    for title in outline.titles:
        for name, value in names.items():
            title = title.replace("{" + name + "}", value)
        found.append(title)
    return found
