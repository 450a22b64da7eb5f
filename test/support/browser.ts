import { Browser, chromium, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from './test-app';

const CHROMIUM = process.env.CROSSLANE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with the background services off: this
 * network refuses their connections, and each retry slows the page under test.
 * Playwright gives every launch a fresh, throw-away profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Logs in through the dashboard's login page, as a person would, and waits for the menu. */
export async function logInThroughDashboard(
  browser: Browser,
  baseUrl: string,
  account: { email: string; password: string },
  viewport = { width: 1400, height: 900 },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${baseUrl}/`);
  await page.fill('input[name="username"]', account.email);
  await page.fill('input[name="password"]', account.password);
  await page.click('button[type="submit"]');
  await page.getByRole('menuitem', { name: 'Jobs' }).waitFor({ timeout: 30_000 });
  return page;
}

/**
 * Chromium for one browser test file: launched before its tests, closed
 * after them together with the app (`app()` reads the file's own, started in
 * its beforeAll), unless `closeApp` is false because useTestApp owns the app
 * and closes it itself. `logIn` opens a page logged in as `account`.
 */
export function chromiumFor(app: () => TestApp | undefined, { closeApp = true } = {}) {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (closeApp) await app()?.close();
  });
  const running = (): { browser: Browser; app: TestApp } => {
    const started = app();
    if (!browser || !started)
      throw new Error('chromiumFor: used before the app and the browser started (call it from a test or a later hook)');
    return { browser, app: started };
  };
  return {
    get browser(): Browser {
      return running().browser;
    },
    logIn(account: { email: string; password: string }, viewport?: { width: number; height: number }): Promise<Page> {
      const { browser: b, app: a } = running();
      return logInThroughDashboard(b, a.url, account, viewport);
    },
  };
}
