from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

# Context snapshots are keyed by URN instead of a foreign key to the register. Both context
# tables were empty when this was written (no importer existed), so they are recreated rather
# than altered: Tortoise cannot drop the old unique constraint on SQLite.


class Migration(migrations.Migration):
    dependencies = [('models', '0002_review_workflow')]

    initial = False

    operations = [
        ops.DeleteModel(name='ContextValue'),
        ops.DeleteModel(name='ContextSnapshot'),
        ops.CreateModel(
            name='ContextSnapshot',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('urn', fields.IntField(description="The school's URN")),
                ('year', fields.IntField(description='Academic year by its starting calendar year')),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'context_snapshot', 'app': 'models', 'unique_together': (('urn', 'year'),), 'pk_attr': 'id', 'table_description': "One school's published figures for one academic year (e.g. 2018 for 2018/19)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ContextValue',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('snapshot', fields.ForeignKeyField('models.ContextSnapshot', source_field='snapshot_id', db_constraint=True, to_field='id', related_name='values', on_delete=OnDelete.CASCADE)),
                ('measure', fields.CharField(max_length=64)),
                ('value', fields.FloatField(null=True)),
                ('raw_text', fields.CharField(default='', max_length=64)),
                ('suppression', fields.CharField(default='', max_length=32)),
                ('source_file', fields.CharField(max_length=255)),
                ('source_row', fields.IntField()),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'context_value', 'app': 'models', 'unique_together': (('snapshot', 'measure'),), 'pk_attr': 'id', 'table_description': 'One measure in a snapshot, with where it came from.'},
            bases=['Model'],
        ),
    ]
