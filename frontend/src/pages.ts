// Route -> page. Each page module loads its data through the session and returns a Page.
import type { AppContext, Page } from "./context";
import { h } from "./dom";
import type { Route } from "./router";
import { adminPluginsPage } from "./views/admin";
import { adminDataPage, adminPartnershipsPage, adminUsersPage } from "./views/adminPages";
import { heading, link, para } from "./views/common";
import { homePage } from "./views/home";
import { concernInboxPage } from "./views/moderation/concerns";
import { moderationQueuePage } from "./views/moderation/queue";
import { statisticsPage } from "./views/moderation/statistics";
import { newReviewPage } from "./views/newReview";
import { reviewPage } from "./views/review/workspace";
import { schoolPage } from "./views/school";

export async function renderPage(route: Route, ctx: AppContext): Promise<Page> {
  switch (route.name) {
    case "home":
      return homePage(ctx);
    case "newReview":
      return newReviewPage(ctx);
    case "review":
      return reviewPage(ctx, route);
    case "school":
      return schoolPage(ctx, route.urn);
    case "adminPlugins":
      return adminPluginsPage(ctx);
    case "adminUsers":
      return adminUsersPage(ctx);
    case "adminPartnerships":
      return adminPartnershipsPage(ctx);
    case "adminData":
      return adminDataPage(ctx);
    case "moderationQueue":
      return moderationQueuePage(ctx);
    case "concernInbox":
      return concernInboxPage(ctx);
    case "statistics":
      return statisticsPage(ctx);
    case "notFound":
      return notFound();
  }
}

export function notFound(): Page {
  return {
    title: "Page not found",
    element: h("div", {}, heading("Page not found"), para("If you typed the web address, check it is correct."), para(link("Go to your home page", "#/"))),
  };
}
