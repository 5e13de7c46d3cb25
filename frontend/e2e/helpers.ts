// Shared e2e helpers: the browser, signing in, screenshots, and the axe check on every page.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { expect, inject } from "vitest";
import { ARTIFACTS } from "./server";

export const PASSWORD = "visit-day-demo-2026";
export const USERS = {
  admin: "admin@demo.peerqa.test",
  moderator: "moderator@demo.peerqa.test",
  northfieldHead: "head.northfield@demo.peerqa.test",
  riversideHead: "head.riverside@demo.peerqa.test",
  lead: "head.sthilda@demo.peerqa.test",
  reviewer: "head.castlevale@demo.peerqa.test",
  governor: "governor.northfield@demo.peerqa.test",
  /** Created by the admin in the appeal journey (an appeal needs a moderator with no part in the review). */
  secondModerator: "moderator.two@demo.peerqa.test",
} as const;

export const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

export function baseUrl(): string {
  return inject("baseUrl");
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: inject("chromium"), args: LAUNCH_ARGS, headless: true });
}

/** Every console error and uncaught exception fails the test that caused it. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED|WebSocket/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

export interface Actor {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export async function actor(browser: Browser, email: string, viewport = { width: 1024, height: 900 }): Promise<Actor> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl() });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = watchErrors(page);
  // Every GraphQL exchange, per user, in test-artifacts/graphql-<user>.log (for debugging failures).
  const traceFile = join(ARTIFACTS, `graphql-${email.split("@")[0] ?? "user"}.log`);
  page.on("response", (response) => {
    if (!response.url().endsWith("/graphql")) return;
    const request = response.request().postData() ?? "";
    void response.text().then(
      (body) => appendFileSync(traceFile, `>> ${request.replace(/\s+/g, " ").slice(0, 300)}\n<< ${body.slice(0, 400)}\n`),
      () => undefined,
    );
  });
  await page.goto("/");
  await signIn(page, email);
  return { context, page, errors };
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#sign-in").waitFor({ state: "hidden" });
}

let shotNumber = 0;
/** Save a screenshot as test-artifacts/screenshots/NN-name.png. */
export async function shot(page: Page, name: string): Promise<void> {
  shotNumber += 1;
  const file = `${String(shotNumber).padStart(2, "0")}-${name}.png`;
  await page.screenshot({ path: join(ARTIFACTS, "screenshots", file), fullPage: true });
}

export const axeResults: { page: string; violations: number }[] = [];

/** axe-core on the page as it is now: no serious or critical violations. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeResults.push({ page: label, violations: bad.length });
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`),
    `axe on ${label}`,
  ).toEqual([]);
}

/** Go to a page by clicking a link with this name, wait for its h1. */
export async function follow(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("link", { name }).first().click();
  await page.locator("h1").first().waitFor();
}

export async function heading(page: Page): Promise<string> {
  return (await page.locator("h1").first().textContent())?.trim() ?? "";
}

/** Navigate to a hash route and wait until its h1 says so (not the previous page's). */
export async function go(page: Page, hash: string, h1: string | RegExp): Promise<void> {
  const target = hash.startsWith("#") ? hash : `#${hash}`;
  const before = await page.evaluate(() => window.location.hash).catch(() => "");
  await page.goto(`/${target}`);
  if (decodeURIComponent(before) === decodeURIComponent(target)) await page.reload();
  await page.locator("h1", { hasText: h1 }).first().waitFor();
}

/** On failure: every open page as it was, to test-artifacts/failures/. */
export async function failureShots(pages: Page[], name: string): Promise<void> {
  const safe = name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
  await Promise.all(
    pages.map((page, i) => page.screenshot({ path: join(ARTIFACTS, "failures", `${safe}-${i}.png`), fullPage: true }).catch(() => undefined)),
  );
}
