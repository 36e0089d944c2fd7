"""docs/roles.md's matrix is the policies' matrix: a right written in one place only."""

import re
from pathlib import Path

from django.apps import apps
from django.utils import translation

from dangbo.accounts.models import UserRole
from dangbo.org.policy import ADD, CHANGE, DECIDE, MATRIX_WORDS, POLICIES, VIEW, matrix

DOC = Path(__file__).resolve().parents[2] / "docs" / "roles.md"


def documented_matrix() -> dict[str, dict[str, tuple[str, ...]]]:
    lines = DOC.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| Bản ghi |"))
    with translation.override("vi"):
        labels = {str(label): value for value, label in UserRole.choices}
    roles = [labels[c.strip()] for c in header.strip("|").split("|")[1:]]
    words = {word: action for action, word in MATRIX_WORDS.items()}
    table = {}
    for line in lines:
        found = re.match(r"\| [^|]*\(`([\w.]+)`\) \|(.*)\|$", line)
        if found:
            cells = [c.strip() for c in found.group(2).split("|")]
            table[found.group(1)] = {
                role: tuple(words[w.strip()] for w in cell.split(",") if w.strip() not in ("", "—"))
                for role, cell in zip(roles, cells, strict=True)
            }
    return table


def test_the_documented_matrix_is_the_policies_matrix():
    assert documented_matrix() == dict(matrix())


def test_every_model_the_back_office_keeps_has_its_policy():
    governed = {p.model for p in POLICIES}
    for label in ("org.Unit", "people.Person", "discipline.DisciplineCase", "ratings.Rating"):
        assert apps.get_model(label) in governed
    assert len(governed) == len(POLICIES)  # one policy per model


def test_whoever_may_act_on_a_record_may_view_it():
    for policy in POLICIES:
        for action in (ADD, CHANGE, DECIDE):
            assert policy.roles_for(action) <= policy.roles_for(VIEW), (policy.model, action)


def test_the_matrix_keeps_each_role_to_its_work():
    """PRODUCT.md's "sees": the helper body not discipline, the editor no party record."""
    table = dict(matrix())
    assert not any(table[label][UserRole.EDITOR] for label in table)
    assert table["discipline.DisciplineCase"][UserRole.HELPER_BODY] == ()
    assert VIEW in table["ratings.Rating"][UserRole.HELPER_BODY]
    assert VIEW in table["discipline.DisciplineCase"][UserRole.INSPECTION]
