import { readFileSync } from 'node:fs';
import { readStatusReply, type ReplyStatus } from '../../src/domain/status-reply.js';

/**
 * Shared by the held-out corpus tests (test/domain/status-reply-heldout.test.ts, heldout2.test.ts):
 * reading a JSON-lines corpus and what the reply reader gives each task code of a message.
 */

/** The lines of a JSON-lines file (blank lines skipped). */
export function readJsonl<T>(url: URL): T[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** A task code as the reader returns it: "NV 3.7" → "3.7", "ii.3" → "II.3". */
export const normCode = (code: string) => code.normalize('NFC').toUpperCase().replace(/^(NV|NHIỆM VỤ)\s*/u, '');

export interface CodeReading {
  status: ReplyStatus;
  date: string | null;
  /** A done that is asked back before it is stored. */
  confirm: boolean;
}

/** What the reader gives each code of a reply, or the refusal's code ("no_code", "no_date" …). */
export function readingsByCode(text: string, today: string): Map<string, CodeReading> | string {
  const read = readStatusReply(text, today);
  if (!read.ok) return read.error.code;
  const out = new Map<string, CodeReading>();
  for (const item of read.value.items) for (const code of item.codes) out.set(code, { status: item.status, date: item.date, confirm: item.confirm });
  return out;
}
