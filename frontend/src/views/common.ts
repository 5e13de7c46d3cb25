// GOV.UK components as render functions (state in, detached DOM out).
import { h, type Child } from "../dom";
import type { ReviewState } from "../gql/graphql";
import { STATE_LABELS, STATE_TAG_CLASS } from "../format";

export function heading(text: string, caption?: string, size: "xl" | "l" | "m" = "l"): HTMLElement {
  return h(
    "h1",
    { class: `govuk-heading-${size}`, tabindex: "-1" },
    caption ? h("span", { class: `govuk-caption-${size === "xl" ? "l" : "m"}` }, caption) : null,
    text,
  );
}

export function para(...children: Child[]): HTMLParagraphElement {
  return h("p", { class: "govuk-body" }, ...children);
}

export function link(text: string, href: string, extraClass = ""): HTMLAnchorElement {
  return h("a", { class: `govuk-link${extraClass ? ` ${extraClass}` : ""}`, href }, text);
}

export function buttonLink(text: string, href: string, extraClass = ""): HTMLAnchorElement {
  return h(
    "a",
    { class: `govuk-button${extraClass ? ` ${extraClass}` : ""}`, href, role: "button", draggable: "false", "data-module": "govuk-button" },
    text,
  );
}

export function stateTag(state: ReviewState): HTMLElement {
  return h("strong", { class: `govuk-tag ${STATE_TAG_CLASS[state]}` }, STATE_LABELS[state]);
}

export function tag(text: string, colour = ""): HTMLElement {
  return h("strong", { class: `govuk-tag${colour ? ` govuk-tag--${colour}` : ""}` }, text);
}

export interface SummaryRow {
  key: string;
  value: Child | Child[];
  action?: { text: string; href: string; hidden: string } | undefined;
}

export function summaryList(rows: SummaryRow[], extraClass = ""): HTMLElement {
  return h(
    "dl",
    { class: `govuk-summary-list${extraClass ? ` ${extraClass}` : ""}` },
    ...rows.map((row) =>
      h(
        "div",
        { class: "govuk-summary-list__row" },
        h("dt", { class: "govuk-summary-list__key" }, row.key),
        h("dd", { class: "govuk-summary-list__value" }, ...(Array.isArray(row.value) ? row.value : [row.value])),
        row.action
          ? h(
              "dd",
              { class: "govuk-summary-list__actions" },
              h("a", { class: "govuk-link", href: row.action.href }, row.action.text, h("span", { class: "govuk-visually-hidden" }, ` ${row.action.hidden}`)),
            )
          : null,
      ),
    ),
  );
}

export function warningText(...children: Child[]): HTMLElement {
  return h(
    "div",
    { class: "govuk-warning-text" },
    h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
    h("strong", { class: "govuk-warning-text__text" }, h("span", { class: "govuk-visually-hidden" }, "Warning"), ...children),
  );
}

export function insetText(...children: Child[]): HTMLElement {
  return h("div", { class: "govuk-inset-text" }, ...children);
}

export function notificationBanner(
  title: string,
  content: Child | Child[],
  success = false,
): HTMLElement {
  const id = `banner-title-${Math.random().toString(36).slice(2, 8)}`;
  return h(
    "div",
    {
      class: `govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`,
      role: success ? "alert" : "region",
      "aria-labelledby": id,
      "data-module": "govuk-notification-banner",
      tabindex: "-1",
    },
    h("div", { class: "govuk-notification-banner__header" }, h("h2", { class: "govuk-notification-banner__title", id }, success ? "Success" : title)),
    h(
      "div",
      { class: "govuk-notification-banner__content" },
      ...(Array.isArray(content) ? content : [content]).map((c) =>
        typeof c === "string" ? h("p", { class: "govuk-notification-banner__heading" }, c) : c,
      ),
    ),
  );
}

export interface Column<T> {
  header: string;
  cell: (row: T) => Child | Child[];
  numeric?: boolean;
}

export function table<T>(caption: string, columns: Column<T>[], rows: T[], captionClass = "govuk-table__caption--m"): HTMLTableElement {
  return h(
    "table",
    { class: "govuk-table" },
    h("caption", { class: `govuk-table__caption ${captionClass}` }, caption),
    h(
      "thead",
      { class: "govuk-table__head" },
      h(
        "tr",
        { class: "govuk-table__row" },
        ...columns.map((c) =>
          h("th", { scope: "col", class: `govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}` }, c.header),
        ),
      ),
    ),
    h(
      "tbody",
      { class: "govuk-table__body" },
      ...rows.map((row) =>
        h(
          "tr",
          { class: "govuk-table__row" },
          ...columns.map((c) => {
            const value = c.cell(row);
            return h("td", { class: `govuk-table__cell${c.numeric ? " govuk-table__cell--numeric" : ""}` }, ...(Array.isArray(value) ? value : [value]));
          }),
        ),
      ),
    ),
  );
}

export function backLink(text: string, href: string): HTMLAnchorElement {
  return h("a", { class: "govuk-back-link", href }, text);
}

export function details(summary: string, ...children: Child[]): HTMLDetailsElement {
  return h(
    "details",
    { class: "govuk-details" },
    h("summary", { class: "govuk-details__summary" }, h("span", { class: "govuk-details__summary-text" }, summary)),
    h("div", { class: "govuk-details__text" }, ...children),
  );
}

/** Multi-line text from the API shown as paragraphs (never as HTML). */
export function paragraphs(text: string, cls = "govuk-body"): HTMLElement[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => h("p", { class: `${cls} pre-line` }, p));
}
