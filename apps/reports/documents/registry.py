"""The registry of document kinds, and which of them prints a filing of each kind of filing.

The reports app registers its own documents (bundle, summary, batch); a kind of filing registers
the document of one of its filings in its `AppConfig.ready` and names it for its filing kind, so
bundles and the year's zip print its filings without knowing its app.
"""

from .common import DocumentKind

_documents: dict[str, DocumentKind] = {}
# Filing kind key → key of the document that prints one filing of that kind.
_filing_documents: dict[str, str] = {}


def register(kind: DocumentKind) -> None:
    """Add a document kind; registering one key again replaces it (a reload, a test's variant)."""
    if not kind.key:
        raise ValueError("A document kind needs a key.")
    _documents[kind.key] = kind


def register_filing_document(filing_kind: str, document_kind: str) -> None:
    """Say that the document registered as document_kind prints one filing of filing_kind."""
    document = _documents.get(document_kind)
    if document is None or document.filing is None:
        raise ValueError(f"{document_kind!r} is no registered document of one filing.")
    _filing_documents[filing_kind] = document_kind


def kind_of(key: str) -> DocumentKind:
    """The document kind registered under key (KeyError for an unknown one)."""
    return _documents[key]


def registered() -> list[DocumentKind]:
    """Every registered document kind, in the order they registered."""
    return list(_documents.values())


def filing_document_of(filing_kind: str) -> DocumentKind | None:
    """The document that prints one filing of that kind, or None for a kind that prints none."""
    key = _filing_documents.get(filing_kind)
    return _documents.get(key) if key else None


def printed_filing_kinds() -> list[str]:
    """The filing kinds that have a document, in the order they were named."""
    return [kind for kind in _filing_documents if filing_document_of(kind) is not None]


def filing_documents() -> list[DocumentKind]:
    """The documents that print filings, each once, in the order their filing kinds were named."""
    found: dict[str, DocumentKind] = {}
    for kind in printed_filing_kinds():
        document = filing_document_of(kind)
        assert document is not None
        found.setdefault(document.key, document)
    return list(found.values())


def unregister(key: str) -> None:
    """Remove a document and its naming for any filing kind (a test's own kind)."""
    _documents.pop(key, None)
    for filing_kind, document_kind in list(_filing_documents.items()):
        if document_kind == key:
            del _filing_documents[filing_kind]
