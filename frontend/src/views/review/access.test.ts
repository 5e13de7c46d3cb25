import { describe, expect, it } from "vitest";
import { me, review } from "../../testing/fixtures";
import { allowedTransitions, visibleSections } from "./access";

const keys = (r: ReturnType<typeof review>, who = me) => allowedTransitions(who, r).map((t) => t.key);

describe("allowedTransitions", () => {
  it("offers each role only its own step", () => {
    expect(keys(review({ state: "VISIT", access: { isLead: true, isTeam: true } }))).toEqual(["startConsensus"]);
    expect(keys(review({ state: "VISIT", access: { isTeam: true } }))).toEqual([]);
    expect(keys(review({ state: "DRAFT", access: { isHostLeader: true, isHostStaff: true } }))).toEqual(["openSelfEvaluation"]);
  });

  it("offers publish and withdraw only to the host headteacher", () => {
    const head = { ...me, schoolRoles: [{ role: "HEADTEACHER" as const, school: { urn: 990001, name: "Northfield" } }] };
    const leader = { ...me, schoolRoles: [{ role: "SENIOR_LEADER" as const, school: { urn: 990001, name: "Northfield" } }] };
    const r = review({ state: "FACTUAL_ACCURACY", access: { isHostLeader: true, isHostStaff: true } });
    expect(keys(r, head)).toEqual(["publishReview"]);
    expect(keys(r, leader)).toEqual([]);
    expect(keys(review({ state: "CONSENSUS", access: { isHostLeader: true } }), head)).toEqual(["withdrawReview"]);
  });
});

describe("visibleSections", () => {
  it("shows the evidence and judgements to the team during the visit, never to the host", () => {
    expect(visibleSections(review({ access: { isTeam: true } }))).toEqual(expect.arrayContaining(["evidence", "judgements"]));
    const host = visibleSections(review({ access: { isHostStaff: true, isHostLeader: true } }));
    expect(host).not.toContain("evidence");
    expect(host).not.toContain("judgements");
  });
});
