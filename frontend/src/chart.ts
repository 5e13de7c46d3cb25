// Position among similar schools: a dot strip drawn as inline SVG with DOM APIs (no style
// attributes: colours come from classes in styles.scss). Always shown with a table alternative.
import { s } from "./dom";
import { formatNumber } from "./format";

export interface Point {
  urn: number;
  value: number;
}

export interface PositionData {
  title: string;
  unit: string;
  self: Point & { name: string };
  others: Point[];
  similarMedian: number | null;
  nationalMedian: number | null;
}

const WIDTH = 640;
const HEIGHT = 140;
const PAD = 40;

/** Rank of the school among itself and its similar schools, 1 = highest value. */
export function rankOf(data: PositionData): { rank: number; of: number } {
  const values = [data.self.value, ...data.others.map((o) => o.value)];
  const rank = 1 + values.filter((v) => v > data.self.value).length;
  return { rank, of: values.length };
}

export function scale(min: number, max: number, value: number): number {
  if (max === min) return WIDTH / 2;
  return PAD + ((value - min) / (max - min)) * (WIDTH - 2 * PAD);
}

export function positionChart(data: PositionData, idPrefix = "chart"): SVGSVGElement {
  const all = [data.self.value, ...data.others.map((o) => o.value), ...[data.similarMedian, data.nationalMedian].filter((v): v is number => v !== null)];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const x = (v: number) => scale(min, max, v).toFixed(1);
  const { rank, of } = rankOf(data);
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const axisY = HEIGHT - 30;
  const svg = s(
    "svg",
    { class: "position-chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-labelledby": `${titleId} ${descId}`, focusable: "false" },
    s("title", { id: titleId }, data.title),
    s("desc", { id: descId }, `${data.self.name} is ${formatNumber(data.self.value, data.unit)}, ranked ${rank} of ${of} among itself and its similar schools. The table below gives every figure.`),
    s("line", { class: "position-chart__axis", x1: PAD, x2: WIDTH - PAD, y1: axisY, y2: axisY }),
    s("text", { class: "position-chart__tick", x: PAD, y: HEIGHT - 8, "text-anchor": "start" }, formatNumber(min, data.unit)),
    s("text", { class: "position-chart__tick", x: WIDTH - PAD, y: HEIGHT - 8, "text-anchor": "end" }, formatNumber(max, data.unit)),
    data.nationalMedian !== null ? s("line", { class: "position-chart__national", x1: x(data.nationalMedian), x2: x(data.nationalMedian), y1: 20, y2: axisY }) : null,
    data.nationalMedian !== null ? s("text", { class: "position-chart__label", x: x(data.nationalMedian), y: 14, "text-anchor": "middle" }, "National median") : null,
    data.similarMedian !== null ? s("line", { class: "position-chart__median", x1: x(data.similarMedian), x2: x(data.similarMedian), y1: 34, y2: axisY }) : null,
    data.similarMedian !== null ? s("text", { class: "position-chart__label", x: x(data.similarMedian), y: 30, "text-anchor": "middle" }, "Similar median") : null,
    ...data.others.map((o) => s("circle", { class: "position-chart__other", cx: x(o.value), cy: axisY - 30, r: 6 })),
    s("circle", { class: "position-chart__self", cx: x(data.self.value), cy: axisY - 30, r: 10 }),
    s("text", { class: "position-chart__label position-chart__label--self", x: x(data.self.value), y: axisY - 46, "text-anchor": "middle" }, "This school"),
  );
  return svg;
}
