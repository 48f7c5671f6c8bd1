from django.core.mail import EmailMultiAlternatives
from django.tasks import task

from klusteri.core.mail import new_message_id, retry_later, send_once


@task
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str,
    html_body: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[list[str]] | None = None,
    message_id: str = "",
    attempt: int = 1,
) -> None:
    """Deliver one message that was rendered when it was enqueued, at most once per
    ``message_id``; while the mail server cannot take it, try again later with
    growing pauses (see ``klusteri.core.mail``). A task queued without an id gets
    one here, which its retries keep. ``attachments``: [file name, text, MIME
    type] lists (JSON has no tuples)."""
    message_id = message_id or new_message_id()
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or {})
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    try:
        send_once(message, message_id)
    except Exception as error:
        retry_later(
            send_email,
            error,
            attempt=attempt,
            message_id=message_id,
            subject=subject,
            body=body,
            to=to,
            from_email=from_email,
            html_body=html_body,
            headers=headers,
            attachments=attachments,
        )
        # The attempt itself failed: the task result records the error.
        raise
