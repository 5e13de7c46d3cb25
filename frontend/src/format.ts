// Words for the enums and dates the API returns.
import type {
  EvidenceKind,
  IndicatorBand,
  InvitationStatus,
  PlacementOutcome,
  ReviewState,
  TeamRole,
} from "./gql/graphql";

export const STATE_LABELS: Record<ReviewState, string> = {
  DRAFT: "Draft",
  SELF_EVALUATION: "Self-evaluation",
  TEAM_FORMED: "Team formed",
  VISIT: "Visit",
  CONSENSUS: "Consensus",
  SUBMITTED: "Submitted",
  MODERATION: "Moderation",
  RETURNED: "Returned",
  ASSURED: "Assured",
  FACTUAL_ACCURACY: "Factual-accuracy check",
  APPEAL: "Appeal",
  PUBLISHED: "Published",
  FOLLOW_UP: "Follow-up",
  WITHDRAWN: "Withdrawn",
};

/** GOV.UK tag colour per state (no colour = dark blue). */
export const STATE_TAG_CLASS: Record<ReviewState, string> = {
  DRAFT: "govuk-tag--grey",
  SELF_EVALUATION: "govuk-tag--light-blue",
  TEAM_FORMED: "govuk-tag--light-blue",
  VISIT: "govuk-tag--purple",
  CONSENSUS: "govuk-tag--purple",
  SUBMITTED: "govuk-tag--yellow",
  MODERATION: "govuk-tag--yellow",
  RETURNED: "govuk-tag--orange",
  ASSURED: "govuk-tag--turquoise",
  FACTUAL_ACCURACY: "govuk-tag--turquoise",
  APPEAL: "govuk-tag--orange",
  PUBLISHED: "govuk-tag--green",
  FOLLOW_UP: "govuk-tag--green",
  WITHDRAWN: "govuk-tag--grey",
};

/** The main path through the lifecycle, for the timeline. */
export const LIFECYCLE: ReviewState[] = [
  "DRAFT",
  "SELF_EVALUATION",
  "TEAM_FORMED",
  "VISIT",
  "CONSENSUS",
  "SUBMITTED",
  "FACTUAL_ACCURACY",
  "PUBLISHED",
  "FOLLOW_UP",
];

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  LESSON_VISIT: "Lesson visit",
  WORK_SCRUTINY: "Work scrutiny",
  PUPIL_CONVERSATION: "Conversation with pupils",
  STAFF_CONVERSATION: "Conversation with staff",
  DOCUMENT: "Document",
  DATA: "Data",
};

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = { LEAD: "Lead reviewer", REVIEWER: "Reviewer" };

export const INVITATION_LABELS: Record<InvitationStatus, string> = {
  INVITED: "Invited",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
};

export const BAND_LABELS: Record<IndicatorBand, string> = {
  WELL_ABOVE: "Well above",
  ABOVE: "Above",
  IN_LINE: "In line",
  BELOW: "Below",
  WELL_BELOW: "Well below",
};

export const OUTCOME_LABELS: Record<PlacementOutcome, string> = {
  ONGOING: "Ongoing",
  REINTEGRATED: "Reintegrated",
  MOVED_SCHOOL: "Moved school",
  SPECIALIST_PLACEMENT: "Specialist placement",
  LEFT_EDUCATION: "Left education",
  OTHER: "Other",
};

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "Not set";
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function formatNumber(value: number | null | undefined, unit = ""): string {
  if (value === null || value === undefined) return "No figure";
  const rounded = Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, "");
  return unit === "%" ? `${rounded}%` : unit ? `${rounded} ${unit}` : rounded;
}

/** "pct_fsm_ever" -> "Pct fsm ever" for measures the UI has no label for. */
export function measureLabel(measure: string): string {
  return MEASURE_LABELS[measure] ?? (measure.charAt(0).toUpperCase() + measure.slice(1)).replace(/_/g, " ");
}

const MEASURE_LABELS: Record<string, string> = {
  pupils: "Pupils",
  pct_fsm_ever: "Pupils ever eligible for free school meals (%)",
  pct_fsm: "Pupils eligible for free school meals (%)",
  pct_sen: "Pupils with SEN support or an EHC plan (%)",
  pct_eal: "Pupils with English as an additional language (%)",
  idaci: "Deprivation (IDACI)",
};
