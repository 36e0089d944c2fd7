from datetime import date
from decimal import Decimal

import pytest

from dangbo.accounts.models import UserRole
from dangbo.assessment import services
from dangbo.assessment.models import Assessment, Assistance
from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.core.models import RuleSettings
from dangbo.org.models import UnitKind
from tests.factories import UnitFactory, UserFactory


@pytest.fixture
def board(tree):
    return UnitFactory(code="BTC-HU", kind=UnitKind.BOARD, parent=tree.district)


def test_the_level_follows_the_score_and_is_audited(office_district, tree):
    assessment = services.assessment_record(
        actor=office_district, year=2016, unit=tree.commune_a, score=Decimal("42.5")
    )
    assert assessment.level == "weak"
    assert audit.history(assessment).get().action == audit.CREATE


def test_a_level_that_disagrees_with_the_score_is_refused(office_district, tree):
    with pytest.raises(InputError) as error:
        services.assessment_record(
            actor=office_district, year=2016, unit=tree.commune_a, score=80, level="weak"
        )
    assert error.value.problems[0].field == "level"
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("score", [-1, 101, None])
def test_a_score_outside_0_100_is_refused(office_district, tree, score):
    with pytest.raises(InputError):
        services.assessment_record(
            actor=office_district, year=2016, unit=tree.commune_a, score=score
        )


def test_bands_are_a_setting(office_district, tree):
    settings = RuleSettings.load()
    settings.assessment_weak_below = 60
    settings.save()
    assessment = services.assessment_record(
        actor=office_district, year=2016, unit=tree.commune_a, score=55
    )
    assert assessment.level == "weak"


def test_a_second_survey_the_same_year_corrects_the_first(office_district, tree):
    first = services.assessment_record(
        actor=office_district, year=2016, unit=tree.commune_a, score=40
    )
    services.assessment_record(actor=office_district, year=2016, unit=tree.commune_a, score=60)
    first.refresh_from_db()
    assert (first.score, first.level) == (Decimal(60), "average")
    assert [e.action for e in audit.history(first)] == [audit.UPDATE, audit.CREATE]


def test_helpers_and_their_progress(office_district, tree, board):
    assistance = services.assistance_assign(
        actor=office_district,
        unit=tree.commune_a,
        helper=board,
        role="lead",
        start_date=date(2017, 1, 1),
        plan="Yếu đâu bù đó",
    )
    helper_user = UserFactory(unit=board, role=UserRole.HELPER_BODY)
    note = services.progress_note(
        actor=helper_user, assistance=assistance, year=2017, note="Kiện toàn chi bộ"
    )
    assert audit.history(note).get().user == helper_user
    other_board = UnitFactory(code="BDV-HU", kind=UnitKind.BOARD, parent=tree.district)
    stranger = UserFactory(unit=other_board, role=UserRole.HELPER_BODY)
    with pytest.raises(PermissionError):
        services.progress_note(actor=stranger, assistance=assistance, year=2018, note="x")


def test_a_unit_cannot_help_itself(office_district, tree):
    with pytest.raises(InputError):
        services.assistance_assign(
            actor=office_district,
            unit=tree.commune_a,
            helper=tree.commune_a,
            role="lead",
            start_date=date(2017, 1, 1),
        )
    assert not Assistance.objects.exists()
