"""Background work of the notices: sending one notice by e-mail (a task the worker runs)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from dangbo.notices.models import Notice


def email_parts(notice: Notice) -> tuple[str, str]:
    """The subject and body of a notice's e-mail, in Vietnamese (the office's language)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        url = notice.record_url()
        lines = [notice.text or notice.title, ""]
        if url:
            lines.append(_("Open: %(url)s") % {"url": base + url})
        lines += [
            _("All your notices: %(url)s") % {"url": base + reverse("notices_index")},
            "",
            _(
                "You receive this e-mail because you chose to receive this kind of notice "
                "by e-mail. Change it at %(url)s"
            )
            % {"url": base + reverse("notices_preferences")},
        ]
        subject = _("[dangbo] %(title)s") % {"title": notice.title}
    return subject, "\n".join(lines)


@task()
def send_notice_email(notice_id: int) -> bool:
    """Send a notice by e-mail once: the row is locked, sent, and marked `emailed_at` in one
    transaction; a notice already sent (another worker, a repeated task) is skipped. A
    failure to send leaves it unmarked, for the next run to try again."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notice_id, by_email=True, emailed_at__isnull=True)
            .first()
        )
        if notice is None or not notice.recipient.email:
            return False
        subject, body = email_parts(notice)
        send_mail(subject, body, None, [notice.recipient.email])
        Notice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
    return True
