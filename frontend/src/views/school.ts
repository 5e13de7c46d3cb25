// School page: register details, published context by year, similar schools with the school's
// position among them (chart + table), and each indicator and flag with its explanation.
import type { AppContext, Page } from "../context";
import { positionChart, rankOf, type PositionData } from "../chart";
import { h } from "../dom";
import { BAND_LABELS, formatNumber, measureLabel } from "../format";
import { select } from "../forms";
import { SchoolDocument, SchoolMeasureDocument, SimilarSchoolsDocument, type SchoolQuery } from "../gql/graphql";
import { notFound } from "../pages";
import { heading, link, para, summaryList, table, warningText } from "./common";

type School = NonNullable<SchoolQuery["school"]>;
const MAX_MEMBERS = 30;

export async function schoolPage(ctx: AppContext, urn: number): Promise<Page> {
  const data = await ctx.session.run(SchoolDocument, { urn });
  const school = data.school;
  if (!school) return notFound();
  const years = school.context.map((c) => c.year);
  const contextSlot = h("div", {});
  const positionSlot = h("div", { "aria-live": "polite" });
  let year = years[0];

  const showYear = async () => {
    const ctxYear = school.context.find((c) => c.year === year);
    contextSlot.replaceChildren(
      ctxYear
        ? table(`Published figures, ${year}/${String((year ?? 0) + 1).slice(2)}`, [
            { header: "Measure", cell: (v) => measureLabel(v.measure) },
            { header: "Value", cell: (v) => (v.value === null ? `No figure (${v.suppression || "not published"})` : formatNumber(v.value)), numeric: true },
          ], ctxYear.values)
        : para("No published figures."),
    );
    const measures = ctxYear?.values.filter((v) => v.value !== null).map((v) => v.measure) ?? [];
    positionSlot.replaceChildren();
    if (year !== undefined && measures.length > 0) {
      const measure = measures.includes("pct_fsm_ever") ? "pct_fsm_ever" : (measures[0] as string);
      const picker = h("form", { novalidate: true, class: "measure-picker" }, select({ name: "measure", label: "Measure", options: measures.map((m) => ({ value: m, label: measureLabel(m) })), value: measure, idPrefix: "position-" }), h("button", { type: "submit", class: "govuk-button govuk-button--secondary" }, "Show"));
      const chartSlot = h("div", {});
      picker.addEventListener("submit", (event) => {
        event.preventDefault();
        void showPosition(ctx, school, year as number, String(new FormData(picker).get("measure")), chartSlot);
      });
      positionSlot.append(picker, chartSlot);
      await showPosition(ctx, school, year, measure, chartSlot);
    }
  };

  const yearPicker = h("form", { novalidate: true, class: "year-picker" }, select({ name: "year", label: "Year", options: years.map((y) => ({ value: String(y), label: `${y}/${String(y + 1).slice(2)}` })), idPrefix: "year-" }), h("button", { type: "submit", class: "govuk-button govuk-button--secondary" }, "Show year"));
  yearPicker.addEventListener("submit", (event) => {
    event.preventDefault();
    year = Number(new FormData(yearPicker).get("year"));
    void showYear();
  });

  const element = h(
    "div",
    {},
    heading(school.name, `URN ${school.urn}`),
    summaryList([
      { key: "Phase", value: school.phase.replace(/_/g, " ").toLowerCase() },
      { key: "Type", value: school.typeName },
      { key: "Local authority", value: `${school.localAuthority.name} (${school.localAuthority.code})` },
      { key: "Trust", value: school.trust?.name ?? "None" },
      { key: "Postcode", value: school.postcode },
      { key: "Open", value: school.isOpen ? "Yes" : "No" },
    ]),
    h("h2", { class: "govuk-heading-m" }, "Context"),
    years.length > 1 ? yearPicker : null,
    contextSlot,
    h("h2", { class: "govuk-heading-m" }, "Position among similar schools"),
    positionSlot,
    h("h2", { class: "govuk-heading-m" }, "Indicators"),
    para("What the scoring plugins say. Indicators inform professional judgement; they never replace it."),
    school.indicators.length === 0
      ? para("No indicators yet.")
      : table("Indicators", [
          { header: "Indicator", cell: (i) => [h("strong", {}, i.label), h("span", { class: "govuk-hint govuk-!-display-block" }, i.explanation)] },
          { header: "Value", cell: (i) => formatNumber(i.value, i.unit), numeric: true },
          { header: "Against its group", cell: (i) => `${i.band ? BAND_LABELS[i.band] : "No band"}; ${i.comparison} median ${formatNumber(i.comparisonValue, i.unit)}` },
          { header: "Source", cell: (i) => `${i.plugin} ${i.pluginVersion}` },
        ], school.indicators),
    ...school.flags.map((f) => warningText(`${f.explanation} (${f.plugin}: ${f.rule})`)),
  );
  await showYear();
  return { title: school.name, element };
}

async function showPosition(ctx: AppContext, school: School, year: number, measure: string, slot: HTMLElement): Promise<void> {
  const data = await ctx.session.run(SimilarSchoolsDocument, { urn: school.urn, year, measure });
  const group = data.school?.similarSchools;
  const comparison = data.school?.comparison;
  const selfValue = comparison?.value ?? null;
  if (!group || selfValue === null) {
    slot.replaceChildren(para("peerqa cannot place the school among similar schools for this year: a figure the method needs is missing."));
    return;
  }
  // Each member's figure: one small query each (see frontend/README.md: a batched field would be better).
  const members = group.members.slice(0, MAX_MEMBERS);
  const values = await Promise.all(
    members.map(async (m) => {
      const r = await ctx.session.run(SchoolMeasureDocument, { urn: m.urn, year });
      const value = r.school?.context[0]?.values.find((v) => v.measure === measure)?.value ?? null;
      return { urn: m.urn, name: r.school?.name ?? String(m.urn), value };
    }),
  );
  const known = values.filter((v): v is { urn: number; name: string; value: number } => v.value !== null);
  const chartData: PositionData = {
    title: `${measureLabel(measure)}: ${school.name} among ${known.length} similar schools, ${year}/${String(year + 1).slice(2)}`,
    unit: measure.startsWith("pct_") ? "%" : "",
    self: { urn: school.urn, name: school.name, value: selfValue },
    others: known,
    similarMedian: comparison?.similarMedian ?? null,
    nationalMedian: comparison?.nationalMedian ?? null,
  };
  const { rank, of } = rankOf(chartData);
  const rows = [{ urn: school.urn, name: school.name, value: selfValue, self: true }, ...known.map((k) => ({ ...k, self: false }))].sort((a, b) => b.value - a.value);
  slot.replaceChildren(
    para(`Ranked ${rank} of ${of}. Similar schools are the ${group.members.length} schools of the same type (${group.schoolType}) nearest by intake, chosen from ${group.candidates}.`),
    h("figure", { class: "chart" }, positionChart(chartData)),
    table(`${measureLabel(measure)}, highest first`, [
      { header: "School", cell: (r) => (r.self ? h("strong", {}, `${r.name} (this school)`) : link(r.name, `#/schools/${r.urn}`)) },
      { header: "Value", cell: (r) => formatNumber(r.value, chartData.unit), numeric: true },
    ], rows, "govuk-table__caption--s"),
    summaryList([
      { key: "Similar schools' median", value: formatNumber(comparison?.similarMedian, chartData.unit) },
      { key: "National median", value: `${formatNumber(comparison?.nationalMedian, chartData.unit)} (${comparison?.nationalCount ?? 0} schools)` },
    ]),
  );
}
