from django.core.management.base import BaseCommand, CommandError

from klusteri.accounts.models import User
from klusteri.api.services import create_api_token


class Command(BaseCommand):
    help = "Create an API token for a person and print it. It is shown only this once."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The e-mail address of the token's person.")
        parser.add_argument("--name", required=True, help="What the token is for.")

    def handle(self, *args, email: str, name: str, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No person has the e-mail address {email}.")
        if not user.is_active:
            raise CommandError(f"{email} is not active; an API token would not work.")
        api_token, token = create_api_token(user, by=None, name=name)
        self.stderr.write(
            f"API token {api_token.name!r} for {user.email}. Keep it secret: it is shown only "
            "now, and stored only as a hash. Send it as: Authorization: Bearer <token>"
        )
        self.stdout.write(token)
