import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { BACKEND_SERVICES } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { startSystem } from '../support/services';

/**
 * Swagger UI as a person sees it: a real (headless) Chromium opens /docs on the gateway,
 * finds the operations, runs "Try it out" → "Execute" on the system health and reads the
 * live answer. Chromium comes from the machine (apt `chromium`), not from Playwright's
 * downloads; CHROMIUM_PATH points at another binary.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = '/tmp/swagger-ui.png';
const UI_TIMEOUT_MS = 15_000;

describe('Swagger UI in a real browser', () => {
  let system: TestSystem | undefined;
  let browser: Browser | undefined;
  let page: Page;
  /** What the browser refused or reported as broken: CSP violations, failed loads, page errors. */
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set ` +
          'CHROMIUM_PATH to a Chromium/Chrome executable.',
      );
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    system = await startSystem([...BACKEND_SERVICES]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(
        `request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`,
      ),
    );
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  const operation = (method: string, path: string) =>
    page.locator(`.opblock.opblock-${method}`, {
      has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
    });

  /** Waits until the locator is visible, then returns its text as rendered. */
  const textOf = async (locator: Locator): Promise<string> => {
    await locator.waitFor({ state: 'visible' });
    return (await locator.innerText()).trim();
  };

  /** Opens /docs (once; each test can also run alone) and waits for Swagger UI to render. */
  const openDocs = async (): Promise<void> => {
    const url = `${system!.gatewayUrl}/docs`;
    if (!page.url().startsWith(url)) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
    }
    await page.locator('.swagger-ui .opblock').first().waitFor({ state: 'visible' });
  };

  it('renders the API description and lists its operations', async () => {
    await openDocs();
    expect(await textOf(page.locator('.swagger-ui .info .title'))).toContain('Portail Famille API');
    for (const path of ['/api/v1/health', '/api/v1/organisations', '/api/v1/organisations/{id}']) {
      await operation('get', path).waitFor({ state: 'visible' });
    }
    expect(
      await textOf(operation('get', '/api/v1/health').locator('.opblock-summary-description')),
    ).toBe('State of every back-end service');
    expect(problems).toEqual([]);
  });

  it('runs GET /api/v1/health with "Try it out" and shows the live 200 answer', async () => {
    await openDocs();
    const health = operation('get', '/api/v1/health');
    await health.locator('.opblock-summary-control').click();
    await health.getByRole('button', { name: 'Try it out' }).click();
    await health.getByRole('button', { name: 'Execute' }).click();

    const live = health.locator('.live-responses-table');
    expect(await textOf(live.locator('tbody .response-col_status'))).toBe('200');
    const body = await textOf(live.locator('.response-col_description .highlight-code'));
    expect(body).toContain('"status": "up"');
    expect(body).toContain('"identity"');
    expect(await textOf(health.locator('.request-url'))).toContain(
      `${system!.gatewayUrl}/api/v1/health`,
    );

    await live.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
  });
});
