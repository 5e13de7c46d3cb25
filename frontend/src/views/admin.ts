// Admin: installed scoring plugins and the plugin calls that failed.
import { ApiError } from "../api/session";
import type { AppContext, Page } from "../context";
import { h } from "../dom";
import { formatDateTime } from "../format";
import { PluginsDocument } from "../gql/graphql";
import { heading, para, table, tag } from "./common";
import { adminNav } from "./adminPages";

export async function adminPluginsPage(ctx: AppContext): Promise<Page> {
  if (ctx.me.globalRole !== "ADMIN") return { title: "Plugins", element: h("div", {}, heading("Plugins"), para("Only administrators can see the plugins.")) };
  let data;
  try {
    data = await ctx.session.run(PluginsDocument, {});
  } catch (error) {
    if (error instanceof ApiError && error.code === "FORBIDDEN") return { title: "Plugins", element: h("div", {}, heading("Plugins"), para("Only administrators can see the plugins.")) };
    throw error;
  }
  const element = h(
    "div",
    {},
    adminNav("plugins"),
    heading("Scoring plugins", "Administration"),
    table("Installed plugins", [
      { header: "Plugin", cell: (p) => [h("strong", {}, `${p.name} ${p.version}`), h("span", { class: "govuk-hint govuk-!-display-block" }, p.source)] },
      { header: "Hooks", cell: (p) => p.hooks.join(", ") },
      { header: "Status", cell: (p) => (p.error ? [tag("Failed to load", "red"), h("span", { class: "govuk-!-display-block" }, p.error)] : p.enabled ? tag("Enabled", "green") : tag("Disabled", "grey")) },
      { header: "Settings", cell: (p) => (p.settings.length ? h("ul", { class: "govuk-list govuk-body-s" }, ...p.settings.map((s) => h("li", {}, `${s.name}: ${s.number ?? s.text ?? ""}`))) : "Defaults") },
    ], data.plugins),
    h("h2", { class: "govuk-heading-m" }, `Plugin failures (${data.pluginFailures.totalCount})`),
    data.pluginFailures.nodes.length === 0
      ? para("No plugin call has failed.")
      : table("Newest first", [
          { header: "When", cell: (f) => formatDateTime(f.computedAt) },
          { header: "Plugin", cell: (f) => `${f.plugin} ${f.pluginVersion}` },
          { header: "On", cell: (f) => `${f.subject} ${f.subjectId}` },
          { header: "Error", cell: (f) => f.error },
        ], data.pluginFailures.nodes, "govuk-table__caption--s"),
  );
  return { title: "Plugins", element };
}
