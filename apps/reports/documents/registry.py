"""The registry of document kinds, and which of them print a filing of each kind of filing.

The reports app registers its own documents (bundle, summary, batch); a kind of filing registers
the document of one of its filings in its `AppConfig.ready` and names it for its filing kind, so
bundles and the year's zip print its filings without knowing its app. A filing may have further
documents (its narrative report), named as extra: they print after the kind's own.
"""

from .common import DocumentKind

_documents: dict[str, DocumentKind] = {}
# Filing kind key → key of the document that prints one filing of that kind (its table).
_filing_documents: dict[str, str] = {}
# Filing kind key → keys of the further documents of one filing, printed after its table.
_extra_documents: dict[str, list[str]] = {}


def register(kind: DocumentKind) -> None:
    """Add a document kind; registering one key again replaces it (a reload, a test's variant)."""
    if not kind.key:
        raise ValueError("A document kind needs a key.")
    _documents[kind.key] = kind


def register_filing_document(filing_kind: str, document_kind: str, *, extra: bool = False) -> None:
    """Say that the document registered as document_kind prints one filing of filing_kind: its
    own document (named again, it replaces the one before), or an extra one printed after it."""
    document = _documents.get(document_kind)
    if document is None or document.filing is None:
        raise ValueError(f"{document_kind!r} is no registered document of one filing.")
    if not extra:
        _filing_documents[filing_kind] = document_kind
        return
    keys = _extra_documents.setdefault(filing_kind, [])
    if document_kind not in keys:
        keys.append(document_kind)


def unregister_filing_document(filing_kind: str, document_kind: str) -> None:
    """Stop printing filings of filing_kind by that document (its kind of document stays)."""
    if _filing_documents.get(filing_kind) == document_kind:
        del _filing_documents[filing_kind]
    keys = _extra_documents.get(filing_kind, [])
    if document_kind in keys:
        keys.remove(document_kind)


def kind_of(key: str) -> DocumentKind:
    """The document kind registered under key (KeyError for an unknown one)."""
    return _documents[key]


def registered() -> list[DocumentKind]:
    """Every registered document kind, in the order they registered."""
    return list(_documents.values())


def filing_document_of(filing_kind: str) -> DocumentKind | None:
    """The kind's own document of one filing (its table), or None for a kind that has none."""
    key = _filing_documents.get(filing_kind)
    return _documents.get(key) if key else None


def filing_documents_of(filing_kind: str) -> list[DocumentKind]:
    """Every document of one filing of that kind: its own first, then the extra ones."""
    found: dict[str, DocumentKind] = {}
    for key in [_filing_documents.get(filing_kind, ""), *_extra_documents.get(filing_kind, ())]:
        document = _documents.get(key)
        if document is not None and document.filing is not None:
            found.setdefault(key, document)
    return list(found.values())


def printed_filing_kinds() -> list[str]:
    """The filing kinds that have a document, in the order they were named."""
    named = dict.fromkeys([*_filing_documents, *_extra_documents])
    return [kind for kind in named if filing_documents_of(kind)]


def filing_documents() -> list[DocumentKind]:
    """The documents that print filings, each once, in print order: the kinds' own documents
    in the order their filing kinds were named, then the extra ones."""
    found: dict[str, DocumentKind] = {}
    kinds = printed_filing_kinds()
    for kind in kinds:
        document = filing_document_of(kind)
        if document is not None and document.filing is not None:
            found.setdefault(document.key, document)
    for kind in kinds:
        for document in filing_documents_of(kind):
            found.setdefault(document.key, document)
    return list(found.values())


def unregister(key: str) -> None:
    """Remove a document and its naming for any filing kind (a test's own kind)."""
    _documents.pop(key, None)
    for filing_kind, document_kind in list(_filing_documents.items()):
        if document_kind == key:
            del _filing_documents[filing_kind]
    for keys in _extra_documents.values():
        if key in keys:
            keys.remove(key)
