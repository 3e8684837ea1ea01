"""Signals other apps listen to, sent after the transaction that caused them commits."""

from django.dispatch import Signal

# Sent with `event` (a FilingEvent) once a transition is committed.
filing_transitioned = Signal()
