"""What each kind of filing tells offline filling: its workbook, how to read it back, how to save.

Offline filling is one flow for every kind (apps/offline/views.py, services.py): download the
filing as an .xlsx laid out like its printed table, fill it in Excel or WPS, upload it, see a
preview (score, findings, the cells that change), confirm. The flow stamps the workbook
(kind, filing, fiscal year, bureau, version) and checks the stamp on upload; a *codec* does the
rest for its kind. A kind's codec registers itself here (apps/offline/apps.py `ready`); the flow
asks `codec_of(filing.kind)` and offers nothing for a kind without one.

A codec's contract:

- `workbook(filing)` returns an openpyxl Workbook with the kind's sheet(s) in the bureau's
  layout, filled with the filing's saved values (so it carries last year's indicators when the
  filing was started from them). The flow adds the stamp; the codec adds no sheet named
  "_jixiao".
- `read(filing, workbook)` reads the sheet(s) back into the kind's FormState (text cells, as the
  web form would post them). It raises `apps.exchange.reading.UploadRefused` for a workbook it
  cannot read at all (missing sheet, wrong headings, formulas, merged cells, text in a number
  cell, a row id given twice, an unknown indicator name …), every problem naming its place.
  Cells the web form itself would refuse are not the codec's to refuse: `outcome` reports them.
- `outcome(filing, state)` parses and computes the state exactly as the web form does and says
  what the preview shows and the save needs (`Outcome`). It writes nothing.
- `save(filing, state, *, by, base_version)` saves the state through the kind's save service
  with its version check. It raises `apps.filings.services.ConflictError` when the filing was
  saved after `base_version` (nothing written) and `apps.core.exceptions.ApplicationError` when
  the kind refuses the values.
- `dump(state)` / `load(filing, data)`: the state as JSON-safe data and back, kept between the
  upload and its confirmation (apps/offline/models.py OfflineUpload.state).
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

from openpyxl import Workbook

from apps.accounts.models import User
from apps.filings.models import Filing


@dataclass(frozen=True)
class Outcome:
    """What an upload would save, as the preview shows it and the confirmation needs it."""

    # The kind's FormState (text cells) as read from the workbook.
    state: Any
    # Cells the web form refuses (its parse errors), by the form's cell key ("row-3.target"):
    # while there is one the upload cannot be confirmed.
    errors: dict[str, str]
    # The findings as the page's computed JSON lists them: {"severity", "field", "message"},
    # "severity" "error" or "warning", "field" the form's cell key (errors above included).
    findings: list[dict[str, str]]
    # The total and the grade as the page shows them ("" when the layout has none).
    score: str
    grade: str
    # The filing's snapshot cells this upload would save (the kind's `cells` keys), so the flow
    # can diff them with the latest snapshot; a new row's cells use keys that no saved row has.
    cells: dict[str, str]
    # Where each cell key of `errors` / `findings` is found in the workbook, in Chinese
    # ("第 12 行，实际值（指标“办公用品采购数量”）"); a key missing here is shown as it is.
    places: dict[str, str] = field(default_factory=dict)


class Codec(Protocol):
    """One kind's offline workbook: written, read back, checked and saved (see the module)."""

    kind: str  # Filing.kind this codec serves

    def workbook(self, filing: Filing) -> Workbook: ...

    def read(self, filing: Filing, workbook: Workbook) -> Any: ...

    def outcome(self, filing: Filing, state: Any) -> Outcome: ...

    def save(self, filing: Filing, state: Any, *, by: User, base_version: int) -> None: ...

    def dump(self, state: Any) -> dict: ...

    def load(self, filing: Filing, data: dict) -> Any: ...


_codecs: dict[str, Codec] = {}


def register_codec(codec: Codec) -> None:
    """Add a kind's codec; registering one kind again replaces it."""
    _codecs[codec.kind] = codec


def unregister_codec(kind: str) -> None:
    _codecs.pop(kind, None)


def codec_of(kind: str) -> Codec | None:
    """The codec of that kind of filing, or None when it cannot be filled offline."""
    return _codecs.get(kind)
