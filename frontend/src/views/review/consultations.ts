// The duty moderator: the lead asks about one area during the visit (a standard not met, or
// exceptional); a moderator on duty answers. The exchange stays on the review for the team
// and moderators. The duty moderator probes; the grade stays the team's.
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDateTime } from "../../format";
import { applyErrors, onSubmit, personalDataConfirm, radios, select, submitButton, text, textArea, type FormError } from "../../forms";
import { RequestConsultationDocument, RespondToConsultationDocument, type ConsultationKind } from "../../gql/graphql";
import { heading, para, paragraphs, summaryList, tag } from "../common";
import type { Review, Section } from "./types";

type Consultation = Review["consultations"][number];

export const CONSULTATION_KIND_LABELS: Record<ConsultationKind, string> = {
  NOT_MET: "We think a standard is not met",
  EXCEPTIONAL: "We think the area is exceptional",
};

export function consultationsSection(ctx: AppContext, review: Review): Section {
  const canAsk = review.access.isLead && review.state === "VISIT";
  const canAnswer = review.access.isModerator && ctx.me.onDuty;
  const element = h(
    "div",
    { class: "consultations" },
    heading("Duty moderator", review.title),
    para("During the visit, when the team's emerging judgement is that a standard is not met, or is exceptional, the lead reviewer can ask the moderator on duty for a second view. The duty moderator probes the evidence; the grade stays the team's."),
    review.consultations.length === 0 ? para("No questions have been asked.") : null,
    ...review.consultations.map((c) => consultationCard(ctx, c, canAnswer && c.respondedAt === null)),
    canAsk ? askForm(ctx, review) : null,
  );
  return { title: "Duty moderator", element };
}

function consultationCard(ctx: AppContext, c: Consultation, answerable: boolean): HTMLElement {
  return h(
    "div",
    { class: "govuk-summary-card consultation" },
    h(
      "div",
      { class: "govuk-summary-card__title-wrapper" },
      h("h2", { class: "govuk-summary-card__title" }, c.area?.name ?? "An area"),
      c.respondedAt ? tag("Answered", "green") : tag("Waiting for the duty moderator", "yellow"),
    ),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Why", value: CONSULTATION_KIND_LABELS[c.kind] },
        { key: "Question", value: paragraphs(c.question) },
        { key: "Asked", value: `${formatDateTime(c.requestedAt)}${c.requestedBy ? ` by ${c.requestedBy.displayName}` : ""}` },
        ...(c.respondedAt
          ? [
              { key: "Answer", value: paragraphs(c.response) },
              { key: "Answered", value: `${formatDateTime(c.respondedAt)}${c.responder ? ` by ${c.responder.displayName}` : ""}` },
            ]
          : []),
      ]),
      answerable ? answerForm(ctx, c) : null,
    ),
  );
}

function answerForm(ctx: AppContext, c: Consultation): HTMLElement {
  const prefix = `respond-${c.id.replace(/[^\w-]/g, "")}-`;
  const form = h(
    "form",
    { novalidate: true, class: "respond-form" },
    h("div", { class: "error-summary-slot" }),
    textArea({ name: "response", label: "Your answer", hint: "Ask what the team saw, who they spoke to, what the DSL said. Do not give a grade.", rows: 4, idPrefix: prefix }),
    personalDataConfirm(prefix),
    submitButton("Send the answer"),
  );
  onSubmit(form, async (fd) => {
    const response = text(fd, "response").trim();
    if (response === "") {
      applyErrors(form, [{ code: "VALIDATION", field: "response", message: "Enter your answer" }], prefix);
      return;
    }
    const payload = (
      await ctx.session.run(RespondToConsultationDocument, { input: { consultationId: c.id, response, confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" } })
    ).respondToConsultation;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, prefix);
      return;
    }
    ctx.flash("Your answer is on the review.");
    ctx.refresh();
  });
  return form;
}

function askForm(ctx: AppContext, review: Review): HTMLElement {
  const areas = review.areas.filter((a) => a.kind !== "NARRATIVE");
  const form = h(
    "form",
    { novalidate: true, class: "ask-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Ask the duty moderator"),
    select({ name: "areaKey", label: "Area", options: [{ value: "", label: "Choose an area" }, ...areas.map((a) => ({ value: a.key, label: a.name }))], idPrefix: "ask-" }),
    radios({ name: "kind", label: "Why you are asking", options: (Object.keys(CONSULTATION_KIND_LABELS) as ConsultationKind[]).map((k) => ({ value: k, label: CONSULTATION_KIND_LABELS[k] })), idPrefix: "ask-" }),
    textArea({ name: "question", label: "Your question", hint: "What you saw and what you are unsure of. No pupil names.", rows: 5, idPrefix: "ask-" }),
    personalDataConfirm("ask-"),
    submitButton("Ask the duty moderator"),
  );
  onSubmit(form, async (fd) => {
    const areaKey = text(fd, "areaKey");
    const kind = text(fd, "kind");
    const question = text(fd, "question").trim();
    const errors: FormError[] = [];
    if (areaKey === "") errors.push({ code: "VALIDATION", field: "areaKey", message: "Choose the area you are asking about" });
    if (kind === "") errors.push({ code: "VALIDATION", field: "kind", message: "Choose why you are asking" });
    if (question === "") errors.push({ code: "VALIDATION", field: "question", message: "Enter your question" });
    if (errors.length > 0) {
      applyErrors(form, errors, "ask-");
      return;
    }
    const payload = (
      await ctx.session.run(RequestConsultationDocument, {
        input: { reviewId: review.id, areaKey, kind: kind as ConsultationKind, question, confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).requestConsultation;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "ask-");
      return;
    }
    ctx.flash("Your question is with the duty moderator.");
    ctx.refresh();
  });
  return form;
}
