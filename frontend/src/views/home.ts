// Home: my next tasks, then my reviews grouped by my relation to them.
import type { AppContext, Page } from "../context";
import { h } from "../dom";
import { ReviewListDocument } from "../gql/graphql";
import { everyPage, withoutRepeats } from "../paging";
import { reviewHref } from "../router";
import { groupByRelation, nextTasks, RELATION_HEADINGS, type Me, type ReviewSummary, type Task } from "../tasks";
import { buttonLink, heading, link, para, stateTag, table } from "./common";

export async function homePage(ctx: AppContext): Promise<Page> {
  const data = await ctx.session.run(ReviewListDocument, {});
  let reviews = data.reviews.nodes;
  if (ctx.me.globalRole !== "SCHOOL_USER") {
    // The newest 100 reviews may not hold every open safeguarding concern a moderator must
    // acknowledge: add every review that has one, so no such task is missed.
    const open = await everyPage(async (after) => (await ctx.session.run(ReviewListDocument, { after, withOpenConcerns: true })).reviews);
    reviews = withoutRepeats(reviews, open);
  }
  return { title: "Home", element: renderHome(ctx.me, reviews) };
}

export function renderHome(me: Me, reviews: ReviewSummary[]): HTMLElement {
  const tasks = nextTasks(me, reviews);
  const leads = me.schoolRoles.filter((r) => r.role === "HEADTEACHER" || r.role === "SENIOR_LEADER");
  return h(
    "div",
    {},
    heading(`Hello, ${me.displayName}`, "peerqa"),
    h("h2", { class: "govuk-heading-m" }, "Your next tasks"),
    tasks.length > 0 ? renderTasks(tasks) : para("You have nothing to do right now."),
    leads.length > 0 ? buttonLink("Open a review of your school", "#/reviews/new", "govuk-button--secondary") : null,
    ...groupByRelation(reviews).map((group) =>
      table<ReviewSummary>(RELATION_HEADINGS[group.relation], [
        { header: "Review", cell: (r) => link(r.title, reviewHref(r.id)) },
        { header: "School", cell: (r) => (r.hostSchool ? link(r.hostSchool.name, `#/schools/${r.hostSchool.urn}`) : "") },
        { header: "State", cell: (r) => stateTag(r.state) },
      ], group.reviews),
    ),
    reviews.length === 0 ? para("You have no reviews yet.") : null,
    me.schoolRoles.length > 0
      ? h(
          "div",
          {},
          h("h2", { class: "govuk-heading-m" }, "Your schools"),
          h("ul", { class: "govuk-list" }, ...me.schoolRoles.filter((r) => r.school).map((r) => h("li", {}, link(r.school?.name ?? "", `#/schools/${r.school?.urn ?? 0}`)))),
        )
      : null,
  );
}

function renderTasks(tasks: Task[]): HTMLElement {
  return h(
    "ul",
    { class: "govuk-task-list", "aria-label": "Your next tasks" },
    ...tasks.map((task) =>
      h(
        "li",
        { class: "govuk-task-list__item govuk-task-list__item--with-link" },
        h(
          "div",
          { class: "govuk-task-list__name-and-hint" },
          h("a", { class: "govuk-link govuk-task-list__link", href: task.href }, task.text),
          h("div", { class: "govuk-task-list__hint" }, task.reviewTitle),
        ),
      ),
    ),
  );
}
