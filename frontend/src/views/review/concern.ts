// Raise a safeguarding concern: the statutory route first, then the record. And the list of
// concerns the caller may read (each read is audited by the server).
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDateTime } from "../../format";
import { applyErrors, checkboxes, onSubmit, personalDataConfirm, submitButton, text, textArea } from "../../forms";
import { AcknowledgeConcernDocument, AddConcernNoteDocument, ResolveConcernDocument, ReviewConcernsDocument, RaiseConcernDocument, type ConcernFieldsFragment } from "../../gql/graphql";
import { reviewHref } from "../../router";
import { heading, link, para, summaryList, tag, warningText, paragraphs } from "../common";
import { canRaiseConcern } from "./access";
import type { Review, Section } from "./types";

export function statutoryRoute(review: Review): HTMLElement {
  const dsl = review.dslName ? `${review.dslName}${review.deputyDslName ? ` (deputy: ${review.deputyDslName})` : ""}` : "the host school's designated safeguarding lead";
  return h(
    "div",
    { class: "statutory-route" },
    h("h2", { class: "govuk-heading-m" }, "First, follow the statutory route"),
    warningText("If a child is in immediate danger, call 999 now."),
    h(
      "ol",
      { class: "govuk-list govuk-list--number" },
      h("li", {}, "If a child is in immediate danger, call the police on 999."),
      h("li", {}, "Otherwise, tell the host school's designated safeguarding lead (DSL) now: ", h("strong", {}, dsl), "."),
      h("li", {}, "If the concern is about the headteacher, do not tell the headteacher: tell the chair of governors and the local authority designated officer (LADO)."),
    ),
    para("peerqa does not contact the DSL, the chair of governors, the LADO or the police for you. Recording the concern here does not replace any of those steps."),
  );
}

export function concernSection(ctx: AppContext, review: Review): Section {
  if (!canRaiseConcern(review)) {
    return { title: "Raise a safeguarding concern", element: h("div", {}, heading("Raise a safeguarding concern", review.title), statutoryRoute(review), para("Only the review team and moderators can record a concern in peerqa.")) };
  }
  const form = h(
    "form",
    { novalidate: true, class: "concern-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Then record the concern"),
    textArea({ name: "summary", label: "What you saw or heard", labelClass: "govuk-label--s", hint: "Facts, without naming any pupil. Nobody can change or delete it afterwards.", rows: 6 }),
    checkboxes({
      name: "flags",
      label: "What applies",
      options: [
        { value: "toldDsl", label: "I have told the host school's DSL" },
        { value: "immediateDanger", label: "999 has been called" },
        { value: "aboutHeadteacher", label: "The concern is about the headteacher", hint: "It goes to the chair of governors and the LADO route, and is hidden from the host school's staff." },
      ],
    }),
    personalDataConfirm(),
    submitButton("Record the concern", "govuk-button--warning"),
  );
  const element = h("div", {}, heading("Raise a safeguarding concern", review.title), statutoryRoute(review), form);
  onSubmit(form, async (fd) => {
    const flags = fd.getAll("flags").map(String);
    const payload = (
      await ctx.session.run(RaiseConcernDocument, {
        input: {
          reviewId: review.id,
          summary: text(fd, "summary").trim(),
          toldDsl: flags.includes("toldDsl"),
          immediateDanger: flags.includes("immediateDanger"),
          aboutHeadteacher: flags.includes("aboutHeadteacher"),
          confirmNoPersonalData: fd.get("confirmNoPersonalData") === "true",
        },
      })
    ).raiseConcern;
    if (payload.errors.length > 0 || !payload.concern) {
      applyErrors(form, payload.errors);
      return;
    }
    const panel = h(
      "div",
      {},
      h("div", { class: "govuk-panel govuk-panel--confirmation" }, h("h1", { class: "govuk-panel__title", tabindex: "-1" }, "Concern recorded"), h("div", { class: "govuk-panel__body" }, "Moderators have been alerted")),
      h("h2", { class: "govuk-heading-m" }, "What to do now"),
      ...paragraphs(payload.statutoryRoute),
      para("If you have more to say, tell the moderator or record another concern."),
      para(link("Back to the review", reviewHref(review.id))),
    );
    element.replaceChildren(panel);
    document.title = `Concern recorded – ${review.title} – peerqa`;
    panel.querySelector<HTMLElement>("h1")?.focus();
  });
  return { title: "Raise a safeguarding concern", element };
}

export async function concernsSection(ctx: AppContext, review: Review): Promise<Section> {
  const data = await ctx.session.run(ReviewConcernsDocument, { id: review.id });
  const node = data.node;
  const concerns: ConcernFieldsFragment[] = node && "concerns" in node ? node.concerns : [];
  const element = h(
    "div",
    {},
    heading("Safeguarding concerns", review.title),
    para("Each time a concern is read, peerqa records who read it. A review cannot be published until a moderator has recorded how each concern was resolved."),
    concerns.some((c) => !c.resolved) && ["FACTUAL_ACCURACY", "APPEAL", "ASSURED", "MODERATION", "SUBMITTED", "CONSENSUS"].includes(review.state)
      ? warningText("Publication is blocked until every concern here is resolved.")
      : null,
    concerns.length === 0 ? para("No concerns have been recorded that you can see.") : null,
    ...concerns.map((c) =>
      h(
        "div",
        { class: "govuk-summary-card" },
        h("div", { class: "govuk-summary-card__title-wrapper" }, h("h2", { class: "govuk-summary-card__title" }, `Raised ${formatDateTime(c.raisedAt)}`), c.resolved ? tag("Resolved", "green") : c.actions.some((a) => a.kind === "ACKNOWLEDGED") ? tag("Acknowledged", "yellow") : tag("Awaiting acknowledgement", "red")),
        h(
          "div",
          { class: "govuk-summary-card__content" },
          summaryList([
            { key: "What was seen or heard", value: paragraphs(c.summary) },
            { key: "Raised by", value: c.raisedBy?.displayName ?? "Not shown to you" },
            { key: "DSL told", value: c.toldDsl ? "Yes" : "No" },
            { key: "999 called", value: c.immediateDanger ? "Yes" : "No" },
            { key: "About the headteacher", value: c.aboutHeadteacher ? "Yes" : "No" },
            { key: "Actions", value: c.actions.length ? h("ul", { class: "govuk-list" }, ...c.actions.map((a) => h("li", {}, `${formatDateTime(a.at)} ${a.kind.toLowerCase()} by ${a.actor?.displayName ?? "peerqa"}${a.note ? `: ${a.note}` : ""}`))) : "None yet" },
          ]),
          review.access.isModerator && !c.resolved ? concernActions(ctx, c) : null,
        ),
      ),
    ),
  );
  return { title: "Concerns", element };
}

type ConcernMutation = "acknowledge" | "note" | "resolve";

async function sendConcernAction(ctx: AppContext, kind: ConcernMutation, concernId: string, note: string) {
  const input = { input: { concernId, note } };
  switch (kind) {
    case "acknowledge":
      return (await ctx.session.run(AcknowledgeConcernDocument, input)).acknowledgeConcern;
    case "note":
      return (await ctx.session.run(AddConcernNoteDocument, input)).addConcernNote;
    case "resolve":
      return (await ctx.session.run(ResolveConcernDocument, input)).resolveConcern;
  }
}

/** A moderator's steps on an unresolved concern: acknowledge (once), add notes, resolve. */
function concernActions(ctx: AppContext, c: ConcernFieldsFragment): HTMLElement {
  const id = c.id.replace(/[^\w-]/g, "");
  const acknowledged = c.actions.some((a) => a.kind === "ACKNOWLEDGED");
  const actionForm = (kind: ConcernMutation, title: string, button: string, label: string | null, hint: string, done: string, buttonClass = "") => {
    const prefix = `${kind}-${id}-`;
    const form = h(
      "form",
      { novalidate: true, class: `concern-action concern-action--${kind}` },
      h("div", { class: "error-summary-slot" }),
      h("h3", { class: "govuk-heading-s" }, title),
      label ? textArea({ name: "note", label, hint, rows: 3, idPrefix: prefix }) : h("p", { class: "govuk-hint" }, hint),
      submitButton(button, buttonClass),
    );
    onSubmit(form, async (fd) => {
      const note = text(fd, "note").trim();
      if (label && note === "") {
        applyErrors(form, [{ code: "VALIDATION", field: "note", message: kind === "resolve" ? "Say how the concern was resolved" : "Enter the note" }], prefix);
        return;
      }
      const payload = await sendConcernAction(ctx, kind, c.id, note);
      if (payload.errors.length > 0) {
        applyErrors(form, payload.errors, prefix);
        return;
      }
      ctx.flash(done);
      ctx.refresh();
    });
    return form;
  };
  return h(
    "div",
    { class: "concern-actions" },
    acknowledged ? null : actionForm("acknowledge", "Acknowledge", "Acknowledge the concern", null, "Acknowledge it as soon as you pick it up: this stops it being escalated.", "Concern acknowledged."),
    actionForm("note", "Add a note", "Add the note", "Note", "Who you spoke to, what they did.", "Note added.", "govuk-button--secondary"),
    actionForm("resolve", "Resolve", "Resolve the concern", "How it was resolved", "Resolving is final and unblocks publication.", "Concern resolved.", "govuk-button--warning"),
  );
}
