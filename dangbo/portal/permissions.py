"""Who edits which sub-site: Wagtail's page, collection and workflow rights, one set per Site.

Wagtail reads page rights from groups on a page and its subtree, and image and document rights
from groups on a collection. So each sub-site (a Site whose `PortalSettings.unit` is set) has
(`accounts.PortalSiteAccess`, kept here, never by hand):

- its **editors' group** (biên tập viên): add and change pages under the site's home, and add,
  change and choose images and documents of the site's own collection; no publish right, so
  what an editor writes goes through the approval workflow;
- its **approvers' group** (lãnh đạo duyệt tin): the same, plus publish, and the reviewers of
- its **workflow** (`Workflow` with one `GroupApprovalTask`), assigned to the site's home page:
  the editor submits, the leader approves or asks for changes.

An active editor grant on unit U puts the user in the editors' group of every sub-site whose
settings' unit is U; an approver grant on U, in its approvers' group; nothing else does. The
membership is brought in step when a grant is given or changed, at each login (a grant that has
ended since stops there), and when a site's settings or its home change.

Wagtail's page chooser lists every page of the tree to anyone in the back office; the hook
below keeps it to the pages the user may explore (their own sub-sites), and refuses to browse
or search another's.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.models import Page

from dangbo.accounts.models import PortalSiteAccess, UserRole, active_on

EDITORS_PREFIX = "Biên tập viên"
APPROVERS_PREFIX = "Lãnh đạo duyệt tin"
WORKFLOW_PREFIX = "Duyệt tin"
# The single group every editor was put in before the sub-sites had their own (rights on the
# whole tree): emptied and removed.
LEGACY_EDITORS = "Biên tập viên cổng thông tin"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
APPROVER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
GRANT_ROLES = {UserRole.EDITOR: "editors", UserRole.PORTAL_APPROVER: "approvers"}


def _name(prefix: str, site, model, current=None) -> str:
    """`prefix — site name`, made unique among `model`'s names (two sites may share a name)."""
    base = f"{prefix} — {site.site_name or site.hostname}"[:140]
    name, n = base, 1
    while model.objects.filter(name=name).exclude(pk=getattr(current, "pk", None)).exists():
        n += 1
        name = f"{base} ({n})"
    return name


def _rename(obj, name: str) -> None:
    if obj.name != name:
        obj.name = name
        obj.save(update_fields=["name"])


def _permissions(pairs) -> list[Permission]:
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in pairs
    ]


def _set_page_rights(group: Group, home, codenames) -> None:
    from wagtail.models import GroupPagePermission

    wanted = {(home.pk, p.pk) for p in _permissions(("wagtailcore", c) for c in codenames)}
    held = {
        (g.page_id, g.permission_id): g for g in GroupPagePermission.objects.filter(group=group)
    }
    for key, row in held.items():
        if key not in wanted:
            row.delete()
    for page_id, permission_id in wanted - held.keys():
        GroupPagePermission.objects.create(
            group=group, page_id=page_id, permission_id=permission_id
        )


def _set_collection_rights(group: Group, collection) -> None:
    from wagtail.models import GroupCollectionPermission

    wanted = {(collection.pk, p.pk) for p in _permissions(COLLECTION_PERMISSIONS)}
    rows = GroupCollectionPermission.objects.filter(group=group)
    held = {(g.collection_id, g.permission_id): g for g in rows}
    for key, row in held.items():
        if key not in wanted:
            row.delete()
    for collection_id, permission_id in wanted - held.keys():
        GroupCollectionPermission.objects.create(
            group=group, collection_id=collection_id, permission_id=permission_id
        )


def _collection(site, current=None):
    from wagtail.models import Collection

    name = site.site_name or site.hostname
    if current is not None:
        _rename(current, name)
        return current
    root = Collection.get_first_root_node()
    if root is None:  # a flushed database (a transactional test, a restore's target)
        root = Collection.add_root(instance=Collection(name="Gốc bộ sưu tập"))
    return root.add_child(instance=Collection(name=name))


def _workflow(site, approvers: Group, current=None):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    name = f"{WORKFLOW_PREFIX} — {site.site_name or site.hostname}"
    task_name = f"{APPROVERS_PREFIX} — {site.site_name or site.hostname}"
    workflow = current
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
    else:
        _rename(workflow, name)
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
    link = WorkflowTask.objects.filter(workflow=workflow).select_related("task").first()
    task = link.task.specific if link else None
    if not isinstance(task, GroupApprovalTask):
        task = GroupApprovalTask.objects.create(name=task_name)
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    else:
        _rename(task, task_name)
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
    if list(task.groups.all()) != [approvers]:
        task.groups.set([approvers])
    return workflow


def _assign(workflow, home) -> None:
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.filter(workflow=workflow).exclude(page=home).delete()
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


@transaction.atomic
def ensure_site_access(site) -> PortalSiteAccess:
    """The site's groups, collection and workflow, created or brought in step with its name
    and its home page (idempotent)."""
    access = (
        PortalSiteAccess.objects.select_related("editors", "approvers", "collection", "workflow")
        .filter(site=site)
        .first()
    )
    if access is None:
        editors = Group.objects.create(name=_name(EDITORS_PREFIX, site, Group))
        approvers = Group.objects.create(name=_name(APPROVERS_PREFIX, site, Group))
        access = PortalSiteAccess.objects.create(
            site=site,
            editors=editors,
            approvers=approvers,
            collection=_collection(site),
            workflow=_workflow(site, approvers),
        )
    else:
        _rename(access.editors, _name(EDITORS_PREFIX, site, Group, access.editors))
        _rename(access.approvers, _name(APPROVERS_PREFIX, site, Group, access.approvers))
        _collection(site, access.collection)
        _workflow(site, access.approvers, access.workflow)
    home = site.root_page
    _set_page_rights(access.editors, home, EDITOR_PAGE_PERMISSIONS)
    _set_page_rights(access.approvers, home, APPROVER_PAGE_PERMISSIONS)
    _set_collection_rights(access.editors, access.collection)
    _set_collection_rights(access.approvers, access.collection)
    _assign(access.workflow, home)
    return access


def sub_sites_of_units(unit_ids):
    """The Sites whose settings name one of `unit_ids` as their unit."""
    from dangbo.portal.models import PortalSettings

    return [
        s.site
        for s in PortalSettings.objects.filter(unit_id__in=unit_ids).select_related(
            "site", "site__root_page"
        )
    ]


def wanted_groups(user) -> set[int]:
    """The sub-site groups the user's active editor and approver grants put them in."""
    grants = user.grants.filter(active_on(timezone.localdate()), role__in=GRANT_ROLES)
    units_by_role: dict[str, set[int]] = {}
    for role, unit_id in grants.values_list("role", "unit_id"):
        units_by_role.setdefault(role, set()).add(unit_id)
    wanted = set()
    for role, unit_ids in units_by_role.items():
        for site in sub_sites_of_units(unit_ids):
            wanted.add(getattr(ensure_site_access(site), f"{GRANT_ROLES[role]}_id"))
    return wanted


def managed_groups() -> set[int]:
    ids = set()
    for editors, approvers in PortalSiteAccess.objects.values_list("editors_id", "approvers_id"):
        ids.update((editors, approvers))
    return ids


@transaction.atomic
def sync_user(user) -> None:
    """Put the user in exactly the sub-site groups their grants call for."""
    if user is None or user.pk is None:
        return
    wanted = wanted_groups(user)
    managed = managed_groups() | set(
        Group.objects.filter(name=LEGACY_EDITORS).values_list("pk", flat=True)
    )
    held = set(user.groups.filter(pk__in=managed).values_list("pk", flat=True))
    if held - wanted:
        user.groups.remove(*held - wanted)
    if wanted - held:
        user.groups.add(*wanted - held)


def sync_site(site) -> None:
    """After a site's settings or home changed: its rights, and every user concerned."""
    from dangbo.accounts.models import User
    from dangbo.portal.models import PortalSettings

    settings = PortalSettings.objects.filter(site=site).first()
    access = PortalSiteAccess.objects.filter(site=site).first()
    if settings is None or settings.unit_id is None:
        if access is None:
            return
        users = User.objects.filter(groups__in=[access.editors_id, access.approvers_id])
    else:
        access = ensure_site_access(site)
        users = User.objects.filter(
            grants__unit_id=settings.unit_id, grants__role__in=GRANT_ROLES
        ) | User.objects.filter(groups__in=[access.editors_id, access.approvers_id])
    for user in users.distinct():
        sync_user(user)


def _settings_saved(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    sync_site(instance.site)


def _site_saved(sender, instance, **kwargs):
    if kwargs.get("raw") or not PortalSiteAccess.objects.filter(site=instance).exists():
        return
    sync_site(instance)


def connect_signals() -> None:
    from wagtail.models import Site

    from dangbo.portal.models import PortalSettings

    post_save.connect(_settings_saved, sender=PortalSettings, dispatch_uid="dangbo_portal_sync")
    post_save.connect(_site_saved, sender=Site, dispatch_uid="dangbo_portal_site_sync")
    register_bulk_actions()


# The page chooser (links in articles, the featured article) browses the whole tree for anyone
# in the back office: keep it to the pages the user may explore.


def _explorable(user):
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Page).explorable_instances(user)


@hooks.register("construct_page_chooser_queryset")
def own_sub_sites_only(pages, request):
    user = request.user
    if user.is_superuser:
        return pages
    explorable = _explorable(user)
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if parent_id is not None and not explorable.filter(pk=parent_id).exists():
        raise Http404
    return pages.filter(pk__in=explorable.values("pk"))


@hooks.register("before_move_page")
def refuse_a_move_out_of_reach(request, page, destination):
    """Wagtail's move confirmation shows both pages before it checks the right to move."""
    perms = page.permissions_for_user(request.user)
    if not (perms.can_move() and perms.can_move_to(destination)):
        raise PermissionDenied


def _within_reach(viewset_class, policy):
    """An admin API endpoint of images or documents that lists only those the user may use
    (Wagtail's lists every one of them to anyone in the back office)."""

    class WithinReach(viewset_class):
        def get_queryset(self):
            queryset = super().get_queryset()
            user = self.request.user
            if user.is_superuser:
                return queryset
            reachable = policy.instances_user_has_any_permission_for(
                user, ["add", "change", "choose"]
            )
            return queryset.filter(pk__in=reachable.values("pk"))

    WithinReach.__name__ = viewset_class.__name__
    return WithinReach


@hooks.register("construct_admin_api", order=100)
def images_and_documents_within_reach(router):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    for name, model in (("images", get_image_model()), ("documents", get_document_model())):
        policy = policy_registry.get_by_type(model)
        endpoint = router._endpoints.get(name)
        if endpoint is not None:
            router.register_endpoint(name, _within_reach(endpoint, policy))


class ChosenPagesWithinReach(ChosenMultipleView):
    """Wagtail's answer to "these pages were chosen" describes any page id it is given (title,
    address): only those the user may explore here (dangbo/urls.py puts it first)."""

    def get(self, request):
        pages = Page.objects.filter(pk__in=request.GET.getlist("id"))
        if not request.user.is_superuser:
            pages = pages.filter(pk__in=_explorable(request.user).values("pk"))
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)


def _page_within_reach(view):
    """Wagtail's `view` of a page, for a page the user may explore only: Wagtail's workflow
    preview names any page it is given before it refuses, and its question before publishing
    names the page's workflow."""

    def within_reach(request, page_id, *args, **kwargs):
        user = request.user
        if not user.is_superuser and not _explorable(user).filter(pk=page_id).exists():
            raise Http404
        return view(request, *args, page_id=page_id, **kwargs)

    return within_reach


def admin_urls():
    """URLs placed before Wagtail's admin (dangbo/urls.py), in place of Wagtail's own."""
    from django.urls import path
    from wagtail.admin.viewsets.pages import page_viewset_registry

    def wagtail(name):
        return page_viewset_registry.as_view(name, page_id_kwarg="page_id")

    return [
        path(
            "admin/choose-page/chosen-multiple/",
            require_admin_access(ChosenPagesWithinReach.as_view()),
        ),
        path(
            "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
            require_admin_access(_page_within_reach(wagtail("workflow_preview"))),
        ),
        path(
            "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
            require_admin_access(_page_within_reach(wagtail("confirm_workflow_cancellation"))),
        ),
    ]


class _NamesOnlyWithinReach:
    """A bulk action (delete, move, publish… several pages, images or documents) that does not
    list by title the items given by id that the user may not act on and cannot see either:
    Wagtail names every one of them."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        denied = extra.get("items_with_no_access", [])
        if denied and not user.is_superuser:
            if issubclass(self.model, Page):
                seen = set(_explorable(user).filter(pk__in=[o.pk for o in denied]).values_list(
                    "pk", flat=True))  # fmt: skip
                denied = [o for o in denied if o.pk in seen]
            else:
                denied = []
        return objects, {**extra, "items_with_no_access": denied}


def register_bulk_actions() -> None:
    """Wagtail's bulk actions of pages, images and documents, each replaced (same model and
    action name, registered after) by one that names only what the user may see."""
    from wagtail.admin.views.pages.bulk_actions import (
        DeleteBulkAction,
        MoveBulkAction,
        PublishBulkAction,
        UnpublishBulkAction,
    )
    from wagtail.documents.views import bulk_actions as document_actions
    from wagtail.images.views import bulk_actions as image_actions

    classes = [DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction]
    for module in (image_actions, document_actions):
        classes += [module.DeleteBulkAction, module.AddTagsBulkAction]
        classes += [module.AddToCollectionBulkAction]
    for action_class in classes:
        within_reach = type(action_class.__name__, (_NamesOnlyWithinReach, action_class), {})
        hooks.register("register_bulk_action", within_reach, order=100)
