"""Schools, trusts and their published context, year by year."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from peerqa.models.enums import Phase


class Trust(Model):
    """A multi-academy trust or other GIAS group. Conflict rules look across a trust."""

    id = fields.IntField(primary_key=True)
    group_uid = fields.CharField(max_length=20, unique=True, description="GIAS group UID")
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    schools: fields.ReverseRelation[School]

    class Meta:
        table = "trust"
        ordering = ("name",)


class School(Model):
    """A school, keyed by its URN, the national unique reference number."""

    urn = fields.IntField(primary_key=True, generated=False, description="Unique reference number")
    name = fields.CharField(max_length=200, db_index=True)
    phase = fields.CharEnumField(Phase, max_length=20, default=Phase.NOT_APPLICABLE)
    type_name = fields.CharField(max_length=100, default="", description="GIAS establishment type")
    la_code = fields.CharField(max_length=3, default="", db_index=True, description="LA code")
    la_name = fields.CharField(max_length=100, default="")
    postcode = fields.CharField(max_length=10, default="")
    is_open = fields.BooleanField(default=True)
    has_early_years = fields.BooleanField(default=False)
    has_sixth_form = fields.BooleanField(default=False)
    trust: fields.ForeignKeyNullableRelation[Trust] = fields.ForeignKeyField(
        "models.Trust", related_name="schools", null=True, on_delete=fields.SET_NULL
    )
    trust_id: int | None
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "school"
        ordering = ("name", "urn")


class ContextSnapshot(Model):
    """One school's published figures for one academic year (e.g. 2018 for 2018/19).

    Keyed by URN, not linked to the register: published files cover schools (closed or
    independent ones) that the register loaded here may not hold.
    """

    id = fields.IntField(primary_key=True)
    urn = fields.IntField(description="The school's URN")
    year = fields.IntField(description="Academic year by its starting calendar year")
    updated_at = fields.DatetimeField(auto_now=True)

    values: fields.ReverseRelation[ContextValue]

    class Meta:
        table = "context_snapshot"
        unique_together = (("urn", "year"),)
        ordering = ("urn", "year")


class PublishedFigure(Model):
    """What every stored published figure keeps: the measure, its value, and its provenance."""

    measure = fields.CharField(max_length=64)
    value = fields.FloatField(null=True)
    raw_text = fields.CharField(max_length=64, default="")
    suppression = fields.CharField(max_length=32, default="")
    source_file = fields.CharField(max_length=255)
    source_row = fields.IntField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


class ContextValue(PublishedFigure):
    """One measure in a snapshot, with where it came from.

    A suppressed or missing figure is stored as ``value = None`` with the reason kept in
    ``suppression`` (never as zero), and ``raw_text`` keeps the text exactly as published. A
    text measure (a school type, an inspection grade) has ``value`` null, an empty
    ``suppression`` and its text in ``raw_text``.
    """

    id = fields.IntField(primary_key=True)
    snapshot: fields.ForeignKeyRelation[ContextSnapshot] = fields.ForeignKeyField(
        "models.ContextSnapshot", related_name="values", on_delete=fields.CASCADE
    )
    snapshot_id: int

    class Meta:
        table = "context_value"
        unique_together = (("snapshot", "measure"),)


class SchoolLink(Model):
    """A link between two URNs in the register: how a school's history continues across a new URN.

    A school gets a new URN when it converts to an academy, amalgamates or splits, so following
    a school's figures over the years means following these links. GIAS lists each link from
    both ends (a Predecessor row and the matching Successor row). Keyed by URN, not linked to
    the register: links name closed schools the register loaded here may not hold.
    """

    id = fields.IntField(primary_key=True)
    urn = fields.IntField(db_index=True, description="The school's URN")
    linked_urn = fields.IntField(db_index=True, description="The URN at the other end")
    link_type = fields.CharField(max_length=100, description="As GIAS names it, e.g. Successor")
    established_on = fields.DateField(null=True, description="When the link took effect")
    source_file = fields.CharField(max_length=255)
    source_row = fields.IntField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "school_link"
        unique_together = (("urn", "linked_urn", "link_type"),)
        ordering = ("urn", "linked_urn", "link_type")


class LocalAuthority(Model):
    """A local authority by its three-digit DfE code (201 City of London), with its region."""

    code = fields.CharField(max_length=3, primary_key=True, description="DfE LA code")
    name = fields.CharField(max_length=100)
    region = fields.CharField(
        max_length=100, default="", description="Region as the performance tables name it"
    )
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "local_authority"
        ordering = ("code",)


class LocalAuthorityValue(PublishedFigure):
    """One published figure for a whole local authority in one academic year (AP census...).

    Stored like ``ContextValue``: a missing figure is ``value = None`` with the reason in
    ``suppression``. England-wide figures are kept under the code ``NAT`` so an authority can be
    compared with the country. Regional rows are not stored.
    """

    id = fields.IntField(primary_key=True)
    la_code = fields.CharField(max_length=3, db_index=True, description="DfE LA code or NAT")
    year = fields.IntField(description="Academic year by its starting calendar year")

    class Meta:
        table = "local_authority_value"
        unique_together = (("la_code", "year", "measure"),)
        ordering = ("la_code", "year", "measure")
