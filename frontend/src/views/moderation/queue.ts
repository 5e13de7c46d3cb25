// The moderator's queue: reviews selected for moderation with why each was selected, appeals
// awaiting a hearing, and (on duty) questions for the duty moderator.
import type { AppContext, Page } from "../../context";
import { h } from "../../dom";
import { samplingLabel } from "../../assurance";
import { formatDate, formatDateTime } from "../../format";
import { applyErrors, onSubmit, submitButton } from "../../forms";
import { AdminUsersDocument, AssignAppealModeratorDocument, AssignModeratorDocument, ModerationQueueDocument, type ModerationQueueQuery } from "../../gql/graphql";
import { select } from "../../forms";
import { everyPage } from "../../paging";
import { reviewHref } from "../../router";
import { buttonLink, heading, link, para, paragraphs, summaryList, tag } from "../common";
import { CONSULTATION_KIND_LABELS } from "../review/consultations";

type Queue = ModerationQueueQuery["moderationQueue"];
type QueueReview = Queue["reviews"][number];
type QueueAppeal = Queue["appeals"][number];
type Moderator = { id: string; displayName: string };

export function moderationNav(current: "queue" | "concerns" | "statistics"): HTMLElement {
  const items: { key: typeof current; text: string; href: string }[] = [
    { key: "queue", text: "Queue", href: "#/moderation" },
    { key: "concerns", text: "Concern inbox", href: "#/moderation/concerns" },
    { key: "statistics", text: "Statistics", href: "#/moderation/statistics" },
  ];
  return h(
    "nav",
    { class: "review-nav", "aria-label": "Moderation" },
    h(
      "ul",
      { class: "review-nav__list" },
      ...items.map((i) =>
        h(
          "li",
          { class: `review-nav__item${i.key === current ? " review-nav__item--current" : ""}` },
          h("a", { class: "govuk-link govuk-link--no-visited-state review-nav__link", href: i.href, "aria-current": i.key === current ? "page" : undefined }, i.text),
        ),
      ),
    ),
  );
}

function forbidden(title: string): Page {
  return { title, element: h("div", {}, heading(title), para("Only moderators and administrators can see this page.")) };
}

export async function moderationQueuePage(ctx: AppContext): Promise<Page> {
  if (ctx.me.globalRole === "SCHOOL_USER") return forbidden("Moderation queue");
  const queue = (await ctx.session.run(ModerationQueueDocument, {})).moderationQueue;
  const isModerator = ctx.me.globalRole === "MODERATOR";
  // Administrators assign by name: the moderators among the users.
  const moderators: Moderator[] =
    ctx.me.globalRole === "ADMIN" && (queue.reviews.length > 0 || queue.appeals.length > 0)
      ? (await everyPage(async (after) => (await ctx.session.run(AdminUsersDocument, { search: null, after })).users)).filter((u) => u.globalRole === "MODERATOR" && u.isActive)
      : [];
  const element = h(
    "div",
    { class: "moderation-queue" },
    moderationNav("queue"),
    heading("Moderation queue", "Moderation"),
    para(
      isModerator
        ? `Reviews and appeals that are yours or nobody's, oldest first. You are ${ctx.me.onDuty ? "on duty: questions for the duty moderator are listed below" : "not on duty"}.`
        : "Every review and appeal awaiting moderation, oldest first.",
    ),
    h("h2", { class: "govuk-heading-l" }, "Reviews selected for moderation"),
    queue.reviews.length === 0 ? para("No reviews are waiting.") : null,
    ...queue.reviews.map((item) => reviewCard(ctx, item, isModerator, moderators)),
    h("h2", { class: "govuk-heading-l" }, "Appeals awaiting a hearing"),
    queue.appeals.length === 0 ? para("No appeals are waiting.") : null,
    ...queue.appeals.map((item) => appealCard(ctx, item, isModerator, moderators)),
    ctx.me.onDuty || queue.consultations.length > 0 ? h("h2", { class: "govuk-heading-l" }, "Questions for the duty moderator") : null,
    ctx.me.onDuty && queue.consultations.length === 0 ? para("No questions are waiting.") : null,
    ...queue.consultations.map((item) =>
      h(
        "div",
        { class: "govuk-summary-card" },
        h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, `${item.review.hostSchool?.name ?? ""} – ${item.consultation.area?.name ?? ""}`)),
        h(
          "div",
          { class: "govuk-summary-card__content" },
          summaryList([
            { key: "Why", value: CONSULTATION_KIND_LABELS[item.consultation.kind] },
            { key: "Question", value: paragraphs(item.consultation.question) },
            { key: "Asked", value: `${formatDateTime(item.consultation.requestedAt)}${item.consultation.requestedBy ? ` by ${item.consultation.requestedBy.displayName}` : ""}` },
          ]),
          link(`Answer the question on ${item.review.title}`, reviewHref(item.review.id, "consultations")),
        ),
      ),
    ),
  );
  return { title: "Moderation queue", element };
}

function reviewCard(ctx: AppContext, item: QueueReview, isModerator: boolean, moderators: Moderator[]): HTMLElement {
  const r = item.review;
  const round = item.round;
  const status = item.assignedToMe ? tag("Assigned to you", "green") : round.moderator ? tag(`Assigned to ${round.moderator.displayName}`, "blue") : tag("Unassigned", "orange");
  return h(
    "div",
    { class: "govuk-summary-card queue-item" },
    h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, `${r.hostSchool?.name ?? ""}: ${r.title}`), status),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Round", value: `${round.round}, submitted ${formatDateTime(round.createdAt)}` },
        { key: "Visit", value: r.visitStartsOn ? formatDate(r.visitStartsOn) : "Not set" },
        {
          key: "Why it was selected",
          value: h("ul", { class: "govuk-list govuk-list--bullet sampling-reasons" }, ...round.reasons.map((reason) => h("li", {}, h("strong", {}, samplingLabel(reason.code)), `: ${reason.detail}`))),
        },
      ]),
      item.assignedToMe
        ? buttonLink("Moderate this review", reviewHref(r.id, "moderation"))
        : !round.moderator && isModerator
          ? takeForm(ctx, r.id)
          : link(`See the moderation of ${r.title}`, reviewHref(r.id, "moderation")),
      moderators.length > 0 ? assignForm(ctx, `assign-${idPart(round.id)}-`, moderators, round.moderator ? "Reassign the review" : "Assign the review", async (moderatorId) => (await ctx.session.run(AssignModeratorDocument, { input: { reviewId: r.id, moderatorId } })).assignModerator.errors) : null,
    ),
  );
}

function idPart(id: string): string {
  return id.replace(/[^\w-]/g, "");
}

/** An administrator names the moderator; conflicts of interest come back next to the choice. */
function assignForm(ctx: AppContext, prefix: string, moderators: Moderator[], button: string, send: (moderatorId: string) => Promise<{ code: string; field: string | null; message: string }[]>): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "assign-form" },
    h("div", { class: "error-summary-slot" }),
    select({ name: "moderatorId", label: "Moderator", options: [{ value: "", label: "Choose a moderator" }, ...moderators.map((m) => ({ value: m.id, label: m.displayName }))], idPrefix: prefix }),
    submitButton(button, "govuk-button--secondary"),
  );
  onSubmit(form, async (fd) => {
    const moderatorId = String(fd.get("moderatorId") ?? "");
    if (moderatorId === "") {
      applyErrors(form, [{ code: "VALIDATION", field: "moderatorId", message: "Choose the moderator" }], prefix);
      return;
    }
    const errors = await send(moderatorId);
    if (errors.length > 0) {
      applyErrors(form, errors.map((e) => ({ ...e, field: e.field === "moderatorId" || e.field === "appealId" || e.field === "reviewId" ? "moderatorId" : e.field })), prefix);
      return;
    }
    ctx.flash("Assigned.");
    ctx.refresh();
  });
  return form;
}

function takeForm(ctx: AppContext, reviewId: string): HTMLElement {
  const form = h("form", { novalidate: true, class: "take-form" }, h("div", { class: "error-summary-slot" }), submitButton("Take this review", "govuk-!-margin-bottom-0"));
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(AssignModeratorDocument, { input: { reviewId } })).assignModerator;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash("You are moderating this review.");
    ctx.navigate(reviewHref(reviewId, "moderation"));
  });
  return form;
}

function appealCard(ctx: AppContext, item: QueueAppeal, isModerator: boolean, moderators: Moderator[]): HTMLElement {
  const a = item.appeal;
  const r = item.review;
  const status = item.assignedToMe ? tag("Yours to hear", "green") : a.moderator ? tag(`Heard by ${a.moderator.displayName}`, "blue") : tag("Unassigned", "orange");
  let action: HTMLElement;
  if (item.assignedToMe) action = buttonLink("Decide the appeal", reviewHref(r.id, "assurance"));
  else if (!a.moderator && isModerator) {
    const form = h(
      "form",
      { novalidate: true, class: "hear-appeal-form" },
      h("div", { class: "error-summary-slot" }),
      h("div", { class: "govuk-form-group", "data-field": "moderatorId" }),
      submitButton("Hear this appeal", "govuk-!-margin-bottom-0"),
    );
    onSubmit(form, async () => {
      const payload = (await ctx.session.run(AssignAppealModeratorDocument, { input: { appealId: a.id } })).assignAppealModerator;
      if (payload.errors.length > 0) {
        applyErrors(form, payload.errors);
        return;
      }
      ctx.flash("You are hearing this appeal.");
      ctx.navigate(reviewHref(r.id, "assurance"));
    });
    action = form;
  } else action = link(`See the appeal on ${r.title}`, reviewHref(r.id, "assurance"));
  return h(
    "div",
    { class: "govuk-summary-card queue-appeal" },
    h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, `${r.hostSchool?.name ?? ""}: ${a.area?.name ?? "an area"}`), status),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Grounds", value: paragraphs(a.grounds) },
        { key: "Lodged", value: `${formatDateTime(a.lodgedAt)}${a.lodgedBy ? ` by ${a.lodgedBy.displayName}` : ""}` },
        { key: "Moderated grade", value: a.gradeBefore?.label ?? "" },
      ]),
      action,
      moderators.length > 0 ? assignForm(ctx, `assign-appeal-${idPart(a.id)}-`, moderators, a.moderator ? "Reassign the hearing" : "Assign the hearing", async (moderatorId) => (await ctx.session.run(AssignAppealModeratorDocument, { input: { appealId: a.id, moderatorId } })).assignAppealModerator.errors) : null,
    ),
  );
}
