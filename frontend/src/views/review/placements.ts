// The AP placement register: anonymised facts about each pupil placed in alternative provision.
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDate, OUTCOME_LABELS } from "../../format";
import { applyErrors, checkboxes, onSubmit, personalDataConfirm, radios, select, submitButton, text, textArea, textField } from "../../forms";
import { AddApPlacementDocument, type PlacementOutcome } from "../../gql/graphql";
import { heading, para, table, tag, warningText } from "../common";
import { PLACEMENTS_EDITABLE } from "./access";
import type { Review, Section } from "./types";

type Placement = Review["apPlacements"][number];

const yesNo = (value: boolean) => (value ? tag("Yes", "green") : tag("No", "red"));

export function placementsSection(ctx: AppContext, review: Review): Section {
  const canEdit = review.access.isHostLeader && PLACEMENTS_EDITABLE.includes(review.state);
  const flags = review.flags.filter((f) => f.subject !== "");
  const element = h(
    "div",
    {},
    heading("Alternative provision register", review.title),
    para("One line per pupil placed in alternative provision, by the school's own anonymous code. Never a pupil's name."),
    ...flags.map((f) => warningText(`${f.subject}: ${f.explanation}`)),
    review.apPlacements.length === 0
      ? para("No placements recorded.")
      : h(
          "div",
          { class: "table-scroll" },
          table<Placement>("Placements", [
            { header: "Code", cell: (p) => p.reference },
            { header: "Registered provider", cell: (p) => yesNo(p.registeredProvider) },
            { header: "Full time", cell: (p) => (p.fullTime ? "Full time" : "Part time") },
            { header: "Started", cell: (p) => formatDate(p.startedOn) },
            { header: "Planned end", cell: (p) => (p.plannedEndOn ? formatDate(p.plannedEndOn) : "Open-ended") },
            { header: "Objectives", cell: (p) => yesNo(p.objectivesSet) },
            { header: "Success criteria", cell: (p) => yesNo(p.successCriteriaSet) },
            { header: "Exit plan", cell: (p) => yesNo(p.exitPlan) },
            { header: "Last reviewed", cell: (p) => (p.lastReviewedOn ? formatDate(p.lastReviewedOn) : "Never") },
            { header: "Outcome", cell: (p) => OUTCOME_LABELS[p.outcome] },
          ], review.apPlacements),
        ),
    canEdit ? addForm(ctx, review) : null,
  );
  return { title: "AP register", element };
}

function addForm(ctx: AppContext, review: Review): HTMLElement {
  const yn = (name: string, label: string) => radios({ name, label, options: [{ value: "true", label: "Yes" }, { value: "false", label: "No" }], inline: true, idPrefix: "ap-" });
  const form = h(
    "form",
    { novalidate: true, class: "placement-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Add a placement"),
    textField({ name: "reference", label: "The school's code for the placement", hint: "1 to 20 letters, digits, - or _. Not the pupil's name or UPN.", widthClass: "govuk-input--width-10", idPrefix: "ap-" }),
    yn("registeredProvider", "Is the provider registered?"),
    yn("fullTime", "Is it full time?"),
    textField({ name: "startedOn", label: "Start date", type: "date", widthClass: "govuk-input--width-10", idPrefix: "ap-" }),
    textField({ name: "plannedEndOn", label: "Planned end (optional)", type: "date", widthClass: "govuk-input--width-10", idPrefix: "ap-" }),
    checkboxes({ name: "set", label: "What is in place", options: [{ value: "objectivesSet", label: "Objectives are set" }, { value: "successCriteriaSet", label: "Success criteria are set" }, { value: "exitPlan", label: "A reintegration or exit plan exists" }], idPrefix: "ap-" }),
    textField({ name: "lastReviewedOn", label: "Last reviewed (optional)", type: "date", widthClass: "govuk-input--width-10", idPrefix: "ap-" }),
    select({ name: "outcome", label: "Outcome", options: (Object.keys(OUTCOME_LABELS) as PlacementOutcome[]).map((k) => ({ value: k, label: OUTCOME_LABELS[k] })), idPrefix: "ap-" }),
    textArea({ name: "notes", label: "Notes (optional)", hint: "No pupil names. Up to 2,000 characters.", rows: 3, idPrefix: "ap-" }),
    personalDataConfirm("ap-"),
    submitButton("Add placement"),
  );
  onSubmit(form, async (fd) => {
    const missing = [];
    if (!text(fd, "registeredProvider")) missing.push({ code: "VALIDATION", field: "registeredProvider", message: "Say whether the provider is registered" });
    if (!text(fd, "fullTime")) missing.push({ code: "VALIDATION", field: "fullTime", message: "Say whether the placement is full time" });
    if (!text(fd, "startedOn")) missing.push({ code: "VALIDATION", field: "startedOn", message: "Enter the start date" });
    if (missing.length) {
      applyErrors(form, missing, "ap-");
      return;
    }
    const set = fd.getAll("set").map(String);
    const payload = (
      await ctx.session.run(AddApPlacementDocument, {
        input: {
          reviewId: review.id,
          placement: {
            reference: text(fd, "reference").trim(),
            registeredProvider: text(fd, "registeredProvider") === "true",
            fullTime: text(fd, "fullTime") === "true",
            startedOn: text(fd, "startedOn"),
            plannedEndOn: text(fd, "plannedEndOn") || null,
            objectivesSet: set.includes("objectivesSet"),
            successCriteriaSet: set.includes("successCriteriaSet"),
            exitPlan: set.includes("exitPlan"),
            lastReviewedOn: text(fd, "lastReviewedOn") || null,
            outcome: text(fd, "outcome") as PlacementOutcome,
            notes: text(fd, "notes"),
            confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true",
          },
        },
      })
    ).addApPlacement;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "ap-");
      return;
    }
    ctx.flash("Placement added.");
    ctx.refresh();
  });
  return form;
}
