// Overview: the review's details, where it is in the lifecycle, the steps I may take,
// and (host leaders, before the visit) the visit details.
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDate, LIFECYCLE, STATE_LABELS } from "../../format";
import { applyErrors, onSubmit, submitButton, text, textField } from "../../forms";
import { SetVisitDetailsDocument } from "../../gql/graphql";
import { heading, link, para, summaryList, warningText, details, paragraphs } from "../common";
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

/** The lifecycle as an ordered list, the current state marked (aria-current="step"). */
export function renderTimeline(review: Review): HTMLElement {
  const index = LIFECYCLE.indexOf(review.state);
  const items = LIFECYCLE.map((state, i) => {
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
