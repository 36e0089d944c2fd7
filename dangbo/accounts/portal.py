"""The portal's editors: Wagtail's pages, images and documents for users with an editor grant.

Wagtail reads page and collection permissions from Django groups, so an active grant of the
editor role (docs/roles.md) is mirrored as membership of one group, `PORTAL_EDITORS`, which
may add, change and publish pages and add, change and choose images and documents. The
membership follows the grants: it is brought in step when a grant is given or changed, when
the demo logins are made, and at each login (a grant that has ended since then stops there).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from dangbo.accounts.models import UserRole, active_on

PORTAL_EDITORS = "Biên tập viên cổng thông tin"

PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


@transaction.atomic
def editor_group() -> Group:
    """The portal editors' group with its rights on the page tree and the root collection."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _ = Group.objects.get_or_create(name=PORTAL_EDITORS)
    root = Page.get_first_root_node()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return group


def is_editor(user) -> bool:
    return user.grants.filter(active_on(timezone.localdate()), role=UserRole.EDITOR).exists()


def sync_portal_access(user) -> None:
    """Put the user in the portal editors' group exactly while they hold an editor grant."""
    if user is None or user.pk is None:
        return
    if is_editor(user):
        user.groups.add(editor_group())
    else:
        user.groups.remove(*Group.objects.filter(name=PORTAL_EDITORS))
