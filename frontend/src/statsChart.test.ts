import { describe, expect, it } from "vitest";
import { barChart, barLayout, BAR_HEIGHT, CHART_WIDTH, intervalChart, intervalLayout, niceDomain, xFor } from "./statsChart";

describe("interval (dot-and-whisker) geometry", () => {
  it("rounds the domain outwards and always includes the reference", () => {
    expect(niceDomain([0.13, 0.47], [0])).toEqual([0, 0.5]);
    expect(niceDomain([-0.31, 0.22])).toEqual([-0.4, 0.3]);
    expect(niceDomain([0.5])).toEqual([0, 1]);
    expect(niceDomain([])).toEqual([0, 1]);
  });

  it("maps values linearly into the plotting area", () => {
    const left = xFor([-1, 1], -1);
    const right = xFor([-1, 1], 1);
    expect(left).toBe(220);
    expect(right).toBe(CHART_WIDTH - 20);
    expect(xFor([-1, 1], 0)).toBe((left + right) / 2);
  });

  it("puts the dot at the estimate and the whisker over the interval, one row each", () => {
    const layout = intervalLayout(
      [
        { label: "Lead A", estimate: 0.5, low: 0, high: 1 },
        { label: "Lead B", estimate: -0.5, low: null, high: null },
      ],
      { include: [-1, 1], reference: 0 },
    );
    const [a, b] = layout.rows;
    expect(a?.x).toBe(xFor([-1, 1], 0.5));
    expect(a?.lowX).toBe(xFor([-1, 1], 0));
    expect(a?.highX).toBe(xFor([-1, 1], 1));
    expect(b?.lowX).toBeNull();
    expect((b?.y ?? 0) - (a?.y ?? 0)).toBe(28);
    expect(layout.height).toBe(24 + 2 * 28 + 34);
  });

  it("widens the axis to every value and can centre it on the reference", () => {
    expect(intervalLayout([{ label: "All", estimate: -0.86, low: null, high: null }], { include: [0, 1], reference: 0.8 }).domain).toEqual([-0.9, 1]);
    expect(intervalLayout([{ label: "Lead", estimate: -0.14, low: -0.3, high: 0.05 }], { reference: 0, symmetric: true }).domain).toEqual([-0.3, 0.3]);
  });

  it("draws an accessible SVG with no style attributes", () => {
    const svg = intervalChart("Severity", "Dots and intervals.", [{ label: "Lead A", estimate: 0.2, low: -0.1, high: 0.5 }], { reference: 0, idPrefix: "t" });
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-labelledby")).toBe("t-title t-desc");
    expect(svg.querySelectorAll(".interval-chart__dot")).toHaveLength(1);
    expect(svg.querySelectorAll(".interval-chart__whisker")).toHaveLength(1);
    expect(svg.querySelector(".stats-chart__reference")).not.toBeNull();
    expect(svg.querySelector("[style]")).toBeNull();
  });
});

describe("bar geometry", () => {
  it("gives each share a bar from the baseline, clamped to 0..1", () => {
    const bars = barLayout([
      { label: "Q1", value: 0 },
      { label: "Q2", value: 0.5 },
      { label: "Q3", value: 1 },
      { label: "Q4", value: 1.4 },
      { label: "Q5", value: null },
    ]);
    const plot = BAR_HEIGHT - 20 - 40;
    expect(bars.map((b) => b.height)).toEqual([0, plot / 2, plot, plot, 0]);
    for (const b of bars) expect(b.y + b.height).toBe(BAR_HEIGHT - 40);
    expect(bars[1]!.x).toBeGreaterThan(bars[0]!.x + bars[0]!.width);
  });

  it("labels each bar with its percentage, or none", () => {
    const svg = barChart("FSM", "Bars.", [{ label: "Q1", value: 0.25 }, { label: "Q2", value: null }], "b");
    expect(svg.querySelectorAll(".bar-chart__rect")).toHaveLength(1);
    expect(svg.textContent).toContain("25%");
    expect(svg.textContent).toContain("none");
  });
});
