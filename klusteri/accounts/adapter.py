from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from klusteri.core.mail import queue_mail


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new person's e-mail goes out in the language they signed up in.
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Render now, in the language of the person the mail is for (of the
        request if no account has the address), and send from the task worker
        once the surrounding transaction has committed."""
        user = context.get("user")
        language = getattr(user, "language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        queue_mail(message)
