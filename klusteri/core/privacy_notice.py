"""The privacy notice's version and the facts it states, beside the page that shows them.

Change ``PRIVACY_NOTICE_DATE`` whenever the notice (``core/privacy.html``) changes in
substance: sign-ups record the version they were shown (``accounts.Consent``).
"""

import datetime

PRIVACY_NOTICE_DATE = datetime.date(2026, 11, 30)
PRIVACY_NOTICE_VERSION = PRIVACY_NOTICE_DATE.isoformat()

# The controller of this demonstration is fictional, and the notice says so.
# Replace these with the operator's details before going live.
CONTROLLER_NAME = "Klusteripalvelu Demo Oy"
CONTROLLER_ADDRESS = "Esimerkkikatu 1 A, 00100 Helsinki"
CONTROLLER_IS_FICTIONAL = True

# Retention periods the notice promises. Accounts, consents and roles need none: they
# last until the person deletes the account. `klusteri prune` (audit/retention.py), run
# daily, enforces the audit trail's and the sent mail's (queued mail lives in the task
# results, so they go with it); sessions end at SESSION_COOKIE_AGE and are pruned by the
# same command. Logs and backups are the operator's to keep by their rotation.
AUDIT_RETENTION_YEARS = 6
LOG_RETENTION_DAYS = 90
BACKUP_RETENTION_DAYS = 35
SENT_EMAIL_RETENTION_DAYS = 30

DATA_PROTECTION_AUTHORITY_URL = "https://tietosuoja.fi/"
