import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { h } from "./dom";
import { applyErrors, clearErrors, personalDataConfirm, radios, renderErrorSummary, textArea, textField } from "./forms";

beforeEach(() => {
  document.title = "Page – peerqa";
});

afterEach(() => {
  document.body.replaceChildren();
  document.title = "Page – peerqa";
});

function form(): HTMLFormElement {
  const f = h(
    "form",
    {},
    h("div", { class: "error-summary-slot" }),
    textField({ name: "title", label: "Title" }),
    textArea({ name: "text", label: "What you saw", hint: "No pupil names", value: "typed text" }),
    radios({ name: "gradeKey", label: "Grade", options: [{ value: "a", label: "A", hint: "Descriptor A" }, { value: "b", label: "B" }] }),
    personalDataConfirm(),
  );
  document.body.append(f);
  return f;
}

describe("applyErrors", () => {
  it("shows each error next to its field and in a summary that links to it, keeping what was typed", () => {
    const f = form();
    applyErrors(f, [
      { code: "VALIDATION", field: "text", message: "Write what you saw" },
      { code: "VALIDATION", field: "gradeKey", message: "Choose a grade" },
      { code: "ILLEGAL_TRANSITION", field: null, message: "Not now" },
    ]);
    const textarea = f.querySelector<HTMLTextAreaElement>("#text");
    expect(textarea?.value).toBe("typed text");
    expect(textarea?.classList.contains("govuk-textarea--error")).toBe(true);
    expect(textarea?.getAttribute("aria-describedby")).toBe("text-hint text-error");
    expect(f.querySelector("#text-error")?.textContent).toBe("Error: Write what you saw");
    expect(f.querySelector("[data-field=gradeKey]")?.classList.contains("govuk-form-group--error")).toBe(true);
    const links = [...f.querySelectorAll(".govuk-error-summary a")].map((a) => [a.getAttribute("href"), a.textContent]);
    expect(links).toEqual([
      ["#text", "Write what you saw"],
      ["#gradeKey", "Choose a grade"],
    ]);
    expect(f.querySelector(".govuk-error-summary li:last-child")?.textContent).toBe("Not now");
    expect(document.activeElement?.classList.contains("govuk-error-summary")).toBe(true);
    expect(document.title).toBe("Error: Page – peerqa");
  });

  it("reveals the personal-data confirmation on PERSONAL_DATA", () => {
    const f = form();
    expect(f.querySelector<HTMLElement>("[data-personal-data-confirm]")?.hidden).toBe(true);
    applyErrors(f, [{ code: "PERSONAL_DATA", field: "text", message: "This looks like a pupil's name." }]);
    expect(f.querySelector<HTMLElement>("[data-personal-data-confirm]")?.hidden).toBe(false);
  });

  it("clears everything it added", () => {
    const f = form();
    applyErrors(f, [{ code: "VALIDATION", field: "title", message: "Enter a title" }]);
    clearErrors(f);
    expect(f.querySelector(".govuk-error-summary")).toBeNull();
    expect(f.querySelector(".govuk-error-message")).toBeNull();
    expect(f.querySelector("#title")?.hasAttribute("aria-describedby")).toBe(false);
    expect(document.title).toBe("Page – peerqa");
  });

  it("puts errors for fields the form does not have in the summary only", () => {
    const f = form();
    applyErrors(f, [{ code: "CONFLICT_OF_INTEREST", field: "email", message: "They lead a school in the host's trust." }]);
    expect(f.querySelector(".govuk-error-summary a")).toBeNull();
    expect(f.querySelector(".govuk-error-summary")?.textContent).toContain("host's trust");
  });
});

describe("renderErrorSummary", () => {
  it("never interprets messages as HTML", () => {
    const summary = renderErrorSummary([{ code: "X", field: "email", message: "<img src=x>" }]);
    expect(summary.querySelector("img")).toBeNull();
    expect(summary.querySelector("a")?.textContent).toBe("<img src=x>");
  });
});

describe("radios", () => {
  it("puts each grade descriptor in the radio's hint, described by it", () => {
    const group = radios({ name: "gradeKey", label: "Grade", options: [{ value: "a", label: "A", hint: "Descriptor A" }] });
    const input = group.querySelector("input");
    expect(input?.id).toBe("gradeKey");
    expect(group.querySelector(`#${input?.getAttribute("aria-describedby") ?? "x"}`)?.textContent).toBe("Descriptor A");
  });
});
