// The sign-in form (also shown over a page whose session expired).
import { h } from "../dom";
import { submitButton, textField } from "../forms";
import { heading, insetText } from "./common";

export function renderSignIn(options: { email?: string; expired?: boolean; parked?: number }): HTMLFormElement {
  return h(
    "form",
    { class: "sign-in-form", method: "post", action: "/", novalidate: true },
    h("div", { class: "error-summary-slot" }),
    heading(options.expired ? "Sign in again" : "Sign in"),
    options.expired
      ? insetText(
          "Your session ended. Sign in again to carry on: ",
          (options.parked ?? 0) > 0
            ? "what you were saving will be sent as soon as you are signed in, and nothing you typed has been lost."
            : "nothing you typed has been lost.",
        )
      : null,
    textField({ name: "email", label: "Email address", type: "email", autocomplete: "username", value: options.email ?? "", idPrefix: "signin-" }),
    textField({ name: "password", label: "Password", type: "password", autocomplete: "current-password", idPrefix: "signin-" }),
    submitButton("Sign in"),
  );
}
