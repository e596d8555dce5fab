import { existsSync } from 'node:fs';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createApp } from './create-app.js';

/** How long stopping may take before the process exits regardless. */
const STOP_DEADLINE_MS = 10_000;

/** Starts dondoc: reads .env (if present) and the environment, opens the store, starts the transports. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.DONDOC_LOG_LEVEL);
  for (const warning of config.warnings) logger.warn(warning);
  const app = createApp(config, { logger, clock: systemClock });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stopping aborts every network call in flight, so it takes a second or two; should anything still
    // hang, the process exits anyway (unsent messages stay in the outbox for the next start).
    setTimeout(() => {
      logger.error({ afterMs: STOP_DEADLINE_MS }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Handlers first, then the "running" line: whoever waits for that line may signal at once.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Under `npm start` the parent is npm's shell: a SIGTERM to npm stops that shell without passing
  // the signal on. Losing the parent therefore means "stop" too (cleanly, like SIGTERM).
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown('parent-exit');
  }, 500).unref();
  const { localChatUrl } = await app.start();
  if (localChatUrl) {
    process.stdout.write(
      `\ndondoc đang chạy. Mở ${localChatUrl} trong trình duyệt để trò chuyện thử (Ctrl+C để dừng).\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dondoc không khởi động được: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
