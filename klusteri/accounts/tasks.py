from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def send_email(
    *, subject: str, body: str, to: list[str], from_email: str, html_body: str | None = None
) -> None:
    """Deliver one message that was rendered when it was enqueued."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
