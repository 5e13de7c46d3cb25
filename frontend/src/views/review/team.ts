// Team: members and invitations; invite (host leaders, with conflict-of-interest reasons shown
// next to the e-mail field); answer my invitation; withdraw an invitation.
import type { AppContext } from "../../context";
import { h } from "../../dom";
import { formatDate, INVITATION_LABELS, TEAM_ROLE_LABELS } from "../../format";
import { applyErrors, onSubmit, radios, submitButton, text, textField } from "../../forms";
import { InviteTeamMemberDocument, RespondToInvitationDocument, WithdrawTeamMemberDocument } from "../../gql/graphql";
import { heading, para, table, tag, warningText } from "../common";
import { TEAM_EDITABLE } from "./access";
import type { Review, Section } from "./types";

type Member = Review["team"][number];

const STATUS_COLOUR: Record<Member["status"], string> = { INVITED: "blue", ACCEPTED: "green", DECLINED: "grey", WITHDRAWN: "grey" };

export function teamSection(ctx: AppContext, review: Review): Section {
  const canEdit = review.access.isHostLeader && TEAM_EDITABLE.includes(review.state);
  const mine = review.team.find((m) => m.person?.userId === ctx.me.id);
  const element = h(
    "div",
    {},
    heading("Team", review.title),
    ...review.teamWarnings.map((w) => warningText(w)),
    review.team.length === 0
      ? para("Nobody has been invited yet.")
      : table<Member>("Members and invitations", [
          { header: "Name", cell: (m) => m.person?.displayName ?? "" },
          { header: "School", cell: (m) => m.school?.name ?? "" },
          { header: "Role", cell: (m) => TEAM_ROLE_LABELS[m.role] },
          { header: "Status", cell: (m) => [tag(INVITATION_LABELS[m.status], STATUS_COLOUR[m.status]), h("span", { class: "govuk-hint" }, ` ${formatDate(m.respondedAt ?? m.invitedAt)}`)] },
          ...(canEdit ? [{ header: "Action", cell: (m: Member) => (m.status === "INVITED" || m.status === "ACCEPTED" ? withdrawButton(ctx, review, m) : "") }] : []),
        ], review.team),
    mine && mine.status === "INVITED" && TEAM_EDITABLE.includes(review.state) ? respondForm(ctx, review) : null,
    canEdit ? inviteForm(ctx, review) : null,
  );
  return { title: "Team", element };
}

function inviteForm(ctx: AppContext, review: Review): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "invite-form" },
    h("div", { class: "error-summary-slot" }),
    h("h2", { class: "govuk-heading-m" }, "Invite a reviewer"),
    para("Invite serving headteachers or senior leaders from other schools. peerqa checks the conflict-of-interest rules and tells you if one applies."),
    textField({ name: "email", label: "Their e-mail address", type: "email", autocomplete: "off", idPrefix: "invite-" }),
    radios({ name: "role", label: "Role", options: [{ value: "LEAD", label: "Lead reviewer", hint: "Runs the visit and writes the consensus and report." }, { value: "REVIEWER", label: "Reviewer" }], value: review.team.some((m) => m.role === "LEAD" && (m.status === "INVITED" || m.status === "ACCEPTED")) ? "REVIEWER" : "LEAD", idPrefix: "invite-" }),
    submitButton("Send invitation"),
  );
  onSubmit(form, async (fd) => {
    const role = text(fd, "role") === "LEAD" ? "LEAD" : "REVIEWER";
    const payload = (await ctx.session.run(InviteTeamMemberDocument, { input: { reviewId: review.id, email: text(fd, "email").trim(), role } })).inviteTeamMember;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "invite-");
      return;
    }
    ctx.flash("Invitation sent.");
    ctx.refresh();
  });
  return form;
}

function respondForm(ctx: AppContext, review: Review): HTMLElement {
  const form = h(
    "form",
    { novalidate: true, class: "respond-form" },
    h("div", { class: "error-summary-slot" }),
    radios({ name: "accept", label: "Will you join this review's team?", legendClass: "govuk-fieldset__legend--m", hint: "peerqa has checked the conflict-of-interest rules. If you know of another reason you should not review this school, decline and tell the host headteacher.", options: [{ value: "true", label: "Yes, I accept" }, { value: "false", label: "No, I decline" }], idPrefix: "respond-" }),
    submitButton("Send answer"),
  );
  onSubmit(form, async (fd) => {
    const answer = text(fd, "accept");
    if (!answer) {
      applyErrors(form, [{ code: "VALIDATION", field: "accept", message: "Choose whether you will join the team" }], "respond-");
      return;
    }
    const payload = (await ctx.session.run(RespondToInvitationDocument, { input: { reviewId: review.id, accept: answer === "true" } })).respondToInvitation;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors, "respond-");
      return;
    }
    ctx.flash(answer === "true" ? "You have joined the team." : "You have declined the invitation.");
    ctx.refresh();
  });
  return form;
}

function withdrawButton(ctx: AppContext, review: Review, member: Member): HTMLElement {
  const name = member.person?.displayName ?? "member";
  const form = h("form", { novalidate: true, class: "withdraw-form" }, h("div", { class: "error-summary-slot" }), h("button", { type: "submit", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0" }, "Withdraw", h("span", { class: "govuk-visually-hidden" }, ` ${name}`)));
  onSubmit(form, async () => {
    const payload = (await ctx.session.run(WithdrawTeamMemberDocument, { input: { reviewId: review.id, userId: member.person?.userId ?? "" } })).withdrawTeamMember;
    if (payload.errors.length > 0) {
      applyErrors(form, payload.errors);
      return;
    }
    ctx.flash(`${name} is no longer on the team.`);
    ctx.refresh();
  });
  return form;
}
