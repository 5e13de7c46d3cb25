from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_context_by_urn')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LocalAuthority',
            fields=[
                ('code', fields.CharField(primary_key=True, unique=True, db_index=True, description='DfE LA code', max_length=3)),
                ('name', fields.CharField(max_length=100)),
                ('region', fields.CharField(default='', description='Region as the performance tables name it', max_length=100)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'local_authority', 'app': 'models', 'pk_attr': 'code', 'table_description': 'A local authority by its three-digit DfE code (201 City of London), with its region.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LocalAuthorityValue',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('la_code', fields.CharField(db_index=True, description='DfE LA code or NAT', max_length=3)),
                ('year', fields.IntField(description='Academic year by its starting calendar year')),
                ('measure', fields.CharField(max_length=64)),
                ('value', fields.FloatField(null=True)),
                ('raw_text', fields.CharField(default='', max_length=64)),
                ('suppression', fields.CharField(default='', max_length=32)),
                ('source_file', fields.CharField(max_length=255)),
                ('source_row', fields.IntField()),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'local_authority_value', 'app': 'models', 'unique_together': (('la_code', 'year', 'measure'),), 'pk_attr': 'id', 'table_description': 'One published figure for a whole local authority in one academic year (AP census...).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SchoolLink',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('urn', fields.IntField(db_index=True, description="The school's URN")),
                ('linked_urn', fields.IntField(db_index=True, description='The URN at the other end')),
                ('link_type', fields.CharField(description='As GIAS names it, e.g. Successor', max_length=100)),
                ('established_on', fields.DateField(null=True, description='When the link took effect')),
                ('source_file', fields.CharField(max_length=255)),
                ('source_row', fields.IntField()),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'school_link', 'app': 'models', 'unique_together': (('urn', 'linked_urn', 'link_type'),), 'pk_attr': 'id', 'table_description': "A link between two URNs in the register: how a school's history continues across a new URN."},
            bases=['Model'],
        ),
    ]
