/**
 * Browser tests: the web app built and served by the real api (in process, on a free port, over the test
 * platform), driven in Debian's Chromium by playwright-core. Every page collects the errors the browser
 * reports; screenshots go to test-artifacts/screenshots for a reviewer to look at.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@motcua/domain/seed/demo.ts';
import { createApp } from '../../api/src/app.ts';
import { buildWebApp } from '../../platform/src/web-app.ts';
import { artifactsDir, platform } from './platform.ts';

export const screenshotsDir = path.join(artifactsDir, 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

let server: Server | undefined;
let baseUrl: string | undefined;
let browser: Browser | undefined;

/** The api with the built web app, listening on a free port. */
export async function webApp(): Promise<string> {
  if (baseUrl) return baseUrl;
  const dist = buildWebApp((l) => process.stdout.write(`      [browser] ${l}\n`));
  const p = platform();
  const app = createApp({ config: p.config, services: p.services, logger: p.logger, staticDir: dist });
  server = await new Promise<Server>((resolve) => {
    // on the port the OpenID provider sends browsers back to
    const s = app.listen(p.webPort, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  baseUrl = `http://127.0.0.1:${port}`;
  return baseUrl;
}

export async function theBrowser(): Promise<Browser> {
  // a fresh temporary profile every launch; no network beyond this machine
  browser ??= await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--lang=vi-VN',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  baseUrl = undefined;
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** what the browser reported as errors (failed requests the app expects, like 401 before login, excluded) */
  errors: string[];
}

export async function openPage(viewport = DESKTOP): Promise<UserPage> {
  const url = await webApp();
  const context = await (await theBrowser()).newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: url, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // the app asks who is logged in (401 when nobody is) and shows the api's own 4xx problems in the page
    if (/status of 4\d\d/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return { context, page, errors };
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
}

/** A screenshot of the whole page, named by page and width. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(screenshotsDir, `${name}-${width <= 500 ? 'phone' : 'desktop'}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page does not scroll sideways (it fits a phone). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core (WCAG 2.1 A and AA rules) finds wrong with the page as it is now, serious and critical
 * problems only, one line each. Run through the devtools protocol, so the page's CSP does not stop it.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    // the bpmn.io logos are the libraries' own (their licence asks to keep them)
    const r = await axe.run(
      { exclude: [['.fjs-powered-by'], ['.bjs-powered-by']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
}
