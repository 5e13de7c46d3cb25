// The review workspace: a header every section shares (state, live status, sections, the
// always-visible "Raise a safeguarding concern"), then one section.
import type { AppContext, Page } from "../../context";
import { h } from "../../dom";
import { reviewHref, type ReviewSection, type Route } from "../../router";
import { notFound } from "../../pages";
import { notificationBanner, stateTag } from "../common";
import { canRaiseConcern, SECTION_LABELS, visibleSections } from "./access";
import { concernSection, concernsSection } from "./concern";
import { consultationsSection } from "./consultations";
import { evidenceSection } from "./evidence";
import { factualSection } from "./factual";
import { moderationSection } from "./moderation";
import { judgementSection } from "./judgements";
import { overviewSection } from "./overview";
import { placementsSection } from "./placements";
import { reportSection } from "./report";
import { teamSection } from "./team";
import { loadReview } from "./load";
import type { Review, SectionRenderer } from "./types";

const SECTIONS: Record<ReviewSection, SectionRenderer> = {
  overview: overviewSection,
  team: teamSection,
  "self-evaluation": (ctx, review, area) => judgementSection(ctx, review, "SELF_EVALUATION", area),
  evidence: evidenceSection,
  judgements: (ctx, review, area) => judgementSection(ctx, review, "INDEPENDENT", area),
  consensus: (ctx, review, area) => judgementSection(ctx, review, "CONSENSUS", area),
  placements: placementsSection,
  concern: concernSection,
  concerns: concernsSection,
  moderation: moderationSection,
  assurance: factualSection,
  consultations: consultationsSection,
  report: reportSection,
};

export async function reviewPage(ctx: AppContext, route: Extract<Route, { name: "review" }>): Promise<Page> {
  const review = await loadReview(ctx, route.reviewId);
  if (!review) return notFound();
  const section = await SECTIONS[route.section](ctx, review, route.areaKey);
  const element = h("div", { class: "review" }, renderReviewHeader(review, route.section), h("div", { class: "review__section" }, section.element));

  // Typing in a form marks the page dirty: live updates then ask before re-rendering.
  let dirty = false;
  element.addEventListener("input", () => {
    dirty = true;
  });
  const onLiveUpdate = (kind: string) => {
    if (section.onLiveUpdate) {
      section.onLiveUpdate(kind);
      return;
    }
    if (kind === "poll.tick") return;
    if (!dirty) {
      ctx.refresh();
      return;
    }
    const slot = element.querySelector(".live-update-slot");
    if (!slot || slot.childElementCount > 0) return;
    const button = h("button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0" }, "Show the changes");
    button.addEventListener("click", () => ctx.refresh());
    slot.append(
      notificationBanner("Important", [
        h("p", { class: "govuk-body" }, "Someone changed this review while you were working. What you typed here is kept until you choose to show the changes."),
        button,
      ]),
    );
  };
  const page: Page = { title: `${section.title} – ${review.title}`, element, liveReviewId: review.id, onLiveUpdate };
  if (section.dispose) page.dispose = section.dispose;
  return page;
}

export function renderReviewHeader(review: Review, current: ReviewSection): HTMLElement {
  const sections = visibleSections(review);
  return h(
    "div",
    { class: "review-header" },
    h(
      "div",
      { class: "review-header__bar" },
      h("p", { class: "govuk-body govuk-!-margin-bottom-1 review-header__title" }, h("span", { class: "govuk-visually-hidden" }, "Review: "), review.hostSchool?.name ?? "", " – ", review.title),
      h("p", { class: "govuk-body govuk-!-margin-bottom-1" }, h("span", { class: "govuk-visually-hidden" }, "State: "), stateTag(review.state), " ", h("span", { class: "live-status govuk-hint", "aria-live": "polite" })),
      canRaiseConcern(review)
        ? h("a", { class: "govuk-button govuk-button--warning govuk-!-margin-bottom-2 raise-concern", href: reviewHref(review.id, "concern"), role: "button", draggable: "false" }, "Raise a safeguarding concern")
        : null,
    ),
    h(
      "nav",
      { class: "review-nav", "aria-label": "Review sections" },
      h(
        "ul",
        { class: "review-nav__list" },
        ...sections.map((section) =>
          h(
            "li",
            { class: `review-nav__item${section === current ? " review-nav__item--current" : ""}` },
            h("a", { class: "govuk-link govuk-link--no-visited-state review-nav__link", href: reviewHref(review.id, section), "aria-current": section === current ? "page" : undefined }, SECTION_LABELS[section]),
          ),
        ),
      ),
    ),
    h("div", { class: "live-update-slot" }),
  );
}
