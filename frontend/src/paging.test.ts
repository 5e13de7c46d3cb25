import { describe, expect, it } from "vitest";
import { everyPage, withoutRepeats, type PageOf } from "./paging";

describe("everyPage", () => {
  it("follows the cursor to the last page", async () => {
    const pages: Record<string, PageOf<number>> = {
      first: { nodes: [1, 2], pageInfo: { hasNextPage: true, endCursor: "a" } },
      a: { nodes: [3], pageInfo: { hasNextPage: true, endCursor: "b" } },
      b: { nodes: [4], pageInfo: { hasNextPage: false, endCursor: "c" } },
    };
    const asked: (string | null)[] = [];
    const nodes = await everyPage(async (after) => {
      asked.push(after);
      const page = pages[after ?? "first"];
      if (page === undefined) throw new Error(`no page after ${after}`);
      return page;
    });
    expect(nodes).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([null, "a", "b"]);
  });

  it("stops when a page has no cursor, whatever it says", async () => {
    const nodes = await everyPage(async () => ({ nodes: ["x"], pageInfo: { hasNextPage: true, endCursor: null } }));
    expect(nodes).toEqual(["x"]);
  });
});

describe("withoutRepeats", () => {
  it("adds only the nodes not already there, in order", () => {
    expect(withoutRepeats([{ id: "1" }, { id: "2" }], [{ id: "2" }, { id: "3" }])).toEqual([{ id: "1" }, { id: "2" }, { id: "3" }]);
  });
});
