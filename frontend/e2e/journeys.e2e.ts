// The journeys of issue 7, in order, against one demo database: a host self-evaluates, the
// team logs evidence and judges, the lead submits, a moderator adjusts, the host checks facts
// and appeals, a second moderator hears the appeal, and a governor reads the report.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { failureShots } from "./helpers";
import { actor, axeResults, checkA11y, follow, go, heading, launch, PASSWORD, shot, USERS, type Actor } from "./helpers";

let browser: Browser;
const actors: Actor[] = [];

beforeAll(async () => {
  browser = await launch();
});

afterEach(async (context) => {
  if (context.task.result?.state === "fail") await failureShots(actors.map((a) => a.page), context.task.name);
});

afterAll(async () => {
  for (const a of actors) expect(a.errors, "browser errors").toEqual([]);
  await browser?.close();
  console.log(`axe: ${axeResults.length} page checks, ${axeResults.reduce((n, r) => n + r.violations, 0)} serious/critical violations`);
});

async function as(email: string, viewport?: { width: number; height: number }): Promise<Actor> {
  const a = await actor(browser, email, viewport);
  actors.push(a);
  return a;
}

/** On an area task list: judge every area (grade label / met) with a rationale, saving each. */
async function judgeAllAreas(page: Page, grade: string, rationale: string, narrative?: string): Promise<number> {
  await page.locator("ul.govuk-task-list[aria-label=Areas]").waitFor();
  const links = page.locator(".govuk-task-list__link");
  const count = await links.count();
  for (let i = 0; i < count; i += 1) {
    await page.locator(".govuk-task-list__link").nth(i).click();
    await page.locator("form.judgement-form").waitFor();
    const form = page.locator("form.judgement-form");
    if (await form.getByRole("radio", { name: grade, exact: true }).count()) {
      await form.getByRole("radio", { name: grade, exact: true }).check();
    }
    if (await form.getByRole("radio", { name: "Met", exact: true }).count()) {
      for (const box of await form.locator("input[name=checklist]").all()) await box.check();
      await form.getByRole("radio", { name: "Met", exact: true }).check();
    }
    const narrativeBox = form.locator("textarea[name=narrative]");
    if (await narrativeBox.count()) await narrativeBox.fill(narrative ?? "The team saw consistent practice across the school.");
    await form.getByLabel("Rationale").fill(rationale);
    await form.getByRole("button", { name: /^Save/ }).click();
    await page.locator(".govuk-notification-banner--success").waitFor();
  }
  return count;
}

describe("a host opens a review and self-evaluates", () => {
  let host: Actor;
  beforeAll(async () => {
    host = await as(USERS.riversideHead);
  });

  it("shows home with the sign-in done", async () => {
    expect(await heading(host.page)).toContain("Hello, Tom Okafor");
    await checkA11y(host.page, "home (host)");
    await shot(host.page, "host-home");
  });

  it("opens a review of the school", async () => {
    await host.page.getByRole("button", { name: "Open a review of your school" }).click();
    await host.page.locator("h1", { hasText: "Open a review" }).waitFor();
    await checkA11y(host.page, "open a review");
    // The error summary pattern: submitting with nothing chosen.
    await host.page.getByRole("button", { name: "Open the review" }).click();
    await host.page.locator(".govuk-error-summary").waitFor();
    expect(await host.page.title()).toMatch(/^Error: /);
    await checkA11y(host.page, "open a review (errors)");
    await shot(host.page, "host-open-review-errors");
    await host.page.getByRole("radio", { name: "Demoshire Schools Partnership (demo)" }).check();
    await host.page.getByRole("radio", { name: /National/ }).check();
    await host.page.getByLabel("Title").fill("Riverside Academy peer review, spring 2027");
    await host.page.getByLabel("Focus (optional)").fill("Attendance of disadvantaged pupils in key stage 4.");
    await host.page.getByRole("button", { name: "Open the review" }).click();
    await host.page.getByText("Review opened").waitFor();
    expect(await heading(host.page)).toContain("Overview");
    await checkA11y(host.page, "review overview (draft)");
    await shot(host.page, "host-review-overview");
  });

  it("moves to the self-evaluation and self-evaluates every area", async () => {
    await host.page.getByRole("button", { name: "Open the self-evaluation" }).click();
    await host.page.getByText("Self-evaluation").first().waitFor();
    await host.page.getByRole("link", { name: "Self-evaluation", exact: true }).click();
    await host.page.locator("h1", { hasText: "Self-evaluation" }).waitFor();
    await checkA11y(host.page, "self-evaluation list");

    // The personal-data check: refused, shown next to the field, confirm box revealed.
    await host.page.locator(".govuk-task-list__link").first().click();
    await host.page.locator("form.judgement-form").waitFor();
    await host.page.getByRole("radio", { name: "Strong standard", exact: true }).check();
    await host.page.getByLabel("Rationale").fill("Pupil Tom Smith in Year 5 told us how inclusive the school is.");
    await host.page.getByRole("button", { name: "Save" }).click();
    await host.page.locator(".govuk-error-summary").waitFor();
    expect(await host.page.locator("#rationale-error").textContent()).toMatch(/pupil/i);
    expect(await host.page.getByLabel("I am sure this names no pupil").isVisible()).toBe(true);
    expect(await host.page.getByLabel("Rationale").inputValue()).toContain("Tom Smith");
    await checkA11y(host.page, "self-evaluation area (personal-data error)");
    await shot(host.page, "host-personal-data-warning");
    await host.page.getByLabel("Rationale").fill("Pupils we spoke to described an inclusive school.");
    await host.page.getByRole("button", { name: "Save" }).click();
    await host.page.locator(".govuk-notification-banner--success").waitFor();

    const areas = await judgeAllAreas(host.page, "Expected standard", "Our monitoring this year supports this judgement.");
    expect(areas).toBeGreaterThan(5);
    expect(await host.page.locator(".govuk-task-list__status .govuk-tag").count()).toBe(0);
    await shot(host.page, "host-self-evaluation-complete");
  });

  it("explains a version conflict and keeps what was typed", async () => {
    const other = await host.context.newPage();
    await host.page.bringToFront();
    const firstArea = host.page.locator(".govuk-task-list__link").first();
    const href = (await firstArea.getAttribute("href")) ?? "";
    await go(host.page, href, "Self-evaluation");
    await host.page.locator("form.judgement-form").waitFor();
    // Typed first: a poll that notices the other tab's save then offers "Show the changes"
    // instead of re-rendering the form, so the save below really is stale.
    await host.page.getByLabel("Rationale").fill("My own text, typed before the other save.");
    await other.goto(`/${href}`);
    await other.locator("form.judgement-form").waitFor();
    await other.getByLabel("Rationale").fill("Changed in another tab: a colleague's newer text.");
    await other.getByRole("button", { name: "Save" }).click();
    await other.locator(".govuk-notification-banner--success").waitFor();
    await other.close();
    await host.page.getByRole("button", { name: "Save" }).click();
    await host.page.locator(".conflict-panel").waitFor();
    expect(await host.page.locator(".conflict-panel").textContent()).toContain("a colleague's newer text");
    expect(await host.page.getByLabel("Rationale").inputValue()).toBe("My own text, typed before the other save.");
    await checkA11y(host.page, "version conflict");
    await shot(host.page, "host-version-conflict");
    await host.page.getByRole("button", { name: "Save" }).click();
    await host.page.locator(".govuk-notification-banner--success").waitFor();
  });
});

describe("two reviewers log evidence and submit independent judgements", () => {
  let reviewer: Actor;
  let lead: Actor;
  let moderator: Actor;
  let host: Actor;
  let reviewHash = "";

  beforeAll(async () => {
    reviewer = await as(USERS.reviewer);
    lead = await as(USERS.lead);
  });

  it("the reviewer's home lists the next task", async () => {
    await reviewer.page.getByRole("link", { name: "Record evidence and submit your independent judgements" }).waitFor();
    await checkA11y(reviewer.page, "home (reviewer)");
    await shot(reviewer.page, "reviewer-home");
    await reviewer.page.getByRole("link", { name: /Northfield Primary School peer review/ }).first().click();
    await reviewer.page.locator(".review-header").waitFor();
    reviewHash = new URL(reviewer.page.url()).hash;
    expect(await reviewer.page.getByRole("button", { name: "Raise a safeguarding concern" }).isVisible()).toBe(true);
    await checkA11y(reviewer.page, "review overview (visit)");
  });

  it("logs evidence with area tags, and filters by area", async () => {
    const page = reviewer.page;
    await follow(page, "Evidence");
    await page.getByRole("radio", { name: "Lesson visit" }).check();
    await page.getByLabel("What you saw or heard").fill("Year 2 phonics: every adult used the same routine, and pupils read decodable books matched to the sounds taught.");
    await page.getByRole("checkbox", { name: "Curriculum and teaching" }).check();
    await page.getByRole("checkbox", { name: "Achievement" }).check();
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.getByText("Evidence added.").waitFor();
    await page.locator(".evidence-item").first().waitFor();
    await checkA11y(page, "evidence log");
    await shot(page, "reviewer-evidence-added");

    await page.getByLabel("Show evidence for").selectOption({ label: "Attendance and behaviour" });
    await page.getByText("No evidence for Attendance and behaviour yet.").waitFor();
    await page.getByLabel("Show evidence for").selectOption({ label: "Achievement" });
    await page.getByText("1 piece of evidence for Achievement.").waitFor();
  });

  it("the lead's open evidence log shows new evidence as it is added, over the live connection", async () => {
    await go(lead.page, `${reviewHash}/evidence`, /Evidence/);
    await lead.page.waitForFunction(() => document.body.dataset["live"] === "connected");
    const text = "Leaders walked the team through the science curriculum map, unit by unit.";
    const page = reviewer.page;
    await page.getByRole("radio", { name: "Conversation with staff" }).check();
    await page.getByLabel("What you saw or heard").fill(text);
    await page.getByRole("checkbox", { name: "Curriculum and teaching" }).check();
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.getByText("Evidence added.").waitFor();
    // Well inside the 15 s the page would take to poll: the subscription brought it.
    await lead.page.locator(".evidence-item", { hasText: text }).waitFor({ timeout: 5_000 });
  });

  it("warns when the text looks like personal data", async () => {
    const page = reviewer.page;
    await page.getByLabel("What you saw or heard").fill("Amelia Jones in Year 5 explained her reading strategy.");
    await page.getByRole("checkbox", { name: "Achievement" }).check();
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    expect(await page.locator("#ev-text-error").textContent()).toMatch(/pupil/i);
    expect(await page.getByLabel("I am sure this names no pupil").isVisible()).toBe(true);
    expect(await page.getByLabel("What you saw or heard").inputValue()).toContain("Amelia Jones");
    await checkA11y(page, "evidence personal-data warning");
    await shot(page, "reviewer-evidence-personal-data");
    await page.getByLabel("What you saw or heard").fill("A Year 5 pupil explained their reading strategy confidently.");
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.getByText("Evidence added.").waitFor();
  });

  it("keeps evidence on the device when offline and sends it when back online", async () => {
    const page = reviewer.page;
    await reviewer.context.setOffline(true);
    await page.getByRole("radio", { name: "Conversation with staff" }).check();
    await page.getByLabel("What you saw or heard").fill("The attendance lead showed weekly follow-up of persistent absence.");
    await page.getByRole("checkbox", { name: "Attendance and behaviour" }).check();
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.getByText("Saved on this device, not sent yet (1)").waitFor();
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("peerqa.evidenceDrafts.")).length);
    expect(stored).toBe(1);
    await shot(page, "reviewer-evidence-offline");
    await reviewer.context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.getByText(/1 saved piece of evidence sent/).waitFor();
    expect(await page.getByText("Saved on this device").count()).toBe(0);
    // Sent once, although both the browser and the test announced "online".
    await page.getByLabel("Show evidence for").selectOption({ label: "All areas" });
    await page.locator(".evidence-item", { hasText: "weekly follow-up of persistent absence" }).first().waitFor();
    expect(await page.locator(".evidence-item", { hasText: "weekly follow-up of persistent absence" }).count()).toBe(1);
  });

  it("the evidence form works with the keyboard alone", async () => {
    const page = reviewer.page;
    await page.reload();
    await page.locator("form.evidence-form").waitFor();
    await page.locator("h1").focus();
    const focused = () => page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el ? `${el.tagName.toLowerCase()}:${el.getAttribute("name") ?? el.textContent?.trim() ?? ""}:${el.type ?? ""}` : "";
    });
    let guard = 0;
    while (!(await focused()).startsWith("input:kind") && guard++ < 40) await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^input:kind/);
    await page.keyboard.press("ArrowDown"); // the next kind: arrows move within a radio group
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^textarea:text/);
    await page.keyboard.type("Books in year 6 show sustained writing across the curriculum.");
    await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^input:areaKeys/);
    await page.keyboard.press("Space");
    while (!(await focused()).startsWith("button:Add evidence") && guard++ < 80) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText("Evidence added.").waitFor();
    await page.locator(".evidence-item", { hasText: "Books in year 6" }).waitFor();
  });

  it("lays out at 768 px wide (tablet)", async () => {
    const page = reviewer.page;
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await page.locator("form.evidence-form").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole("button", { name: "Raise a safeguarding concern" }).isVisible()).toBe(true);
    await checkA11y(page, "evidence log at 768px");
    await shot(page, "reviewer-evidence-768");
    await page.setViewportSize({ width: 1024, height: 900 });
  });

  it("keeps work through a session expiry and sends it after sign-in", async () => {
    const page = reviewer.page;
    await page.getByLabel("What you saw or heard").fill("Playground: staff on duty knew pupils and intervened early.");
    await page.getByRole("checkbox", { name: "Personal development and well-being" }).check();
    await reviewer.context.clearCookies();
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.getByRole("heading", { name: "Sign in again" }).waitFor();
    await checkA11y(page, "sign in again");
    await shot(page, "session-expired-sign-in");
    await page.getByLabel("Email address").fill(USERS.reviewer);
    await page.getByLabel("Password").fill("visit-day-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Evidence added.").waitFor();
    await page.locator(".evidence-item", { hasText: "Playground" }).waitFor();
  });

  it("the reviewer judges every area and submits; the lead cannot see them before submitting", async () => {
    const page = reviewer.page;
    await go(page, `${reviewHash}/judgements`, "Your independent judgements");
    await checkA11y(page, "independent judgements list");
    // Grade descriptors beside the radios.
    await page.locator(".govuk-task-list__link").first().click();
    await page.locator("form.judgement-form").waitFor();
    expect(await page.locator(".govuk-radios__hint").count()).toBeGreaterThan(3);
    await checkA11y(page, "independent judgement form");
    await shot(page, "reviewer-independent-judgement");
    await go(page, `${reviewHash}/judgements`, "Your independent judgements");
    await judgeAllAreas(page, "Strong standard", "Consistent practice in the lessons and books we saw (reviewer).");
    await page.getByRole("button", { name: "Submit your judgements" }).click();
    await page.getByText("Your judgements are submitted").waitFor();
    await page.getByText("No colleague has submitted yet.").waitFor();

    // The lead has not submitted: the reviewer's judgements are not visible to them.
    await go(lead.page, `${reviewHash}/judgements`, "Your independent judgements");
    await lead.page.locator("ul.govuk-task-list[aria-label=Areas]").waitFor();
    expect(await lead.page.getByText("Colleagues' judgements stay hidden").count()).toBe(1);
    expect(await lead.page.locator("body").textContent()).not.toContain("(reviewer)");
    await lead.page.locator(".govuk-task-list__link").first().click();
    await lead.page.locator("form.judgement-form").waitFor();
    expect(await lead.page.locator("body").textContent()).not.toContain("(reviewer)");
    expect(await lead.page.getByRole("table", { name: "Colleagues' judgements" }).count()).toBe(0);
    await go(lead.page, `${reviewHash}/judgements`, "Your independent judgements");
  });

  it("the lead judges and submits, then sees the reviewer's judgements", async () => {
    const page = lead.page;
    await judgeAllAreas(page, "Expected standard", "What we saw matched the school's own view (lead).");
    await page.getByRole("button", { name: "Submit your judgements" }).click();
    await page.getByText("Your judgements are submitted").waitFor();
    await page.getByRole("table", { name: "Colleagues' judgements" }).waitFor();
    expect(await page.getByRole("table", { name: "Colleagues' judgements" }).textContent()).toContain("Daniel Brooks");
    await checkA11y(page, "independent judgements submitted");
    await shot(page, "lead-colleagues-judgements");
  });

  describe("the duty moderator", () => {
    it("the lead asks the duty moderator about an area during the visit", async () => {
      const page = lead.page;
      await go(page, `${reviewHash}/consultations`, "Duty moderator");
      const form = page.locator("form.ask-form");
      await form.getByRole("button", { name: "Ask the duty moderator" }).click();
      await form.locator(".govuk-error-summary").waitFor();
      await form.getByLabel("Area", { exact: true }).selectOption({ label: "Attendance and behaviour" });
      await form.getByRole("radio", { name: "We think the area is exceptional" }).check();
      await form.getByLabel("Your question").fill("Persistent absence has halved in a year and every case we sampled had a plan. Is that enough to call it exceptional?");
      await form.getByRole("button", { name: "Ask the duty moderator" }).click();
      await page.getByText("Your question is with the duty moderator.").waitFor();
      await page.locator(".consultation").getByText("Waiting for the duty moderator").waitFor();
      await checkA11y(page, "duty moderator (lead)");
      await shot(page, "lead-asks-duty-moderator");
    });

    it("an administrator puts the moderator on duty, who answers from the queue", async () => {
      const admin = await as(USERS.admin);
      await go(admin.page, "#/admin/users?search=moderator", "Users");
      await admin.page.locator(".admin-user", { hasText: "Morgan Moderator" }).getByRole("button", { name: "Put Morgan Moderator on duty" }).click();
      await admin.page.getByText("Morgan Moderator is on duty.").waitFor();
      await checkA11y(admin.page, "admin users");
      await shot(admin.page, "admin-users");

      moderator = await as(USERS.moderator);
      const page = moderator.page;
      await follow(page, "Moderation");
      await page.locator("h1", { hasText: "Moderation queue" }).waitFor();
      await page.getByText("You are on duty").waitFor();
      await follow(page, /Answer the question on/);
      await page.locator("h1", { hasText: "Duty moderator" }).waitFor();
      await page.getByLabel("Your answer").fill("What did the governors' attendance minutes show, and did pupils in the resource base follow the same pattern? Check before calling it exceptional.");
      await page.getByRole("button", { name: "Send the answer" }).click();
      await page.getByText("Your answer is on the review.").waitFor();
      await page.locator(".consultation .govuk-tag", { hasText: "Answered" }).waitFor();
      await checkA11y(page, "duty moderator (answered)");
      await shot(page, "moderator-answers-consultation");
      // The lead sees the exchange on the review.
      await go(lead.page, `${reviewHash}/consultations`, "Duty moderator");
      expect(await lead.page.locator(".consultation").textContent()).toContain("governors' attendance minutes");
    });
  });

  describe("the lead records the consensus and submits", () => {
    it("moves the team to consensus", async () => {
      const page = lead.page;
      await go(page, reviewHash, "Overview");
      await page.getByRole("button", { name: "Move the team to consensus" }).click();
      await page.getByText("the review is now at “Consensus”").waitFor();
    });

    it("records the consensus with each judgement side by side", async () => {
      const page = lead.page;
      await go(page, `${reviewHash}/consensus`, "Consensus");
      await page.locator(".govuk-task-list__link").first().click();
      await page.locator("form.judgement-form").waitFor();
      const sideBySide = await page.getByRole("table", { name: "Judgements side by side" }).textContent();
      expect(sideBySide).toContain("Self-evaluation");
      expect(sideBySide).toContain("Daniel Brooks");
      expect(sideBySide).toContain("Grace Lewis");
      await checkA11y(page, "consensus area");
      await shot(page, "lead-consensus-side-by-side");
      await go(page, `${reviewHash}/consensus`, "Consensus");
      await judgeAllAreas(page, "Strong standard", "Agreed after discussion of the evidence.", "Leaders have built a consistent approach to early reading.");
    });

    it("writes the report and submits the review", async () => {
      const page = lead.page;
      await go(page, `${reviewHash}/report`, "Report");
      await page.locator("form.report-form").waitFor();
      await page.getByLabel("Summary").fill("Northfield is a calm, inclusive school where reading is taught consistently well.");
      await page.getByLabel("Strengths").fill("Early reading; the attendance team's follow-up.");
      await page.getByLabel("Areas for development").fill("Sharpen curriculum sequencing in foundation subjects.");
      await page.getByRole("button", { name: "Save the report" }).click();
      await page.getByText("Report saved.").waitFor();
      expect(await page.locator(".letter").textContent()).toContain("calm, inclusive school");
      await checkA11y(page, "report letter");
      await shot(page, "lead-report-letter");
      await go(page, reviewHash, "Overview");
      await page.getByRole("button", { name: "Submit the review for assurance" }).click();
      await page.getByText(/the review is now at “(Submitted|Moderation)”/).waitFor();
      await checkA11y(page, "review overview (submitted)");
      await shot(page, "lead-review-submitted");
    });
  });

  describe("a reviewer raises a concern", () => {
    it("leads with the statutory route, then records the concern", async () => {
      const page = reviewer.page;
      await go(page, reviewHash, "Overview");
      await page.getByRole("button", { name: "Raise a safeguarding concern" }).click();
      await page.getByRole("heading", { name: "First, follow the statutory route" }).waitFor();
      const text = (await page.locator(".statutory-route").textContent()) ?? "";
      expect(text).toContain("999");
      expect(text).toContain("Sam Patel");
      expect(text).toContain("LADO");
      // The route comes before the form.
      const routeFirst = await page.evaluate(() => {
        const route = document.querySelector(".statutory-route");
        const form = document.querySelector(".concern-form");
        return !!route && !!form && (route.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
      expect(routeFirst).toBe(true);
      await checkA11y(page, "raise a concern");
      await shot(page, "reviewer-raise-concern");
      await page.getByLabel("What you saw or heard").fill("A member of staff described a disclosure from a Year 6 pupil that has not been passed on.");
      await page.getByRole("checkbox", { name: "I have told the host school's DSL" }).check();
      await page.getByRole("button", { name: "Record the concern" }).click();
      await page.getByRole("heading", { name: "Concern recorded" }).waitFor();
      await checkA11y(page, "concern recorded");
      await shot(page, "reviewer-concern-recorded");
    });

    it("the moderator's home says a concern awaits acknowledgement", async () => {
      await go(moderator.page, "#/", "Hello");
      await moderator.page.getByRole("link", { name: "A safeguarding concern awaits acknowledgement" }).waitFor();
      await checkA11y(moderator.page, "home (moderator)");
      await shot(moderator.page, "moderator-home");
      await follow(moderator.page, "A safeguarding concern awaits acknowledgement");
      await moderator.page.getByText("Awaiting acknowledgement").waitFor();
      await checkA11y(moderator.page, "concerns list");
    });
  });

  describe("a moderator adjusts one area with a reason", () => {
    it("the queue shows the review with why it was selected; the moderator takes it", async () => {
      const page = moderator.page;
      await follow(page, "Moderation");
      await page.locator("h1", { hasText: "Moderation queue" }).waitFor();
      const card = page.locator(".queue-item", { hasText: "Northfield Primary School peer review" });
      await card.waitFor();
      expect(await card.locator(".sampling-reasons").textContent()).toMatch(/Random sample|New lead reviewer/);
      expect(await card.textContent()).toContain("Unassigned");
      await checkA11y(page, "moderation queue");
      await shot(page, "moderator-queue");
      await card.getByRole("button", { name: "Take this review" }).click();
      await page.getByText("You are moderating this review.").waitFor();
      await page.locator("h1", { hasText: "Moderation" }).waitFor();
      await page.getByRole("table", { name: /Each area: the consensus against the self-evaluation/ }).waitFor();
      await checkA11y(page, "moderation screen");
      await shot(page, "moderator-moderation-screen");
    });

    it("refuses an adjustment without a reason, next to the area's field, then adjusts", async () => {
      const page = moderator.page;
      const form = page.locator("form.adjust-form");
      await form.getByLabel("Moderated grade for Achievement").selectOption({ label: "Expected standard" });
      await form.getByRole("button", { name: "Adjust the moderated grades" }).click();
      await form.locator(".govuk-error-summary").waitFor();
      expect(await form.locator(".govuk-form-group--error").textContent()).toContain("Give the reason for adjusting Achievement");
      expect(await page.title()).toMatch(/^Error: /);
      await checkA11y(page, "moderation adjust (errors)");
      await shot(page, "moderator-adjust-error");
      await form.getByLabel("Reason for changing Achievement").fill("Outcomes are below similar schools and the books seen agree: expected, not strong.");
      await form.getByRole("button", { name: "Adjust the moderated grades" }).click();
      await page.getByText("You adjusted 1 area.").waitFor();
      const outcome = page.locator(".moderation-outcome");
      await outcome.waitFor();
      expect(await outcome.textContent()).toContain("Adjusted");
      expect(await outcome.getByRole("table", { name: "Areas the moderator adjusted" }).textContent()).toContain("expected, not strong");
      await checkA11y(page, "moderation outcome");
      await shot(page, "moderator-adjusted");
    });
  });

  describe("the host checks facts; publication waits for the concern; a governor reads the report", () => {
    it("the host sees the outcome with its reason, and raises a factual-accuracy point", async () => {
      host = await as(USERS.northfieldHead);
      const page = host.page;
      await follow(page, "Check the draft report for factual accuracy");
      await page.locator("h1", { hasText: "Factual accuracy and appeals" }).waitFor();
      expect(await page.locator(".govuk-inset-text").first().textContent()).toMatch(/until \d/);
      await checkA11y(page, "factual accuracy (host)");
      const form = page.locator("form.raise-point-form");
      await form.getByRole("button", { name: "Raise the point" }).click();
      await form.locator("#fa-text-error").waitFor();
      await form.getByLabel("Where it is").selectOption({ label: "Attendance and behaviour" });
      await form.getByLabel("What is wrong, and what is right").fill("The report says the attendance lead started in 2024; she started in September 2023.");
      await form.getByRole("button", { name: "Raise the point" }).click();
      await page.getByText("Point raised.").waitFor();
      await page.locator(".fa-point", { hasText: "September 2023" }).getByText("Awaiting answer").waitFor();
      await shot(page, "host-factual-accuracy");

      await go(page, reviewHash, "Overview");
      const summary = page.locator(".assurance-summary");
      expect(await summary.textContent()).toContain("expected, not strong");
      expect(await summary.locator(".publication-blocked").textContent()).toMatch(/safeguarding concern is not resolved/);
      await checkA11y(page, "review overview (factual accuracy, host)");
      await shot(page, "host-moderation-outcome");
    });

    it("the lead accepts the point with a reason", async () => {
      const page = lead.page;
      await go(page, `${reviewHash}/assurance`, "Factual accuracy and appeals");
      const card = page.locator(".fa-point", { hasText: "September 2023" });
      await card.getByRole("radio", { name: "Accept" }).check();
      await card.getByLabel("Reason").fill("Corrected: the report now says September 2023.");
      await card.getByRole("button", { name: "Answer the point" }).click();
      await page.getByText("You accepted the point.").waitFor();
      await page.locator(".fa-point", { hasText: "September 2023" }).getByText("Accepted", { exact: true }).waitFor();
      await checkA11y(page, "factual accuracy (lead)");
      await shot(page, "lead-answers-factual-accuracy");
    });

    it("the host headteacher appeals the adjusted area; publication waits for the hearing", async () => {
      const page = host.page;
      await go(page, `${reviewHash}/assurance`, "Factual accuracy and appeals");
      const form = page.locator("form.lodge-appeal-form");
      await form.getByLabel("Area").selectOption({ label: "Achievement" });
      await form.getByLabel("Grounds for the appeal").fill("The moderator did not see the key stage 2 writing moderation from the local authority, which agreed our assessments.");
      await form.getByRole("button", { name: "Lodge the appeal" }).click();
      await page.getByText("Appeal lodged.").waitFor();
      await page.locator(".appeal", { hasText: "Achievement" }).getByText("Awaiting a moderator").waitFor();
      await page.locator(".review-header .govuk-tag", { hasText: "Appeal" }).waitFor();
      await checkA11y(page, "appeal lodged (host)");
      await shot(page, "host-appeal-lodged");
    });

    it("the review's own moderator is refused the hearing, with the reason", async () => {
      const page = moderator.page;
      await go(page, "#/moderation", "Moderation queue");
      const card = page.locator(".queue-appeal", { hasText: "Achievement" });
      await card.getByRole("button", { name: "Hear this appeal" }).click();
      await card.locator(".govuk-error-message").waitFor();
      expect(await card.locator(".govuk-error-message").textContent()).toContain("They moderated this review.");
      await checkA11y(page, "appeal hearing refused");
      await shot(page, "moderator-appeal-refused");
    });

    it("an administrator adds a second moderator, who hears the appeal and decides it", async () => {
      const admin = await as(USERS.admin);
      await go(admin.page, "#/admin/users", "Users");
      const form = admin.page.locator("form.create-user-form");
      await form.getByRole("button", { name: "Create the user" }).click();
      await form.locator(".govuk-error-summary").waitFor();
      await form.getByLabel("Name").fill("Riley Hart");
      await form.getByLabel("E-mail address").fill(USERS.secondModerator);
      await form.getByLabel("Password").fill(PASSWORD);
      await form.getByLabel("Platform role").selectOption({ label: "Moderator" });
      await form.getByRole("button", { name: "Create the user" }).click();
      await admin.page.getByText("Riley Hart can now sign in.").waitFor();

      const second = await as(USERS.secondModerator);
      const page = second.page;
      await follow(page, "Moderation");
      await page.locator(".queue-appeal", { hasText: "Achievement" }).getByRole("button", { name: "Hear this appeal" }).click();
      await page.getByText("You are hearing this appeal.").waitFor();
      const decide = page.locator("form.decide-appeal-form");
      await decide.getByRole("radio", { name: "Not upheld" }).check();
      await decide.getByRole("button", { name: "Record the outcome" }).click();
      await decide.locator("#appeal-reasons-error").waitFor();
      await decide.getByLabel("Reasons").fill("The local authority's moderation was of assessments, not of the curriculum seen; the moderated grade stands on the evidence.");
      await checkA11y(page, "decide an appeal");
      await decide.getByRole("button", { name: "Record the outcome" }).click();
      await page.getByText("Appeal decided.").waitFor();
      await page.locator(".appeal", { hasText: "Achievement" }).getByText("Not upheld", { exact: true }).first().waitFor();
      await shot(page, "moderator-appeal-decided");
    });

    it("publishing is refused while the concern is unresolved", async () => {
      const page = host.page;
      await go(page, `${reviewHash}/report`, "Report");
      expect(await page.locator(".publish-form .publication-blocked").textContent()).toContain("safeguarding concern");
      await page.getByRole("button", { name: "Publish the report" }).click();
      await page.locator(".publish-form .govuk-error-summary").waitFor();
      expect(await page.locator(".publish-form .govuk-error-summary").textContent()).toMatch(/concern|moderator clearance/i);
      await checkA11y(page, "publish blocked");
      await shot(page, "host-publish-blocked");
    });

    it("a moderator acknowledges and resolves the concern from the inbox", async () => {
      const page = moderator.page;
      await go(page, "#/moderation/concerns", "Concern inbox");
      const row = page.getByRole("table", { name: "Unresolved concerns" }).locator("tr", { hasText: "Northfield Primary School" });
      await row.waitFor();
      await checkA11y(page, "concern inbox");
      await shot(page, "moderator-concern-inbox");
      await row.getByRole("link").click();
      await page.locator("h1", { hasText: "Safeguarding concerns" }).waitFor();
      await page.getByRole("button", { name: "Acknowledge the concern" }).click();
      await page.getByText("Concern acknowledged.").waitFor();
      await page.getByRole("button", { name: "Resolve the concern" }).click();
      await page.locator(".concern-action--resolve .govuk-error-summary").waitFor();
      await page.getByLabel("How it was resolved").fill("The DSL confirmed the disclosure was referred to children's social care on the day; referral reference seen.");
      await checkA11y(page, "concern actions (moderator)");
      await shot(page, "moderator-concern-actions");
      await page.getByRole("button", { name: "Resolve the concern" }).click();
      await page.getByText("Concern resolved.").waitFor();
      await page.locator(".govuk-summary-card", { hasText: "referral reference seen" }).getByText("Resolved", { exact: true }).waitFor();
    });

    it("the host headteacher publishes", async () => {
      const page = host.page;
      await go(page, `${reviewHash}/report`, "Report");
      expect(await page.locator(".publish-form .publication-blocked").count()).toBe(0);
      await page.getByRole("button", { name: "Publish the report" }).click();
      await page.getByText("The report is published.").waitFor();
      await page.locator(".review-header .govuk-tag", { hasText: "Published" }).waitFor();
      await checkA11y(page, "report (published)");
      await shot(page, "host-published");
    });

    it("a governor reads the published report, with the moderated grade", async () => {
      const governor = await as(USERS.governor);
      const page = governor.page;
      await page.getByRole("link", { name: /Northfield Primary School peer review/ }).first().click();
      await page.locator(".review-header").waitFor();
      await follow(page, "Report");
      const letter = page.locator(".letter");
      await letter.waitFor();
      expect(await letter.textContent()).toContain("calm, inclusive school");
      const achievement = letter.locator("h3", { hasText: "Achievement" });
      expect(await achievement.locator("xpath=following-sibling::p[1]").textContent()).toContain("Expected standard");
      expect(await page.getByRole("button", { name: "Publish the report" }).count()).toBe(0);
      await checkA11y(page, "report (governor)");
      await shot(page, "governor-report");
    });
  });

  describe("statistics", () => {
    it("shows the dashboards with a table beside each chart", async () => {
      const page = moderator.page;
      await follow(page, "Statistics");
      await page.locator("h1", { hasText: "Statistics" }).waitFor();
      await page.locator("table", { hasText: "Alpha" }).first().waitFor();
      expect(await page.locator("svg.interval-chart").count()).toBeGreaterThan(0);
      await checkA11y(page, "statistics");
      await shot(page, "moderator-statistics");
    });
  });
});

describe("school page and admin", () => {
  it("shows the school page", async () => {
    const host = actors[0] as Actor;
    await go(host.page, "#/schools/990002", "Riverside Academy");
    await host.page.getByRole("heading", { name: /Riverside Academy/ }).waitFor();
    await checkA11y(host.page, "school page");
    await shot(host.page, "school-page");
  });

  it("lists users for an admin, who takes the moderator off duty", async () => {
    const admin = await as(USERS.admin);
    const page = admin.page;
    await follow(page, "Administration");
    await page.locator("h1", { hasText: "Users" }).waitFor();
    await page.getByLabel("Search by name or e-mail address").fill("moderator");
    await page.getByRole("button", { name: "Search" }).click();
    const card = page.locator(".admin-user", { hasText: "Morgan Moderator" });
    await card.getByText("On duty", { exact: true }).waitFor();
    await card.getByRole("button", { name: "Take Morgan Moderator off duty" }).click();
    await page.getByText("Morgan Moderator is off duty.").waitFor();
    expect(await page.locator(".admin-user", { hasText: "Riley Hart" }).count()).toBe(1);
    // A user with no URN typed: the error sits next to the field.
    await follow(page, "Partnerships");
    await page.locator("h1", { hasText: "Partnerships" }).waitFor();
    const partnership = page.locator(".admin-partnership").first();
    await partnership.getByRole("button", { name: "Add the school" }).click();
    await partnership.locator(".govuk-error-message").waitFor();
    await checkA11y(page, "admin partnerships");
    await shot(page, "admin-partnerships");
    await follow(page, "Data imports");
    await page.locator("h1", { hasText: "Data imports" }).waitFor();
    await checkA11y(page, "admin data imports");
    await shot(page, "admin-data");
  });

  it("lists plugins for an admin", async () => {
    const admin = actors[actors.length - 1] as Actor;
    await follow(admin.page, "Plugins");
    await admin.page.getByRole("table", { name: "Installed plugins" }).waitFor();
    await checkA11y(admin.page, "admin plugins");
    await shot(admin.page, "admin-plugins");
  });

  it("signs out", async () => {
    const admin = actors[actors.length - 1] as Actor;
    await admin.page.getByRole("button", { name: "Sign out" }).click();
    await admin.page.getByRole("heading", { name: "Sign in", exact: true }).waitFor();
    expect(await admin.page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    await checkA11y(admin.page, "sign in");
    await shot(admin.page, "sign-in");
  });
});
