import { describe, expect, it } from "vitest";
import type { AppContext } from "../../context";
import { judgement, me, review } from "../../testing/fixtures";
import { renderAreaList, sideBySide } from "./judgements";

const ctx = { me } as unknown as AppContext;
const daniel = { displayName: "Daniel Brooks", userId: me.id };
const grace = { displayName: "Grace Lewis", userId: "VXNlcjo1" };

describe("renderAreaList", () => {
  it("lists each area with its status, and says colleagues' judgements stay hidden until I submit", () => {
    const r = review({ access: { isTeam: true }, independentJudgements: [judgement("inclusion", daniel, "strong_standard")] });
    const view = renderAreaList(ctx, r, "INDEPENDENT");
    const items = [...view.querySelectorAll(".govuk-task-list__item")].map((li) => li.textContent);
    expect(items[0]).toContain("Inclusion");
    expect(items[0]).toContain("Strong standard");
    expect(items[1]).toContain("Not yet started");
    expect(view.textContent).toContain("stay hidden from you until you have submitted");
    expect(view.querySelector("button")?.textContent).toBe("Submit your judgements");
  });

  it("after submitting, shows colleagues' judgements beside mine", () => {
    const r = review({
      state: "VISIT",
      access: { isTeam: true, hasSubmittedIndependent: true },
      independentJudgements: [judgement("inclusion", daniel, "strong_standard"), judgement("inclusion", grace, "expected_standard")],
    });
    const view = renderAreaList(ctx, r, "INDEPENDENT");
    const table = view.querySelector("table");
    expect(table?.querySelector("caption")?.textContent).toBe("Colleagues' judgements");
    expect(table?.textContent).toContain("Grace Lewis");
    expect(table?.textContent).toContain("Expected standard");
    expect(table?.textContent).not.toContain("Daniel Brooks");
  });
});

describe("sideBySide", () => {
  it("shows the self-evaluation, each reviewer's independent judgement and the area's indicators", () => {
    const r = review({
      selfEvaluation: [judgement("inclusion", { displayName: "Priya Shah", userId: "h" }, "expected_standard", { kind: "SELF_EVALUATION" })],
      independentJudgements: [judgement("inclusion", daniel, "strong_standard"), judgement("inclusion", grace, "expected_standard")],
      indicators: [{ plugin: "context", pluginVersion: "1.0", area: "inclusion", key: "fsm", label: "Disadvantaged pupils' progress", value: -0.2, unit: "", band: "BELOW", year: 2018, comparison: "similar schools", comparisonValue: 0.1, nationalValue: 0, explanation: "Progress 8 of pupils ever eligible for free school meals." }],
    });
    const view = sideBySide(r, r.areas[0] as (typeof r.areas)[number]);
    const rows = [...view.querySelectorAll("table")[0]?.querySelectorAll("tbody tr") ?? []].map((tr) => tr.textContent);
    expect(rows[0]).toContain("Self-evaluation");
    expect(rows[0]).toContain("Expected standard");
    expect(rows[1]).toContain("Daniel Brooks");
    expect(rows[2]).toContain("Grace Lewis");
    expect(view.querySelectorAll("table")[1]?.textContent).toContain("Below");
  });
});
