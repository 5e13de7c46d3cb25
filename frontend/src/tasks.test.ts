import { describe, expect, it } from "vitest";
import { me, summary } from "./testing/fixtures";
import { groupByRelation, nextTasks } from "./tasks";

describe("nextTasks", () => {
  it("asks a team member to submit independent judgements during the visit, until they have", () => {
    expect(nextTasks(me, [summary({ access: { isTeam: true } })]).map((t) => t.text)).toContain("Record evidence and submit your independent judgements");
    expect(nextTasks(me, [summary({ access: { isTeam: true, hasSubmittedIndependent: true } })]).map((t) => t.text)).not.toContain("Record evidence and submit your independent judgements");
  });

  it("tells a moderator a concern awaits acknowledgement, first", () => {
    const tasks = nextTasks(me, [
      summary({ state: "SUBMITTED", access: { isModerator: true } }),
      summary({ id: "2", access: { isModerator: true }, concerns: [{ id: "c", resolved: false, actions: [] }] }),
    ]);
    expect(tasks[0]?.text).toBe("A safeguarding concern awaits acknowledgement");
    const acknowledged = nextTasks(me, [summary({ access: { isModerator: true }, concerns: [{ id: "c", resolved: false, actions: [{ kind: "ACKNOWLEDGED" }] }] })]);
    expect(acknowledged.map((t) => t.text)).not.toContain("A safeguarding concern awaits acknowledgement");
  });

  it("guides the host and the lead through their steps", () => {
    expect(nextTasks(me, [summary({ state: "DRAFT", access: { isHostLeader: true, isHostStaff: true } })]).map((t) => t.text)).toEqual(["Complete your self-evaluation", "Open the self-evaluation when you are ready"]);
    expect(nextTasks(me, [summary({ state: "CONSENSUS", access: { isLead: true, isTeam: true } })])[0]?.href).toContain("/consensus");
    expect(nextTasks(me, [summary({ state: "SELF_EVALUATION", access: { isInvited: true } })])[0]?.text).toBe("Answer your invitation to join the review team");
  });

  it("only the host headteacher is offered publishing, and is told when concerns block it", () => {
    const head = { ...me, schoolRoles: [{ role: "HEADTEACHER" as const, school: { urn: 990001, name: "Northfield" } }] };
    const r = summary({ state: "FACTUAL_ACCURACY", access: { isHostLeader: true, isHostStaff: true } });
    expect(nextTasks(head, [r]).map((t) => t.text)).toContain("Publish the report");
    expect(nextTasks(me, [r]).map((t) => t.text)).not.toContain("Publish the report");
    const blocked = { ...r, concerns: [{ id: "c", resolved: false, actions: [{ kind: "ACKNOWLEDGED" as const }] }] };
    expect(nextTasks(head, [blocked]).map((t) => t.text)).toContain("Publication waits until every safeguarding concern is resolved");
  });
});

describe("groupByRelation", () => {
  it("groups reviews by my relation, invitations first", () => {
    const groups = groupByRelation([summary({ access: { isLead: true, isTeam: true } }), summary({ id: "2", access: { isInvited: true } }), summary({ id: "3", access: { isHostStaff: true } })]);
    expect(groups.map((g) => g.relation)).toEqual(["invited", "host", "lead"]);
  });
});
