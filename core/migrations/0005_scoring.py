from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_register_data')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PluginResult',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('subject', fields.CharField(description='school or review', max_length=10)),
                ('subject_id', fields.IntField(description='URN for a school, id for a review')),
                ('plugin', fields.CharField(max_length=64)),
                ('plugin_version', fields.CharField(max_length=64)),
                ('input_hash', fields.CharField(max_length=64)),
                ('ok', fields.BooleanField(default=True)),
                ('error', fields.TextField(default='', unique=False)),
                ('scores', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('flags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('risks', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('duration_ms', fields.FloatField(default=0.0)),
                ('computed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'plugin_result', 'app': 'models', 'unique_together': (('subject', 'subject_id', 'plugin'),), 'pk_attr': 'id', 'table_description': "One plugin's latest result for one subject (a school by URN, or a review by id)."},
            bases=['Model'],
        ),
    ]
