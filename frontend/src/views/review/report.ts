// The report as a letter (print-friendly: see @media print in styles.scss), the lead's form for
// its whole-school parts (with version conflicts shown), and publish for the host headteacher.
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDate, STATE_LABELS } from "../../format";
import { applyErrors, onSubmit, personalDataConfirm, submitButton, text, textArea } from "../../forms";
import { SaveReportDocument } from "../../gql/graphql";
import { isHostHead } from "../../tasks";
import { heading, para, paragraphs, summaryList, table, tag, warningText } from "../common";
import { REPORT_EDITABLE } from "./access";
import { publicationBlockers } from "../../assurance";
import { loadReview } from "./load";
import { sendTransition } from "./transitions";
import type { Review, Section } from "./types";

type Report = NonNullable<Review["report"]>;

export function reportSection(ctx: AppContext, review: Review): Section {
  const report = review.report;
  if (!report) return { title: "Report", element: h("div", {}, heading("Report", review.title), para("The report is not available to you yet.")) };
  const canEdit = review.access.isLead && REPORT_EDITABLE.includes(review.state);
  const canPublish = review.state === "FACTUAL_ACCURACY" && isHostHead(ctx.me, review);
  const printButton = h("button", { type: "button", class: "govuk-button govuk-button--secondary no-print" }, "Print the report");
  printButton.addEventListener("click", () => window.print());
  const element = h(
    "div",
    { class: "report" },
    h("div", { class: "no-print" }, heading("Report", review.title), para("State: ", tag(STATE_LABELS[review.state])), printButton),
    renderLetter(review, report),
    canPublish ? publishForm(ctx, review) : null,
    canEdit ? reportForm(ctx, review, report) : null,
  );
  return { title: "Report", element };
}

export function renderLetter(review: Review, report: Report): HTMLElement {
  return h(
    "article",
    { class: "letter", "aria-labelledby": "letter-title" },
    h("p", { class: "govuk-body letter__meta" }, `${review.partnership?.name ?? ""}`),
    h("h2", { class: "govuk-heading-l", id: "letter-title" }, `Peer review of ${review.hostSchool?.name ?? "the school"}`),
    h("p", { class: "govuk-body letter__meta" }, review.visitStartsOn ? `Visit: ${formatDate(review.visitStartsOn)} to ${formatDate(review.visitEndsOn)}` : ""),
    h("h3", { class: "govuk-heading-m" }, "Summary"),
    ...(report.summary ? paragraphs(report.summary) : [para("Not written yet.")]),
    ...report.areas.flatMap((section) => [
      h("h3", { class: "govuk-heading-m" }, section.area.name),
      section.area.kind === "NARRATIVE" ? null : h("p", { class: "govuk-body govuk-!-font-weight-bold" }, letterGrade(review, section), section.excellence ? " – area of excellence" : ""),
      ...paragraphs(section.narrative || section.rationale),
    ]),
    h("h3", { class: "govuk-heading-m" }, "Strengths"),
    ...(report.strengths ? paragraphs(report.strengths) : [para("Not written yet.")]),
    h("h3", { class: "govuk-heading-m" }, "Areas for development"),
    ...(report.areasForDevelopment ? paragraphs(report.areasForDevelopment) : [para("Not written yet.")]),
    report.actions.length > 0
      ? table("Action plan", [
          { header: "Action", cell: (a) => a.action },
          { header: "Owner", cell: (a) => a.owner },
          { header: "Due", cell: (a) => (a.dueOn ? formatDate(a.dueOn) : "") },
          { header: "Done", cell: (a) => (a.done ? "Yes" : "No") },
        ], report.actions)
      : null,
  );
}

/** The area's grade in the letter: the moderated grade where moderation set one, else the consensus. */
export function letterGrade(review: Review, section: Report["areas"][number]): string {
  const moderated = review.moderated.find((j) => j.area?.key === section.area.key);
  if (section.area.kind === "MET_NOT_MET") {
    const met = moderated ? moderated.met : section.met;
    return met === null ? "Not decided" : met ? "Met" : "Not met";
  }
  return (moderated ? moderated.grade?.label : section.grade?.label) ?? "Not graded";
}

function publishForm(ctx: AppContext, review: Review): HTMLElement {
  const blockers = publicationBlockers(review, new Date());
  const form = h(
    "form",
    { novalidate: true, class: "publish-form no-print" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Publish"),
    blockers.length > 0
      ? h("div", { class: "publication-blocked" }, warningText("The report cannot be published yet."), h("ul", { class: "govuk-list govuk-list--bullet" }, ...blockers.map((b) => h("li", {}, b))))
      : para(`Once published, the report can be read by ${review.partnership?.reportVisibility === "PUBLIC" ? "anyone" : review.partnership?.reportVisibility === "GOVERNORS" ? "your school and its governors" : "your school"}.`),
    submitButton("Publish the report"),
  );
  onSubmit(form, async () => {
    const payload = await sendTransition(ctx.session, "publishReview", review.id, review.version);
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash("The report is published.");
    ctx.refresh();
  });
  return form;
}

function reportForm(ctx: AppContext, review: Review, report: Report): HTMLElement {
  const version = h("input", { type: "hidden", name: "version", value: String(report.version) });
  const form = h(
    "form",
    { novalidate: true, class: "report-form no-print" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Write the report"),
    para("Each area's section is the consensus narrative. Write the whole-school parts here."),
    h("div", { class: "conflict-slot" }),
    textArea({ name: "summary", label: "Summary", labelClass: "govuk-label--s", value: report.summary, rows: 6, hint: "No pupil names." }),
    textArea({ name: "strengths", label: "Strengths", labelClass: "govuk-label--s", value: report.strengths, rows: 5 }),
    textArea({ name: "areasForDevelopment", label: "Areas for development", labelClass: "govuk-label--s", value: report.areasForDevelopment, rows: 5 }),
    personalDataConfirm(),
    version,
    submitButton("Save the report"),
  );
  onSubmit(form, async (fd) => {
    const payload = (
      await ctx.session.run(SaveReportDocument, {
        input: { reviewId: review.id, version: Number(version.value), summary: text(fd, "summary"), strengths: text(fd, "strengths"), areasForDevelopment: text(fd, "areasForDevelopment"), confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true" },
      })
    ).saveReport;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      if (payload.errors.some((e) => e.code === "CONFLICT")) {
        const fresh = await loadReview(ctx, review.id);
        const newer = fresh?.report;
        if (newer) {
          version.value = String(newer.version);
          form.querySelector(".conflict-slot")?.replaceChildren(
            h(
              "div",
              { class: "govuk-inset-text conflict-panel" },
              h("h2", { class: "govuk-heading-m" }, "Someone else saved the report while you were working"),
              summaryList([
                { key: "Summary", value: paragraphs(newer.summary) },
                { key: "Strengths", value: paragraphs(newer.strengths) },
                { key: "Areas for development", value: paragraphs(newer.areasForDevelopment) },
              ]),
              para("Your text is still in the form below. Combine the two if you need to, and save again: saving will replace the version above."),
            ),
          );
        }
      }
      return;
    }
    ctx.flash("Report saved.");
    ctx.refresh();
  });
  return form;
}
