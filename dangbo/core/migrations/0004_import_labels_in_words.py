"""The history labels the importer stored with codes ("X-TANXUAN 2019: xuat_sac", "KL-2016-01:
khien_trach", "P0034 2019Q1") are rewritten in words from the current record, as the
importer now writes them and the screens always did (each model's __str__, in the
installation's language): "Xã Tân Xuân 2019: Hoàn thành xuất sắc nhiệm vụ".

The formats are copied here from the models' __str__ as they stand (a migration must not
import the models); a record since deleted keeps its label.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Q
from django.utils import translation
from django.utils.formats import number_format


def _choice(obj, name):
    value = getattr(obj, name)
    labels = dict(obj._meta.get_field(name).flatchoices)
    return translation.gettext(str(labels[value])) if value in labels else value


def _rating(r):
    subject = r.person.full_name if r.person_id else r.unit.name
    return f"{subject} {r.year}: {_choice(r, 'level')}"


def _case(c):
    if not c.form:
        return f"{c.code}: {translation.gettext('not decided yet')}"
    return f"{c.code}: {_choice(c, 'form')}"


def _assistance(a):
    return f"{a.helper.name} → {a.unit.name}"


# model → (relations its label reads, label)
LABELS = {
    ("ratings", "Rating"): (("person", "unit"), _rating),
    ("discipline", "DisciplineCase"): ((), _case),
    (
        "assessment",
        "Assessment",
    ): (("unit",), lambda a: f"{a.unit.name} {a.year}: {number_format(a.score, use_l10n=True)}"),
    ("assessment", "Assistance"): (("helper", "unit"), _assistance),
    ("assessment", "AssistanceProgress"): (
        ("assistance__helper", "assistance__unit"),
        lambda p: f"{_assistance(p.assistance)} {p.year}",
    ),
    ("rotation", "RotationPlan"): ((), lambda p: p.name),
    ("rotation", "Rotation"): (("person",), lambda r: f"{r.code}: {r.person.full_name}"),
    ("supervision", "SupervisionAssignment"): (
        ("person", "unit"),
        lambda a: f"{a.person.full_name} → {a.unit.name}",
    ),
    ("supervision", "SupervisionReport"): (
        ("person",),
        lambda r: f"{r.person.full_name} {r.period}",
    ),
}
BATCH = 2000


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    with translation.override(settings.LANGUAGE_CODE):
        for (app_label, name), (related, label) in LABELS.items():
            content_type = ContentType.objects.filter(
                app_label=app_label, model=name.lower()
            ).first()
            if content_type is None:
                continue
            model = apps.get_model(app_label, name)
            entries = ModelLogEntry.objects.filter(
                Q(action="dangbo.create") | Q(action="dangbo.update"),
                content_type=content_type,
                data__source="import",
            ).order_by("pk")
            last = 0
            while batch := list(entries.filter(pk__gt=last)[:BATCH]):
                last = batch[-1].pk
                ids = {int(e.object_id) for e in batch if e.object_id.isdigit()}
                found = model.objects.select_related(*related).in_bulk(ids)
                records = {str(pk): record for pk, record in found.items()}
                changed = []
                for entry in batch:
                    record = records.get(entry.object_id)
                    if record is not None and (words := label(record)[:255]) != entry.label:
                        entry.label = words
                        changed.append(entry)
                ModelLogEntry.objects.bulk_update(changed, ["label"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_report_day_cites_the_rule"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0089_log_entry_data_json_null_to_object"),
        ("ratings", "0003_seed_rating_groups"),
        ("discipline", "0002_case_opens_before_decision"),
        ("assessment", "0001_initial"),
        ("rotation", "0002_plan_approval_by_standing_committee"),
        ("supervision", "0002_report_attachments"),
    ]

    operations = [migrations.RunPython(relabel, migrations.RunPython.noop, elidable=True)]
