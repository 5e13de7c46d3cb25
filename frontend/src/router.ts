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
  "report",
];

export type Route =
  | { name: "home" }
  | { name: "newReview" }
  | { name: "review"; reviewId: string; section: ReviewSection; areaKey?: string }
  | { name: "school"; urn: number }
  | { name: "adminPlugins" }
  // Moderation screens (queue, decisions, appeals, statistics) slot in here when the API lands.
  | { name: "notFound"; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/^\/+/, "").replace(/\/+$/, "");
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
