// Judgements of each area, for the three kinds: the host's self-evaluation, each reviewer's
// independent judgement, and the team's consensus. A task list of areas, then one form per
// area: GOV.UK radios with the grade descriptors as hints; the consensus page shows each
// reviewer's independent judgement, the self-evaluation and the indicators side by side.
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { BAND_LABELS, formatDateTime, formatNumber } from "../../format";
import { applyErrors, checkboxes, onSubmit, personalDataConfirm, radios, submitButton, text, textArea, type FormError } from "../../forms";
import {
  SaveConsensusJudgementDocument,
  SaveIndependentJudgementDocument,
  SaveSelfEvaluationDocument,
  SubmitIndependentJudgementsDocument,
  type EvidenceFieldsFragment,
  type JudgementInput,
} from "../../gql/graphql";
import { reviewHref, type ReviewSection } from "../../router";
import type { Me } from "../../tasks";
import { backLink, heading, insetText, link, para, summaryList, table, tag, warningText, paragraphs } from "../common";
import { SELF_EVALUATION_OPEN } from "./access";
import { allEvidence } from "./evidence";
import { loadReview } from "./load";
import type { Area, Judgement, Review, Section } from "./types";

/** The kinds of judgement the team and host write here (moderated ones belong to moderation). */
export type JudgementKind = "SELF_EVALUATION" | "INDEPENDENT" | "CONSENSUS";

interface KindConfig {
  section: ReviewSection;
  title: string;
  intro: string;
  mine: (review: Review, me: Me) => Judgement[];
  canEdit: (review: Review) => boolean;
}

export const KINDS: Record<JudgementKind, KindConfig> = {
  SELF_EVALUATION: {
    section: "self-evaluation",
    title: "Self-evaluation",
    intro: "Your school's own judgement of each area, with your reasons. The team reads it before the visit.",
    mine: (review) => review.selfEvaluation,
    canEdit: (review) => review.access.isHostLeader && SELF_EVALUATION_OPEN.includes(review.state),
  },
  INDEPENDENT: {
    section: "judgements",
    title: "Your independent judgements",
    intro: "Judge every area on your own, before you see anyone else's judgement. They are drafts until you submit them all.",
    mine: (review, me) => review.independentJudgements.filter((j) => j.author?.userId === me.id),
    canEdit: (review) => review.access.isTeam && review.state === "VISIT" && !review.access.hasSubmittedIndependent,
  },
  CONSENSUS: {
    section: "consensus",
    title: "Consensus",
    intro: "The team's agreed judgement of each area, with the rationale and the narrative for the report. Each area's page shows the independent judgements, the self-evaluation and the indicators side by side.",
    mine: (review) => review.consensus,
    canEdit: (review) => review.access.isLead && review.state === "CONSENSUS",
  },
};

export function isComplete(area: Area, judgement: Judgement | undefined): boolean {
  if (!judgement) return false;
  switch (area.kind) {
    case "GRADED":
      return judgement.grade !== null;
    case "MET_NOT_MET":
      return judgement.met !== null;
    case "NARRATIVE":
      return judgement.narrative.trim() !== "";
  }
}

export function judgementText(area: Area, j: Judgement | undefined): string {
  if (!j) return "Not judged";
  if (area.kind === "GRADED") return j.grade?.label ?? "No grade yet";
  if (area.kind === "MET_NOT_MET") return j.met === null ? "Not decided" : j.met ? "Met" : "Not met";
  return j.narrative ? "Answered" : "Not answered";
}

function byArea(judgements: Judgement[], key: string): Judgement | undefined {
  return judgements.find((j) => j.area?.key === key);
}

export async function judgementSection(ctx: AppContext, review: Review, kind: JudgementKind, areaKey?: string): Promise<Section> {
  const config = KINDS[kind];
  if (areaKey === undefined) return { title: config.title, element: renderAreaList(ctx, review, kind) };
  const area = review.areas.find((a) => a.key === areaKey);
  if (!area) return { title: "Area not found", element: h("div", {}, heading("Area not found"), para(link("Back to the list of areas", reviewHref(review.id, config.section)))) };
  return { title: `${area.name} – ${config.title}`, element: await renderAreaPage(ctx, review, kind, area) };
}

export function renderAreaList(ctx: AppContext, review: Review, kind: JudgementKind): HTMLElement {
  const config = KINDS[kind];
  const mine = config.mine(review, ctx.me);
  const editable = config.canEdit(review);
  const items = review.areas.map((area) => {
    const j = byArea(mine, area.key);
    const complete = isComplete(area, j);
    const status = complete ? (j?.submittedAt && kind === "INDEPENDENT" ? "Submitted" : "Completed") : j ? "In progress" : "Not yet started";
    const statusId = `status-${area.key}`;
    return h(
      "li",
      { class: "govuk-task-list__item govuk-task-list__item--with-link" },
      h(
        "div",
        { class: "govuk-task-list__name-and-hint" },
        h("a", { class: "govuk-link govuk-task-list__link", href: reviewHref(review.id, config.section, area.key), "aria-describedby": statusId }, area.name),
        h("div", { class: "govuk-task-list__hint" }, judgementText(area, j)),
      ),
      h("div", { class: "govuk-task-list__status", id: statusId }, complete ? status : tag(status, j ? "light-blue" : "blue")),
    );
  });
  const allDone = review.areas.every((a) => isComplete(a, byArea(mine, a.key)));
  return h(
    "div",
    {},
    heading(config.title, review.title),
    para(config.intro),
    kind === "INDEPENDENT" && !review.access.hasSubmittedIndependent ? insetText("Colleagues' judgements stay hidden from you until you have submitted your own, and yours from them.") : null,
    kind === "INDEPENDENT" && review.access.hasSubmittedIndependent ? insetText("You have submitted your judgements. You can now read colleagues' judgements once they submit theirs.") : null,
    h("ul", { class: "govuk-task-list", "aria-label": "Areas" }, ...items),
    kind === "INDEPENDENT" && editable ? submitIndependentForm(ctx, review, allDone) : null,
    kind === "INDEPENDENT" && review.access.hasSubmittedIndependent ? colleaguesTable(ctx.me, review) : null,
    kind === "CONSENSUS" && review.report ? para(link("Write the report summary, strengths and areas for development", reviewHref(review.id, "report"))) : null,
  );
}

function submitIndependentForm(ctx: AppContext, review: Review, allDone: boolean): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "submit-judgements-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Submit your judgements"),
    allDone ? null : para("Judge every area before you submit."),
    warningText("Submitting is final: you cannot change your judgements afterwards."),
    submitButton("Submit your judgements"),
  );
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(SubmitIndependentJudgementsDocument, { input: { reviewId: review.id } })).submitIndependentJudgements;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash("Your judgements are submitted. Colleagues' judgements are shown once they have submitted theirs.");
    ctx.refresh();
  });
  return form;
}

function colleaguesTable(me: Me, review: Review): HTMLElement {
  const others = review.independentJudgements.filter((j) => j.author?.userId !== me.id);
  const authors = [...new Map(others.map((j) => [j.author?.userId ?? "", j.author?.displayName ?? "Colleague"])).entries()];
  if (authors.length === 0) return para("No colleague has submitted yet.");
  return table<Area>("Colleagues' judgements", [
    { header: "Area", cell: (a) => a.name },
    ...authors.map(([userId, name]) => ({ header: name, cell: (a: Area) => judgementText(a, others.find((j) => j.area?.key === a.key && j.author?.userId === userId)) })),
  ], review.areas);
}

async function renderAreaPage(ctx: AppContext, review: Review, kind: JudgementKind, area: Area): Promise<HTMLElement> {
  const config = KINDS[kind];
  const current = byArea(config.mine(review, ctx.me), area.key);
  const editable = config.canEdit(review);
  const evidence = editable && kind !== "SELF_EVALUATION" ? await allEvidence(ctx, review.id, area.key) : [];
  return h(
    "div",
    {},
    backLink(`Back to ${config.title.toLowerCase()}`, reviewHref(review.id, config.section)),
    heading(area.name, config.title),
    area.description ? para(area.description) : null,
    kind === "CONSENSUS" ? sideBySide(review, area) : null,
    kind === "INDEPENDENT" && !editable && review.access.hasSubmittedIndependent ? colleaguesForArea(ctx.me, review, area) : null,
    editable ? judgementForm(ctx, review, kind, area, current, evidence) : readOnly(area, current),
  );
}

function readOnly(area: Area, j: Judgement | undefined): HTMLElement {
  if (!j) return para("Not judged yet.");
  return summaryList(judgementRows(area, j));
}

function judgementRows(area: Area, j: Judgement): { key: string; value: string | HTMLElement[] }[] {
  const rows: { key: string; value: string | HTMLElement[] }[] = [{ key: area.kind === "GRADED" ? "Grade" : area.kind === "MET_NOT_MET" ? "Met or not met" : "Answer", value: area.kind === "NARRATIVE" ? paragraphs(j.narrative) : judgementText(area, j) }];
  if (area.kind !== "NARRATIVE" && j.narrative) rows.push({ key: "Narrative", value: paragraphs(j.narrative) });
  if (j.excellence) rows.push({ key: "Area of excellence", value: "Nominated" });
  rows.push({ key: "Rationale", value: j.rationale ? paragraphs(j.rationale) : "None given" });
  rows.push({ key: "Saved", value: `${formatDateTime(j.updatedAt)} by ${j.author?.displayName ?? "someone"}` });
  return rows;
}

function colleaguesForArea(me: Me, review: Review, area: Area): HTMLElement {
  const others = review.independentJudgements.filter((j) => j.author?.userId !== me.id && j.area?.key === area.key);
  return table<Judgement>("Colleagues' judgements", [
    { header: "Reviewer", cell: (j) => j.author?.displayName ?? "" },
    { header: "Judgement", cell: (j) => judgementText(area, j) },
    { header: "Rationale", cell: (j) => j.rationale },
  ], others);
}

/** Consensus: each reviewer's independent judgement, the self-evaluation and the indicators. */
export function sideBySide(review: Review, area: Area): HTMLElement {
  const independent = review.independentJudgements.filter((j) => j.area?.key === area.key);
  const self = byArea(review.selfEvaluation, area.key);
  const rows: { source: string; j: Judgement | undefined }[] = [
    { source: "Self-evaluation (host school)", j: self },
    ...independent.map((j) => ({ source: `Independent: ${j.author?.displayName ?? "reviewer"}`, j })),
  ];
  const indicators = review.indicators.filter((i) => i.area === area.key);
  const flags = review.flags.filter((f) => f.area === area.key);
  return h(
    "div",
    { class: "side-by-side" },
    table(
      "Judgements side by side",
      [
        { header: "Whose", cell: (r) => r.source },
        { header: "Judgement", cell: (r) => judgementText(area, r.j) },
        { header: "Rationale", cell: (r) => r.j?.rationale || (area.kind === "NARRATIVE" ? r.j?.narrative ?? "" : "") },
      ],
      rows,
    ),
    indicators.length > 0
      ? table("Indicators for this area", [
          { header: "Indicator", cell: (i) => [h("span", {}, i.label), h("span", { class: "govuk-hint govuk-!-display-block" }, i.explanation)] },
          { header: "Value", cell: (i) => formatNumber(i.value, i.unit), numeric: true },
          { header: "Against " + "group", cell: (i) => `${i.band ? BAND_LABELS[i.band] : "No band"} (median ${formatNumber(i.comparisonValue, i.unit)})` },
        ], indicators)
      : para("No indicators inform this area."),
    ...flags.map((f) => warningText(`${f.explanation} (${f.rule})`)),
  );
}

type EvidenceItem = EvidenceFieldsFragment;

function judgementForm(ctx: AppContext, review: Review, kind: JudgementKind, area: Area, current: Judgement | undefined, evidence: EvidenceItem[]): HTMLElement {
  const config = KINDS[kind];
  const gradeOptions = area.descriptors.length > 0
    ? area.descriptors.map((d) => ({ value: d.grade.key, label: d.grade.label, hint: d.text }))
    : (review.framework?.grades ?? []).map((g) => ({ value: g.key, label: g.label }));
  const version = h("input", { type: "hidden", name: "version", value: current ? String(current.version) : "" });
  const form = h(
    "form",
    { novalidate: true, class: "judgement-form" },
    h("div", { class: "error-summary-slot" }),
    h("div", { class: "conflict-slot" }),
    area.kind === "GRADED"
      ? radios({ name: "gradeKey", label: "Grade", legendClass: "govuk-fieldset__legend--m", hint: "Each grade's descriptor for this area is under it.", options: gradeOptions, value: current?.grade?.key ?? null })
      : null,
    area.kind === "MET_NOT_MET" && area.checklist.length > 0
      ? checkboxes({ name: "checklist", label: "Audit checklist", legendClass: "govuk-fieldset__legend--m", hint: "Tick each item the evidence shows is in place.", options: area.checklist.map((c) => ({ value: c.key, label: c.label })), values: current?.checklist.filter((c) => c.checked).map((c) => c.key) ?? [], small: true })
      : null,
    area.kind === "MET_NOT_MET"
      ? radios({ name: "met", label: "Is the standard met?", legendClass: "govuk-fieldset__legend--m", options: [{ value: "true", label: "Met" }, { value: "false", label: "Not met" }], value: current?.met === null || current?.met === undefined ? null : String(current.met), inline: true })
      : null,
    area.allowsExcellence ? checkboxes({ name: "excellence", label: "Area of excellence", options: [{ value: "true", label: "Nominate this area as an area of excellence" }], values: current?.excellence ? ["true"] : [] }) : null,
    area.kind === "NARRATIVE" || kind === "CONSENSUS"
      ? textArea({ name: "narrative", label: area.kind === "NARRATIVE" ? area.question || "Your answer" : "Narrative for the report", labelClass: "govuk-label--m", hint: "No pupil names. Up to 10,000 characters.", value: current?.narrative ?? "", rows: 8 })
      : null,
    textArea({ name: "rationale", label: "Rationale", labelClass: "govuk-label--m", hint: "Why, with reference to the evidence. No pupil names. Up to 5,000 characters.", value: current?.rationale ?? "", rows: 6 }),
    evidence.length > 0
      ? checkboxes({ name: "evidenceIds", label: "Evidence it rests on", hint: "The team's evidence tagged to this area.", options: evidence.map((e) => ({ value: e.id, label: `${e.text.slice(0, 140)}${e.text.length > 140 ? "…" : ""}`, hint: `${formatDateTime(e.observedAt)} – ${e.author?.displayName ?? ""}` })), values: current?.evidenceIds ?? [], small: true })
      : null,
    personalDataConfirm(),
    version,
    submitButton(kind === "INDEPENDENT" ? "Save draft judgement" : "Save"),
  );
  onSubmit(form, async (fd) => {
    const input: JudgementInput = {
      reviewId: review.id,
      areaKey: area.key,
      version: version.value ? Number(version.value) : null,
      gradeKey: area.kind === "GRADED" ? text(fd, "gradeKey") || null : null,
      met: area.kind === "MET_NOT_MET" && text(fd, "met") ? text(fd, "met") === "true" : null,
      // A tick says the item is in place; an item left unticked stays unanswered.
      checklist: area.checklist.filter((c) => fd.getAll("checklist").includes(c.key)).map((c) => ({ key: c.key, checked: true })),
      excellence: fd.get("excellence") === "true",
      narrative: text(fd, "narrative"),
      rationale: text(fd, "rationale"),
      evidenceIds: fd.getAll("evidenceIds").map(String),
      confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true",
    };
    const payload = await saveJudgement(ctx, kind, input);
    if (payload.errors.length > 0 || !payload.judgement) {
      applyErrors(form, payload.errors);
      if (payload.errors.some((e) => e.code === "CONFLICT")) await showConflict(ctx, review.id, kind, area, form, version, payload.errors);
      return;
    }
    ctx.flash(`Saved: ${area.name}.`);
    ctx.navigate(reviewHref(review.id, config.section));
  });
  return form;
}

async function saveJudgement(ctx: AppContext, kind: JudgementKind, input: JudgementInput) {
  switch (kind) {
    case "SELF_EVALUATION":
      return (await ctx.session.run(SaveSelfEvaluationDocument, { input })).saveSelfEvaluation;
    case "INDEPENDENT":
      return (await ctx.session.run(SaveIndependentJudgementDocument, { input })).saveIndependentJudgement;
    case "CONSENSUS":
      return (await ctx.session.run(SaveConsensusJudgementDocument, { input })).saveConsensusJudgement;
  }
}

/**
 * Someone else saved this area since the form was loaded. Show their version beside the form,
 * keep everything typed, and take their version number so that saving again is a deliberate
 * choice to replace theirs.
 */
async function showConflict(ctx: AppContext, reviewId: string, kind: JudgementKind, area: Area, form: HTMLFormElement, version: HTMLInputElement, errors: FormError[]): Promise<void> {
  const fresh = await loadReview(ctx, reviewId);
  const latest = fresh ? byArea(KINDS[kind].mine(fresh, ctx.me), area.key) : undefined;
  const stated = errors.find((e) => e.currentVersion)?.currentVersion;
  version.value = latest ? String(latest.version) : stated ? String(stated) : version.value;
  const slot = form.querySelector(".conflict-slot");
  if (!slot) return;
  slot.replaceChildren(
    h(
      "div",
      { class: "govuk-inset-text conflict-panel" },
      h("h2", { class: "govuk-heading-m" }, "Someone else saved this area while you were working"),
      latest ? summaryList(judgementRows(area, latest)) : para("It has changed since you opened it."),
      para("What you typed is still in the form below. Compare the two, combine them if you need to, and save again: saving will replace the version above."),
    ),
  );
}
