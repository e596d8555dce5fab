import type { ReplyStatus } from '../../src/domain/status-reply.js';
import { normCode, readingsByCode } from './reply-corpus.js';

/**
 * The judge of the held-out reply corpora written as meanings (replies-heldout3.jsonl, replies-heldout4.jsonl):
 * every code of every line is (a) STORED WRONG — a status stored, or done offered, that the words do not say;
 * (b) ASKED — asked back, refused or missed although the meaning was plain; or (c) right.
 *
 * Meanings: done, in_progress, blocked, extension; not_done (unfinished, whether worked on or stuck: in progress
 * or a problem); not_started (said not begun: there is no such stored status, so it is asked back); ask (the words
 * do not settle it: nothing may be stored; offering done to confirm is allowed only where the line says
 * `confirmOk`); none (no task at all).
 */
export type Meaning = 'done' | 'in_progress' | 'blocked' | 'extension' | 'not_done' | 'not_started' | 'ask' | 'none';

/** What one code of a line means. */
export interface Want {
  code: string;
  meaning: Meaning;
  date?: string | null;
  /** Other readings that also honour the words, besides those of the meaning. */
  accept?: ReplyStatus[];
  /** An "ask" line where offering done to confirm is a fair question. */
  confirmOk?: boolean;
}

/** One line of a corpus: the reply, what it means (per code when the codes differ) and why. */
export interface Reply {
  text: string;
  meaning: Meaning | 'mixed';
  codes: string[];
  why: string;
  date?: string | null;
  accept?: ReplyStatus[];
  confirmOk?: boolean;
  items?: Want[];
}

/** The reader's statuses that store a meaning as meant. */
export const AS_MEANT: Record<Meaning, ReplyStatus[]> = {
  done: ['done'],
  in_progress: ['progress'],
  blocked: ['problem'],
  extension: ['extension'],
  not_done: ['progress', 'problem'],
  not_started: ['unclear'],
  ask: ['unclear'],
  none: ['unclear'],
};

/** The meanings a sender can state plainly; asking one back is counted as (b). */
export const PLAIN: readonly Meaning[] = ['done', 'in_progress', 'blocked', 'extension', 'not_done'];

/** The wants of a line: its items, or one per code with the line's meaning. */
export function wantsOf(line: Reply): Want[] {
  if (line.items) return line.items;
  return line.codes.map((code) => ({ code, meaning: line.meaning as Meaning, date: line.date ?? null, accept: line.accept, confirmOk: line.confirmOk }));
}

export type Verdict = 'a' | 'b' | 'c';
export interface Judged {
  verdict: Verdict;
  got: string;
  code: string;
  meaning: string;
}

/** Every code of a reply judged (a) stored wrong, (b) asked although plain, or (c) right; codes read but not meant are (a) when stored. */
export function judgeLine(line: Reply, today: string): Judged[] {
  const read = readingsByCode(line.text, today);
  const wants = wantsOf(line);
  if (typeof read === 'string') {
    // Refused: nothing stored. Right where asking is the meaning, or for an extension without a date.
    return (wants.length > 0 ? wants : [{ code: '-', meaning: 'none' as Meaning }]).map((w) => {
      const accepted = [...AS_MEANT[w.meaning], ...(w.accept ?? [])];
      const right = accepted.includes('unclear') || (read === 'no_date' && w.meaning === 'extension' && (w.date ?? null) === null);
      return { verdict: right ? 'c' : 'b', got: `refused: ${read}`, code: w.code, meaning: w.meaning };
    });
  }
  const out: Judged[] = [];
  const meant = new Set(wants.map((w) => normCode(w.code)));
  for (const [code, mine] of read) {
    if (meant.has(code) || mine.status === 'unclear') continue;
    out.push({ verdict: 'a', got: `${code} ${mine.status}`, code, meaning: 'not a task code of the reply' });
  }
  if (wants.length === 0 && out.length === 0) out.push({ verdict: 'c', got: 'nothing stored', code: '-', meaning: 'none' });
  for (const w of wants) {
    const mine = read.get(normCode(w.code));
    const accepted = [...AS_MEANT[w.meaning], ...(w.accept ?? [])];
    if (!mine) {
      out.push({ verdict: accepted.includes('unclear') ? 'c' : 'b', got: 'code not read', code: w.code, meaning: w.meaning });
      continue;
    }
    const got = `${mine.status}${mine.confirm ? ' (asked back)' : ''}${mine.date ? ` ${mine.date}` : ''}`;
    const j = (verdict: Verdict) => out.push({ verdict, got, code: w.code, meaning: w.meaning });
    if (mine.status === 'unclear') j(accepted.includes('unclear') ? 'c' : 'b');
    else if (mine.status === 'done' && mine.confirm) {
      // Offered as done, to confirm: a fair question where the words lean to done, wrong where they do not.
      if (w.meaning === 'done' || accepted.includes('done')) j(accepted.includes('unclear') ? 'c' : 'b');
      else j(w.confirmOk ? 'c' : 'a');
    } else if (!accepted.includes(mine.status)) j('a');
    else if (mine.status === 'extension' && w.date && mine.date !== w.date) j('a');
    else j('c');
  }
  return out;
}
