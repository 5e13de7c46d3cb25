// Test data shaped like the API's answers (no pupil names, ever).
import type { Review } from "../views/review/types";
import type { Me, ReviewSummary } from "../tasks";

export const me: Me = {
  id: "VXNlcjo2",
  email: "head.castlevale@demo.peerqa.test",
  displayName: "Daniel Brooks",
  globalRole: "SCHOOL_USER",
  onDuty: false,
  schoolRoles: [{ role: "HEADTEACHER", school: { urn: 990004, name: "Castle Vale Secondary School" } }],
};

const access = {
  isHostLeader: false,
  isHostStaff: false,
  isLead: false,
  isTeam: false,
  isInvited: false,
  isModerator: false,
  hasSubmittedIndependent: false,
};

export function summary(overrides: Partial<Omit<ReviewSummary, "access">> & { access?: Partial<ReviewSummary["access"]> } = {}): ReviewSummary {
  return {
    id: "UmV2aWV3OjE=",
    title: "Northfield peer review",
    state: "VISIT",
    version: 1,
    createdAt: "2026-11-01T09:00:00+00:00",
    visitStartsOn: "2026-11-30",
    hostSchool: { urn: 990001, name: "Northfield Primary School" },
    concerns: [],
    report: null,
    ...overrides,
    access: { ...access, ...overrides.access },
  };
}

const grades = [
  { key: "strong_standard", label: "Strong standard", rank: 2 },
  { key: "expected_standard", label: "Expected standard", rank: 3 },
];

export function judgement(areaKey: string, author: { displayName: string; userId: string }, gradeKey: string | null, extra: Partial<Review["selfEvaluation"][number]> = {}): Review["selfEvaluation"][number] {
  const grade = grades.find((g) => g.key === gradeKey);
  return {
    kind: "INDEPENDENT",
    met: null,
    excellence: false,
    narrative: "",
    rationale: `Rationale by ${author.displayName}`,
    submittedAt: null,
    updatedAt: "2026-11-30T10:00:00+00:00",
    version: 1,
    evidenceIds: [],
    area: { key: areaKey },
    author,
    grade: grade ? { key: grade.key, label: grade.label } : null,
    checklist: [],
    ...extra,
  };
}

export function review(overrides: Partial<Omit<Review, "access">> & { access?: Partial<Review["access"]> } = {}): Review {
  return {
    id: "UmV2aWV3OjE=",
    title: "Northfield peer review",
    state: "VISIT",
    focus: "Reading",
    enquiryQuestion: "",
    visitStartsOn: "2026-11-30",
    visitEndsOn: "2026-12-01",
    createdAt: "2026-11-01T09:00:00+00:00",
    publishedAt: null,
    version: 3,
    dslName: "Sam Patel",
    deputyDslName: "Chris Morgan",
    hostSchool: { urn: 990001, name: "Northfield Primary School", phase: "PRIMARY" },
    partnership: { name: "Demoshire", reportVisibility: "GOVERNORS" },
    framework: { key: "national", name: "National framework", version: 1, mode: "GRADED", grades },
    areas: [
      {
        key: "inclusion",
        name: "Inclusion",
        kind: "GRADED",
        description: "How well the school includes every pupil.",
        question: "",
        allowsExcellence: false,
        position: 1,
        checklist: [],
        descriptors: grades.map((g) => ({ grade: g, text: `${g.label} looks like this.` })),
      },
      {
        key: "safeguarding",
        name: "Safeguarding",
        kind: "MET_NOT_MET",
        description: "",
        question: "",
        allowsExcellence: false,
        position: 2,
        checklist: [{ key: "scr", label: "Single central record is complete" }],
        descriptors: [],
      },
    ],
    teamWarnings: [],
    concerns: [],
    team: [],
    selfEvaluation: [],
    independentJudgements: [],
    consensus: [],
    apPlacements: [],
    indicators: [],
    flags: [],
    report: null,
    moderated: [],
    moderation: [],
    consultations: [],
    factualAccuracyClosesAt: null,
    factualAccuracyPoints: [],
    appeals: [],
    moderationRisks: [],
    ...overrides,
    access: { ...access, ...overrides.access },
  };
}
