// Render functions: state in, detached DOM out. Event wiring lives in main.ts.
import { h } from "./dom";
import type { FieldName, FormError, User } from "./state";

const FIELD_ORDER: FieldName[] = ["email", "password"];

/** GOV.UK error summary. Errors without a field link to the first field. */
export function renderErrorSummary(errors: FormError[]): HTMLElement {
  const items = errors.map((error) =>
    h("li", {}, h("a", { href: `#${error.field ?? FIELD_ORDER[0]}` }, error.message)),
  );
  return h(
    "div",
    { class: "govuk-error-summary", "data-module": "govuk-error-summary", tabindex: "-1" },
    h(
      "div",
      { role: "alert" },
      h("h2", { class: "govuk-error-summary__title" }, "There is a problem"),
      h(
        "div",
        { class: "govuk-error-summary__body" },
        h("ul", { class: "govuk-list govuk-error-summary__list" }, ...items),
      ),
    ),
  );
}

interface FieldOptions {
  name: FieldName;
  label: string;
  type: string;
  autocomplete: string;
  value?: string;
  error?: string | undefined;
}

function renderField(opts: FieldOptions): HTMLElement {
  const errorId = `${opts.name}-error`;
  return h(
    "div",
    { class: `govuk-form-group${opts.error ? " govuk-form-group--error" : ""}` },
    h("label", { class: "govuk-label", for: opts.name }, opts.label),
    opts.error
      ? h(
          "p",
          { class: "govuk-error-message", id: errorId },
          h("span", { class: "govuk-visually-hidden" }, "Error:"),
          ` ${opts.error}`,
        )
      : null,
    h("input", {
      class: `govuk-input${opts.error ? " govuk-input--error" : ""}`,
      id: opts.name,
      name: opts.name,
      type: opts.type,
      autocomplete: opts.autocomplete,
      spellcheck: "false",
      value: opts.value,
      "aria-describedby": opts.error ? errorId : undefined,
    }),
  );
}

export function renderSignIn(email: string, errors: FormError[]): HTMLElement {
  const fieldError = (field: FieldName) => errors.find((e) => e.field === field)?.message;
  return h(
    "div",
    {},
    errors.length > 0 ? renderErrorSummary(errors) : null,
    h("h1", { class: "govuk-heading-l", tabindex: "-1" }, "Sign in"),
    h(
      "form",
      { class: "sign-in-form", method: "post", action: "/", novalidate: true },
      renderField({
        name: "email",
        label: "Email address",
        type: "email",
        autocomplete: "email",
        value: email,
        error: fieldError("email"),
      }),
      renderField({
        name: "password",
        label: "Password",
        type: "password",
        autocomplete: "current-password",
        error: fieldError("password"),
      }),
      h("button", { type: "submit", class: "govuk-button", "data-module": "govuk-button" }, "Sign in"),
    ),
  );
}

export function renderSignedIn(user: User): HTMLElement {
  return h(
    "div",
    {},
    h("h1", { class: "govuk-heading-l", tabindex: "-1" }, "You are signed in"),
    h("p", { class: "govuk-body" }, `Signed in as ${user.displayName} (${user.email})`),
    h(
      "button",
      { type: "button", class: "govuk-button govuk-button--secondary sign-out-button" },
      "Sign out",
    ),
  );
}

export function renderProblem(message: string): HTMLElement {
  return h(
    "div",
    {},
    h("h1", { class: "govuk-heading-l", tabindex: "-1" }, "Sorry, there is a problem with the service"),
    h("p", { class: "govuk-body" }, message),
    h("button", { type: "button", class: "govuk-button retry-button" }, "Try again"),
  );
}

export function renderLoading(): HTMLElement {
  return h("p", { class: "govuk-body" }, "Loading…");
}
