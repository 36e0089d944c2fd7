# Users hold grants (unit, role, from, to) instead of one unit and role; each user keeps
# their access: one open-ended grant per user that had a unit and a role.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_unit_and_role(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Grant = apps.get_model("accounts", "Grant")
    Grant.objects.bulk_create(
        Grant(user_id=user_id, unit_id=unit_id, role=role)
        for user_id, unit_id, role in User.objects.filter(unit__isnull=False)
        .exclude(role="")
        .values_list("id", "unit_id", "role")
    )


def keep_first_grant(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Grant = apps.get_model("accounts", "Grant")
    for grant in Grant.objects.order_by("-pk"):
        User.objects.filter(pk=grant.user_id).update(unit_id=grant.unit_id, role=grant.role)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Grant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('organization_office', 'Organization office staff'), ('standing_committee', 'Standing committee member'), ('committee_member', 'Committee member'), ('inspection', 'Inspection commission'), ('helper_body', 'Helper body'), ('grassroots_secretary', 'Grassroots secretary'), ('editor', 'Editor')], max_length=32, verbose_name='role')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='valid from')),
                ('valid_to', models.DateField(blank=True, null=True, verbose_name='valid to')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='grants', to='org.unit', verbose_name='unit')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='grants', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'grant',
                'verbose_name_plural': 'grants',
                'ordering': ['user', 'valid_from', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_from__isnull', True), ('valid_to__gte', models.F('valid_from')), _connector='OR'), name='accounts_grant_period')],
            },
        ),
        migrations.RunPython(copy_unit_and_role, keep_first_grant),
        migrations.RemoveField(
            model_name='user',
            name='role',
        ),
        migrations.RemoveField(
            model_name='user',
            name='unit',
        ),
    ]
