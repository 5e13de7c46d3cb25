import { describe, expect, it } from "vitest";
import { href, parseRoute, reviewHref } from "./router";

describe("router", () => {
  it("parses the routes", () => {
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("#/")).toEqual({ name: "home" });
    expect(parseRoute("#/reviews/new")).toEqual({ name: "newReview" });
    expect(parseRoute("#/reviews/UmV2aWV3OjE%3D")).toEqual({ name: "review", reviewId: "UmV2aWV3OjE=", section: "overview" });
    expect(parseRoute("#/reviews/abc/judgements/inclusion")).toEqual({ name: "review", reviewId: "abc", section: "judgements", areaKey: "inclusion" });
    expect(parseRoute("#/schools/990001")).toEqual({ name: "school", urn: 990001 });
    expect(parseRoute("#/admin/plugins")).toEqual({ name: "adminPlugins" });
  });

  it("refuses what it does not know", () => {
    expect(parseRoute("#/reviews/abc/nonsense").name).toBe("notFound");
    expect(parseRoute("#/reviews/abc/evidence/extra").name).toBe("notFound");
    expect(parseRoute("#/schools/abc").name).toBe("notFound");
  });

  it("builds hrefs that parse back", () => {
    for (const hash of [reviewHref("UmV2aWV3OjE="), reviewHref("UmV2aWV3OjE=", "consensus", "achievement"), href({ name: "school", urn: 5 }), href({ name: "home" })]) {
      expect(href(parseRoute(hash))).toBe(hash);
    }
  });
});
