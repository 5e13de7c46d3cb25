import { describe, expect, it } from "vitest";
import { review } from "../../testing/fixtures";
import { visibleSections } from "./access";
import { comparisonTable, renderOutcome } from "./moderation";

const adjusted = {
  id: "r1",
  round: 1,
  required: true,
  outcome: "ADJUST" as const,
  outcomeReasons: "Well evidenced apart from inclusion.",
  assignedAt: "2026-12-02T10:00:00Z",
  decidedAt: "2026-12-03T10:00:00Z",
  createdAt: "2026-12-01T10:00:00Z",
  draw: null,
  reasons: [],
  moderator: { displayName: "Morgan Moderator", userId: "VXNlcjoy" },
  adjustments: [{ areaKey: "inclusion", before: "strong_standard", after: "expected_standard", reason: "The books seen do not support strong." }],
};

describe("moderation views", () => {
  it("shows the outcome with each adjusted area, its grades in words and the reason", () => {
    const card = renderOutcome(review(), adjusted);
    expect(card.textContent).toContain("Adjusted");
    expect(card.textContent).toContain("Well evidenced apart from inclusion.");
    const rows = [...card.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows).toEqual([["Inclusion", "Strong standard", "Expected standard", "The books seen do not support strong."]]);
  });

  it("compares each area's consensus, self-evaluation, indicators and evidence count", () => {
    const table = comparisonTable(review(), new Map([["inclusion", 4]]));
    const first = [...(table.querySelector("tbody tr")?.querySelectorAll("td") ?? [])].map((td) => td.textContent);
    expect(first).toEqual(["Inclusion", "Not judged", "Not judged", "None", "4"]);
  });

  it("shows the moderation section to moderators, and to others only once decided", () => {
    const pending = { ...adjusted, outcome: null, adjustments: [] };
    expect(visibleSections(review({ state: "MODERATION", moderation: [pending], access: { isModerator: true } }))).toContain("moderation");
    expect(visibleSections(review({ state: "MODERATION", moderation: [pending], access: { isTeam: true } }))).not.toContain("moderation");
    expect(visibleSections(review({ state: "FACTUAL_ACCURACY", moderation: [adjusted], access: { isHostStaff: true } }))).toContain("moderation");
  });

  it("offers the duty moderator to the lead during the visit", () => {
    expect(visibleSections(review({ state: "VISIT", access: { isLead: true, isTeam: true } }))).toContain("consultations");
    expect(visibleSections(review({ state: "VISIT", access: { isTeam: true } }))).not.toContain("consultations");
  });
});

describe("timeline", () => {
  it("shows the moderation step only for a selected review, and places returned and appeal", async () => {
    const { timelineSteps } = await import("./overview");
    const selected = [{ ...adjusted, outcome: null }];
    expect(timelineSteps(review({ state: "FACTUAL_ACCURACY" })).steps).not.toContain("MODERATION");
    const moderated = timelineSteps(review({ state: "MODERATION", moderation: selected }));
    expect(moderated.steps[moderated.index]).toBe("MODERATION");
    const returned = timelineSteps(review({ state: "RETURNED", moderation: selected }));
    expect(returned.steps[returned.index]).toBe("MODERATION");
    const appeal = timelineSteps(review({ state: "APPEAL", moderation: [adjusted] }));
    expect(appeal.steps[appeal.index]).toBe("FACTUAL_ACCURACY");
    expect(timelineSteps(review({ state: "WITHDRAWN" })).index).toBe(-1);
  });
});
