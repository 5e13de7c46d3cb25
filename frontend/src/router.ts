// A hash router: "#/reviews/<id>/evidence" <-> { name: "evidence", reviewId }.
// Hash routing needs no server support: the app serves one index.html at "/".

export type ReviewSection =
  | "overview"
  | "team"
  | "self-evaluation"
  | "evidence"
  | "judgements"
  | "consensus"
  | "placements"
  | "concern"
  | "concerns"
  | "moderation"
  | "assurance"
  | "consultations"
  | "report";

export const REVIEW_SECTIONS: readonly ReviewSection[] = [
  "overview",
  "team",
  "self-evaluation",
  "evidence",
  "judgements",
  "consensus",
  "placements",
  "concern",
  "concerns",
  "moderation",
  "assurance",
  "consultations",
  "report",
];

export type Route =
  | { name: "home" }
  | { name: "newReview" }
  | { name: "review"; reviewId: string; section: ReviewSection; areaKey?: string }
  | { name: "school"; urn: number }
  | { name: "adminPlugins" }
  | { name: "adminUsers" }
  | { name: "adminPartnerships" }
  | { name: "adminData" }
  | { name: "moderationQueue" }
  | { name: "concernInbox" }
  | { name: "statistics" }
  | { name: "notFound"; path: string };

export function parseRoute(hash: string): Route {
  // A query after "?" (e.g. the statistics filter) is read by the page, not routed.
  const path = (hash.replace(/^#/, "").split("?")[0] ?? "").replace(/^\/+/, "").replace(/\/+$/, "");
  const parts = path === "" ? [] : path.split("/").map((p) => safeDecode(p));
  const [first, second, third, fourth] = parts;
  if (parts.length === 0) return { name: "home" };
  if (first === "reviews" && second === "new" && parts.length === 2) return { name: "newReview" };
  if (first === "reviews" && second && parts.length <= 4) {
    const section = (third ?? "overview") as ReviewSection;
    if (!REVIEW_SECTIONS.includes(section)) return { name: "notFound", path };
    const areaSections: ReviewSection[] = ["self-evaluation", "judgements", "consensus"];
    if (fourth !== undefined && !areaSections.includes(section)) return { name: "notFound", path };
    return fourth === undefined
      ? { name: "review", reviewId: second, section }
      : { name: "review", reviewId: second, section, areaKey: fourth };
  }
  if (first === "schools" && second && parts.length === 2 && /^\d{1,9}$/.test(second)) {
    return { name: "school", urn: Number(second) };
  }
  if (first === "admin" && second === "plugins" && parts.length === 2) return { name: "adminPlugins" };
  if (first === "admin" && second === "users" && parts.length === 2) return { name: "adminUsers" };
  if (first === "admin" && second === "partnerships" && parts.length === 2) return { name: "adminPartnerships" };
  if (first === "admin" && second === "data" && parts.length === 2) return { name: "adminData" };
  if (first === "moderation" && parts.length === 1) return { name: "moderationQueue" };
  if (first === "moderation" && second === "concerns" && parts.length === 2) return { name: "concernInbox" };
  if (first === "moderation" && second === "statistics" && parts.length === 2) return { name: "statistics" };
  return { name: "notFound", path };
}

export function href(route: Route): string {
  switch (route.name) {
    case "home":
      return "#/";
    case "newReview":
      return "#/reviews/new";
    case "review": {
      let out = `#/reviews/${encodeURIComponent(route.reviewId)}`;
      if (route.section !== "overview" || route.areaKey) out += `/${route.section}`;
      if (route.areaKey) out += `/${encodeURIComponent(route.areaKey)}`;
      return out;
    }
    case "school":
      return `#/schools/${route.urn}`;
    case "adminPlugins":
      return "#/admin/plugins";
    case "adminUsers":
      return "#/admin/users";
    case "adminPartnerships":
      return "#/admin/partnerships";
    case "adminData":
      return "#/admin/data";
    case "moderationQueue":
      return "#/moderation";
    case "concernInbox":
      return "#/moderation/concerns";
    case "statistics":
      return "#/moderation/statistics";
    case "notFound":
      return `#/${route.path}`;
  }
}

export function reviewHref(reviewId: string, section: ReviewSection = "overview", areaKey?: string): string {
  return href(
    areaKey === undefined
      ? { name: "review", reviewId, section }
      : { name: "review", reviewId, section, areaKey },
  );
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
