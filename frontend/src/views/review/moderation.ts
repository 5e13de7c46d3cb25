// Moderation of one review: why it was selected, each area's consensus against the
// self-evaluation, the indicators and the evidence, and the assigned moderator's decision
// (confirm / adjust / return). Everyone else who may see it reads the outcome and reasons.
import {
  adjustableAreas,
  adjustField,
  currentRound,
  gradeWords,
  isAssignedModerator,
  NO_CHANGE,
  OUTCOME_LABELS,
  placeAdjustErrors,
  readAdjustments,
  samplingLabel,
} from "../../assurance";
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { BAND_LABELS, formatDateTime } from "../../format";
import { applyErrors, onSubmit, personalDataConfirm, select, submitButton, text, textArea, type FormError } from "../../forms";
import {
  AdjustModerationDocument,
  AssignModeratorDocument,
  ConfirmModerationDocument,
  EvidenceCountDocument,
  ReturnReviewDocument,
} from "../../gql/graphql";
import { reviewHref } from "../../router";
import { heading, link, para, paragraphs, summaryList, table, tag, warningText } from "../common";
import { judgementText } from "./judgements";
import type { Area, Review, Section } from "./types";

type Round = Review["moderation"][number];

export async function moderationSection(ctx: AppContext, review: Review): Promise<Section> {
  const round = currentRound(review);
  const deciding = isAssignedModerator(ctx.me, review);
  const overseer = review.access.isModerator;
  const counts = overseer ? await evidenceCounts(ctx, review) : new Map<string, number>();
  const element = h(
    "div",
    { class: "moderation" },
    heading("Moderation", review.title),
    ...review.moderation.filter((r) => r.outcome !== null).map((r) => renderOutcome(review, r)),
    overseer && round ? renderSelection(round) : null,
    overseer && review.state === "MODERATION" && round && !round.moderator ? takeForm(ctx, review) : null,
    overseer && review.state === "MODERATION" && round?.moderator && !deciding ? para(`${round.moderator.displayName} is moderating this review.`) : null,
    overseer ? comparisonTable(review, counts) : null,
    overseer && review.moderationRisks.length > 0
      ? h("div", {}, h("h2", { class: "govuk-heading-m" }, "Scoring plugins' reasons to moderate"), h("ul", { class: "govuk-list govuk-list--bullet" }, ...review.moderationRisks.map((r) => h("li", {}, `${r.reason} (${r.plugin})`))))
      : null,
    deciding ? decisionForms(ctx, review) : null,
  );
  return { title: "Moderation", element };
}

/** The decided outcome with the moderator's reasons (team, host, moderators). */
export function renderOutcome(review: Review, round: Round): HTMLElement {
  const outcome = round.outcome;
  if (!outcome) return h("div");
  return h(
    "div",
    { class: "govuk-summary-card moderation-outcome" },
    h(
      "div",
      { class: "govuk-summary-card__title-wrapper" },
      h("h2", { class: "govuk-summary-card__title" }, `Moderation, round ${round.round}`),
      tag(OUTCOME_LABELS[outcome], outcome === "CONFIRM" ? "green" : outcome === "ADJUST" ? "yellow" : "orange"),
    ),
    h(
      "div",
      { class: "govuk-summary-card__content" },
      summaryList([
        { key: "Outcome", value: OUTCOME_LABELS[outcome] },
        { key: "Moderator", value: round.moderator?.displayName ?? "Not shown" },
        { key: "Decided", value: formatDateTime(round.decidedAt) },
        { key: outcome === "RETURN" ? "Points to address" : "Moderator's note", value: round.outcomeReasons ? paragraphs(round.outcomeReasons) : "None" },
      ]),
      round.adjustments.length > 0
        ? table(
            "Areas the moderator adjusted",
            [
              { header: "Area", cell: (a) => review.areas.find((x) => x.key === a.areaKey)?.name ?? a.areaKey },
              { header: "Consensus", cell: (a) => gradeWords(review, a.before) },
              { header: "Moderated", cell: (a) => h("strong", {}, gradeWords(review, a.after)) },
              { header: "Reason", cell: (a) => paragraphs(a.reason) },
            ],
            round.adjustments,
            "govuk-table__caption--s",
          )
        : null,
    ),
  );
}

function renderSelection(round: Round): HTMLElement {
  return h(
    "div",
    {},
    h("h2", { class: "govuk-heading-m" }, `Why round ${round.round} was ${round.required ? "selected" : "not selected"}`),
    h("ul", { class: "govuk-list govuk-list--bullet sampling-reasons" }, ...round.reasons.map((r) => h("li", {}, h("strong", {}, samplingLabel(r.code)), `: ${r.detail}`))),
    round.draw !== null ? para(`Random draw: ${round.draw.toFixed(3)}`) : null,
  );
}

async function evidenceCounts(ctx: AppContext, review: Review): Promise<Map<string, number>> {
  const pairs = await Promise.all(
    review.areas.map(async (area) => {
      const data = await ctx.session.run(EvidenceCountDocument, { id: review.id, areaKey: area.key });
      const node = data.node;
      return [area.key, node && "evidence" in node ? node.evidence.totalCount : 0] as const;
    }),
  );
  return new Map(pairs);
}

function indicatorSummary(review: Review, area: Area): string {
  const banded = review.indicators.filter((i) => i.area === area.key && i.band);
  if (banded.length === 0) return "None";
  return banded.map((i) => `${i.label}: ${i.band ? BAND_LABELS[i.band].toLowerCase() : ""}`).join("; ");
}

/** Per area: consensus, self-evaluation, indicators and evidence count, with a link to the detail. */
export function comparisonTable(review: Review, counts: Map<string, number>): HTMLElement {
  const by = (list: Review["consensus"], key: string) => list.find((j) => j.area?.key === key);
  return table(
    "Each area: the consensus against the self-evaluation, the indicators and the evidence",
    [
      { header: "Area", cell: (a) => link(a.name, reviewHref(review.id, "consensus", a.key)) },
      { header: "Consensus", cell: (a) => h("strong", {}, judgementText(a, by(review.consensus, a.key))) },
      { header: "Self-evaluation", cell: (a) => judgementText(a, by(review.selfEvaluation, a.key)) },
      { header: "Indicators", cell: (a) => indicatorSummary(review, a) },
      { header: "Evidence", cell: (a) => String(counts.get(a.key) ?? 0), numeric: true },
    ],
    review.areas,
  );
}

function takeForm(ctx: AppContext, review: Review): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "take-form" },
    h("div", { class: "error-summary-slot" }),
    para("Nobody is moderating this review yet."),
    h("div", { class: "govuk-form-group", "data-field": "moderatorId" }),
    submitButton("Take this review"),
  );
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(AssignModeratorDocument, { input: { reviewId: review.id } })).assignModerator;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash("You are moderating this review.");
    ctx.refresh();
  });
  return form;
}

function conflictReload(ctx: AppContext, form: HTMLElement, errors: FormError[]): void {
  if (!errors.some((e) => e.code === "CONFLICT")) return;
  const reload = h("button", { type: "button", class: "govuk-button govuk-button--secondary" }, "Reload the review");
  reload.addEventListener("click", () => ctx.refresh());
  form.querySelector(".govuk-error-summary__body")?.append(reload);
}

function decisionForms(ctx: AppContext, review: Review): HTMLElement {
  return h(
    "div",
    { class: "decision" },
    h("h2", { class: "govuk-heading-l" }, "Your decision"),
    para("Choose one. The team sees the outcome and your reasons at once; the host's staff from the factual-accuracy check."),
    confirmForm(ctx, review),
    adjustForm(ctx, review),
    returnForm(ctx, review),
  );
}

function confirmForm(ctx: AppContext, review: Review): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "confirm-form" },
    h("div", { class: "error-summary-slot" }),
    h("h3", { class: "govuk-heading-m" }, "Confirm the consensus"),
    textArea({ name: "note", label: "Note to the team and host (optional)", rows: 3, idPrefix: "confirm-" }),
    personalDataConfirm("confirm-"),
    submitButton("Confirm the consensus"),
  );
  onSubmit(form, async (fd) => {
    const payload = (
      await ctx.session.run(ConfirmModerationDocument, {
        input: { reviewId: review.id, version: review.version, note: text(fd, "note").trim(), confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).confirmModeration;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "confirm-");
      conflictReload(ctx, form, payload.errors);
      return;
    }
    ctx.flash("You confirmed the consensus. The review is at the factual-accuracy check.");
    ctx.refresh();
  });
  return form;
}

function adjustForm(ctx: AppContext, review: Review): HTMLElement {
  const areas = adjustableAreas(review.areas);
  const byArea = (key: string) => review.consensus.find((j) => j.area?.key === key);
  const fields = areas.map((area) => {
    const options =
      area.kind === "MET_NOT_MET"
        ? [{ value: "met", label: "Met" }, { value: "not_met", label: "Not met" }]
        : area.descriptors.map((d) => ({ value: d.grade.key, label: d.grade.label }));
    return h(
      "fieldset",
      { class: "govuk-fieldset adjust-area" },
      h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, area.name),
      h("p", { class: "govuk-body" }, "Consensus: ", h("strong", {}, judgementText(area, byArea(area.key)))),
      select({ name: adjustField.grade(area.key), label: `Moderated grade for ${area.name}`, options: [{ value: NO_CHANGE, label: "No change" }, ...options], idPrefix: "adjust-" }),
      textArea({ name: adjustField.reason(area.key), label: `Reason for changing ${area.name}`, hint: "Required if you change the grade.", rows: 3, idPrefix: "adjust-" }),
    );
  });
  const form = h(
    "form",
    { novalidate: true, class: "adjust-form" },
    h("div", { class: "error-summary-slot" }),
    h("h3", { class: "govuk-heading-m" }, "Adjust some areas"),
    para("Change only the areas you disagree with, each with its reason. The rest of the consensus stands."),
    ...fields,
    textArea({ name: "note", label: "Note to the team and host (optional)", rows: 3, idPrefix: "adjust-" }),
    personalDataConfirm("adjust-"),
    submitButton("Adjust the moderated grades"),
  );
  onSubmit(form, async (fd) => {
    const { adjustments, errors } = readAdjustments(review.areas, (name) => text(fd, name));
    if (errors.length > 0) {
      applyErrors(form, errors, "adjust-");
      return;
    }
    const payload = (
      await ctx.session.run(AdjustModerationDocument, {
        input: { reviewId: review.id, version: review.version, adjustments, note: text(fd, "note").trim(), confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).adjustModeration;
    if (payload.errors.length > 0) {
      applyErrors(form, placeAdjustErrors(payload.errors, review.areas, adjustments.map((a) => a.areaKey)), "adjust-");
      conflictReload(ctx, form, payload.errors);
      return;
    }
    ctx.flash(`You adjusted ${adjustments.length} ${adjustments.length === 1 ? "area" : "areas"}. The review is at the factual-accuracy check.`);
    ctx.refresh();
  });
  return form;
}

function returnForm(ctx: AppContext, review: Review): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "return-form" },
    h("div", { class: "error-summary-slot" }),
    h("h3", { class: "govuk-heading-m" }, "Return the review to the team"),
    warningText("The lead revises the consensus and report and submits again: a new round."),
    textArea({ name: "points", label: "Points the team must address", rows: 5, idPrefix: "return-" }),
    personalDataConfirm("return-"),
    submitButton("Return the review", "govuk-button--secondary"),
  );
  onSubmit(form, async (fd) => {
    const points = text(fd, "points").trim();
    if (points === "") {
      applyErrors(form, [{ code: "VALIDATION", field: "points", message: "Enter the points the team must address" }], "return-");
      return;
    }
    const payload = (
      await ctx.session.run(ReturnReviewDocument, {
        input: { reviewId: review.id, version: review.version, points, confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).returnReview;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "return-");
      conflictReload(ctx, form, payload.errors);
      return;
    }
    ctx.flash("You returned the review to its team.");
    ctx.refresh();
  });
  return form;
}
