// What the home page lists: my reviews grouped by my relation to them, and my next tasks,
// derived from each review's state and my access. Pure functions (unit-tested).
import type { MeQuery, ReviewListQuery } from "./gql/graphql";
import { reviewHref } from "./router";

export type Me = MeQuery["me"];
export type ReviewSummary = ReviewListQuery["reviews"]["nodes"][number];

export type Relation = "host" | "lead" | "reviewer" | "invited" | "moderator" | "other";

export const RELATION_HEADINGS: Record<Relation, string> = {
  host: "Reviews of your school",
  lead: "Reviews you lead",
  reviewer: "Reviews you are on the team of",
  invited: "Invitations to join a team",
  moderator: "Reviews you can moderate",
  other: "Other reviews you can read",
};

export function relationOf(review: ReviewSummary): Relation {
  const a = review.access;
  if (a.isHostStaff || a.isHostLeader) return "host";
  if (a.isLead) return "lead";
  if (a.isTeam) return "reviewer";
  if (a.isInvited) return "invited";
  if (a.isModerator) return "moderator";
  return "other";
}

export function groupByRelation(reviews: ReviewSummary[]): { relation: Relation; reviews: ReviewSummary[] }[] {
  const order: Relation[] = ["invited", "host", "lead", "reviewer", "moderator", "other"];
  return order
    .map((relation) => ({ relation, reviews: reviews.filter((r) => relationOf(r) === relation) }))
    .filter((group) => group.reviews.length > 0);
}

export function isHostHead(me: Me, review: { hostSchool: { urn: number } | null }): boolean {
  const urn = review.hostSchool?.urn;
  return me.schoolRoles.some((r) => r.role === "HEADTEACHER" && r.school?.urn === urn);
}

export interface Task {
  reviewId: string;
  reviewTitle: string;
  text: string;
  href: string;
  /** Lower comes first. */
  priority: number;
}


export function nextTasks(me: Me, reviews: ReviewSummary[]): Task[] {
  const tasks: Task[] = [];
  for (const review of reviews) {
    const add = (text: string, href: string, priority: number) =>
      tasks.push({ reviewId: review.id, reviewTitle: review.title, text, href, priority });
    const a = review.access;
    const s = review.state;
    const id = review.id;

    const unacknowledged = review.concerns.filter(
      (c) => !c.resolved && !c.actions.some((action) => action.kind === "ACKNOWLEDGED"),
    );
    if (a.isModerator && unacknowledged.length > 0) {
      add(
        unacknowledged.length === 1
          ? "A safeguarding concern awaits acknowledgement"
          : `${unacknowledged.length} safeguarding concerns await acknowledgement`,
        reviewHref(id, "concerns"),
        0,
      );
    }
    if (a.isInvited && !a.isTeam && (s === "DRAFT" || s === "SELF_EVALUATION")) {
      add("Answer your invitation to join the review team", reviewHref(id, "team"), 1);
    }
    if (a.isTeam && s === "VISIT" && !a.hasSubmittedIndependent) {
      add("Record evidence and submit your independent judgements", reviewHref(id, "judgements"), 2);
    }
    if (a.isLead) {
      if (s === "TEAM_FORMED") add("Start the visit when the team arrives", reviewHref(id), 3);
      if (s === "VISIT" && a.hasSubmittedIndependent) {
        add("Move the team to consensus once everyone has submitted", reviewHref(id), 3);
      }
      if (s === "CONSENSUS") {
        add("Record the consensus for each area, write the report summary and submit", reviewHref(id, "consensus"), 2);
      }
    }
    if (a.isHostLeader) {
      if (s === "DRAFT" || s === "SELF_EVALUATION") {
        add("Complete your self-evaluation", reviewHref(id, "self-evaluation"), 2);
      }
      if (s === "SELF_EVALUATION") add("Invite the review team and confirm it", reviewHref(id, "team"), 3);
      if (s === "DRAFT") add("Open the self-evaluation when you are ready", reviewHref(id), 4);
    }
    if (s === "FACTUAL_ACCURACY" && a.isHostLeader) {
      add("Check the draft report for factual accuracy", reviewHref(id, "assurance"), 1);
      if (isHostHead(me, review)) {
        const open = review.concerns.filter((c) => !c.resolved).length;
        add(
          open > 0 ? "Publication waits until every safeguarding concern is resolved" : "Publish the report",
          reviewHref(id, "report"),
          open > 0 ? 5 : 2,
        );
      }
    }
    if (a.isModerator && s === "SUBMITTED") add("Assure the submitted review", reviewHref(id), 3);
    if (a.isModerator && s === "MODERATION") add("A review awaits moderation", reviewHref(id, "moderation"), 3);
    if (a.isModerator && s === "APPEAL") add("An appeal awaits its hearing", reviewHref(id, "assurance"), 3);
    if (a.isLead && (s === "FACTUAL_ACCURACY" || s === "APPEAL")) {
      add("Answer the host's factual-accuracy points", reviewHref(id, "assurance"), 2);
    }
    if (a.isLead && s === "RETURNED") add("The moderator returned the review: address the points and submit again", reviewHref(id, "moderation"), 1);
  }
  return tasks.sort((x, y) => x.priority - y.priority);
}
