import { describe, expect, it } from "vitest";
import { Outbox } from "./outbox";

describe("Outbox", () => {
  it("keeps drafts per review, with the time they were seen, until removed", () => {
    const box = new Outbox(window.localStorage);
    window.localStorage.clear();
    const now = new Date("2026-11-30T10:15:00Z");
    const draft = box.add("r1", { kind: "LESSON_VISIT", text: "Year 3 maths", areaKeys: ["achievement"] }, now);
    box.add("r2", { kind: "DATA", text: "Attendance figures", areaKeys: ["attendance_and_behaviour"] }, now);
    expect(box.list("r1")).toHaveLength(1);
    expect(box.list("r1")[0]?.evidence.observedAt).toBe("2026-11-30T10:15:00.000Z");
    expect(box.count()).toBe(2);
    box.remove("r1", draft.localId);
    expect(box.list("r1")).toEqual([]);
    expect(window.localStorage.getItem("peerqa.evidenceDrafts.r1")).toBeNull();
  });

  it("survives unreadable storage", () => {
    window.localStorage.setItem("peerqa.evidenceDrafts.r3", "{not json");
    expect(new Outbox(window.localStorage).list("r3")).toEqual([]);
  });
});
