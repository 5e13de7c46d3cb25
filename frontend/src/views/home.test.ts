import { describe, expect, it } from "vitest";
import { me, summary } from "../testing/fixtures";
import { renderHome } from "./home";

describe("renderHome", () => {
  it("shows my next tasks and my reviews by role, with state tags", () => {
    const view = renderHome(me, [summary({ access: { isTeam: true } }), summary({ id: "2", title: "Riverside review", state: "DRAFT", access: { isInvited: true } })]);
    expect(view.querySelector("h1")?.textContent).toContain("Hello, Daniel Brooks");
    expect([...view.querySelectorAll(".govuk-task-list a")].map((a) => a.textContent)).toEqual(["Answer your invitation to join the review team", "Record evidence and submit your independent judgements"]);
    const captions = [...view.querySelectorAll("caption")].map((c) => c.textContent);
    expect(captions).toEqual(["Invitations to join a team", "Reviews you are on the team of"]);
    expect(view.querySelector(".govuk-tag")?.textContent).toBe("Draft");
  });
});
