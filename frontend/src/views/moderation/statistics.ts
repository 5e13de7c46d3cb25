// Statistics dashboards (moderators and admins): agreement per area, lead reviewer severity with
// intervals, and grades by FSM-ever quintile. Every chart has a table with the same figures.
import type { AppContext, Page } from "../../context";
import { h } from "../../dom";
import { applyErrors, select, submitButton, text, textField } from "../../forms";
import { StatisticsDocument, StatisticsPartnershipsDocument, type StatisticsQuery } from "../../gql/graphql";
import { barChart, intervalChart } from "../../statsChart";
import { details, heading, para, table } from "../common";
import { moderationNav } from "./queue";

type Stats = StatisticsQuery["statistics"];
type FrameworkStats = Stats["frameworks"][number];

const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "–" : v.toFixed(digits));
const interval = (i: { low: number; high: number } | null | undefined, digits = 2) => (i ? `${i.low.toFixed(digits)} to ${i.high.toFixed(digits)}` : "none");
const pct = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${Math.round(v * 100)}%`);

export async function statisticsPage(ctx: AppContext): Promise<Page> {
  if (ctx.me.globalRole === "SCHOOL_USER") {
    return { title: "Statistics", element: h("div", {}, heading("Statistics"), para("Only moderators and administrators can see this page.")) };
  }
  const query = new URLSearchParams(window.location.hash.split("?")[1] ?? "");
  const from = query.get("from") || null;
  const to = query.get("to") || null;
  const partnershipId = query.get("partnership") || null;
  const [stats, partnerships] = await Promise.all([
    ctx.session.run(StatisticsDocument, { from, to, partnershipId }).then((d) => d.statistics),
    ctx.session.run(StatisticsPartnershipsDocument, {}).then((d) => d.partnerships.nodes),
  ]);
  const filter = h(
    "form",
    { novalidate: true, class: "stats-filter" },
    h("div", { class: "error-summary-slot" }),
    h("div", { class: "stats-filter__fields" },
      select({ name: "partnership", label: "Partnership", value: partnershipId ?? "", options: [{ value: "", label: "Every partnership" }, ...partnerships.map((p) => ({ value: p.id, label: p.name }))], idPrefix: "stats-" }),
      textField({ name: "from", label: "Visits from", type: "date", value: from ?? "", widthClass: "govuk-input--width-10", idPrefix: "stats-" }),
      textField({ name: "to", label: "Visits to", type: "date", value: to ?? "", widthClass: "govuk-input--width-10", idPrefix: "stats-" }),
    ),
    submitButton("Show", "govuk-button--secondary"),
  );
  filter.addEventListener("submit", (event) => {
    event.preventDefault();
    const fd = new FormData(filter);
    const f = text(fd, "from");
    const t = text(fd, "to");
    if (f && t && f > t) {
      applyErrors(filter, [{ code: "VALIDATION", field: "to", message: "The last visit date must be on or after the first" }], "stats-");
      return;
    }
    const params = new URLSearchParams();
    const p = text(fd, "partnership");
    if (p) params.set("partnership", p);
    if (f) params.set("from", f);
    if (t) params.set("to", t);
    ctx.navigate(`#/moderation/statistics${params.toString() ? `?${params.toString()}` : ""}`);
  });
  const element = h(
    "div",
    { class: "statistics" },
    moderationNav("statistics"),
    heading("Statistics", stats.partnership?.name ?? "Every partnership"),
    para(`${stats.reviews} ${stats.reviews === 1 ? "review" : "reviews"} in scope. Intervals are 95%, from ${stats.resamples} bootstrap resamples. Lead reviewers are named from ${stats.minReviewsForName} moderated reviews.`),
    filter,
    stats.frameworks.length === 0 ? para("No graded reviews in scope yet.") : null,
    ...stats.frameworks.map((f, i) => frameworkSection(f, stats, i)),
    stats.moderationOutcomes.length > 0
      ? table("Moderation outcomes by term", [
          { header: "Term", cell: (p) => p.period },
          { header: "Decisions", cell: (p) => String(p.decisions), numeric: true },
          { header: "Confirmed", cell: (p) => String(p.confirmed), numeric: true },
          { header: "Adjusted", cell: (p) => String(p.adjusted), numeric: true },
          { header: "Returned", cell: (p) => String(p.returned), numeric: true },
        ], stats.moderationOutcomes)
      : null,
  );
  return { title: "Statistics", element };
}

function frameworkSection(f: FrameworkStats, stats: Stats, index: number): HTMLElement {
  const name = f.framework ? `${f.framework.name} (version ${f.framework.version})` : "Framework";
  const agreementRows = [...f.agreement, f.overallAgreement];
  return h(
    "section",
    { class: "stats-framework", "aria-labelledby": `fw-${index}` },
    h("h2", { class: "govuk-heading-l", id: `fw-${index}` }, `${name}: ${f.reviews} reviews`),

    h("h3", { class: "govuk-heading-m" }, "Agreement per area"),
    para("Krippendorff's alpha (ordinal) among each team's independent grades: 0.80 or more is consistent enough to compare schools."),
    h("div", { class: "stats-chart-wrap" },
      intervalChart(
        `Agreement per area, ${name}`,
        "Alpha for each area as a dot, its 95% interval as a line, with a reference line at 0.80. The table below gives every figure.",
        agreementRows.map((a) => ({ label: a.areaKey === "*" ? "All areas" : a.areaName, estimate: a.alpha.estimate, low: a.alpha.interval?.low ?? null, high: a.alpha.interval?.high ?? null })),
        { include: [0, 1], reference: 0.8, referenceLabel: "0.80", idPrefix: `agreement-${index}` },
      ),
    ),
    table(`Agreement per area (${name})`, [
      { header: "Area", cell: (a) => (a.areaKey === "*" ? "All areas" : a.areaName) },
      { header: "Alpha", cell: (a) => num(a.alpha.estimate), numeric: true },
      { header: "95% interval", cell: (a) => interval(a.alpha.interval) },
      { header: "Reviews", cell: (a) => String(a.reviews), numeric: true },
      { header: "Units", cell: (a) => String(a.alpha.units), numeric: true },
      { header: "Note", cell: (a) => a.alpha.reason ?? "" },
    ], agreementRows, "govuk-table__caption--s"),

    h("h3", { class: "govuk-heading-m" }, "Lead reviewer severity"),
    para(`Mean of (consensus − moderated grade) over the moderated reviews each person led, in grade steps. Positive: harsher than moderation; negative: more lenient. Leads with fewer than ${stats.minReviewsForName} moderated reviews are not named.`),
    f.leadSeverity.length === 0
      ? para("No moderated reviews yet.")
      : h(
          "div",
          {},
          h("div", { class: "stats-chart-wrap" },
            intervalChart(
              `Lead reviewer severity, ${name}`,
              "Each lead reviewer's severity as a dot with its 95% interval as a line; the vertical line is 0 (agrees with moderation). The table below gives every figure.",
              f.leadSeverity.map((l) => ({ label: l.label, estimate: l.estimate, low: l.interval?.low ?? null, high: l.interval?.high ?? null })),
              { reference: 0, symmetric: true, referenceLabel: "0 (as moderated)", idPrefix: `severity-${index}` },
            ),
          ),
          table(`Lead reviewer severity (${name})`, [
            { header: "Lead reviewer", cell: (l) => l.label },
            { header: "Severity", cell: (l) => (l.estimate > 0 ? "+" : "") + l.estimate.toFixed(2), numeric: true },
            { header: "95% interval", cell: (l) => interval(l.interval) },
            { header: "Reviews", cell: (l) => String(l.reviews), numeric: true },
            { header: "Areas", cell: (l) => String(l.areas), numeric: true },
          ], f.leadSeverity, "govuk-table__caption--s"),
        ),

    h("h3", { class: "govuk-heading-m" }, "Grades by FSM-ever quintile"),
    para("For each area, the share of final grades at or below the threshold in each fifth of host schools by FSM-ever (quintile 1 the least disadvantaged). Similar shares in every quintile is what to hope for; a gap is a prompt to check the evidence, not proof of bias."),
    ...f.contextAudit.map((audit, j) =>
      details(
        `${audit.areaName}: gap ${audit.gap.estimate === null ? "none" : `${Math.round(audit.gap.estimate * 100)} points`}`,
        h("div", { class: "stats-chart-wrap" },
          barChart(
            `${audit.areaName}: share ${audit.thresholdLabel.toLowerCase()} or below, by FSM-ever quintile`,
            "One bar per quintile, from the least disadvantaged (Q1) to the most (Q5). The table below gives every figure.",
            audit.quintiles.map((q) => ({ label: `Q${q.quintile}`, value: q.thresholdShare })),
            `quintiles-${index}-${j}`,
          ),
        ),
        table(`${audit.areaName} by FSM-ever quintile`, [
          { header: "Quintile", cell: (q) => `Q${q.quintile}${q.fsmAbove !== null ? ` (above ${q.fsmAbove.toFixed(1)}%)` : ""}${q.fsmUpTo !== null ? ` (up to ${q.fsmUpTo.toFixed(1)}%)` : ""}` },
          { header: "Grades", cell: (q) => String(q.grades), numeric: true },
          { header: "Schools", cell: (q) => String(q.schools), numeric: true },
          { header: `${audit.thresholdLabel} or below`, cell: (q) => `${q.atOrBelow} (${pct(q.thresholdShare)})`, numeric: true },
          { header: "Each grade", cell: (q) => q.counts.map((c) => `${c.label}: ${c.count}`).join("; ") },
        ], audit.quintiles, "govuk-table__caption--s"),
        para(`Gap (Q5 − Q1): ${audit.gap.estimate === null ? audit.gap.reason ?? "none" : `${Math.round(audit.gap.estimate * 100)} points, interval ${interval(audit.gap.interval)}`}.`),
      ),
    ),
  );
}
