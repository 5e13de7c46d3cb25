// Which sections and actions the caller has, from review.access and the state (pure).
import type { ReviewState } from "../../gql/graphql";
import type { ReviewSection } from "../../router";
import { isHostHead, type Me } from "../../tasks";
import type { Review } from "./types";

const after = (state: ReviewState, states: ReviewState[]) => states.includes(state);

export const SECTION_LABELS: Record<ReviewSection, string> = {
  overview: "Overview",
  team: "Team",
  "self-evaluation": "Self-evaluation",
  evidence: "Evidence",
  judgements: "Your judgements",
  consensus: "Consensus",
  placements: "AP register",
  concern: "Raise a safeguarding concern",
  concerns: "Concerns",
  moderation: "Moderation",
  assurance: "Factual accuracy and appeals",
  consultations: "Duty moderator",
  report: "Report",
};

export function canRaiseConcern(review: Review): boolean {
  return review.access.isTeam || review.access.isModerator;
}

export function visibleSections(review: Review): ReviewSection[] {
  const a = review.access;
  const s = review.state;
  const inside = a.isHostStaff || a.isTeam || a.isModerator;
  const sections: ReviewSection[] = ["overview", "team"];
  if (inside) sections.push("self-evaluation");
  if ((a.isTeam || a.isModerator) && after(s, ["VISIT", "CONSENSUS", "SUBMITTED", "MODERATION", "RETURNED", "ASSURED", "FACTUAL_ACCURACY", "APPEAL", "PUBLISHED", "FOLLOW_UP"])) {
    sections.push("evidence");
  }
  if (a.isTeam && after(s, ["VISIT", "CONSENSUS", "SUBMITTED", "MODERATION", "RETURNED", "ASSURED", "FACTUAL_ACCURACY", "APPEAL", "PUBLISHED", "FOLLOW_UP"])) {
    sections.push("judgements");
  }
  if (review.consensus.length > 0 || (a.isTeam && s === "CONSENSUS")) sections.push("consensus");
  if (inside) sections.push("placements");
  if (inside) sections.push("concerns");
  if (review.moderation.some((r) => r.required) && (a.isModerator || review.moderation.some((r) => r.outcome !== null))) {
    sections.push("moderation");
  }
  if ((inside || a.isModerator) && (review.factualAccuracyClosesAt !== null || review.appeals.length > 0 || review.factualAccuracyPoints.length > 0)) {
    sections.push("assurance");
  }
  if ((a.isLead && s === "VISIT") || review.consultations.length > 0) sections.push("consultations");
  if (review.report) sections.push("report");
  return sections;
}

export type TransitionKey =
  | "openSelfEvaluation"
  | "confirmTeam"
  | "startVisit"
  | "startConsensus"
  | "submitReview"
  | "publishReview"
  | "startFollowUp"
  | "withdrawReview";

export interface TransitionOffer {
  key: TransitionKey;
  label: string;
  hint: string;
  warning?: boolean;
}

/** The lifecycle steps the caller may take now. The server checks again (and says why not). */
export function allowedTransitions(me: Me, review: Review): TransitionOffer[] {
  const a = review.access;
  const head = isHostHead(me, review);
  const out: TransitionOffer[] = [];
  switch (review.state) {
    case "DRAFT":
      if (a.isHostLeader) out.push({ key: "openSelfEvaluation", label: "Open the self-evaluation", hint: "You can write it now or later; the team is invited during the self-evaluation." });
      break;
    case "SELF_EVALUATION":
      if (a.isHostLeader) out.push({ key: "confirmTeam", label: "Confirm the team", hint: "Needs an accepted lead reviewer and a self-evaluation of every area." });
      break;
    case "TEAM_FORMED":
      if (a.isLead) out.push({ key: "startVisit", label: "Start the visit", hint: "Needs the visit dates and the host's DSL and deputy." });
      break;
    case "VISIT":
      if (a.isLead) out.push({ key: "startConsensus", label: "Move the team to consensus", hint: "Every member must have submitted their independent judgements." });
      break;
    case "CONSENSUS":
      if (a.isLead) out.push({ key: "submitReview", label: "Submit the review for assurance", hint: "Every area needs a consensus, and the report a summary." });
      break;
    case "FACTUAL_ACCURACY":
      if (head) out.push({ key: "publishReview", label: "Publish the report", hint: "Every safeguarding concern must be resolved first." });
      break;
    case "PUBLISHED":
      if (head) out.push({ key: "startFollowUp", label: "Start the follow-up", hint: "Review the action plan with your staff and governors." });
      break;
    default:
      break;
  }
  if (head && after(review.state, ["DRAFT", "SELF_EVALUATION", "TEAM_FORMED", "VISIT", "CONSENSUS"])) {
    out.push({ key: "withdrawReview", label: "Withdraw this review", hint: "The review stops for good. This cannot be undone.", warning: true });
  }
  return out;
}

export const SELF_EVALUATION_OPEN: ReviewState[] = ["DRAFT", "SELF_EVALUATION"];
export const TEAM_EDITABLE: ReviewState[] = ["DRAFT", "SELF_EVALUATION"];
export const VISIT_DETAILS_EDITABLE: ReviewState[] = ["DRAFT", "SELF_EVALUATION", "TEAM_FORMED"];
export const PLACEMENTS_EDITABLE: ReviewState[] = ["DRAFT", "SELF_EVALUATION", "TEAM_FORMED", "VISIT"];
export const REPORT_EDITABLE: ReviewState[] = ["CONSENSUS", "SUBMITTED", "FACTUAL_ACCURACY"];
