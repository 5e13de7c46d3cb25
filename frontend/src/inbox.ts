// The concern inbox's rows (pure, unit-tested): unresolved concerns across reviews, oldest first.
import type { ConcernInboxQuery } from "./gql/graphql";

export type InboxReview = ConcernInboxQuery["reviews"]["nodes"][number];
export type InboxConcern = InboxReview["concerns"][number];
export type ConcernStatus = "awaiting" | "escalated" | "acknowledged" | "resolved";

export function concernStatus(c: Pick<InboxConcern, "resolved" | "actions">): ConcernStatus {
  if (c.resolved) return "resolved";
  if (c.actions.some((a) => a.kind === "ACKNOWLEDGED")) return "acknowledged";
  if (c.actions.some((a) => a.kind === "ESCALATED")) return "escalated";
  return "awaiting";
}

export function inboxRows(reviews: InboxReview[]): { review: InboxReview; concern: InboxConcern }[] {
  return reviews
    .flatMap((review) => review.concerns.filter((c) => !c.resolved).map((concern) => ({ review, concern })))
    .sort((a, b) => a.concern.raisedAt.localeCompare(b.concern.raisedAt));
}
