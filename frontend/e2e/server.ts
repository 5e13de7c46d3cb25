// Vitest globalSetup for the e2e suite: a real peerqa server on a temporary SQLite database,
// migrated and seeded with the demo, serving the built UI (frontend/dist) on a free port.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

const FRONTEND = resolve(import.meta.dirname, "..");
const ROOT = resolve(FRONTEND, "..");
const PEERQA = resolve(ROOT, ".venv/bin/peerqa");
export const ARTIFACTS = resolve(FRONTEND, "test-artifacts");

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromium: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`peerqa serve exited with ${child.exitCode}; see ${ARTIFACTS}/server.log`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`peerqa did not answer ${url}/healthz within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = process.env["PEERQA_CHROMIUM"] ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) throw new Error(`No Chromium at ${chromium}: apt-get install -y chromium (or set PEERQA_CHROMIUM).`);
  if (!existsSync(join(FRONTEND, "dist/index.html"))) throw new Error("frontend/dist is not built: run `npm run build` first.");
  if (!existsSync(PEERQA)) throw new Error(`No ${PEERQA}: run \`make install\` in the repository root first.`);

  // Fresh artifacts each run, so `make screenshots` never copies a stale one.
  for (const dir of ["screenshots", "failures"]) rmSync(join(ARTIFACTS, dir), { recursive: true, force: true });
  for (const old of existsSync(ARTIFACTS) ? readdirSync(ARTIFACTS).filter((f) => f.startsWith("graphql-")) : []) rmSync(join(ARTIFACTS, old));
  mkdirSync(join(ARTIFACTS, "screenshots"), { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "peerqa-e2e-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PEERQA_"))),
    PEERQA_ENV: "development",
    PEERQA_DATA_DIR: dataDir,
    PEERQA_DATABASE_URL: `sqlite://${join(dataDir, "peerqa.sqlite3")}`,
    PEERQA_HOST: "127.0.0.1",
    PEERQA_PORT: String(port),
    PEERQA_UI_DIR: join(FRONTEND, "dist"),
    PEERQA_LOGIN_IP_MAX_ATTEMPTS: "500",
    // Every submitted review is moderated, so the moderation journeys are deterministic.
    PEERQA_MODERATION_RANDOM_RATE: "1",
  };
  for (const args of [["migrate"], ["demo"]]) {
    const result = spawnSync(PEERQA, args, { cwd: dataDir, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`peerqa ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  const log = openSync(join(ARTIFACTS, "server.log"), "w");
  const child = spawn(PEERQA, ["serve"], { cwd: dataDir, env, stdio: ["ignore", log, log] });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("chromium", chromium);

  return async () => {
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  };
}
