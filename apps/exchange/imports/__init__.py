"""Bulk set-up through django-import-export: every upload checked, previewed, all or nothing.

The upload is read by `reading.open_workbook` and `SheetReader` before import-export sees it
(`CheckedXLSX`): an empty file, one too large, one that is not an .xlsx, a formula or a value
inside merged cells is refused with the sheet, row and column named. `SheetResource` then
checks the headings, the numbers, the text lengths, the required cells and duplicated keys
(`Column`), imports in one transaction, and turns every row error into the same kind of
message (`Problem`): one error refuses the whole sheet. `ScopedImportExportMixin` gives an admin
the preview (a dry run) and the confirm step, scoped to what the administrator may choose
(their bureau, or a year or a rubric of it).

The headings are the sheet's printed Chinese column names, the same in every language, so a
workbook exported by one user imports for another.
"""

from .admin import ScopedConfirmForm, ScopedImportExportMixin, ScopedImportForm
from .resource import Column, ProblemError, SheetResource, problems_of
from .upload import CheckedXLSX, ChoiceLabelWidget, YesNoWidget, dataset_of_upload

__all__ = [
    "CheckedXLSX",
    "ChoiceLabelWidget",
    "Column",
    "ProblemError",
    "ScopedConfirmForm",
    "ScopedImportExportMixin",
    "ScopedImportForm",
    "SheetResource",
    "YesNoWidget",
    "dataset_of_upload",
    "problems_of",
]
