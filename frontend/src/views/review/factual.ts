// The factual-accuracy check and appeals: the host raises points while the window is open and
// the lead answers each; the host headteacher appeals a moderated area; a moderator with no
// part in the review takes the hearing and decides it.
import { APPEAL_OUTCOME_LABELS, appealableAreas, factualAccuracyOpen, gradeWords } from "../../assurance";
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDateTime } from "../../format";
import { applyErrors, onSubmit, personalDataConfirm, radios, select, submitButton, text, textArea } from "../../forms";
import {
  AnswerFactualAccuracyPointDocument,
  AssignAppealModeratorDocument,
  DecideAppealDocument,
  LodgeAppealDocument,
  RaiseFactualAccuracyPointDocument,
  type AppealOutcome,
  type DecideAppealInput,
} from "../../gql/graphql";
import { isHostHead } from "../../tasks";
import { heading, insetText, para, paragraphs, summaryList, tag } from "../common";
import type { Review, Section } from "./types";

type Point = Review["factualAccuracyPoints"][number];
type Appeal = Review["appeals"][number];

export function factualSection(ctx: AppContext, review: Review): Section {
  const open = factualAccuracyOpen(review, new Date());
  const a = review.access;
  const canRaise = a.isHostLeader && review.state === "FACTUAL_ACCURACY" && open;
  const canAppeal = isHostHead(ctx.me, review) && review.state === "FACTUAL_ACCURACY" && appealableAreas(review).length > 0;
  const element = h(
    "div",
    { class: "assurance" },
    heading("Factual accuracy and appeals", review.title),
    h("h2", { class: "govuk-heading-l" }, "Factual-accuracy check"),
    review.factualAccuracyClosesAt
      ? insetText(
          open
            ? `The host school can point out factual errors in the draft report until ${formatDateTime(review.factualAccuracyClosesAt)}.`
            : `The window for factual-accuracy points closed on ${formatDateTime(review.factualAccuracyClosesAt)}.`,
        )
      : para("The check opens when the review is assured."),
    para("A point is about a fact (a date, a number, what was in place), not a disagreement with a judgement: to challenge a moderated judgement, appeal it."),
    review.factualAccuracyPoints.length === 0 ? para("No points have been raised.") : null,
    ...review.factualAccuracyPoints.map((p) => pointCard(ctx, review, p)),
    canRaise ? raisePointForm(ctx, review) : null,
    h("h2", { class: "govuk-heading-l" }, "Appeals"),
    review.appeals.length === 0 ? para("No appeals have been lodged.") : null,
    ...review.appeals.map((appeal) => appealCard(ctx, review, appeal)),
    canAppeal ? lodgeAppealForm(ctx, review) : null,
  );
  return { title: "Factual accuracy and appeals", element };
}

function pointStatus(p: Point): HTMLElement {
  if (p.accepted === null) return tag("Awaiting answer", "yellow");
  return p.accepted ? tag("Accepted", "green") : tag("Rejected", "grey");
}

function pointCard(ctx: AppContext, review: Review, p: Point): HTMLElement {
  const canAnswer = review.access.isLead && p.accepted === null && (review.state === "FACTUAL_ACCURACY" || review.state === "APPEAL");
  return h(
    "div",
    { class: "govuk-summary-card fa-point" },
    h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, p.area ? p.area.name : "The whole report"), pointStatus(p)),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Point", value: paragraphs(p.text) },
        { key: "Raised", value: `${formatDateTime(p.raisedAt)}${p.raisedBy ? ` by ${p.raisedBy.displayName}` : ""}` },
        ...(p.accepted !== null
          ? [
              { key: "Answer", value: p.accepted ? "Accepted: the report is corrected" : "Rejected" },
              { key: "Reason", value: paragraphs(p.answerReason) },
              { key: "Answered", value: `${formatDateTime(p.answeredAt)}${p.answeredBy ? ` by ${p.answeredBy.displayName}` : ""}` },
            ]
          : []),
      ]),
      canAnswer ? answerForm(ctx, p) : null,
    ),
  );
}

function answerForm(ctx: AppContext, p: Point): HTMLElement {
  const prefix = `answer-${p.id.replace(/[^\w-]/g, "")}-`;
  const form = h(
    "form",
    { novalidate: true, class: "answer-point-form" },
    h("div", { class: "error-summary-slot" }),
    radios({
      name: "accept",
      label: "Your answer",
      options: [
        { value: "true", label: "Accept", hint: "Correct the report, then say what you changed." },
        { value: "false", label: "Reject", hint: "Say why the report stands." },
      ],
      inline: false,
      idPrefix: prefix,
    }),
    textArea({ name: "reason", label: "Reason", rows: 3, idPrefix: prefix }),
    personalDataConfirm(prefix),
    submitButton("Answer the point"),
  );
  onSubmit(form, async (fd) => {
    const choice = text(fd, "accept");
    const reason = text(fd, "reason").trim();
    const errors = [];
    if (choice === "") errors.push({ code: "VALIDATION", field: "accept", message: "Choose whether you accept or reject the point" });
    if (reason === "") errors.push({ code: "VALIDATION", field: "reason", message: "Enter the reason for your answer" });
    if (errors.length > 0) {
      applyErrors(form, errors, prefix);
      return;
    }
    const payload = (
      await ctx.session.run(AnswerFactualAccuracyPointDocument, {
        input: { pointId: p.id, accept: choice === "true", reason, confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).answerFactualAccuracyPoint;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, prefix);
      return;
    }
    ctx.flash(choice === "true" ? "You accepted the point." : "You rejected the point.");
    ctx.refresh();
  });
  return form;
}

function raisePointForm(ctx: AppContext, review: Review): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "raise-point-form" },
    h("div", { class: "error-summary-slot" }),
    h("h3", { class: "govuk-heading-m" }, "Point out a factual error"),
    select({ name: "areaKey", label: "Where it is", options: [{ value: "", label: "The whole report" }, ...review.areas.map((a) => ({ value: a.key, label: a.name }))], idPrefix: "fa-" }),
    textArea({ name: "text", label: "What is wrong, and what is right", hint: "For example, a date or a number. No pupil names.", rows: 4, idPrefix: "fa-" }),
    personalDataConfirm("fa-"),
    submitButton("Raise the point"),
  );
  onSubmit(form, async (fd) => {
    const body = text(fd, "text").trim();
    if (body === "") {
      applyErrors(form, [{ code: "VALIDATION", field: "text", message: "Enter the factual error and the correction" }], "fa-");
      return;
    }
    const payload = (
      await ctx.session.run(RaiseFactualAccuracyPointDocument, {
        input: { reviewId: review.id, text: body, areaKey: text(fd, "areaKey") || null, confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).raiseFactualAccuracyPoint;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "fa-");
      return;
    }
    ctx.flash("Point raised. The lead reviewer will answer it.");
    ctx.refresh();
  });
  return form;
}

function appealStatus(appeal: Appeal): HTMLElement {
  if (appeal.outcome) return tag(APPEAL_OUTCOME_LABELS[appeal.outcome], appeal.outcome === "NOT_UPHELD" ? "grey" : "green");
  return appeal.moderator ? tag("Being heard", "yellow") : tag("Awaiting a moderator", "orange");
}

function appealCard(ctx: AppContext, review: Review, appeal: Appeal): HTMLElement {
  const overseer = review.access.isModerator;
  const hearing = !appeal.outcome && appeal.moderator?.userId === ctx.me.id;
  return h(
    "div",
    { class: "govuk-summary-card appeal" },
    h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, `Appeal: ${appeal.area?.name ?? "an area"}`), appealStatus(appeal)),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Grounds", value: paragraphs(appeal.grounds) },
        { key: "Lodged", value: `${formatDateTime(appeal.lodgedAt)}${appeal.lodgedBy ? ` by ${appeal.lodgedBy.displayName}` : ""}` },
        { key: "Moderated grade appealed", value: appeal.gradeBefore?.label ?? "See the moderated judgement" },
        { key: "Heard by", value: appeal.moderator?.displayName ?? "Not assigned yet" },
        ...(appeal.outcome
          ? [
              { key: "Outcome", value: APPEAL_OUTCOME_LABELS[appeal.outcome] },
              { key: "Reasons", value: paragraphs(appeal.outcomeReasons) },
              { key: "Grade after the hearing", value: appeal.gradeAfter?.label ?? gradeWords(review, appeal.gradeBefore?.key) },
            ]
          : []),
      ]),
      overseer && !appeal.outcome && !appeal.moderator ? hearAppealForm(ctx, appeal) : null,
      hearing ? decideAppealForm(ctx, review, appeal) : null,
    ),
  );
}

function hearAppealForm(ctx: AppContext, appeal: Appeal): HTMLElement {
  const prefix = `hear-${appeal.id.replace(/[^\w-]/g, "")}-`;
  const form = h(
    "form",
    { novalidate: true, class: "hear-appeal-form" },
    h("div", { class: "error-summary-slot" }),
    h("div", { class: "govuk-form-group", "data-field": "moderatorId" }),
    para("A moderator who moderated this review, or answered a question on it, cannot hear the appeal."),
    submitButton("Hear this appeal"),
  );
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(AssignAppealModeratorDocument, { input: { appealId: appeal.id } })).assignAppealModerator;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, prefix);
      return;
    }
    ctx.flash("You are hearing this appeal.");
    ctx.refresh();
  });
  return form;
}

function decideAppealForm(ctx: AppContext, review: Review, appeal: Appeal): HTMLElement {
  const area = review.areas.find((a) => a.key === appeal.area?.key);
  const gradeOptions =
    area?.kind === "MET_NOT_MET"
      ? [{ value: "met", label: "Met" }, { value: "not_met", label: "Not met" }]
      : (area?.descriptors ?? []).map((d) => ({ value: d.grade.key, label: d.grade.label }));
  const form = h(
    "form",
    { novalidate: true, class: "decide-appeal-form" },
    h("div", { class: "error-summary-slot" }),
    h("h4", { class: "govuk-heading-s" }, "Decide the appeal"),
    radios({
      name: "outcome",
      label: "Outcome",
      options: [
        { value: "UPHELD", label: "Upheld" },
        { value: "PARTLY_UPHELD", label: "Partly upheld" },
        { value: "NOT_UPHELD", label: "Not upheld", hint: "The moderated grade stands." },
      ],
      idPrefix: "appeal-",
    }),
    textArea({ name: "reasons", label: "Reasons", rows: 4, idPrefix: "appeal-" }),
    select({ name: "gradeKey", label: "New moderated grade (optional)", hint: "Only for an appeal upheld or partly upheld.", options: [{ value: "", label: "No change" }, ...gradeOptions], idPrefix: "appeal-" }),
    personalDataConfirm("appeal-"),
    submitButton("Record the outcome"),
  );
  onSubmit(form, async (fd) => {
    const outcome = text(fd, "outcome");
    const reasons = text(fd, "reasons").trim();
    const grade = text(fd, "gradeKey");
    const errors = [];
    if (outcome === "") errors.push({ code: "VALIDATION", field: "outcome", message: "Choose the outcome of the appeal" });
    if (reasons === "") errors.push({ code: "VALIDATION", field: "reasons", message: "Enter the reasons for the outcome" });
    if (outcome === "NOT_UPHELD" && grade !== "") errors.push({ code: "VALIDATION", field: "gradeKey", message: "An appeal not upheld cannot change the grade" });
    if (errors.length > 0) {
      applyErrors(form, errors, "appeal-");
      return;
    }
    const input: DecideAppealInput = { appealId: appeal.id, outcome: outcome as AppealOutcome, reasons, confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" };
    if (grade !== "") {
      if (area?.kind === "MET_NOT_MET") input.met = grade === "met";
      else input.gradeKey = grade;
    }
    const payload = (await ctx.session.run(DecideAppealDocument, { input })).decideAppeal;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors.map((e) => (e.field === "met" ? { ...e, field: "gradeKey" } : e)), "appeal-");
      return;
    }
    ctx.flash("Appeal decided. The review is back at the factual-accuracy check.");
    ctx.refresh();
  });
  return form;
}

function lodgeAppealForm(ctx: AppContext, review: Review): HTMLElement {
  const areas = appealableAreas(review);
  const form = h(
    "form",
    { novalidate: true, class: "lodge-appeal-form" },
    h("div", { class: "error-summary-slot" }),
    h("h3", { class: "govuk-heading-m" }, "Appeal a moderated judgement"),
    para("A moderator with no part in the review hears the appeal. The report cannot be published until it is decided. Each area can be appealed once."),
    select({ name: "areaKey", label: "Area", options: [{ value: "", label: "Choose an area" }, ...areas.map((a) => ({ value: a.key, label: a.name }))], idPrefix: "lodge-" }),
    textArea({ name: "grounds", label: "Grounds for the appeal", hint: "Why the moderated judgement is wrong, with the evidence. No pupil names.", rows: 5, idPrefix: "lodge-" }),
    personalDataConfirm("lodge-"),
    submitButton("Lodge the appeal", "govuk-button--secondary"),
  );
  onSubmit(form, async (fd) => {
    const areaKey = text(fd, "areaKey");
    const grounds = text(fd, "grounds").trim();
    const errors = [];
    if (areaKey === "") errors.push({ code: "VALIDATION", field: "areaKey", message: "Choose the area you appeal" });
    if (grounds === "") errors.push({ code: "VALIDATION", field: "grounds", message: "Enter the grounds for the appeal" });
    if (errors.length > 0) {
      applyErrors(form, errors, "lodge-");
      return;
    }
    const payload = (
      await ctx.session.run(LodgeAppealDocument, {
        input: { reviewId: review.id, version: review.version, areaKey, grounds, confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).lodgeAppeal;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "lodge-");
      return;
    }
    ctx.flash("Appeal lodged. A moderator with no part in the review will hear it.");
    ctx.refresh();
  });
  return form;
}
