from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from peerqa.models.enums import ConcernActionKind, PlacementOutcome
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ActionItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('review', fields.ForeignKeyField('models.Review', source_field='review_id', db_constraint=True, to_field='id', related_name='action_items', on_delete=OnDelete.CASCADE)),
                ('action', fields.TextField(unique=False)),
                ('owner', fields.CharField(description='A role, not a pupil', max_length=120)),
                ('due_on', fields.DateField(null=True)),
                ('position', fields.IntField(default=0)),
                ('done', fields.BooleanField(default=False)),
            ],
            options={'table': 'action_item', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One line of the action plan: what, who owns it, by when.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ApPlacement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('review', fields.ForeignKeyField('models.Review', source_field='review_id', db_constraint=True, to_field='id', related_name='ap_placements', on_delete=OnDelete.CASCADE)),
                ('reference', fields.CharField(description="The school's anonymous code", max_length=20)),
                ('registered_provider', fields.BooleanField(description='Provision is registered')),
                ('full_time', fields.BooleanField()),
                ('started_on', fields.DateField()),
                ('planned_end_on', fields.DateField(null=True, description='Null means open-ended')),
                ('objectives_set', fields.BooleanField(default=False)),
                ('success_criteria_set', fields.BooleanField(default=False)),
                ('exit_plan', fields.BooleanField(default=False, description='Reintegration or exit plan')),
                ('last_reviewed_on', fields.DateField(null=True)),
                ('outcome', fields.CharEnumField(default=PlacementOutcome.ONGOING, description='ONGOING: ongoing\nREINTEGRATED: reintegrated\nMOVED_SCHOOL: moved_school\nSPECIALIST_PLACEMENT: specialist_placement\nLEFT_EDUCATION: left_education\nOTHER: other', enum_type=PlacementOutcome, max_length=20)),
                ('notes', fields.TextField(default='', unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=0)),
            ],
            options={'table': 'ap_placement', 'app': 'models', 'unique_together': (('review', 'reference'),), 'pk_attr': 'id', 'table_description': "One pupil's placement in alternative provision, identified only by the school's code."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Concern',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('review', fields.ForeignKeyField('models.Review', source_field='review_id', db_constraint=True, to_field='id', related_name='concerns', on_delete=OnDelete.RESTRICT)),
                ('raised_by', fields.ForeignKeyField('models.User', source_field='raised_by_id', db_constraint=True, to_field='id', related_name='raised_concerns', on_delete=OnDelete.RESTRICT)),
                ('raised_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('summary', fields.TextField(unique=False)),
                ('about_headteacher', fields.BooleanField(default=False)),
                ('told_dsl', fields.BooleanField(default=False, description='The raiser told the host DSL')),
                ('immediate_danger', fields.BooleanField(default=False, description='999 was or must be called')),
            ],
            options={'table': 'concern', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A safeguarding concern raised during a review. No pupil names: the summary is checked.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConcernAction',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('concern', fields.ForeignKeyField('models.Concern', source_field='concern_id', db_constraint=True, to_field='id', related_name='actions', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='ACKNOWLEDGED: acknowledged\nESCALATED: escalated\nNOTE: note\nRESOLVED: resolved', enum_type=ConcernActionKind, max_length=16)),
                ('actor', fields.ForeignKeyField('models.User', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='concern_actions', on_delete=OnDelete.RESTRICT)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('note', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'concern_action', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One step taken on a concern: acknowledged, escalated, noted or resolved.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Report',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('review', fields.OneToOneField('models.Review', source_field='review_id', db_constraint=True, to_field='id', related_name='report', on_delete=OnDelete.CASCADE)),
                ('summary', fields.TextField(default='', unique=False)),
                ('strengths', fields.TextField(default='', unique=False)),
                ('areas_for_development', fields.TextField(default='', unique=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('version', fields.IntField(default=0)),
            ],
            options={'table': 'report', 'app': 'models', 'pk_attr': 'id', 'table_description': "The letter's whole-school parts. Per-area narrative comes from the consensus judgements."},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Area',
            name='checklist',
            field=fields.JSONField(default=list, description='Audit checklist items (key, label) for met or not met areas', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Judgement',
            name='checklist',
            field=fields.JSONField(default=dict, description='Audit checklist answers by item key', encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Judgement',
            name='excellence',
            field=fields.BooleanField(default=False, description='Nominated area of excellence'),
        ),
    ]
