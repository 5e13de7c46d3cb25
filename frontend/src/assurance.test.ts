import { describe, expect, it } from "vitest";
import {
  appealableAreas,
  currentRound,
  factualAccuracyOpen,
  gradeWords,
  isAssignedModerator,
  lastDecided,
  placeAdjustErrors,
  publicationBlockers,
  readAdjustments,
  samplingLabel,
} from "./assurance";
import { judgement, me, review } from "./testing/fixtures";
import type { Review } from "./views/review/types";

type Round = Review["moderation"][number];

function round(overrides: Partial<Round> = {}): Round {
  return {
    id: "TW9kZXJhdGlvblJvdW5kOjE=",
    round: 1,
    required: true,
    outcome: null,
    outcomeReasons: "",
    assignedAt: null,
    decidedAt: null,
    createdAt: "2026-12-01T10:00:00+00:00",
    draw: 0.12,
    reasons: [{ code: "random", detail: "selected at random: draw 0.12 < rate 0.25" }],
    moderator: null,
    adjustments: [],
    ...overrides,
  };
}

const areas = review().areas;
const form = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("readAdjustments", () => {
  it("turns each changed area into an adjustment with its reason", () => {
    const { adjustments, errors } = readAdjustments(areas, form({ "grade-inclusion": "expected_standard", "reason-inclusion": "  Books show gaps.  ", "grade-safeguarding": "not_met", "reason-safeguarding": "The SCR is incomplete." }));
    expect(errors).toEqual([]);
    expect(adjustments).toEqual([
      { areaKey: "inclusion", reason: "Books show gaps.", gradeKey: "expected_standard" },
      { areaKey: "safeguarding", reason: "The SCR is incomplete.", met: false },
    ]);
  });

  it("requires a reason next to the area's own field", () => {
    const { errors } = readAdjustments(areas, form({ "grade-inclusion": "expected_standard" }));
    expect(errors).toEqual([{ code: "VALIDATION", field: "reason-inclusion", message: "Give the reason for adjusting Inclusion" }]);
  });

  it("asks for a grade when only a reason was typed, and for at least one area", () => {
    expect(readAdjustments(areas, form({ "reason-inclusion": "Why" })).errors[0]?.field).toBe("grade-inclusion");
    expect(readAdjustments(areas, form({})).errors).toEqual([expect.objectContaining({ field: null })]);
  });
});

describe("placeAdjustErrors", () => {
  it("puts a server error on the field of the area its message names", () => {
    const placed = placeAdjustErrors(
      [
        { code: "VALIDATION", field: "reason", message: "Give the reason for adjusting Safeguarding." },
        { code: "VALIDATION", field: "gradeKey", message: "Inclusion already has that grade." },
        { code: "VALIDATION", field: "adjustments", message: "Adjust at least one area, or confirm." },
        { code: "CONFLICT", field: null, message: "Stale" },
      ],
      areas,
      ["inclusion", "safeguarding"],
    );
    expect(placed.map((e) => e.field)).toEqual(["reason-safeguarding", "grade-inclusion", null, null]);
  });
});

describe("rounds and roles", () => {
  it("finds the current and the last decided round", () => {
    const decided = round({ round: 1, outcome: "RETURN" });
    const open = round({ round: 2 });
    const r = review({ moderation: [decided, open] });
    expect(currentRound(r)?.round).toBe(2);
    expect(lastDecided(r)?.round).toBe(1);
    expect(currentRound(review())).toBeNull();
  });

  it("lets only the assigned moderator decide, at moderation", () => {
    const mine = round({ moderator: { displayName: me.displayName, userId: me.id } });
    expect(isAssignedModerator(me, review({ state: "MODERATION", moderation: [mine] }))).toBe(true);
    expect(isAssignedModerator(me, review({ state: "FACTUAL_ACCURACY", moderation: [mine] }))).toBe(false);
    expect(isAssignedModerator(me, review({ state: "MODERATION", moderation: [round()] }))).toBe(false);
  });

  it("words grades and sampling codes", () => {
    expect(gradeWords(review(), "strong_standard")).toBe("Strong standard");
    expect(gradeWords(review(), "not_met")).toBe("Not met");
    expect(samplingLabel("new_lead")).toBe("New lead reviewer");
    expect(samplingLabel("something_else")).toBe("something else");
  });
});

describe("publicationBlockers", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  const point = (accepted: boolean | null) => ({ id: "p", text: "The date is wrong.", raisedAt: "2026-12-04T10:00:00Z", accepted, answerReason: "", answeredAt: null, area: null, raisedBy: null, answeredBy: null });

  it("lists unresolved concerns, an appeal being heard and unanswered points", () => {
    const r = review({
      state: "FACTUAL_ACCURACY",
      factualAccuracyClosesAt: "2026-12-10T12:00:00Z",
      concerns: [{ id: "c", resolved: false }],
      factualAccuracyPoints: [point(null), point(true)],
    });
    const blockers = publicationBlockers(r, now);
    expect(blockers).toHaveLength(2);
    expect(blockers[0]).toContain("1 safeguarding concern is not resolved");
    expect(blockers[1]).toContain("1 factual-accuracy point is waiting");
  });

  it("stops counting unanswered points once the window has closed", () => {
    const r = review({ state: "FACTUAL_ACCURACY", factualAccuracyClosesAt: "2026-12-01T12:00:00Z", factualAccuracyPoints: [point(null)] });
    expect(factualAccuracyOpen(r, now)).toBe(false);
    expect(publicationBlockers(r, now)).toEqual([]);
  });

  it("blocks during an appeal", () => {
    expect(publicationBlockers(review({ state: "APPEAL" }), now)).toEqual(["An appeal is being heard. Wait for its outcome."]);
  });
});

describe("appealableAreas", () => {
  it("offers moderated areas not yet appealed", () => {
    const moderated = [judgement("inclusion", { displayName: "M", userId: "u" }, "strong_standard", { kind: "MODERATED" }), judgement("safeguarding", { displayName: "M", userId: "u" }, null, { kind: "MODERATED", met: true })];
    const appealed = { id: "a", grounds: "", lodgedAt: "", assignedAt: null, outcome: null, outcomeReasons: "", decidedAt: null, area: { key: "inclusion", name: "Inclusion", kind: "GRADED" as const }, lodgedBy: null, moderator: null, gradeBefore: null, gradeAfter: null };
    expect(appealableAreas(review({ moderated })).map((a) => a.key)).toEqual(["inclusion", "safeguarding"]);
    expect(appealableAreas(review({ moderated, appeals: [appealed] })).map((a) => a.key)).toEqual(["safeguarding"]);
    expect(appealableAreas(review())).toEqual([]);
  });
});
