// A report page opened in headless Debian Chromium (playwright-core), with the console errors, page
// errors and non-file requests it makes collected, so report tests assert "no errors, no network".
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export interface OpenedPage {
  page: Page;
  errors: string[];
  requests: string[];
}

/** Opens `file` and runs `check` on it; the browser is closed whatever happens. */
export async function withHeadlessPage(file: string, check: (p: OpenedPage) => Promise<void>): Promise<void> {
  assert.ok(existsSync(CHROMIUM), "Debian chromium is needed at /usr/bin/chromium (apt-get install chromium)");
  const profile = mkdtempSync(join(tmpdir(), "oxa-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1400, height: 900 },
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (q) => !q.url().startsWith("file:") && requests.push(q.url()));
    await page.goto(pathToFileURL(file).href);
    await check({ page, errors, requests });
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
