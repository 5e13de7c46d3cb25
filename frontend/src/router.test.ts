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
    expect(parseRoute("#/admin/users?search=head")).toEqual({ name: "adminUsers" });
    expect(parseRoute("#/admin/partnerships")).toEqual({ name: "adminPartnerships" });
    expect(parseRoute("#/admin/data")).toEqual({ name: "adminData" });
    expect(parseRoute("#/moderation")).toEqual({ name: "moderationQueue" });
    expect(parseRoute("#/moderation/concerns")).toEqual({ name: "concernInbox" });
    expect(parseRoute("#/moderation/statistics")).toEqual({ name: "statistics" });
    expect(parseRoute("#/moderation/statistics?from=2026-09-01")).toEqual({ name: "statistics" });
    expect(parseRoute("#/reviews/abc/moderation")).toEqual({ name: "review", reviewId: "abc", section: "moderation" });
    expect(parseRoute("#/reviews/abc/assurance")).toEqual({ name: "review", reviewId: "abc", section: "assurance" });
  });

  it("refuses what it does not know", () => {
    expect(parseRoute("#/reviews/abc/nonsense").name).toBe("notFound");
    expect(parseRoute("#/reviews/abc/evidence/extra").name).toBe("notFound");
    expect(parseRoute("#/schools/abc").name).toBe("notFound");
    expect(parseRoute("#/moderation/other").name).toBe("notFound");
    expect(parseRoute("#/reviews/abc/moderation/inclusion").name).toBe("notFound");
  });

  it("builds hrefs that parse back", () => {
    for (const hash of [reviewHref("UmV2aWV3OjE="), reviewHref("UmV2aWV3OjE=", "consensus", "achievement"), href({ name: "school", urn: 5 }), href({ name: "home" }), href({ name: "moderationQueue" }), href({ name: "statistics" }), href({ name: "concernInbox" }), reviewHref("x", "consultations")]) {
      expect(href(parseRoute(hash))).toBe(hash);
    }
  });
});
