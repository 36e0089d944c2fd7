"""People and posts screens: scoped by the tree, folded search, export, posts never edited."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from dangbo.core import audit
from dangbo.people.models import Gender, Person, Position, Role
from tests.factories import PersonFactory, PositionFactory
from tests.org.conftest import refused, streamed, text


def person_data(**overrides):
    data = {
        "code": "P-A2",
        "full_name": "Lê Thị Hoa",
        "gender": Gender.FEMALE,
        "birth_date": "17/05/1980",
        "party_join_date": "02/03/2005",
        "party_official_date": "02/03/2006",
        "ethnicity": "Kinh",
        "hometown": "Tân Kỳ",
    }
    data.update(overrides)
    return data


# --- another commune's people and posts are out of reach ---------------------------------


def test_people_list_leaves_out_another_commune(as_user, office_a, person_a, person_b):
    response = as_user(office_a).get(reverse("person:index"))
    assert list(response.context["object_list"]) == [person_a]
    assert "Đặng Thị Bình" not in text(response)


@pytest.mark.parametrize("view", ["inspect", "edit", "history"])
def test_guessing_another_communes_person_url_is_not_found(as_user, office_a, person_b, view):
    response = as_user(office_a).get(reverse(f"person:{view}", args=[person_b.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("view", ["inspect", "history", "end"])
def test_guessing_another_communes_post_url_is_not_found(as_user, office_a, person_b, view):
    post = person_b.positions.get()
    response = as_user(office_a).get(reverse(f"position:{view}", args=[post.pk]))
    assert response.status_code == 404


def test_posting_to_another_communes_records_changes_nothing(as_user, office_a, tree, person_b):
    client = as_user(office_a)
    post = person_b.positions.get()
    edit = client.post(
        reverse("person:edit", args=[person_b.pk]),
        person_data(code="P-B1", full_name="Bị đổi", unit=tree.commune_a.pk),
    )
    end = client.post(reverse("position:end", args=[post.pk]), {"end_date": "01/01/2024"})
    assert edit.status_code == 404 and end.status_code == 404
    person_b.refresh_from_db()
    post.refresh_from_db()
    assert person_b.full_name == "Đặng Thị Bình" and person_b.unit == tree.commune_b
    assert post.end_date is None
    assert not ModelLogEntry.objects.exists()


def test_cannot_give_a_post_in_or_to_another_commune(as_user, office_a, tree, person_a, person_b):
    client = as_user(office_a)
    for person, unit in [(person_b, tree.commune_a), (person_a, tree.commune_b)]:
        response = client.post(
            reverse("position:add"),
            {"person": person.pk, "unit": unit.pk, "role": Role.MEMBER, "start_date": "01/01/2021"},
        )
        assert response.status_code == 200  # not a choice offered: a form error
    assert Position.objects.count() == 2


def test_search_does_not_reach_across_communes(as_user, office_a, person_a, person_b):
    page = text(as_user(office_a).get(reverse("person:index") + "?q=dang"))
    assert "Đặng Thị Bình" not in page


def test_export_leaves_out_another_commune(as_user, office_a, person_a, person_b):
    body = streamed(as_user(office_a).get(reverse("person:index") + "?export=csv")).decode()
    assert "P-A1" in body and "P-B1" not in body
    body = streamed(as_user(office_a).get(reverse("position:index") + "?export=csv")).decode()
    assert "P-A1" in body and "P-B1" not in body


# --- a read-only role --------------------------------------------------------------------


def test_secretary_reads_people_without_change_buttons(as_user, secretary_a, person_a):
    client = as_user(secretary_a)
    index = text(client.get(reverse("person:index")))
    assert "Nguyễn Văn An" in index and reverse("person:add") not in index
    page = client.get(reverse("person:inspect", args=[person_a.pk]))
    assert page.status_code == 200
    post = person_a.positions.get()
    assert reverse("person:edit", args=[person_a.pk]) not in text(page)
    assert reverse("position:end", args=[post.pk]) not in text(page)
    assert reverse("position:add") not in text(page)


@pytest.mark.parametrize(
    "url",
    [
        lambda p: reverse("person:add"),
        lambda p: reverse("person:edit", args=[p.pk]),
        lambda p: reverse("position:add"),
        lambda p: reverse("position:end", args=[p.positions.get().pk]),
    ],
)
def test_secretary_cannot_open_change_screens(as_user, secretary_a, person_a, url):
    assert refused(as_user(secretary_a).get(url(person_a)))


def test_secretary_posts_change_nothing(as_user, secretary_a, tree, person_a):
    client = as_user(secretary_a)
    post = person_a.positions.get()
    client.post(reverse("person:add"), person_data(unit=tree.commune_a.pk))
    client.post(
        reverse("person:edit", args=[person_a.pk]),
        person_data(code="P-A1", full_name="Bị đổi", unit=tree.commune_a.pk),
    )
    client.post(reverse("position:end", args=[post.pk]), {"end_date": "01/01/2024"})
    person_a.refresh_from_db()
    post.refresh_from_db()
    assert person_a.full_name == "Nguyễn Văn An" and post.end_date is None
    assert not Person.objects.filter(code="P-A2").exists()
    assert not ModelLogEntry.objects.exists()


def test_no_delete_and_no_post_edit_views():
    for name in ("person:delete", "position:delete", "position:edit"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


# --- search and export -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"), [("nguyen", "Nguyễn Văn An"), ("dang", "Đặng Thị Bình"), ("BINH", "Đặng")]
)
def test_search_folds_vietnamese_letters(
    as_user, office_district, person_a, person_b, query, found
):
    response = as_user(office_district).get(reverse("person:index") + f"?q={query}")
    names = [p.full_name for p in response.context["object_list"]]
    assert len(names) == 1 and found in names[0]


def test_post_search_folds_the_persons_name(as_user, office_district, person_a, person_b):
    response = as_user(office_district).get(reverse("position:index") + "?q=dang+binh")
    assert [p.person for p in response.context["object_list"]] == [person_b]


def test_filters(as_user, office_district, tree, person_a, person_b):
    PersonFactory(code="P-A3", full_name="Trần Thị Cúc", gender=Gender.FEMALE, unit=tree.branch_a)
    client = as_user(office_district)
    by_unit = client.get(reverse("person:index") + f"?unit={tree.commune_a.pk}")
    assert {p.code for p in by_unit.context["object_list"]} == {"P-A1", "P-A3"}
    women = client.get(reverse("person:index") + "?gender=F")
    assert {p.code for p in women.context["object_list"]} == {"P-A3"}
    heads = client.get(reverse("person:index") + "?role=head")
    assert {p.code for p in heads.context["object_list"]} == {"P-A1", "P-B1"}


def test_people_export_csv_and_xlsx(as_user, office_a, person_a):
    client = as_user(office_a)
    rows = list(
        csv.reader(
            io.StringIO(streamed(client.get(reverse("person:index") + "?export=csv")).decode())
        )
    )
    assert rows[1][:4] == ["P-A1", "Nguyễn Văn An", "M", "17/05/1970"]
    book = openpyxl.load_workbook(
        io.BytesIO(streamed(client.get(reverse("person:index") + "?export=xlsx")))
    )
    row = next(book.active.iter_rows(min_row=2))
    assert row[0].value == "P-A1"
    assert row[3].is_date and row[3].number_format == "dd/mm/yyyy"


# --- writes through the services ---------------------------------------------------------


def test_create_a_person_through_the_screen(as_user, office_a, tree):
    response = as_user(office_a).post(reverse("person:add"), person_data(unit=tree.branch_a.pk))
    person = Person.objects.get(code="P-A2")
    assert response.status_code == 302
    assert person.birth_date == date(1980, 5, 17) and person.unit == tree.branch_a
    assert list(ModelLogEntry.objects.values_list("action", flat=True)) == [audit.CREATE]


def test_person_problems_show_on_their_fields(as_user, office_a, tree):
    response = as_user(office_a).post(
        reverse("person:add"),
        person_data(unit=tree.commune_a.pk, party_join_date="01/01/1985"),
    )
    assert response.status_code == 200
    assert "party_join_date" in response.context["form"].errors
    assert not Person.objects.filter(code="P-A2").exists()


def test_edit_a_person_keeps_the_code(as_user, office_a, tree, person_a):
    response = as_user(office_a).post(
        reverse("person:edit", args=[person_a.pk]),
        person_data(
            code="HACKED",
            full_name="Nguyễn Văn Ân",
            birth_date="17/05/1970",
            unit=tree.commune_a.pk,
            record_version=audit.fingerprint(person_a),
        ),
    )
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert (person_a.code, person_a.full_name) == ("P-A1", "Nguyễn Văn Ân")
    assert [e.action for e in audit.history(person_a)] == [audit.UPDATE]


def test_add_and_end_a_post(as_user, office_a, tree, person_a):
    client = as_user(office_a)
    form = client.get(reverse("position:add") + f"?person={person_a.pk}")
    assert form.context["form"].initial["person"] == person_a
    response = client.post(
        reverse("position:add"),
        {
            "person": person_a.pk,
            "unit": tree.branch_a.pk,
            "role": Role.DEPUTY,
            "title": "Phó bí thư",
            "start_date": "01/01/2021",
        },
    )
    post = Position.objects.get(role=Role.DEPUTY)
    assert response.status_code == 302
    response = client.post(
        reverse("position:end", args=[post.pk]),
        {"end_date": "31/12/2023", "record_version": audit.fingerprint(post)},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.end_date == date(2023, 12, 31)
    assert [e.action for e in audit.history(post)] == [audit.END, audit.CREATE]


def test_ending_a_post_before_it_started_is_refused(as_user, office_a, person_a):
    post = person_a.positions.get()
    response = as_user(office_a).post(
        reverse("position:end", args=[post.pk]), {"end_date": "01/01/2000"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    post.refresh_from_db()
    assert post.end_date is None


def test_person_page_shows_posts_over_time_and_history(as_user, office_a, tree, person_a):
    PositionFactory(
        person=person_a,
        unit=tree.branch_a,
        role=Role.MEMBER,
        start_date=date(2001, 2, 3),
        end_date=date(2005, 6, 7),
    )
    page = text(as_user(office_a).get(reverse("person:inspect", args=[person_a.pk])))
    assert "03/02/2001" in page and "07/06/2005" in page and "01/01/2010" in page
    assert page.index("03/02/2001") < page.index("01/01/2010")  # oldest first
    assert reverse("person:history", args=[person_a.pk]) in page


@pytest.mark.parametrize("query", ["?person={b}", "?person=x", "?person="])
def test_a_post_form_starts_from_no_person_it_may_not_see(as_user, office_a, person_b, query):
    form = as_user(office_a).get(reverse("position:add") + query.format(b=person_b.pk))
    assert form.status_code == 200
    assert "person" not in form.context["form"].initial
