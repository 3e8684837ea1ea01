"""Big tables from plain values (STYLE: speed of big tables): a table's row written by one
template made of its cells' partials, compiled once per set of partials, and select options
written once per list and choice."""

from functools import lru_cache

from django.template import engines
from django.template.base import Template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _engine():
    return engines["django"].engine  # type: ignore[attr-defined]


@lru_cache(maxsize=64)
def select_options(values: tuple[str, ...], selected: str) -> SafeString:
    """A select's options, the selected one marked (every value escaped)."""
    options = (
        f'<option value="{escape(v)}"{" selected" if v == selected else ""}>{escape(v)}</option>'
        for v in values
    )
    return mark_safe("".join(options))


def compiled_rows(template_names: tuple[str, ...]) -> dict[str, Template]:
    """The partials joined into one row: "rows" renders `rows` in a loop, "row" one `row`.
    The loader caches the partials, so their sources key the compiled rows."""
    engine = _engine()
    return _compiled(tuple(engine.get_template(name).source for name in template_names))


@lru_cache(maxsize=32)
def _compiled(sources: tuple[str, ...]) -> dict[str, Template]:
    row = "".join(sources)
    return {
        "rows": _engine().from_string("{% for row in rows %}" + row + "{% endfor %}"),
        "row": _engine().from_string(row),
    }


def row_loop(name: str) -> Template:
    """The row template `name` in a loop over `rows`, compiled once: a table's rows rendered
    without an include a row."""
    return compiled_rows((name,))["rows"]
