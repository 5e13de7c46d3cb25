// Overview: the review's details, where it is in the lifecycle, the steps I may take,
// and (host leaders, before the visit) the visit details.
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDate, LIFECYCLE, STATE_LABELS } from "../../format";
import { applyErrors, onSubmit, submitButton, text, textField } from "../../forms";
import { SetVisitDetailsDocument, type ReviewState } from "../../gql/graphql";
import { heading, link, para, summaryList, warningText, details, paragraphs, buttonLink } from "../common";
import { currentRound, factualAccuracyOpen, isAssignedModerator, lastDecided, publicationBlockers } from "../../assurance";
import { formatDateTime } from "../../format";
import { reviewHref } from "../../router";
import { renderOutcome } from "./moderation";
import { allowedTransitions, VISIT_DETAILS_EDITABLE, type TransitionOffer } from "./access";
import { sendTransition } from "./transitions";
import type { Review, Section } from "./types";

export function overviewSection(ctx: AppContext, review: Review): Section {
  const offers = allowedTransitions(ctx.me, review);
  const element = h(
    "div",
    {},
    heading("Overview", review.title),
    summaryList([
      { key: "School", value: review.hostSchool ? link(review.hostSchool.name, `#/schools/${review.hostSchool.urn}`) : "" },
      { key: "Partnership", value: review.partnership?.name ?? "" },
      { key: "Framework", value: review.framework ? `${review.framework.name} (version ${review.framework.version})` : "" },
      { key: "Focus", value: review.focus ? paragraphs(review.focus) : "None given" },
      { key: "Enquiry question", value: review.enquiryQuestion || "None given" },
      { key: "Visit", value: review.visitStartsOn ? `${formatDate(review.visitStartsOn)} to ${formatDate(review.visitEndsOn)}` : "Dates not set" },
      { key: "Designated safeguarding lead", value: review.dslName ?? "Not set" },
      { key: "Deputy DSL", value: review.deputyDslName ?? "Not set" },
      { key: "Your part", value: yourPart(review) },
    ]),
    renderTimeline(review),
    assuranceSummary(ctx, review),
    offers.length > 0 ? h("h2", { class: "govuk-heading-m" }, "What you can do now") : null,
    ...offers.map((offer) => transitionForm(ctx, review, offer)),
    review.access.isHostLeader && VISIT_DETAILS_EDITABLE.includes(review.state) ? visitDetailsForm(ctx, review) : null,
  );
  return { title: "Overview", element };
}

function yourPart(review: Review): string {
  const a = review.access;
  if (a.isHostLeader) return "Host school leader";
  if (a.isHostStaff) return "Host school staff";
  if (a.isLead) return "Lead reviewer";
  if (a.isTeam) return "Reviewer";
  if (a.isInvited) return "Invited to the team";
  if (a.isModerator) return "Moderator";
  return "Reader";
}

/**
 * The steps to show: moderation only when a round selected the review; a returned review is at
 * the moderation step, one under appeal at the factual-accuracy check.
 */
export function timelineSteps(review: Pick<Review, "state" | "moderation">): { steps: ReviewState[]; index: number } {
  const moderated = review.moderation.some((r) => r.required) || review.state === "MODERATION" || review.state === "RETURNED";
  const steps = moderated ? LIFECYCLE.flatMap((s) => (s === "SUBMITTED" ? [s, "MODERATION" as const] : [s])) : [...LIFECYCLE];
  const at: ReviewState = review.state === "RETURNED" ? "MODERATION" : review.state === "APPEAL" || review.state === "ASSURED" ? "FACTUAL_ACCURACY" : review.state;
  return { steps, index: steps.indexOf(at) };
}

export function renderTimeline(review: Review): HTMLElement {
  const { steps, index } = timelineSteps(review);
  const items = steps.map((state, i) => {
    const status = index === -1 ? "" : i < index ? "done" : i === index ? "current" : "";
    const dateNote =
      state === "DRAFT" ? `opened ${formatDate(review.createdAt)}` : state === "VISIT" && review.visitStartsOn ? formatDate(review.visitStartsOn) : state === "PUBLISHED" && review.publishedAt ? formatDate(review.publishedAt) : "";
    return h(
      "li",
      { class: `timeline__item${status ? ` timeline__item--${status}` : ""}`, "aria-current": status === "current" ? "step" : undefined },
      h("span", { class: "timeline__label" }, STATE_LABELS[state]),
      status === "done" ? h("span", { class: "govuk-visually-hidden" }, " (done)") : null,
      status === "current" ? h("span", { class: "govuk-visually-hidden" }, " (current)") : null,
      dateNote ? h("span", { class: "timeline__date govuk-hint" }, ` ${dateNote}`) : null,
    );
  });
  return h(
    "div",
    { class: "timeline" },
    h("h2", { class: "govuk-heading-m" }, "Where the review is"),
    index === -1 ? para(`This review is ${STATE_LABELS[review.state].toLowerCase()}.`) : null,
    h("ol", { class: "timeline__list" }, ...items),
  );
}

function transitionForm(ctx: AppContext, review: Review, offer: TransitionOffer): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: `transition-form transition-form--${offer.key}` },
    h("div", { class: "error-summary-slot" }),
    offer.warning ? warningText(offer.hint) : h("p", { class: "govuk-hint" }, offer.hint),
    submitButton(offer.label, offer.warning ? "govuk-button--warning" : ""),
  );
  onSubmit(form, async () => {
    const payload = await sendTransition(ctx.session, offer.key, review.id, review.version);
    if (payload.errors.length > 0 || !payload.review) {
      applyErrors(form, payload.errors);
      if (payload.errors.some((e) => e.code === "CONFLICT")) {
        const reload = h("button", { type: "button", class: "govuk-button govuk-button--secondary" }, "Reload the review");
        reload.addEventListener("click", () => ctx.refresh());
        form.querySelector(".govuk-error-summary__body")?.append(reload);
      }
      return;
    }
    ctx.flash(`Done: the review is now at “${STATE_LABELS[payload.review.state]}”.`);
    ctx.refresh();
  });
  return offer.warning ? details(offer.label, form) : form;
}

function visitDetailsForm(ctx: AppContext, review: Review): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "visit-details-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Visit details"),
    para("The lead reviewer cannot start the visit until these are set."),
    textField({ name: "visitStartsOn", label: "First day of the visit", type: "date", value: review.visitStartsOn ?? "", widthClass: "govuk-input--width-10", idPrefix: "visit-" }),
    textField({ name: "visitEndsOn", label: "Last day of the visit", type: "date", value: review.visitEndsOn ?? "", widthClass: "govuk-input--width-10", idPrefix: "visit-" }),
    textField({ name: "dslName", label: "Designated safeguarding lead (DSL)", hint: "Reviewers tell this person at once about any safeguarding concern.", value: review.dslName ?? "", idPrefix: "visit-" }),
    textField({ name: "deputyDslName", label: "Deputy DSL", value: review.deputyDslName ?? "", idPrefix: "visit-" }),
    submitButton("Save visit details", "govuk-button--secondary"),
  );
  onSubmit(form, async (fd) => {
    const payload = (
      await ctx.session.run(SetVisitDetailsDocument, {
        input: {
          reviewId: review.id,
          version: review.version,
          visitStartsOn: text(fd, "visitStartsOn") || null,
          visitEndsOn: text(fd, "visitEndsOn") || null,
          dslName: text(fd, "dslName").trim(),
          deputyDslName: text(fd, "deputyDslName").trim(),
        },
      })
    ).setVisitDetails;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "visit-");
      return;
    }
    ctx.flash("Visit details saved.");
    ctx.refresh();
  });
  return form;
}

/** Where moderation and the factual-accuracy check stand, and what blocks publication. */
function assuranceSummary(ctx: AppContext, review: Review): HTMLElement | null {
  const decided = lastDecided(review);
  const round = currentRound(review);
  const parts: (HTMLElement | null)[] = [];
  if (review.state === "MODERATION" && review.access.isModerator && round) {
    parts.push(
      para(round.moderator ? `Moderator: ${round.moderator.displayName}.` : "Selected for moderation; nobody has taken it yet."),
      buttonLink(isAssignedModerator(ctx.me, review) ? "Moderate this review" : "See the moderation", reviewHref(review.id, "moderation"), "govuk-button--secondary"),
    );
  } else if (review.state === "MODERATION") {
    parts.push(para("The review is being moderated. You will see the outcome and the moderator's reasons here."));
  }
  if (decided) parts.push(renderOutcome(review, decided));
  if (review.factualAccuracyClosesAt && (review.state === "FACTUAL_ACCURACY" || review.state === "APPEAL")) {
    parts.push(
      para(
        factualAccuracyOpen(review, new Date())
          ? `Factual-accuracy points can be raised until ${formatDateTime(review.factualAccuracyClosesAt)}. `
          : `The factual-accuracy window closed on ${formatDateTime(review.factualAccuracyClosesAt)}. `,
        link("Factual accuracy and appeals", reviewHref(review.id, "assurance")),
      ),
    );
  }
  if (review.state === "FACTUAL_ACCURACY" || review.state === "APPEAL") {
    const blockers = publicationBlockers(review, new Date());
    if (blockers.length > 0) {
      parts.push(h("div", { class: "publication-blocked" }, warningText("Publication is blocked."), h("ul", { class: "govuk-list govuk-list--bullet" }, ...blockers.map((b) => h("li", {}, b)))));
    }
  }
  if (parts.length === 0) return null;
  return h("div", { class: "assurance-summary" }, h("h2", { class: "govuk-heading-m" }, "Moderation and assurance"), ...parts);
}
