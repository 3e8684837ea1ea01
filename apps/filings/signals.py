"""Signals other apps listen to about a filing's transitions."""

from django.dispatch import Signal

# Sent with `event` (a FilingEvent) inside the transaction of the transition: what a receiver
# writes commits or rolls back with it, and an exception refuses the transition.
filing_transition_recorded = Signal()

# Sent with `event` (a FilingEvent) once a transition is committed: for side effects outside
# the database (email, tasks), which must never undo it.
filing_transitioned = Signal()
