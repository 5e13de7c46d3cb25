// Reads the build output: the JavaScript shipped to the browser must stay within 150 KB gzipped.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const DIST = resolve(import.meta.dirname, "../dist");
const BUDGET_KB = 150;
const built = existsSync(join(DIST, "index.html"));

describe("bundle size", () => {
  it.skipIf(!built)(`ships at most ${BUDGET_KB} KB of gzipped JavaScript`, () => {
    const assets = join(DIST, "assets");
    const js = readdirSync(assets).filter((f) => f.endsWith(".js"));
    expect(js.length).toBeGreaterThan(0);
    const gzipped = js.reduce((total, f) => total + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
    const kb = gzipped / 1024;
    console.log(`JS shipped: ${js.length} file(s), ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
    expect(kb).toBeLessThanOrEqual(BUDGET_KB);
  });

  it.skipIf(!built)("index.html has no inline scripts or styles (the CSP forbids them)", () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style[\s>]/);
    expect(html).not.toMatch(/\sstyle=/);
  });
});
