"""Factories for tests: records are built directly, bypassing services, as fixtures."""

from datetime import date

import factory

from dangbo.accounts.models import Grant, User, UserRole
from dangbo.org.models import Unit, UnitKind
from dangbo.people.models import Gender, Person, Position, Role


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Đảng bộ xã Thử {n}")
    kind = UnitKind.GRASSROOTS_COMMITTEE
    parent = None
    # path: given by Unit.save (it holds the unit's id, known once inserted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    code = factory.Sequence(lambda n: f"P{n:05d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    birth_date = date(1970, 5, 17)
    party_join_date = date(1995, 3, 2)
    party_official_date = date(1996, 3, 2)
    unit = factory.SubFactory(UnitFactory)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    unit = factory.SelfAttribute("person.unit")
    role = Role.HEAD
    title = "Bí thư"
    start_date = date(2010, 1, 1)
    end_date = None


class UserFactory(factory.django.DjangoModelFactory):
    """A user with one grant (`unit`, `role`); `unit=None` for a user without any."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = UserRole.ORGANIZATION_OFFICE
    unit = factory.SubFactory(UnitFactory)
    password = factory.django.Password("mật-khẩu-thử-123")

    @classmethod
    def _build(cls, model_class, *args, unit=None, role=None, **kwargs):
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, unit=None, role=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if unit is not None and role:
            Grant.objects.create(user=user, unit=unit, role=role)
        return user
