"""Official PDF reports (WeasyPrint), report jobs (Celery) and the batch export of a year."""

import logging

# WeasyPrint logs every step of every layout at INFO, from its import on (which the admin's
# autodiscovery triggers before any app's ready()): keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
