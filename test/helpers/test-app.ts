import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/create-app.js';
import { FakeClock, type Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/**
 * A whole app on a temporary SQLite file, with no transport started and a fake clock (`appClock`
 * replaces it for the app, e.g. the wall clock where real pacing is measured).
 */
export function createTestApp(options: { start?: string; env?: Record<string, string>; dataDir?: string; appClock?: Clock } = {}): {
  app: App;
  clock: FakeClock;
  dir: string;
  close(): Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-app-'));
  const clock = new FakeClock(options.start ?? '2024-01-02T02:00:00Z');
  const config = loadConfig({
    DONDOC_DB_PATH: join(dir, 'dondoc.sqlite'),
    DONDOC_LOG_LEVEL: 'silent',
    DONDOC_LOCAL_CHAT: 'false',
    DONDOC_DEMO_DATA: 'false',
    DONDOC_SCHEDULER: 'false',
    // A scan's page read on a loaded test machine: the OCR tests are about what is read, not how fast
    // (measured 3–17 s a page; the default budget, 60 s, and a budget running out have tests of their own).
    DONDOC_OCR_PAGE_SECONDS: '240',
    ...options.env,
  });
  const app = createApp(config, { logger: createLogger('silent'), clock: options.appClock ?? clock, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  return {
    app,
    clock,
    dir,
    async close() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A test app on its own copy of data/ (`dataDir`): for tests whose commands write the province's
 * data files (the agency directory); the copy is removed with the app.
 */
export function createTestAppOnDataCopy(options: { start?: string } = {}): ReturnType<typeof createTestApp> & { dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'dondoc-data-'));
  cpSync(join(process.cwd(), 'data'), dataDir, { recursive: true });
  const t = createTestApp({ ...options, dataDir });
  return {
    ...t,
    dataDir,
    async close() {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
