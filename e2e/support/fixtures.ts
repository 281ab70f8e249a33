import { mkdirSync } from 'node:fs';
import {
  _electron,
  test as base,
  type Browser,
  type ElectronApplication,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { electronExecutable, E2E_TARGET } from './electron';
import { ROOT, startHost, type RunningHost } from './host';

/**
 * One running workstation, whichever way it is hosted. Specs drive `page` and may kill and
 * restart the process that owns the database, always on the same data folder.
 */
export interface Workstation {
  readonly page: Page;
  readonly dataDir: string;
  readonly target: 'web' | 'electron';
  /** Ends the process holding the database with SIGKILL: no shutdown handler runs. */
  kill(): Promise<void>;
  /** Starts again on the same data folder and opens the app; returns the page to use from now on. */
  restart(): Promise<Page>;
  /**
   * A second person at the same workstation: a page in its own browser context (its own session),
   * opened on the same running host. Only the web target can have two at once.
   */
  openSecondPage(): Promise<Page>;
}

class WebWorkstation implements Workstation {
  readonly target = 'web';
  private host: RunningHost | null = null;
  private readonly extraPages: Page[] = [];

  constructor(
    readonly page: Page,
    readonly dataDir: string,
    private readonly browser: Browser,
  ) {}

  async openSecondPage(): Promise<Page> {
    if (!this.host) throw new Error('The web host is not running.');
    const context = await this.browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    this.extraPages.push(page);
    await page.goto(this.host.openUrl);
    return page;
  }

  async open(): Promise<void> {
    this.host = await startHost({ dataDir: this.dataDir });
    await this.page.goto(this.host.openUrl);
  }

  async kill(): Promise<void> {
    await this.host?.kill('SIGKILL');
    this.host = null;
  }

  async restart(): Promise<Page> {
    if (this.host) await this.kill();
    await this.open();
    return this.page;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.extraPages.map((page) =>
        page
          .context()
          .close()
          .catch(() => undefined),
      ),
    );
    await this.host?.kill('SIGTERM');
  }
}

class ElectronWorkstation implements Workstation {
  readonly target = 'electron';
  private app: ElectronApplication | null = null;
  private current: Page | null = null;

  constructor(
    private readonly executable: string,
    readonly dataDir: string,
  ) {}

  get page(): Page {
    if (!this.current) throw new Error('The desktop app is not running.');
    return this.current;
  }

  async open(): Promise<void> {
    // The project folder, as `npm start` passes it: package.json names out/main/index.js as main.
    const args = [ROOT];
    // Chromium refuses to run its sandbox as root; a root CI container needs this switch.
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    this.app = await _electron.launch({
      executablePath: this.executable,
      args,
      cwd: ROOT,
      env: { ...process.env, BIENTAP_DATA_DIR: this.dataDir } as Record<string, string>,
    });
    this.current = await this.app.firstWindow();
  }

  async kill(): Promise<void> {
    const child = this.app?.process();
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
    this.app = null;
    this.current = null;
  }

  async restart(): Promise<Page> {
    if (this.app) await this.kill();
    await this.open();
    return this.page;
  }

  openSecondPage(): Promise<Page> {
    test.skip(true, 'The desktop app is one window for one person; two users need the web target.');
    throw new Error('unreachable');
  }

  async close(): Promise<void> {
    await this.app?.close().catch(() => undefined);
  }
}

type AppFixture = Parameters<typeof base.extend<{ app: Workstation }>>[0]['app'];

/** A fresh data folder per test, kept with the test's report when it fails. */
function dataDirFor(testInfo: TestInfo): string {
  const dir = testInfo.outputPath('data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

const webApp: AppFixture = async ({ page, browser }, use, testInfo) => {
  const app = new WebWorkstation(page, dataDirFor(testInfo), browser);
  await app.open();
  await use(app);
  await app.close();
};

// Playwright reads fixture dependencies from the parameter pattern: an empty one starts no browser.
// eslint-disable-next-line no-empty-pattern
const electronApp: AppFixture = async ({}, use, testInfo) => {
  const executable = electronExecutable();
  test.skip(!executable, 'The Electron runtime is not installed here; run the web target instead.');
  const app = new ElectronWorkstation(executable ?? '', dataDirFor(testInfo));
  await app.open();
  await use(app);
  await app.close();
};

export const test = base.extend<{ app: Workstation }>({
  app: E2E_TARGET === 'electron' ? electronApp : webApp,
});

export { expect } from '@playwright/test';
