# The task moved to core, where every app's mail is sent from (core.mail.send_to).
# Tasks queued under this path before the move still find it here.
from klusteri.core.tasks import send_email

__all__ = ["send_email"]
