from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from peerqa.models.enums import AppealOutcome, ConsultationKind
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [("models", "0006_moderation")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Appeal",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "review",
                    fields.ForeignKeyField(
                        "models.Review",
                        source_field="review_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="appeals",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "area",
                    fields.ForeignKeyField(
                        "models.Area",
                        source_field="area_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="appeals",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("grounds", fields.TextField(unique=False)),
                (
                    "lodged_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="lodged_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="appeals_lodged",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("lodged_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "moderator",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="moderator_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="appeals_heard",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "assigned_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "outcome",
                    fields.CharEnumField(
                        null=True,
                        description="UPHELD: upheld\nPARTLY_UPHELD: partly_upheld\nNOT_UPHELD: not_upheld",
                        enum_type=AppealOutcome,
                        max_length=14,
                    ),
                ),
                ("outcome_reasons", fields.TextField(default="", unique=False)),
                (
                    "grade_before",
                    fields.ForeignKeyField(
                        "models.Grade",
                        source_field="grade_before_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="appeals_from",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "grade_after",
                    fields.ForeignKeyField(
                        "models.Grade",
                        source_field="grade_after_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="appeals_to",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("decided_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "appeal",
                "app": "models",
                "pk_attr": "id",
                "table_description": "The host headteacher's appeal against one moderated judgement, and its hearing.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="DutyConsultation",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "review",
                    fields.ForeignKeyField(
                        "models.Review",
                        source_field="review_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="consultations",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "area",
                    fields.ForeignKeyField(
                        "models.Area",
                        source_field="area_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="consultations",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "kind",
                    fields.CharEnumField(
                        description="NOT_MET: not_met\nEXCEPTIONAL: exceptional",
                        enum_type=ConsultationKind,
                        max_length=12,
                    ),
                ),
                ("question", fields.TextField(unique=False)),
                (
                    "requested_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="requested_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="consultations_requested",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("requested_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "responder",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="responder_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="consultations_answered",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("response", fields.TextField(default="", unique=False)),
                (
                    "responded_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "duty_consultation",
                "app": "models",
                "pk_attr": "id",
                "table_description": "One request for a second view of one area, and the duty moderator's response.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="FactualAccuracyPoint",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "review",
                    fields.ForeignKeyField(
                        "models.Review",
                        source_field="review_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="factual_points",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "area",
                    fields.ForeignKeyField(
                        "models.Area",
                        source_field="area_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="factual_points",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("text", fields.TextField(unique=False)),
                (
                    "raised_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="raised_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="factual_points_raised",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("raised_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                (
                    "accepted",
                    fields.BooleanField(null=True, description="Null until the lead answers"),
                ),
                ("answer_reason", fields.TextField(default="", unique=False)),
                (
                    "answered_by",
                    fields.ForeignKeyField(
                        "models.User",
                        source_field="answered_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="factual_points_answered",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "answered_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "factual_accuracy_point",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A factual error the host points out in the draft, and the lead's answer with a reason.",
            },
            bases=["Model"],
        ),
        ops.AddField(
            model_name="Moderation",
            name="adjustments",
            field=fields.JSONField(
                default=list,
                description="Adjusted areas: area, from, to and reason",
                encoder=JSON_DUMPS,
                decoder=loads,
            ),
        ),
        ops.AddField(
            model_name="Review",
            name="factual_accuracy_closes_at",
            field=fields.DatetimeField(
                null=True,
                description="End of the host's window to point out factual errors",
                auto_now=False,
                auto_now_add=False,
            ),
        ),
        ops.AddField(
            model_name="User",
            name="on_duty",
            field=fields.BooleanField(
                default=False, description="Moderator on duty for consultations during visits"
            ),
        ),
    ]
