import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger; pass a destination to capture logs in tests (default: stdout). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'dondoc' } }, destination);
}
