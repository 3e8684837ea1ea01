"""The year's zip put together: the summary, each department's bundle merged from its filings'
stored pages, each filing's own document (stored, served alone too) and its evidence.

Every filing's document is laid out once per content (sheets.py): the ones not stored yet are
rendered first, on the render processes (parallel.py), then the bundles are merged from them.
"""

import logging
import os
import shutil
import tempfile
import zipfile

from apps.filings.models import Evidence

from .. import pdf
from ..models import ReportJob
from ..parallel import pool_map, render_processes
from . import bureau_summary, department_bundle, registry, sheets
from .common import Output, Progress, render_print_html, safe_name

logger = logging.getLogger(__name__)

# The zip is for the bureau's archive, in the language of the official forms.
ATTACHMENTS = "附件"
MISSING_NOTE = "缺失附件.txt"
COPY_CHUNK = 1024 * 1024


def _entry_name(original: str, taken: set[str]) -> str:
    """A safe file name for the zip, its extension kept, numbered when the folder has it."""
    stem, dot, extension = original.rpartition(".")
    if not dot or not stem or len(extension) > 10:
        stem, extension = original, ""
    stem = safe_name(stem)[:100]
    suffix = f".{safe_name(extension)}" if extension else ""
    name, number = f"{stem}{suffix}", 2
    while name.lower() in taken:  # unpacked on Windows, names differing in case collide
        name, number = f"{stem} ({number}){suffix}", number + 1
    taken.add(name.lower())
    return name


def documents_of(content: dict) -> list[tuple[str, str, str, dict, str]]:
    """(path in the zip, kind, template, content, content hash) of every document, in order."""
    summary = content["summary"]
    documents = [
        (
            bureau_summary.file_name(summary),
            bureau_summary.KIND.key,
            bureau_summary.TEMPLATE,
            summary,
            content["summary_digest"],
        )
    ]
    for department in content["departments"]:
        folder = department["folder"]
        bundle = department["bundle"]
        documents.append(
            (
                f"{folder}/{department_bundle.file_name(bundle)}",
                department_bundle.KIND.key,
                department_bundle.TEMPLATE,
                bundle,
                department["digest"],
            )
        )
        for section in bundle["sections"]:
            digest = section["digest"]
            filing = registry.kind_of(section["kind"]).filing
            assert filing is not None
            documents.append(
                (
                    f"{folder}/{filing.file_name(section['content'])}",
                    section["kind"],
                    filing.template,
                    section["content"],
                    digest,
                )
            )
    return documents


def _rendered_before(kind: str, fiscal_year_id: int) -> dict[str, str]:
    """By content hash: the file of a finished job of the year (one query). The hash names the
    document's target (its filings, department or year): equal hashes are the same document."""
    return dict(
        ReportJob.objects.filter(
            kind=kind, fiscal_year_id=fiscal_year_id, state=ReportJob.State.DONE
        )
        .exclude(file="")
        .order_by("pk")
        .values_list("content_hash", "file")
    )


def _read(name: str) -> bytes | None:
    storage = ReportJob._meta.get_field("file").storage
    try:
        with storage.open(name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _bundle(item: tuple[dict, list[str]]) -> bytes:
    """A bundle merged from its sections' stored pages (in a render process, maybe)."""
    content, names = item
    return department_bundle.assemble(content, [sheets.read(name) for name in names])


def file_name(content: dict) -> str:
    return safe_name(f"{content['year']}年度绩效自评材料-{content['bureau']}.zip")


def _copy_evidence(archive: zipfile.ZipFile, path: str, stored: str) -> bool:
    """Copy one evidence file from storage into the zip; False when it cannot be read."""
    storage = Evidence._meta.get_field("file").storage
    try:
        source = storage.open(stored, "rb")
    except OSError:
        logger.warning("Evidence file %s is missing from storage; noted in the batch.", stored)
        return False
    with source, archive.open(path, "w", force_zip64=True) as target:
        shutil.copyfileobj(source, target, COPY_CHUNK)
    return True


def _missing_note(files: list[dict]) -> str:
    lines = ["以下佐证材料的文件在生成本压缩包时未能读取，未收入本文件夹：", ""]
    lines += [
        f"{f['original_name']}（{f['size']} 字节，{f['uploaded_by']} 于 "
        f"{f['uploaded_at']} 上传，SHA-256 {f['sha256']}）"
        for f in files
    ]
    return "\n".join(lines) + "\n"


def _documents(content: dict, progress: Progress, total: int):
    """(path in the zip, PDF) of every document in order: stored ones read, the others made."""
    ids, workers = content["ids"], render_processes()
    wanted = [
        want
        for department in content["departments"]
        for want in department_bundle.wanted(department["bundle"])
    ]
    stored = sheets.ensure(
        wanted,
        fiscal_year_id=ids["fiscal_year"],
        bureau_id=ids["bureau"],
        workers=workers,
        progress=lambda done, count: progress(0, total + count, f"{done}/{count}"),
    )
    by_digest = {(want.key, want.digest): stored[(want.key, want.filing_id)] for want in wanted}
    summaries = _rendered_before(bureau_summary.KIND.key, ids["fiscal_year"])
    bundles = _rendered_before(department_bundle.KIND.key, ids["fiscal_year"])
    to_merge = []
    for department in content["departments"]:
        bundle = department["bundle"]
        if department["digest"] not in bundles:
            names = [stored[(s["kind"], s["filing"])].sheet for s in bundle["sections"]]
            to_merge.append((bundle, names))
    merged = pool_map(_bundle, to_merge, workers)
    for path, kind, template, document, digest in documents_of(content):
        data = None
        if kind == bureau_summary.KIND.key:
            data = _read(summaries[digest]) if digest in summaries else None
            data = data or pdf.html_to_pdf(render_print_html(template, document))
        elif kind == department_bundle.KIND.key:
            data = _read(bundles[digest]) if digest in bundles else next(merged)
        else:
            data = _read(by_digest[(kind, digest)].file)
        assert data is not None, path
        yield path, data
    for _rest in merged:  # none left: ends the render processes
        pass


def produce(content: dict, progress: Progress) -> Output:
    documents = documents_of(content)
    folders = [
        folder for department in content["departments"] for folder in department["attachments"]
    ]
    total = len(documents) + sum(len(folder["files"]) for folder in folders)
    handle, path = tempfile.mkstemp(prefix="jixiao-batch-", suffix=".zip")
    os.close(handle)
    try:
        # PDFs are compressed already: storing them is as small and much faster.
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
            for index, (name, data) in enumerate(_documents(content, progress, total)):
                progress(index, total, name)
                archive.writestr(name, data)
            index = len(documents)
            for folder in folders:
                missing = []
                for file in folder["files"]:
                    entry = f"{folder['folder']}/{file['name']}"
                    progress(index, total, entry)
                    index += 1
                    if not _copy_evidence(archive, entry, file["stored"]):
                        missing.append(file)
                if missing:
                    archive.writestr(f"{folder['folder']}/{MISSING_NOTE}", _missing_note(missing))
        progress(total, total, "")
    except BaseException:
        os.unlink(path)
        raise
    return Output(file_name=file_name(content), path=path)
