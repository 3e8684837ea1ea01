"""Errors raised by services and turned into messages by views."""


class ApplicationError(Exception):
    """A business rule refused an action; the message is shown to the user."""

    def __init__(self, message: str, *, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
