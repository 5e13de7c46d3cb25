import { describe, expect, it } from "vitest";
import { review } from "../../testing/fixtures";
import { quickAddForm, readForm, renderDraftList, renderEvidenceList, validate } from "./evidence";

describe("evidence quick add", () => {
  it("has a labelled control for every input, area tags as checkboxes, and a hidden personal-data confirmation", () => {
    const form = quickAddForm(review({ access: { isTeam: true } }));
    document.body.append(form);
    for (const input of form.querySelectorAll("input, textarea")) {
      expect(form.querySelector(`label[for="${input.id}"]`), input.id).not.toBeNull();
    }
    expect([...form.querySelectorAll<HTMLInputElement>("input[name=areaKeys]")].map((i) => i.value)).toEqual(["inclusion", "safeguarding"]);
    expect(form.querySelector<HTMLElement>("[data-personal-data-confirm]")?.hidden).toBe(true);
    form.remove();
  });

  it("reads and checks the form before sending", () => {
    const fd = new FormData();
    fd.set("kind", "DOCUMENT");
    fd.set("text", "  Behaviour policy  ");
    expect(readForm(fd)).toEqual({ kind: "DOCUMENT", text: "Behaviour policy", areaKeys: [], confirmNoPersonalData: false });
    expect(validate(readForm(fd)).map((e) => e.field)).toEqual(["areaKeys"]);
  });

  it("lists evidence newest first and the drafts kept on this device", () => {
    const r = review();
    const item = (id: string, text: string) => ({ id, kind: "LESSON_VISIT" as const, text, observedAt: "2026-11-30T10:00:00Z", createdAt: "2026-11-30T10:00:00Z", version: 1, author: { displayName: "Grace Lewis", userId: "u" }, areas: [{ key: "inclusion", name: "Inclusion" }] });
    const list = renderEvidenceList([item("1", "first"), item("2", "second")], r, "");
    expect([...list.querySelectorAll(".evidence-item .pre-line")].map((p) => p.textContent)).toEqual(["second", "first"]);
    const drafts = renderDraftList([{ localId: "x", reviewId: r.id, savedAt: "", evidence: { kind: "DATA", text: "Attendance", areaKeys: ["inclusion"] } }], () => undefined);
    expect(drafts.textContent).toContain("Saved on this device, not sent yet (1)");
  });
});
