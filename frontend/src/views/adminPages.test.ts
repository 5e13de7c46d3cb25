import { describe, expect, it } from "vitest";
import { adminNav, parseUrn } from "./adminPages";

describe("admin pages", () => {
  it("reads a URN, or says what to type next to the field", () => {
    expect(parseUrn(" 100000 ")).toEqual({ urn: 100000 });
    expect(parseUrn("10a")).toEqual({ error: expect.objectContaining({ field: "urn" }) });
    expect(parseUrn("")).toEqual({ error: expect.objectContaining({ code: "VALIDATION" }) });
  });

  it("marks the current page in the admin menu", () => {
    const nav = adminNav("partnerships");
    const current = nav.querySelector("[aria-current=page]");
    expect(current?.textContent).toBe("Partnerships");
    expect(nav.querySelectorAll("a")).toHaveLength(4);
  });
});
