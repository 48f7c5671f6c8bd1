from functools import partial

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils import translation

from klusteri.accounts.tasks import send_email
from klusteri.core.mail import new_message_id


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new person's e-mail goes out in the language they signed up in.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Render now, in the request's language, and send from the task worker
        once the surrounding transaction has committed."""
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        transaction.on_commit(
            partial(
                send_email.enqueue,
                subject=str(message.subject),
                body=message.body,
                to=list(message.to),
                from_email=message.from_email,
                html_body=html_body,
                # Fixed now, so that the task never sends this message twice.
                message_id=new_message_id(),
            )
        )
