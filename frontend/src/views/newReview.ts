// Open a review of my school: partnership, framework, title, focus, enquiry question.
import type { AppContext, Page } from "../context";
import { h } from "../dom";
import { applyErrors, onSubmit, radios, select, submitButton, text, textArea, textField } from "../forms";
import { CreateReviewDocument, NewReviewOptionsDocument } from "../gql/graphql";
import { reviewHref } from "../router";
import { backLink, heading, para } from "./common";

export async function newReviewPage(ctx: AppContext): Promise<Page> {
  const data = await ctx.session.run(NewReviewOptionsDocument, {});
  const mySchools = ctx.me.schoolRoles
    .filter((r) => (r.role === "HEADTEACHER" || r.role === "SENIOR_LEADER") && r.school)
    .map((r) => ({ urn: r.school?.urn ?? 0, name: r.school?.name ?? "" }));
  const form = h(
    "form",
    { novalidate: true, class: "new-review-form" },
    h("div", { class: "error-summary-slot" }),
    backLink("Back", "#/"),
    heading("Open a review of your school"),
    mySchools.length === 0 ? para("You need to be the headteacher or a senior leader of a school to open a review.") : null,
    mySchools.length > 1
      ? select({ name: "hostUrn", label: "School", options: mySchools.map((s) => ({ value: String(s.urn), label: s.name })) })
      : h("input", { type: "hidden", name: "hostUrn", value: String(mySchools[0]?.urn ?? "") }),
    radios({
      name: "partnershipId",
      label: "Partnership",
      legendClass: "govuk-fieldset__legend--m",
      options: data.partnerships.nodes
        .filter((p) => p.schools.some((s) => mySchools.some((m) => m.urn === s.urn)))
        .map((p) => ({ value: p.id, label: p.name })),
    }),
    radios({
      name: "frameworkKey",
      label: "Framework",
      legendClass: "govuk-fieldset__legend--m",
      options: data.frameworks.map((f) => ({ value: f.key, label: f.name, hint: f.description })),
    }),
    textField({ name: "title", label: "Title", hint: "For example, 'Northfield peer review, spring 2027'. Up to 200 characters." }),
    textArea({ name: "focus", label: "Focus (optional)", hint: "What you want the team to look at most closely." }),
    textArea({ name: "enquiryQuestion", label: "Your enquiry question (optional)", hint: "For example, 'How well do our catch-up groups work?'" }),
    submitButton("Open the review"),
  );
  onSubmit(form, async (fd) => {
    const urn = Number(text(fd, "hostUrn"));
    const partnershipId = text(fd, "partnershipId");
    const frameworkKey = text(fd, "frameworkKey");
    const local = [];
    if (!partnershipId) local.push({ code: "VALIDATION", field: "partnershipId", message: "Choose the partnership" });
    if (!frameworkKey) local.push({ code: "VALIDATION", field: "frameworkKey", message: "Choose the framework" });
    if (local.length) {
      applyErrors(form, local);
      return;
    }
    const result = await ctx.session.run(CreateReviewDocument, {
      input: { hostUrn: urn, partnershipId, frameworkKey, title: text(fd, "title").trim(), focus: text(fd, "focus"), enquiryQuestion: text(fd, "enquiryQuestion") },
    });
    const payload = result.createReview;
    if (payload.errors.length || !payload.review) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash("Review opened. Write your self-evaluation next.");
    ctx.navigate(reviewHref(payload.review.id));
  });
  return { title: "Open a review", element: form };
}
