// Moderation and assurance logic (pure, unit-tested): words for codes, the moderator's
// adjustment form read into the API's input (with errors next to each area's fields), what
// still blocks publication, and who may take which step.
import type { FormError } from "./forms";
import type { AppealOutcome, AreaAdjustmentInput, ModerationOutcome } from "./gql/graphql";
import type { Me } from "./tasks";
import type { Area, Review } from "./views/review/types";

export const SAMPLING_LABELS: Record<string, string> = {
  open_concern: "Open safeguarding concern",
  recent_concern: "Recent concern about the school",
  self_evaluation_gap: "Far from the self-evaluation",
  self_evaluation_spread: "Differs from the self-evaluation in many areas",
  indicator_gap: "Indicators point the other way",
  new_lead: "New lead reviewer",
  new_team: "New team",
  lead_minimum: "Lead's first this year",
  plugin_risk: "Scoring plugin risk",
  random: "Random sample",
  not_selected: "Not selected",
};

export function samplingLabel(code: string): string {
  return SAMPLING_LABELS[code] ?? code.replace(/_/g, " ");
}

export const OUTCOME_LABELS: Record<ModerationOutcome, string> = {
  CONFIRM: "Confirmed",
  ADJUST: "Adjusted",
  RETURN: "Returned to the team",
};

export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  UPHELD: "Upheld",
  PARTLY_UPHELD: "Partly upheld",
  NOT_UPHELD: "Not upheld",
};

type Round = Review["moderation"][number];

/** The newest round (the one a moderator decides), or null before the first submission. */
export function currentRound(review: Pick<Review, "moderation">): Round | null {
  return review.moderation.length > 0 ? (review.moderation[review.moderation.length - 1] ?? null) : null;
}

/** The newest round with an outcome: what the team and the host are told. */
export function lastDecided(review: Pick<Review, "moderation">): Round | null {
  return [...review.moderation].reverse().find((r) => r.outcome !== null) ?? null;
}

/** A stored grade ("strong_standard", "met", "not_met") in words. */
export function gradeWords(review: Pick<Review, "framework">, key: string | null | undefined): string {
  if (key === null || key === undefined || key === "") return "None";
  if (key === "met") return "Met";
  if (key === "not_met") return "Not met";
  return review.framework?.grades.find((g) => g.key === key)?.label ?? key;
}

export function isAssignedModerator(me: Me, review: Pick<Review, "moderation" | "state">): boolean {
  const round = currentRound(review);
  return review.state === "MODERATION" && !!round && round.outcome === null && round.moderator?.userId === me.id;
}

/** Areas a moderator can adjust: graded and met / not met (narrative areas are returned instead). */
export function adjustableAreas(areas: Area[]): Area[] {
  return areas.filter((a) => a.kind !== "NARRATIVE");
}

/** Field names of one area's controls in the adjustment form. */
export const adjustField = {
  grade: (areaKey: string) => `grade-${areaKey}`,
  reason: (areaKey: string) => `reason-${areaKey}`,
};

export const NO_CHANGE = "";

/**
 * Read the adjustment form: each area with a new grade chosen becomes an adjustment (its reason
 * required). Errors name the area's own field, so they show next to it.
 */
export function readAdjustments(areas: Area[], get: (name: string) => string): { adjustments: AreaAdjustmentInput[]; errors: FormError[] } {
  const adjustments: AreaAdjustmentInput[] = [];
  const errors: FormError[] = [];
  for (const area of adjustableAreas(areas)) {
    const choice = get(adjustField.grade(area.key));
    const reason = get(adjustField.reason(area.key)).trim();
    if (choice === NO_CHANGE) {
      if (reason !== "") {
        errors.push({ code: "VALIDATION", field: adjustField.grade(area.key), message: `Choose the new grade for ${area.name}, or delete the reason` });
      }
      continue;
    }
    if (reason === "") {
      errors.push({ code: "VALIDATION", field: adjustField.reason(area.key), message: `Give the reason for adjusting ${area.name}` });
    }
    const item: AreaAdjustmentInput = { areaKey: area.key, reason };
    if (area.kind === "MET_NOT_MET") item.met = choice === "met";
    else item.gradeKey = choice;
    adjustments.push(item);
  }
  if (adjustments.length === 0 && errors.length === 0) {
    errors.push({ code: "VALIDATION", field: null, message: "Choose a new grade for at least one area, or confirm the consensus instead" });
  }
  return { adjustments, errors };
}

/**
 * The server names `reason`, `gradeKey`, `met` or `areaKey` without saying which adjustment;
 * its message names the area. Put each error on that area's field where it can be found.
 */
export function placeAdjustErrors(errors: FormError[], areas: Area[], adjusted: string[]): FormError[] {
  return errors.map((error) => {
    if (error.field === null) return error;
    if (!["reason", "gradeKey", "met", "areaKey"].includes(error.field)) return error.field === "adjustments" ? { ...error, field: null } : error;
    const candidates = areas.filter((a) => adjusted.includes(a.key));
    const named = candidates.find((a) => error.message.includes(a.name)) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!named) return { ...error, field: null };
    return { ...error, field: error.field === "reason" ? adjustField.reason(named.key) : adjustField.grade(named.key) };
  });
}

/** Whether the factual-accuracy window is open at `now`. */
export function factualAccuracyOpen(review: Pick<Review, "state" | "factualAccuracyClosesAt">, now: Date): boolean {
  if (review.state !== "FACTUAL_ACCURACY" && review.state !== "APPEAL") return false;
  if (!review.factualAccuracyClosesAt) return false;
  return new Date(review.factualAccuracyClosesAt).getTime() > now.getTime();
}

/** What still stops the host headteacher publishing (empty: nothing). The server checks again. */
export function publicationBlockers(review: Pick<Review, "state" | "concerns" | "appeals" | "factualAccuracyPoints" | "factualAccuracyClosesAt">, now: Date): string[] {
  const out: string[] = [];
  const open = review.concerns.filter((c) => !c.resolved).length;
  if (open > 0) {
    out.push(`${open} safeguarding ${open === 1 ? "concern is" : "concerns are"} not resolved. A moderator must record how each was resolved.`);
  }
  const hearing = review.appeals.filter((a) => a.outcome === null).length;
  if (hearing > 0 || review.state === "APPEAL") out.push("An appeal is being heard. Wait for its outcome.");
  const unanswered = review.factualAccuracyPoints.filter((p) => p.accepted === null).length;
  if (unanswered > 0 && factualAccuracyOpen(review, now)) {
    out.push(`${unanswered} factual-accuracy ${unanswered === 1 ? "point is" : "points are"} waiting for the lead reviewer's answer.`);
  }
  return out;
}

/** Moderated areas the host headteacher may still appeal (one appeal per area). */
export function appealableAreas(review: Pick<Review, "areas" | "moderated" | "appeals">): Area[] {
  const appealed = new Set(review.appeals.map((a) => a.area?.key));
  const moderated = new Set(review.moderated.map((j) => j.area?.key));
  return review.areas.filter((a) => a.kind !== "NARRATIVE" && moderated.has(a.key) && !appealed.has(a.key));
}
