"""Offline filling of any kind: the stamped download, the checked upload, its confirmation.

The kind's codec (codecs.py) lays out, reads, checks and saves; this module decides whether an
upload belongs where it is uploaded (the stamp), keeps what it would save until the filer
confirms (OfflineUpload), and says what it would change.
"""

from dataclasses import dataclass
from typing import IO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ApplicationError
from apps.exchange.download import safe_filename
from apps.exchange.reading import UploadRefused, open_workbook, stamp, stamp_of
from apps.exchange.workbook import workbook_bytes
from apps.filings.kinds import shown_kind
from apps.filings.models import Filing
from apps.filings.parts import part_of
from apps.filings.snapshots import CellChange, diff_cells

from .codecs import Codec, Outcome, codec_of
from .models import OfflineUpload


def codec_for(filing: Filing) -> Codec:
    codec = codec_of(filing.kind)
    if codec is None:
        raise ApplicationError(_("This kind of filing cannot be filled offline."))
    return codec


def stamp_fields(filing: Filing) -> dict[str, str]:
    """What a workbook of the filing says it is for (checked again on upload)."""
    return {
        "kind": filing.kind,
        "filing": str(filing.pk),
        "fiscal_year": str(filing.fiscal_year.year),
        "bureau": filing.fiscal_year.bureau.region_code,
        "version": str(filing.version),
    }


def workbook_download(filing: Filing) -> tuple[bytes, str]:
    """The filing's workbook, stamped, and its file name."""
    workbook = codec_for(filing).workbook(filing)
    stamp(workbook, **stamp_fields(filing))
    name = shown_kind(filing.kind).display_name(filing)
    filename = safe_filename(f"{filing.fiscal_year.year}年度{name}-离线填报.xlsx")
    return workbook_bytes(workbook), filename


def _stamp_check(filing: Filing, stamped: dict[str, str]) -> int:
    """The version the workbook was downloaded at; refused when it is not this filing's."""
    if not stamped:
        raise UploadRefused(
            _(
                "This workbook was not downloaded from this system. Download the filing's "
                "workbook with “Download Excel”, fill it in, then upload that file."
            )
        )
    expected = stamp_fields(filing)
    if stamped.get("bureau") != expected["bureau"]:
        raise UploadRefused(
            _(
                "This workbook belongs to another finance bureau. Download this filing's "
                "workbook and fill it in."
            )
        )
    if stamped.get("fiscal_year") != expected["fiscal_year"]:
        raise UploadRefused(
            _(
                "This workbook is for the year %(other)s, not %(year)s. Download this year's "
                "workbook and fill it in."
            )
            % {"other": stamped.get("fiscal_year") or "?", "year": expected["fiscal_year"]}
        )
    if stamped.get("filing") != expected["filing"] or stamped.get("kind") != filing.kind:
        other = Filing.objects.filter(
            pk=int(stamped["filing"]) if stamped.get("filing", "").isdigit() else 0,
            fiscal_year=filing.fiscal_year,
        ).first()
        name = shown_kind(other.kind).display_name(other) if other else _("another filing")
        raise UploadRefused(
            _(
                "This workbook was downloaded for “%(other)s”, not for “%(this)s”. Upload it "
                "on that filing's page, or download this filing's workbook."
            )
            % {"other": name, "this": shown_kind(filing.kind).display_name(filing)}
        )
    version = stamped.get("version", "")
    if not version.isdigit():
        raise UploadRefused(_("The workbook's stamp is damaged. Download the workbook again."))
    return int(version)


@transaction.atomic
def upload_receive(
    *, filing: Filing, by: User, upload: IO[bytes] | bytes, size: int | None, name: str = ""
) -> OfflineUpload:
    """Read and check an uploaded workbook; keep its cells for the preview. Saves no cell."""
    codec = codec_for(filing)
    workbook = open_workbook(upload, size=size)
    base_version = _stamp_check(filing, stamp_of(workbook))
    state = codec.read(filing, workbook)
    OfflineUpload.objects.filter(filing=filing, uploaded_by=by, confirmed_at=None).delete()
    return OfflineUpload.objects.create(
        filing=filing,
        uploaded_by=by,
        file_name=name[:255],
        base_version=base_version,
        state=codec.dump(state),
    )


@dataclass(frozen=True)
class Preview:
    outcome: Outcome
    changes: list[CellChange]

    @property
    def blocked(self) -> bool:
        """The form would refuse the cells: nothing can be confirmed."""
        return bool(self.outcome.errors)


def preview_of(upload: OfflineUpload) -> Preview:
    """What the upload would save: score, findings, and the cells that differ from the saved."""
    filing = upload.filing
    codec = codec_for(filing)
    outcome = codec.outcome(filing, codec.load(filing, upload.state))
    kind = shown_kind(filing.kind)
    saved = {key: value for key, value in kind.cells(filing).items() if part_of(key) is None}
    changes = kind.presenter(filing)(diff_cells(kind, saved, outcome.cells))
    return Preview(outcome=outcome, changes=changes)


@transaction.atomic
def upload_confirm(*, upload: OfflineUpload, by: User) -> None:
    """Save what was previewed, if nobody saved the filing since the workbook was downloaded.

    Raises ConflictError (nothing written) when they did, ApplicationError when refused.
    """
    locked = OfflineUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.confirmed_at is not None:
        raise ApplicationError(_("This upload was already saved."))
    filing = upload.filing
    codec = codec_for(filing)
    state = codec.load(filing, locked.state)
    if codec.outcome(filing, state).errors:
        raise ApplicationError(
            _("The workbook has cells the form refuses. Correct them, then upload it again.")
        )
    codec.save(filing, state, by=by, base_version=locked.base_version)
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["confirmed_at", "updated_at"])
