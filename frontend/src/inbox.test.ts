import { describe, expect, it } from "vitest";
import { concernStatus, inboxRows, type InboxReview } from "./inbox";

const review = (id: string, concerns: InboxReview["concerns"]): InboxReview => ({
  id,
  title: `Review ${id}`,
  state: "VISIT",
  version: 1,
  visitStartsOn: null,
  hostSchool: { urn: 1, name: "School" },
  concerns,
});
const concern = (id: string, raisedAt: string, resolved: boolean, kinds: ("ACKNOWLEDGED" | "ESCALATED" | "NOTE" | "RESOLVED")[] = []) => ({
  id,
  raisedAt,
  resolved,
  aboutHeadteacher: false,
  immediateDanger: false,
  toldDsl: true,
  actions: kinds.map((kind) => ({ kind, at: raisedAt })),
});

describe("concern inbox", () => {
  it("lists unresolved concerns across reviews, oldest first", () => {
    const rows = inboxRows([
      review("a", [concern("1", "2026-12-02T10:00:00Z", false), concern("2", "2026-12-01T10:00:00Z", true)]),
      review("b", [concern("3", "2026-11-30T10:00:00Z", false, ["ESCALATED"])]),
    ]);
    expect(rows.map((r) => r.concern.id)).toEqual(["3", "1"]);
  });

  it("says where each concern stands", () => {
    expect(concernStatus(concern("1", "", false))).toBe("awaiting");
    expect(concernStatus(concern("1", "", false, ["ESCALATED"]))).toBe("escalated");
    expect(concernStatus(concern("1", "", false, ["ESCALATED", "ACKNOWLEDGED"]))).toBe("acknowledged");
    expect(concernStatus(concern("1", "", true, ["RESOLVED"]))).toBe("resolved");
  });
});
