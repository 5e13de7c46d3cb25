// The concern inbox: every unresolved safeguarding concern across the reviews a moderator can
// see, oldest first, without reading any summary (each read is audited): open the review's
// concerns to read one and act on it.
import { concernStatus, inboxRows, type InboxReview } from "../../inbox";
import type { AppContext, Page } from "../../context";
import { h } from "../../dom";
import { formatDateTime } from "../../format";
import { ConcernInboxDocument } from "../../gql/graphql";
import { everyPage } from "../../paging";
import { reviewHref } from "../../router";
import { heading, link, para, table, tag } from "../common";
import { moderationNav } from "./queue";

export async function concernInboxPage(ctx: AppContext): Promise<Page> {
  if (ctx.me.globalRole === "SCHOOL_USER") {
    return { title: "Concern inbox", element: h("div", {}, heading("Concern inbox"), para("Only moderators and administrators can see this page.")) };
  }
  // Every review with an open concern, a page of 100 at a time: none may be missed.
  const reviews = await everyPage(async (after) => (await ctx.session.run(ConcernInboxDocument, { after })).reviews);
  const rows = inboxRows(reviews as InboxReview[]);
  const colour = { awaiting: "red", escalated: "red", acknowledged: "yellow", resolved: "green" } as const;
  const words = { awaiting: "Awaiting acknowledgement", escalated: "Escalated", acknowledged: "Acknowledged", resolved: "Resolved" } as const;
  const element = h(
    "div",
    {},
    moderationNav("concerns"),
    heading("Concern inbox", "Moderation"),
    para("Unresolved safeguarding concerns, oldest first. Acknowledge each as soon as you pick it up; a review cannot be published until each concern on it is resolved. Opening a concern records that you read it."),
    rows.length === 0
      ? para("There are no unresolved concerns.")
      : table(
          "Unresolved concerns",
          [
            { header: "Raised", cell: (r) => formatDateTime(r.concern.raisedAt) },
            { header: "Review", cell: (r) => link(`${r.review.hostSchool?.name ?? ""}: ${r.review.title}`, reviewHref(r.review.id, "concerns")) },
            { header: "Status", cell: (r) => tag(words[concernStatus(r.concern)], colour[concernStatus(r.concern)]) },
            { header: "Flags", cell: (r) => [r.concern.aboutHeadteacher ? "About the headteacher. " : "", r.concern.immediateDanger ? "999 called. " : "", r.concern.toldDsl ? "DSL told." : "DSL not told."].join("") },
          ],
          rows,
        ),
  );
  return { title: "Concern inbox", element };
}
