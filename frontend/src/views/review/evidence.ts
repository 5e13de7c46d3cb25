// The evidence log, built for a tablet during the visit: quick add at the top (kind, what was
// seen, area tags), the log below with a filter by area. Evidence that cannot be sent (offline,
// server unreachable) is kept on the device and re-sent; the personal-data check's refusal is
// shown next to the text with a confirmation to tick only when no pupil is named.
import { TransportError } from "../../api/transport";
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { EVIDENCE_KIND_LABELS, formatDateTime } from "../../format";
import { applyErrors, checkboxes, clearErrors, onSubmit, personalDataConfirm, radios, select, submitButton, text, textArea, type FormError } from "../../forms";
import { AddEvidenceDocument, ReviewEvidenceDocument, type EvidenceFieldsFragment, type EvidenceInput, type EvidenceKind } from "../../gql/graphql";
import type { Draft } from "../../outbox";
import { heading, para, tag } from "../common";
import type { Review, Section } from "./types";
import { everyPage } from "../../paging";

const KINDS = Object.keys(EVIDENCE_KIND_LABELS) as EvidenceKind[];
const LAST_KIND = "peerqa.lastEvidenceKind";

export function canAddEvidence(review: Review): boolean {
  return review.access.isTeam && (review.state === "VISIT" || review.state === "CONSENSUS");
}

export async function evidenceSection(ctx: AppContext, review: Review): Promise<Section> {
  let filter = "";
  const list = h("div", { class: "evidence-list", "aria-live": "polite", "aria-busy": "false" });
  const drafts = h("div", { class: "evidence-drafts" });
  const status = h("div", { class: "evidence-status", role: "status" });

  const refreshList = async () => {
    list.setAttribute("aria-busy", "true");
    try {
      const items = await allEvidence(ctx, review.id, filter || null);
      list.replaceChildren(renderEvidenceList(items, review, filter));
    } catch (error) {
      if (error instanceof TransportError) list.replaceChildren(para("The evidence could not be loaded: you may be offline. Evidence you add is kept on this device until it can be sent."));
      else throw error;
    } finally {
      list.setAttribute("aria-busy", "false");
    }
  };

  const renderDrafts = () => drafts.replaceChildren(renderDraftList(ctx.outbox.list(review.id), (draft) => void sendDraft(draft)));

  const sendDraft = async (draft: Draft): Promise<boolean> => {
    try {
      const payload = (await ctx.session.run(AddEvidenceDocument, { input: { reviewId: review.id, evidence: draft.evidence } })).addEvidence;
      if (payload.errors.length > 0) {
        // The server refused it (e.g. personal data): put it back in the form to fix.
        ctx.outbox.remove(review.id, draft.localId);
        fillForm(form, draft.evidence);
        applyErrors(form, payload.errors, "ev-");
        renderDrafts();
        return false;
      }
      ctx.outbox.remove(review.id, draft.localId);
      renderDrafts();
      return true;
    } catch (error) {
      if (error instanceof TransportError) return false;
      throw error;
    }
  };

  // One sender at a time: the browser's "online" event and "Send now" must not send a draft twice.
  let sending = false;
  const sendAllDrafts = async () => {
    if (sending) return;
    sending = true;
    let sent = 0;
    try {
      for (const draft of ctx.outbox.list(review.id)) {
        if (await sendDraft(draft)) sent += 1;
        else break;
      }
    } finally {
      sending = false;
    }
    if (sent > 0) {
      status.replaceChildren(successMessage(`${sent} saved ${sent === 1 ? "piece" : "pieces"} of evidence sent.`));
      await refreshList();
    }
  };

  const form = quickAddForm(review);
  onSubmit(form, async (fd) => {
    clearErrors(form);
    status.replaceChildren();
    const evidence = readForm(fd);
    const local = validate(evidence);
    if (local.length > 0) {
      applyErrors(form, local, "ev-");
      return;
    }
    window.localStorage.setItem(LAST_KIND, evidence.kind);
    let payload;
    try {
      payload = (await ctx.session.run(AddEvidenceDocument, { input: { reviewId: review.id, evidence } })).addEvidence;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      ctx.outbox.add(review.id, evidence);
      resetForm(form);
      renderDrafts();
      status.replaceChildren(warningMessage("No connection: the evidence is saved on this device and will be sent when the connection is back."));
      return;
    }
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "ev-");
      return;
    }
    resetForm(form);
    status.replaceChildren(successMessage("Evidence added."));
    form.querySelector<HTMLTextAreaElement>("textarea[name=text]")?.focus();
    await refreshList();
  });

  const filterForm = h(
    "form",
    { novalidate: true, class: "evidence-filter" },
    select({ name: "areaKey", label: "Show evidence for", options: [{ value: "", label: "All areas" }, ...review.areas.map((a) => ({ value: a.key, label: a.name }))], idPrefix: "filter-" }),
    h("button", { type: "submit", class: "govuk-button govuk-button--secondary" }, "Apply filter"),
  );
  filterForm.addEventListener("submit", (event) => {
    event.preventDefault();
    filter = text(new FormData(filterForm), "areaKey");
    void refreshList();
  });
  filterForm.querySelector("select")?.addEventListener("change", () => filterForm.requestSubmit());

  const onOnline = () => void sendAllDrafts();
  window.addEventListener("online", onOnline);

  const element = h(
    "div",
    { class: "evidence" },
    heading("Evidence", review.title),
    canAddEvidence(review) ? form : para("Evidence can be added during the visit and consensus."),
    status,
    drafts,
    h("h2", { class: "govuk-heading-m" }, "The team's evidence"),
    filterForm,
    list,
  );
  element.addEventListener("click", (event) => {
    if ((event.target as HTMLElement).closest(".send-drafts")) void sendAllDrafts();
  });
  renderDrafts();
  await refreshList();
  if (ctx.outbox.list(review.id).length > 0 && navigator.onLine) void sendAllDrafts();

  return {
    title: "Evidence",
    element,
    onLiveUpdate: (kind) => {
      if (kind.startsWith("evidence") || kind.startsWith("poll.")) void refreshList();
    },
    dispose: () => window.removeEventListener("online", onOnline),
  };
}

/** Every piece of the review's evidence (for one area, or all), page after page. */
export async function allEvidence(ctx: AppContext, reviewId: string, areaKey: string | null): Promise<EvidenceFieldsFragment[]> {
  return everyPage(async (after) => {
    const node = (await ctx.session.run(ReviewEvidenceDocument, { id: reviewId, areaKey, after })).node;
    return node && "evidence" in node ? node.evidence : { nodes: [], pageInfo: { hasNextPage: false } };
  });
}

export function quickAddForm(review: Review): HTMLFormElement {
  const lastKind = window.localStorage.getItem(LAST_KIND);
  return h(
    "form",
    { novalidate: true, class: "evidence-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Add evidence"),
    radios({ name: "kind", label: "Kind of evidence", options: KINDS.map((k) => ({ value: k, label: EVIDENCE_KIND_LABELS[k] })), value: lastKind && KINDS.includes(lastKind as EvidenceKind) ? lastKind : "LESSON_VISIT", small: true, idPrefix: "ev-" }),
    textArea({ name: "text", label: "What you saw or heard", labelClass: "govuk-label--s", hint: "Describe the practice, not the child: no pupil names, dates of birth or pupil numbers.", rows: 5, idPrefix: "ev-" }),
    checkboxes({ name: "areaKeys", label: "Areas it is evidence for", hint: "Choose 1 to 12.", options: review.areas.map((a) => ({ value: a.key, label: a.name })), small: true, idPrefix: "ev-" }),
    personalDataConfirm("ev-"),
    submitButton("Add evidence"),
  );
}

export function readForm(fd: FormData): EvidenceInput {
  return {
    kind: (text(fd, "kind") || "LESSON_VISIT") as EvidenceKind,
    text: text(fd, "text").trim(),
    areaKeys: fd.getAll("areaKeys").map(String),
    confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true",
  };
}

export function validate(evidence: EvidenceInput): FormError[] {
  const errors: FormError[] = [];
  if (!evidence.text) errors.push({ code: "VALIDATION", field: "text", message: "Write what you saw or heard" });
  if (evidence.areaKeys.length === 0) errors.push({ code: "VALIDATION", field: "areaKeys", message: "Choose at least one area" });
  return errors;
}

function resetForm(form: HTMLFormElement): void {
  const area = form.querySelector<HTMLTextAreaElement>("textarea[name=text]");
  if (area) area.value = "";
  for (const box of form.querySelectorAll<HTMLInputElement>("input[name=areaKeys], input[name=confirmNoPersonalData]")) box.checked = false;
  const confirm = form.querySelector<HTMLElement>("[data-personal-data-confirm]");
  if (confirm) confirm.hidden = true;
  clearErrors(form);
}

function fillForm(form: HTMLFormElement, evidence: EvidenceInput): void {
  const area = form.querySelector<HTMLTextAreaElement>("textarea[name=text]");
  if (area) area.value = evidence.text;
  for (const radio of form.querySelectorAll<HTMLInputElement>("input[name=kind]")) radio.checked = radio.value === evidence.kind;
  const keys = Array.isArray(evidence.areaKeys) ? evidence.areaKeys : [evidence.areaKeys];
  for (const box of form.querySelectorAll<HTMLInputElement>("input[name=areaKeys]")) box.checked = keys.includes(box.value);
}

export function renderEvidenceList(items: EvidenceFieldsFragment[], review: Review, filter: string): HTMLElement {
  const areaName = review.areas.find((a) => a.key === filter)?.name;
  if (items.length === 0) return para(filter ? `No evidence for ${areaName ?? filter} yet.` : "No evidence yet.");
  return h(
    "div",
    {},
    para(`${items.length} ${items.length === 1 ? "piece" : "pieces"} of evidence${areaName ? ` for ${areaName}` : ""}.`),
    h(
      "ol",
      { class: "govuk-list evidence-log" },
      ...[...items].reverse().map((e) =>
        h(
          "li",
          { class: "govuk-summary-card evidence-item" },
          h("div", { class: "govuk-summary-card__title-wrapper" }, h("h3", { class: "govuk-summary-card__title" }, `${EVIDENCE_KIND_LABELS[e.kind]} – ${formatDateTime(e.observedAt)}`)),
          h(
            "div",
            { class: "govuk-summary-card__content" },
            h("p", { class: "govuk-body pre-line" }, e.text),
            h("p", { class: "govuk-body-s govuk-!-margin-bottom-1" }, `Recorded by ${e.author?.displayName ?? "a team member"}`),
            h("ul", { class: "govuk-list evidence-item__areas", "aria-label": "Areas" }, ...e.areas.map((a) => h("li", {}, tag(a.name, "grey")))),
          ),
        ),
      ),
    ),
  );
}

export function renderDraftList(drafts: Draft[], _send: (draft: Draft) => void): HTMLElement {
  if (drafts.length === 0) return h("div", {});
  return h(
    "div",
    { class: "govuk-inset-text evidence-drafts__panel" },
    h("h2", { class: "govuk-heading-s" }, `Saved on this device, not sent yet (${drafts.length})`),
    h("ul", { class: "govuk-list govuk-list--bullet" }, ...drafts.map((d) => h("li", {}, `${EVIDENCE_KIND_LABELS[d.evidence.kind]}: ${d.evidence.text.slice(0, 80)}${d.evidence.text.length > 80 ? "…" : ""}`))),
    h("button", { type: "button", class: "govuk-button govuk-button--secondary send-drafts" }, "Send now"),
  );
}

function successMessage(message: string): HTMLElement {
  return h("div", { class: "govuk-inset-text evidence-status__ok" }, h("p", { class: "govuk-body govuk-!-font-weight-bold" }, message));
}

function warningMessage(message: string): HTMLElement {
  return h("div", { class: "govuk-warning-text" }, h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"), h("strong", { class: "govuk-warning-text__text" }, h("span", { class: "govuk-visually-hidden" }, "Warning"), message));
}
