import { describe, expect, it } from "vitest";
import { positionChart, rankOf, type PositionData } from "./chart";

const data: PositionData = {
  title: "FSM-ever among similar schools",
  unit: "%",
  self: { urn: 1, name: "Northfield", value: 30 },
  others: [
    { urn: 2, value: 20 },
    { urn: 3, value: 40 },
    { urn: 4, value: 35 },
  ],
  similarMedian: 32.5,
  nationalMedian: 25,
};

describe("positionChart", () => {
  it("ranks the school among its similar schools", () => {
    expect(rankOf(data)).toEqual({ rank: 3, of: 4 });
  });

  it("draws an accessible SVG with no style attributes", () => {
    const svg = positionChart(data);
    expect(svg.namespaceURI).toBe("http://www.w3.org/2000/svg");
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.querySelector("title")?.textContent).toBe("FSM-ever among similar schools");
    expect(svg.querySelector("desc")?.textContent).toContain("ranked 3 of 4");
    expect(svg.querySelectorAll("circle.position-chart__other")).toHaveLength(3);
    expect(svg.querySelectorAll("circle.position-chart__self")).toHaveLength(1);
    expect(svg.querySelector("[style]")).toBeNull();
  });
});
