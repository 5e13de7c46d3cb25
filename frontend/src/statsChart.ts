// Statistics charts as inline SVG built with DOM APIs (coloured by CSS classes: the CSP forbids
// style attributes). Each page shows a table with the same figures beside the chart.
// The geometry is in pure functions, tested in statsChart.test.ts.
import { s } from "./dom";

export interface IntervalRow {
  label: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
}

export const CHART_WIDTH = 640;
const LABEL_WIDTH = 220;
const RIGHT_PAD = 20;
const ROW_HEIGHT = 28;
const TOP = 24;
const AXIS_HEIGHT = 34;

/** Round a domain outwards to tenths, always containing `include` (e.g. 0). */
export function niceDomain(values: number[], include: number[] = []): [number, number] {
  const all = [...values, ...include].filter((v) => Number.isFinite(v));
  if (all.length === 0) return [0, 1];
  let lo = Math.floor(Math.min(...all) * 10) / 10;
  let hi = Math.ceil(Math.max(...all) * 10) / 10;
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  return [round1(lo), round1(hi)];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** x in pixels for a value in [lo, hi], across the plotting area right of the labels. */
export function xFor(domain: [number, number], value: number): number {
  const [lo, hi] = domain;
  const left = LABEL_WIDTH;
  const right = CHART_WIDTH - RIGHT_PAD;
  return left + ((value - lo) / (hi - lo)) * (right - left);
}

export interface IntervalLayout {
  domain: [number, number];
  height: number;
  reference: number | null;
  rows: { label: string; y: number; x: number | null; lowX: number | null; highX: number | null }[];
}

/** Dot-and-whisker geometry: one row per item, dot at the estimate, whisker over the interval. */
export interface IntervalOptions {
  /** Values the axis must show besides the data (e.g. 0 and 1 for a coefficient). */
  include?: number[];
  reference?: number | null;
  /** Centre the axis on the reference (e.g. severity: harsher and more lenient read alike). */
  symmetric?: boolean;
}

export function intervalLayout(rows: IntervalRow[], options: IntervalOptions = {}): IntervalLayout {
  const reference = options.reference ?? null;
  const values = rows.flatMap((r) => [r.estimate, r.low, r.high]).filter((v): v is number => v !== null);
  let extra = [...(options.include ?? []), ...(reference === null ? [] : [reference])];
  if (options.symmetric && reference !== null) {
    const reach = Math.max(0.1, ...values.map((v) => Math.abs(v - reference)));
    extra = [...extra, reference - reach, reference + reach];
  }
  const domain = niceDomain(values, extra);
  return {
    domain,
    reference,
    height: TOP + rows.length * ROW_HEIGHT + AXIS_HEIGHT,
    rows: rows.map((r, i) => ({
      label: r.label,
      y: TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2,
      x: r.estimate === null ? null : xFor(domain, r.estimate),
      lowX: r.low === null ? null : xFor(domain, r.low),
      highX: r.high === null ? null : xFor(domain, r.high),
    })),
  };
}

export function intervalChart(title: string, description: string, rows: IntervalRow[], options: IntervalOptions & { referenceLabel?: string; idPrefix?: string } = {}): SVGSVGElement {
  const layout = intervalLayout(rows, options);
  const id = options.idPrefix ?? "interval-chart";
  const axisY = layout.height - AXIS_HEIGHT + 6;
  const fmt = (v: number) => (Math.round(v * 100) / 100).toString();
  const [lo, hi] = layout.domain;
  return s(
    "svg",
    { class: "stats-chart interval-chart", viewBox: `0 0 ${CHART_WIDTH} ${layout.height}`, role: "img", "aria-labelledby": `${id}-title ${id}-desc`, focusable: "false" },
    s("title", { id: `${id}-title` }, title),
    s("desc", { id: `${id}-desc` }, description),
    s("line", { class: "stats-chart__axis", x1: xFor(layout.domain, lo), x2: xFor(layout.domain, hi), y1: axisY, y2: axisY }),
    s("text", { class: "stats-chart__tick", x: xFor(layout.domain, lo), y: axisY + 18, "text-anchor": "start" }, fmt(lo)),
    s("text", { class: "stats-chart__tick", x: xFor(layout.domain, hi), y: axisY + 18, "text-anchor": "end" }, fmt(hi)),
    layout.reference !== null
      ? [
          s("line", { class: "stats-chart__reference", x1: xFor(layout.domain, layout.reference), x2: xFor(layout.domain, layout.reference), y1: TOP - 8, y2: axisY }),
          s("text", { class: "stats-chart__tick", x: xFor(layout.domain, layout.reference), y: TOP - 12, "text-anchor": "middle" }, options.referenceLabel ?? fmt(layout.reference)),
          layout.reference > lo && layout.reference < hi && layout.reference !== 0 && lo < 0 && hi > 0
            ? s("text", { class: "stats-chart__tick", x: xFor(layout.domain, 0), y: axisY + 18, "text-anchor": "middle" }, "0")
            : null,
        ]
      : null,
    ...layout.rows.map((r) =>
      s(
        "g",
        { class: "interval-chart__row" },
        s("text", { class: "stats-chart__label", x: LABEL_WIDTH - 10, y: r.y + 4, "text-anchor": "end" }, r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label),
        r.lowX !== null && r.highX !== null ? s("line", { class: "interval-chart__whisker", x1: r.lowX.toFixed(1), x2: r.highX.toFixed(1), y1: r.y, y2: r.y }) : null,
        r.x !== null ? s("circle", { class: "interval-chart__dot", cx: r.x.toFixed(1), cy: r.y, r: 6 }) : null,
      ),
    ),
  );
}

export interface Bar {
  label: string;
  value: number | null;
}

export const BAR_HEIGHT = 200;
const BAR_TOP = 20;
const BAR_BOTTOM = 40;
const BAR_LEFT = 50;

/** Bars for shares 0 to 1: x, width, and y / height in pixels (null value: no bar). */
export function barLayout(bars: Bar[]): { label: string; x: number; width: number; y: number; height: number; value: number | null }[] {
  const plotWidth = CHART_WIDTH - BAR_LEFT - RIGHT_PAD;
  const slot = bars.length === 0 ? plotWidth : plotWidth / bars.length;
  const plotHeight = BAR_HEIGHT - BAR_TOP - BAR_BOTTOM;
  return bars.map((b, i) => {
    const v = b.value === null ? 0 : Math.max(0, Math.min(1, b.value));
    const height = v * plotHeight;
    return { label: b.label, value: b.value, x: BAR_LEFT + i * slot + slot * 0.2, width: slot * 0.6, y: BAR_TOP + plotHeight - height, height };
  });
}

export function barChart(title: string, description: string, bars: Bar[], idPrefix = "bar-chart"): SVGSVGElement {
  const layout = barLayout(bars);
  const baseY = BAR_HEIGHT - BAR_BOTTOM;
  return s(
    "svg",
    { class: "stats-chart bar-chart", viewBox: `0 0 ${CHART_WIDTH} ${BAR_HEIGHT}`, role: "img", "aria-labelledby": `${idPrefix}-title ${idPrefix}-desc`, focusable: "false" },
    s("title", { id: `${idPrefix}-title` }, title),
    s("desc", { id: `${idPrefix}-desc` }, description),
    s("line", { class: "stats-chart__axis", x1: BAR_LEFT, x2: CHART_WIDTH - RIGHT_PAD, y1: baseY, y2: baseY }),
    s("text", { class: "stats-chart__tick", x: BAR_LEFT - 6, y: baseY + 4, "text-anchor": "end" }, "0%"),
    s("text", { class: "stats-chart__tick", x: BAR_LEFT - 6, y: BAR_TOP + 4, "text-anchor": "end" }, "100%"),
    ...layout.map((b) =>
      s(
        "g",
        { class: "bar-chart__bar" },
        b.value !== null ? s("rect", { class: "bar-chart__rect", x: b.x.toFixed(1), y: b.y.toFixed(1), width: b.width.toFixed(1), height: b.height.toFixed(1) }) : null,
        s("text", { class: "stats-chart__tick", x: (b.x + b.width / 2).toFixed(1), y: baseY + 18, "text-anchor": "middle" }, b.label),
        s("text", { class: "stats-chart__label", x: (b.x + b.width / 2).toFixed(1), y: (b.value === null ? baseY : b.y) - 6, "text-anchor": "middle" }, b.value === null ? "none" : `${Math.round(b.value * 100)}%`),
      ),
    ),
  );
}
