from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from peerqa.models.enums import JudgementKind, ModerationOutcome
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_scoring')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Moderation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('review', fields.ForeignKeyField('models.Review', source_field='review_id', db_constraint=True, to_field='id', related_name='moderations', on_delete=OnDelete.CASCADE)),
                ('round', fields.IntField(default=1, description='1 for the first submission, then 2, 3..')),
                ('required', fields.BooleanField(description='Selected for moderation')),
                ('reasons', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('draw', fields.FloatField(null=True, description='Seeded random draw, if one was made')),
                ('moderator', fields.ForeignKeyField('models.User', source_field='moderator_id', null=True, db_constraint=True, to_field='id', related_name='moderations', on_delete=OnDelete.RESTRICT)),
                ('assigned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('outcome', fields.CharEnumField(null=True, description='CONFIRM: confirm\nADJUST: adjust\nRETURN: return', enum_type=ModerationOutcome, max_length=10)),
                ('outcome_reasons', fields.TextField(default='', description='Points to address, or a note', unique=False)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'moderation', 'app': 'models', 'unique_together': (('review', 'round'),), 'pk_attr': 'id', 'table_description': "One sampling decision on a submitted review, and the moderator's outcome if moderated."},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Judgement',
            name='kind',
            field=fields.CharEnumField(description='SELF_EVALUATION: self_evaluation\nINDEPENDENT: independent\nCONSENSUS: consensus\nMODERATED: moderated', enum_type=JudgementKind, max_length=20),
        ),
    ]
