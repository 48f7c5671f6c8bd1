"""Records that the background work of every app shares."""

from django.db import models


class SentMail(models.Model):
    """A message the mail server has accepted, by its Message-ID: a task that runs
    again for the same message finds it here and sends nothing (see ``core.mail``)."""

    message_id = models.CharField(max_length=255)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message_id"], name="core_sentmail_unique_message_id")
        ]

    def __str__(self) -> str:
        return self.message_id


class SentReminder(models.Model):
    """A reminder or digest that has gone out, by its key (see ``core.reminders``):
    the next sweep finds it here and sends nothing."""

    key = models.CharField(max_length=255)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key"], name="core_sentreminder_unique_key")]

    def __str__(self) -> str:
        return self.key
