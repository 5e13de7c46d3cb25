import { describe, expect, it } from "vitest";
import { renderErrorSummary, renderSignedIn, renderSignIn } from "./views";

describe("renderErrorSummary", () => {
  it("renders the GOV.UK error summary with links to the fields", () => {
    const summary = renderErrorSummary([
      { code: "REQUIRED", field: "password", message: "Enter your password" },
      { code: "INVALID_CREDENTIALS", field: null, message: "Email or password is wrong" },
    ]);
    expect(summary.classList.contains("govuk-error-summary")).toBe(true);
    expect(summary.getAttribute("tabindex")).toBe("-1");
    expect(summary.querySelector("[role=alert] .govuk-error-summary__title")?.textContent).toBe(
      "There is a problem",
    );
    const links = [...summary.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.textContent]);
    expect(links).toEqual([
      ["#password", "Enter your password"],
      ["#email", "Email or password is wrong"],
    ]);
  });

  it("never interprets messages as HTML", () => {
    const summary = renderErrorSummary([{ code: "X", field: "email", message: "<img src=x>" }]);
    expect(summary.querySelector("img")).toBeNull();
    expect(summary.querySelector("a")?.textContent).toBe("<img src=x>");
  });
});

describe("renderSignIn", () => {
  it("marks the field in error and describes the input by its message", () => {
    const view = renderSignIn("ada@example.org", [
      { code: "REQUIRED", field: "password", message: "Enter your password" },
    ]);
    const password = view.querySelector<HTMLInputElement>("input#password");
    expect(password?.getAttribute("aria-describedby")).toBe("password-error");
    expect(password?.classList.contains("govuk-input--error")).toBe(true);
    expect(view.querySelector("#password-error")?.textContent).toBe("Error: Enter your password");
    expect(view.querySelector("label[for=email]")?.textContent).toBe("Email address");
    expect(view.querySelector<HTMLInputElement>("input#email")?.value).toBe("ada@example.org");
    expect(view.querySelector("input#email")?.hasAttribute("aria-describedby")).toBe(false);
  });

  it("renders the signed-in text", () => {
    const view = renderSignedIn({ email: "ada@example.org", displayName: "Ada", globalRole: "USER" });
    expect(view.textContent).toContain("Signed in as Ada (ada@example.org)");
    expect(view.querySelector("button")?.textContent).toBe("Sign out");
  });
});
