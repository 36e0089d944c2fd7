from datetime import date

import pytest

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.discipline import services
from dangbo.discipline.models import DisciplineCase
from dangbo.discipline.validation import MESSAGES
from dangbo.rules.discipline import PROBLEM_MESSAGES
from tests.factories import PersonFactory, PositionFactory, UserFactory


@pytest.fixture
def inspector_a(tree):
    return UserFactory(username="ubkt_a", unit=tree.commune_a, role=UserRole.INSPECTION)


def case_values(person, **overrides):
    values = {
        "subject_kind": "person",
        "person": person,
        "unit": person.unit,
        "violation_date": date(2018, 3, 1),
        "form": "khien_trach",
        "decided_date": date(2018, 6, 1),
        "announced_date": date(2018, 6, 5),
        "ideological_work_date": date(2018, 5, 20),
        "ideological_work_note": "Gặp gỡ, trao đổi trước khi quyết định",
    }
    values.update(overrides)
    return values


def test_every_rule_problem_has_a_message():
    assert set(MESSAGES) == set(PROBLEM_MESSAGES)


def test_a_case_is_recorded_and_audited(inspector_a, person_a):
    case = services.case_record(actor=inspector_a, code="KL-1", **case_values(person_a))
    assert case.unit == person_a.unit
    [entry] = audit.history(case)
    assert entry.action == audit.CREATE and entry.data["after"]["form"] == "khien_trach"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"form": "khai_tru", "person_official": None}, "form"),  # probationary
        ({"form": "cach_chuc", "no_post": True}, "form"),
        ({"decided_date": date(2018, 2, 1)}, "decided_date"),
        ({"announced_date": date(2018, 5, 1)}, "announced_date"),
        ({"form": "giai_tan"}, "form"),
    ],
)
def test_bad_cases_are_refused_and_nothing_is_written(inspector_a, tree, overrides, field):
    person = PersonFactory(unit=tree.commune_a)
    if "person_official" in overrides:
        person.party_official_date = overrides.pop("person_official")
        person.save()
    if not overrides.pop("no_post", False):
        PositionFactory(person=person, unit=tree.commune_a, start_date=date(2015, 1, 1))
    with pytest.raises(InputError) as error:
        services.case_record(actor=inspector_a, code="KL-BAD", **case_values(person, **overrides))
    assert field in {p.field for p in error.value.problems}
    assert not DisciplineCase.objects.exists()


def test_only_the_inspection_commission_keeps_cases(office_a, person_a):
    with pytest.raises(PermissionError):
        services.case_record(actor=office_a, code="KL-1", **case_values(person_a))


def test_another_communes_person_is_out_of_reach(inspector_a, person_b):
    with pytest.raises(PermissionError):
        services.case_record(actor=inspector_a, code="KL-1", **case_values(person_b))


def test_complaint_recorded_later_is_audited_with_before_and_after(inspector_a, person_a):
    case = services.case_record(actor=inspector_a, code="KL-1", **case_values(person_a))
    services.case_update(
        actor=inspector_a,
        case=case,
        complaint_date=date(2018, 6, 20),
        complaint_resolved_date=date(2018, 8, 1),
        complaint_outcome="upheld",
    )
    entry = audit.history(case).first()
    assert entry.action == audit.UPDATE
    assert entry.data["changes"]["complaint_outcome"] == ["", "upheld"]
