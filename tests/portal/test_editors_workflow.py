"""The approval workflow of a sub-site (issue 9, item 2): the editor submits, the board's leader
approves or asks for changes; the notices come in Vietnamese."""

import re

from django.core import mail
from django.utils import translation

from dangbo.accounts.models import PortalSiteAccess, User
from dangbo.demo.portal import BOARD
from dangbo.portal.models import ArticlePage, CategoryPage

ENGLISH = re.compile(r"\b(has been|submitted|approved|rejected|moderation|awaiting|Hello|Page)\b")


def _submit(title):
    editor = User.objects.get(username="btc.tinh")
    leader = User.objects.get(username="lanhdao.btc")
    User.objects.filter(pk=editor.pk).update(email="btc.tinh@example.org")
    User.objects.filter(pk=leader.pk).update(email="lanhdao.btc@example.org")
    editor.refresh_from_db()
    leader.refresh_from_db()
    access = PortalSiteAccess.objects.get(site__hostname=BOARD.hostname)
    category = CategoryPage.objects.descendant_of(access.site.root_page).first()
    article = ArticlePage(
        title=title, slug="bai-thu-duyet", lead="Sapo thử.", source="btc.example", live=False
    )
    category.add_child(instance=article)
    article.save_revision(user=editor)
    workflow = article.get_workflow()
    assert workflow == access.workflow
    with translation.override("vi"):
        workflow.start(article, editor)
    return editor, leader, article


def test_the_leader_approves_and_the_article_is_published(demo):
    editor, leader, article = _submit("Bài thử gửi duyệt")
    assert not ArticlePage.objects.get(pk=article.pk).live
    submitted = [m for m in mail.outbox if "lanhdao.btc@example.org" in m.to]
    assert submitted, "the approvers are told"
    for message in submitted:
        assert not ENGLISH.search(message.subject + message.body), message.subject + message.body
    mail.outbox.clear()
    task_state = article.current_workflow_task_state
    assert task_state.task.specific.get_actions(article, editor) == []
    assert task_state.task.specific.get_actions(article, leader)
    task_state.approve(user=leader)
    article.refresh_from_db()
    assert article.live
    told = [m for m in mail.outbox if "btc.tinh@example.org" in m.to]
    assert told, "the editor is told"
    for message in told:
        assert not ENGLISH.search(message.subject + message.body), message.subject + message.body


def test_the_leader_asks_for_changes(demo):
    editor, leader, article = _submit("Bài thử cần sửa")
    mail.outbox.clear()
    article.current_workflow_task_state.reject(user=leader, comment="Bổ sung nguồn tin.")
    article.refresh_from_db()
    assert not article.live
    told = [m for m in mail.outbox if "btc.tinh@example.org" in m.to]
    assert told
    for message in told:
        assert not ENGLISH.search(message.subject + message.body), message.subject + message.body


def test_the_admin_messages_of_the_workflow_are_vietnamese():
    with translation.override("vi"):
        g = translation.gettext
        for msgid in (
            "Submit to %(workflow_name)s",
            "Page '%(page_title)s' has been submitted for moderation.",
            "Approve",
            "Request changes",
            "Awaiting your review",
        ):
            assert g(msgid) != msgid, msgid


def test_the_leaders_home_lists_the_articles_waiting_for_approval(demo, client):
    """The board's leader finds what waits for them under "Việc cần làm", with a link to the
    page, and no "Phát hiện mới" (they read no review); the editor who sent it does not."""
    editor, leader, article = _submit("Bài thử chờ duyệt trên trang chủ")
    client.force_login(leader)
    html = client.get("/admin/").content.decode()
    assert "Bài chờ bạn duyệt (1)" in html
    assert f"/admin/pages/{article.pk}/edit/" in html and article.title in html
    assert "Phát hiện mới" not in html
    client.force_login(editor)
    assert "Bài chờ bạn duyệt" not in client.get("/admin/").content.decode()
    client.force_login(User.objects.get(username="btc.huyen"))
    assert "Phát hiện mới" in client.get("/admin/").content.decode()
