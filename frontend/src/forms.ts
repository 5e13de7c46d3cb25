// GOV.UK form patterns: fields with labels, hints and error messages; the error summary;
// server `errors` (UserError: code, field, message, currentVersion) mapped to the fields.
import { h, type Child } from "./dom";

export interface FormError {
  code: string;
  /** The input field (camelCase) the error is about, or null for the whole form. */
  field: string | null;
  message: string;
  currentVersion?: number | null;
}

interface Base {
  /** The GraphQL input field name; the control's name, and the key errors use. */
  name: string;
  label: string;
  hint?: string;
  /** Prefix for element ids, when a page has several forms. */
  idPrefix?: string;
}

export function fieldId(name: string, idPrefix = ""): string {
  return `${idPrefix}${name}`;
}

function group(name: string, ...children: Child[]): HTMLDivElement {
  return h("div", { class: "govuk-form-group", "data-field": name }, ...children);
}

function hint(id: string, text?: string): HTMLElement | null {
  return text ? h("div", { class: "govuk-hint", id: `${id}-hint` }, text) : null;
}

export interface TextOptions extends Base {
  value?: string;
  type?: "text" | "email" | "password" | "date" | "number" | "datetime-local";
  autocomplete?: string;
  widthClass?: string;
  inputmode?: string;
}

export function textField(o: TextOptions): HTMLDivElement {
  const id = fieldId(o.name, o.idPrefix);
  return group(
    o.name,
    h("label", { class: "govuk-label", for: id }, o.label),
    hint(id, o.hint),
    h("input", {
      class: `govuk-input${o.widthClass ? ` ${o.widthClass}` : ""}`,
      id,
      name: o.name,
      type: o.type ?? "text",
      autocomplete: o.autocomplete,
      inputmode: o.inputmode,
      spellcheck: o.type === "email" || o.type === "password" ? "false" : undefined,
      value: o.value,
      "aria-describedby": o.hint ? `${id}-hint` : undefined,
    }),
  );
}

export interface TextAreaOptions extends Base {
  value?: string;
  rows?: number;
  labelClass?: string;
}

export function textArea(o: TextAreaOptions): HTMLDivElement {
  const id = fieldId(o.name, o.idPrefix);
  const area = h("textarea", {
    class: "govuk-textarea",
    id,
    name: o.name,
    rows: o.rows ?? 5,
    "aria-describedby": o.hint ? `${id}-hint` : undefined,
  });
  area.value = o.value ?? "";
  return group(
    o.name,
    h("label", { class: `govuk-label${o.labelClass ? ` ${o.labelClass}` : ""}`, for: id }, o.label),
    hint(id, o.hint),
    area,
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export interface ChoiceOptions extends Base {
  options: Option[];
  legendClass?: string;
  inline?: boolean;
  small?: boolean;
}

function fieldset(o: ChoiceOptions, id: string, body: HTMLElement): HTMLFieldSetElement {
  return h(
    "fieldset",
    { class: "govuk-fieldset", "aria-describedby": o.hint ? `${id}-hint` : undefined },
    h("legend", { class: `govuk-fieldset__legend ${o.legendClass ?? "govuk-fieldset__legend--s"}` }, o.label),
    hint(id, o.hint),
    body,
  );
}

/** Radios; the first input has the field's id, so error links land on it. */
export function radios(o: ChoiceOptions & { value?: string | null }): HTMLDivElement {
  const id = fieldId(o.name, o.idPrefix);
  const items = o.options.map((option, index) => {
    const inputId = index === 0 ? id : `${id}-${index + 1}`;
    const hintId = `${inputId}-item-hint`;
    return h(
      "div",
      { class: "govuk-radios__item" },
      h("input", {
        class: "govuk-radios__input",
        id: inputId,
        name: o.name,
        type: "radio",
        value: option.value,
        checked: option.value === o.value,
        "aria-describedby": option.hint ? hintId : undefined,
      }),
      h("label", { class: "govuk-label govuk-radios__label", for: inputId }, option.label),
      option.hint ? h("div", { class: "govuk-hint govuk-radios__hint", id: hintId }, option.hint) : null,
    );
  });
  const cls = `govuk-radios${o.inline ? " govuk-radios--inline" : ""}${o.small ? " govuk-radios--small" : ""}`;
  return group(o.name, fieldset(o, id, h("div", { class: cls, "data-module": "govuk-radios" }, ...items)));
}

export function checkboxes(o: ChoiceOptions & { values?: string[] }): HTMLDivElement {
  const id = fieldId(o.name, o.idPrefix);
  const chosen = new Set(o.values ?? []);
  const items = o.options.map((option, index) => {
    const inputId = index === 0 ? id : `${id}-${index + 1}`;
    const hintId = `${inputId}-item-hint`;
    return h(
      "div",
      { class: "govuk-checkboxes__item" },
      h("input", {
        class: "govuk-checkboxes__input",
        id: inputId,
        name: o.name,
        type: "checkbox",
        value: option.value,
        checked: chosen.has(option.value),
        "aria-describedby": option.hint ? hintId : undefined,
      }),
      h("label", { class: "govuk-label govuk-checkboxes__label", for: inputId }, option.label),
      option.hint ? h("div", { class: "govuk-hint govuk-checkboxes__hint", id: hintId }, option.hint) : null,
    );
  });
  const cls = `govuk-checkboxes${o.small ? " govuk-checkboxes--small" : ""}`;
  return group(o.name, fieldset(o, id, h("div", { class: cls, "data-module": "govuk-checkboxes" }, ...items)));
}

export function select(o: Base & { options: Option[]; value?: string }): HTMLDivElement {
  const id = fieldId(o.name, o.idPrefix);
  return group(
    o.name,
    h("label", { class: "govuk-label", for: id }, o.label),
    hint(id, o.hint),
    h(
      "select",
      { class: "govuk-select", id, name: o.name, "aria-describedby": o.hint ? `${id}-hint` : undefined },
      ...o.options.map((option) =>
        h("option", { value: option.value, selected: option.value === o.value }, option.label),
      ),
    ),
  );
}

/**
 * The personal-data confirmation, hidden until the server refuses text as PERSONAL_DATA.
 * Sent as `confirmNoPersonalData`.
 */
export function personalDataConfirm(idPrefix = ""): HTMLDivElement {
  const box = checkboxes({
    name: "confirmNoPersonalData",
    label: "Personal data check",
    hint: "peerqa thinks this text may identify a pupil. Remove names and other identifying details. Only if you are sure it names no pupil (for example, it is a member of staff), tick the box and save again.",
    options: [{ value: "true", label: "I am sure this names no pupil" }],
    idPrefix,
  });
  box.hidden = true;
  box.setAttribute("data-personal-data-confirm", "");
  return box;
}

export function submitButton(text: string, extraClass = ""): HTMLButtonElement {
  return h(
    "button",
    { type: "submit", class: `govuk-button${extraClass ? ` ${extraClass}` : ""}`, "data-module": "govuk-button" },
    text,
  );
}

/** GOV.UK error summary. Field errors link to their field; others are plain text. */
export function renderErrorSummary(errors: FormError[], idPrefix = "", knownFields?: Set<string>): HTMLElement {
  const items = errors.map((error) => {
    const linked = error.field !== null && (!knownFields || knownFields.has(error.field));
    return h("li", {}, linked ? h("a", { href: `#${fieldId(error.field ?? "", idPrefix)}` }, error.message) : error.message);
  });
  const summary = h(
    "div",
    { class: "govuk-error-summary", "data-module": "govuk-error-summary", tabindex: "-1" },
    h(
      "div",
      { role: "alert" },
      h("h2", { class: "govuk-error-summary__title" }, "There is a problem"),
      h("div", { class: "govuk-error-summary__body" }, h("ul", { class: "govuk-list govuk-error-summary__list" }, ...items)),
    ),
  );
  for (const link of summary.querySelectorAll<HTMLAnchorElement>("a")) {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      event.preventDefault();
      const group = target.closest(".govuk-form-group");
      (group?.querySelector("legend, label") ?? target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }
  return summary;
}

/** Remove error messages, classes and the summary from a form. */
export function clearErrors(form: HTMLElement): void {
  form.querySelector(":scope > .govuk-error-summary, .error-summary-slot > .govuk-error-summary")?.remove();
  for (const message of form.querySelectorAll(".govuk-error-message[data-generated]")) message.remove();
  for (const groupEl of form.querySelectorAll(".govuk-form-group--error")) groupEl.classList.remove("govuk-form-group--error");
  for (const control of form.querySelectorAll<HTMLElement>("[data-error-describedby]")) {
    const original = control.getAttribute("data-error-describedby") ?? "";
    if (original) control.setAttribute("aria-describedby", original);
    else control.removeAttribute("aria-describedby");
    control.removeAttribute("data-error-describedby");
    control.classList.remove("govuk-input--error", "govuk-textarea--error", "govuk-select--error");
  }
  if (document.title.startsWith("Error: ")) document.title = document.title.slice(7);
}

/**
 * Show server errors next to their fields and in a summary at the top of the form, keeping
 * everything typed. Errors about fields the form does not have are shown in the summary only.
 * Returns the summary (focused), or null when there were no errors.
 */
export function applyErrors(form: HTMLElement, errors: FormError[], idPrefix = ""): HTMLElement | null {
  clearErrors(form);
  if (errors.length === 0) return null;
  const known = new Set<string>();
  for (const error of errors) {
    if (error.field === null) continue;
    const groupEl = form.querySelector<HTMLElement>(`[data-field="${cssEscape(error.field)}"]`);
    if (!groupEl) continue;
    known.add(error.field);
    groupEl.hidden = false;
    groupEl.classList.add("govuk-form-group--error");
    const messageId = `${fieldId(error.field, idPrefix)}-error`;
    let message = groupEl.querySelector<HTMLElement>(`#${cssEscape(messageId)}`);
    if (!message) {
      message = h("p", { class: "govuk-error-message", id: messageId, "data-generated": "" });
      const anchor = groupEl.querySelector(".govuk-fieldset > .govuk-hint, .govuk-fieldset > legend, :scope > .govuk-hint, :scope > label");
      const fieldsetEl = groupEl.querySelector(".govuk-fieldset");
      if (anchor) anchor.after(message);
      else if (fieldsetEl) fieldsetEl.prepend(message);
      else groupEl.prepend(message);
      message.append(h("span", { class: "govuk-visually-hidden" }, "Error:"), ` ${error.message}`);
    } else {
      message.append(h("br"), error.message);
    }
    for (const control of groupEl.querySelectorAll<HTMLElement>("input, textarea, select, fieldset")) {
      if (control.hasAttribute("data-error-describedby")) continue;
      const original = control.getAttribute("aria-describedby") ?? "";
      control.setAttribute("data-error-describedby", original);
      if (control.tagName === "FIELDSET" || control.matches("input[type=text], input[type=email], input[type=password], input[type=date], input[type=number], input[type=datetime-local], textarea, select")) {
        control.setAttribute("aria-describedby", `${original} ${messageId}`.trim());
      }
      if (control.tagName === "TEXTAREA") control.classList.add("govuk-textarea--error");
      else if (control.tagName === "SELECT") control.classList.add("govuk-select--error");
      else if (control.tagName === "INPUT" && control.classList.contains("govuk-input")) control.classList.add("govuk-input--error");
    }
  }
  if (errors.some((e) => e.code === "PERSONAL_DATA")) {
    const confirm = form.querySelector<HTMLElement>("[data-personal-data-confirm]");
    if (confirm) confirm.hidden = false;
  }
  const summary = renderErrorSummary(errors, idPrefix, known);
  const slot = form.querySelector(".error-summary-slot");
  if (slot) slot.prepend(summary);
  else form.prepend(summary);
  if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
  summary.focus();
  return summary;
}

function cssEscape(value: string): string {
  return typeof CSS !== "undefined" && typeof CSS.escape === "function" ? CSS.escape(value) : value.replace(/[^\w-]/g, "\\$&");
}

/** Handle submit once at a time: the button is disabled while the handler runs. */
export function onSubmit(form: HTMLFormElement, handler: (data: FormData) => Promise<void>): void {
  let busy = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const buttons = [...form.querySelectorAll<HTMLButtonElement>("button[type=submit]")];
    for (const button of buttons) button.setAttribute("aria-disabled", "true");
    handler(new FormData(form))
      .catch((error: unknown) => {
        applyErrors(form, [problemError(error)]);
      })
      .finally(() => {
        busy = false;
        for (const button of buttons) button.removeAttribute("aria-disabled");
      });
  });
}

export function problemError(error: unknown): FormError {
  if (error instanceof Error && error.name === "TransportError") {
    return { code: "NETWORK", field: null, message: "Could not reach peerqa. Check your connection and try again: nothing you typed has been lost." };
  }
  if (error instanceof Error && error.name === "SessionEnded") {
    return { code: "SIGNED_OUT", field: null, message: "You signed in as someone else, so this was not saved." };
  }
  console.error(error);
  return { code: "UNKNOWN", field: null, message: error instanceof Error ? error.message : "Something went wrong. Try again." };
}

export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}

export function checked(data: FormData, name: string): boolean {
  return data.get(name) === "true";
}
