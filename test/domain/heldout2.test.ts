import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/app/province-data.js';
import { scheduleDeadline, type DeadlineKind } from '../../src/domain/deadline-grammar.js';
import type { ReplyStatus } from '../../src/domain/status-reply.js';
import { normCode, readJsonl, readingsByCode } from '../helpers/reply-corpus.js';

/**
 * Second held-out corpus, written before reading the reader's or the deadline grammar's code:
 * test/fixtures/corpus/replies-heldout2.jsonl (chat replies as focal points write them, each with
 * what the sender meant) and test/fixtures/corpus/deadlines-heldout2.jsonl (plan cells with the
 * dates they state). Today is Friday 4/12/2026.
 *
 * The worst error is an UNSAFE reading: a reply that does not say done, stored as done without
 * being asked back; for deadlines, a date the cell does not state. Both are checked line by line
 * (known ones are listed below as `it.fails` with their text, never hidden); the shares read as
 * meant are floors just under the figures measured when the corpus was written.
 */
const TODAY = '2026-12-04';

type Meaning = 'done' | 'in_progress' | 'blocked' | 'extension' | 'unclear' | 'not_done';
interface Want {
  code: string;
  meaning: Meaning;
  date?: string | null;
  accept?: ReplyStatus[];
}
interface Reply {
  text: string;
  meaning: Meaning;
  codes: string[];
  why: string;
  date?: string | null;
  /** Other readings that also honour the words (a tricky line). */
  accept?: ReplyStatus[];
  /** Several tasks with different states in one message. */
  items?: Want[];
}

/** The reader's statuses that read a meaning as meant. "Not done" without more is in progress or a problem. */
const AS_MEANT: Record<Meaning, ReplyStatus[]> = {
  done: ['done'],
  in_progress: ['progress'],
  blocked: ['problem'],
  extension: ['extension'],
  unclear: ['unclear'],
  not_done: ['progress', 'problem'],
};

const replies = readJsonl<Reply>(new URL('../fixtures/corpus/replies-heldout2.jsonl', import.meta.url));

function wantsOf(line: Reply): Want[] {
  if (line.items) return line.items;
  return line.codes.map((code) => ({ code, meaning: line.meaning, date: line.date ?? null, ...(line.accept ? { accept: line.accept } : {}) }));
}

/**
 * How one code of a reply was read: `right`; `unsafe` (not done, stored as done at once);
 * `asked_done` (not done, offered as done to confirm); `wrong_date` (an extension to another date);
 * `wrong` (any other safe miss: weaker, asked back, refused, code not found).
 */
type Verdict = 'right' | 'unsafe' | 'asked_done' | 'wrong_date' | 'wrong';
function judge(line: Reply, want: Want): { verdict: Verdict; got: string } {
  const read = readingsByCode(line.text, TODAY);
  const accepted = want.accept ?? AS_MEANT[want.meaning];
  if (typeof read === 'string') {
    const right = accepted.includes('unclear') || (read === 'no_date' && want.meaning === 'extension' && (want.date ?? null) === null);
    return { verdict: right ? 'right' : 'wrong', got: `refused: ${read}` };
  }
  const mine = read.get(normCode(want.code));
  if (!mine) return { verdict: 'wrong', got: `code not found (read ${JSON.stringify([...read.keys()])})` };
  const got = `${mine.status}${mine.confirm ? ' (asked back)' : ''}${mine.date ? ` ${mine.date}` : ''}`;
  if (want.meaning !== 'done' && mine.status === 'done') return { verdict: mine.confirm ? 'asked_done' : 'unsafe', got };
  if (!accepted.includes(mine.status)) return { verdict: 'wrong', got };
  if (mine.status === 'extension' && want.date && mine.date !== want.date) return { verdict: 'wrong_date', got };
  return { verdict: 'right', got };
}

/**
 * Replies read as done today although they do not say done: the grammar must be fixed. Each stays
 * here, by its text, until it is; the test then turns red and the line moves to the checked ones.
 */
const KNOWN_UNSAFE_REPLIES = new Set<string>([
  // counterfactual "X mà xong thì …" (if it were done, I would have said so): read done
  '2.10 mà xong thì em đã báo rồi',
  // wish "giá mà" (if only it were done): read done
  'giá mà 2.12 xong',
  // "xong … rồi thì báo anh sau" = once I finish, I will tell you later: read done
  'Em xong 2.33 rồi thì báo anh sau nhé',
  // condition "nếu có kinh phí thì … xong lâu rồi" (it would be done if funded): read done
  'nếu có kinh phí thì 2.11 xong lâu rồi',
  // sarcasm "xong rồi mới lạ" (it would be a wonder if it were done): read done
  '2.6 xong rồi mới lạ',
  // wish "xong rồi thì tốt" (it would be good if it were done): read done
  '2.27 xong rồi thì tốt',
]);

/**
 * Not done, but offered as done to confirm ("Ghi nhận … đã hoàn thành?"): safe (nothing is stored
 * until ✅ Đúng, đã xong), yet one hurried tap stores a false done. Listed so a change is seen.
 */
const KNOWN_ASKED_DONE = new Set<string>([
  // rhetorical "xong cái gì mà xong" (what do you mean, done): 'gì' unplaced, the done kept
  '2.15 xong cái gì mà xong',
  // "ch" = chưa (not yet): unplaced, the done kept
  '2.23 ch xong',
]);

describe('held-out replies, second corpus (written without seeing the reader)', () => {
  it('holds at least 300 replies, about 40% of them plain done', () => {
    expect(replies.length).toBeGreaterThanOrEqual(300);
    const plain = replies.filter((l) => l.meaning === 'done' && !l.items && !l.accept).length / replies.length;
    expect(plain).toBeGreaterThan(0.33);
    expect(plain).toBeLessThan(0.45);
  });

  const notDone = replies.flatMap((line) => wantsOf(line).filter((w) => w.meaning !== 'done').map((w) => [line.text, w.code, w.meaning, line] as const));
  const checked = notDone.filter(([text]) => !KNOWN_UNSAFE_REPLIES.has(text));
  const known = notDone.filter(([text]) => KNOWN_UNSAFE_REPLIES.has(text));
  it.each(checked)('never stored as done: %j (%s means %s)', (_text, code, meaning, line) => {
    expect(judge(line, { ...wantsOf(line).find((w) => w.code === code)!, meaning }).verdict).not.toBe('unsafe');
  });
  if (known.length > 0)
    it.fails.each(known)('KNOWN UNSAFE, to fix: %j (%s means %s) is stored as done', (_text, code, meaning, line) => {
      expect(judge(line, { ...wantsOf(line).find((w) => w.code === code)!, meaning }).verdict).not.toBe('unsafe');
    });

  it('reads most replies as meant and asks back few plain done replies', () => {
    const verdicts = replies.map((line) => ({ line, per: wantsOf(line).map((w) => ({ w, ...judge(line, w) })) }));
    const right = verdicts.filter((v) => v.per.every((p) => p.verdict === 'right'));
    const unsafe = verdicts.filter((v) => v.per.some((p) => p.verdict === 'unsafe'));
    const plainDone = replies.filter((l) => l.meaning === 'done' && !l.items && !l.accept);
    const asked = plainDone.filter((l) => {
      const read = readingsByCode(l.text, TODAY);
      return typeof read === 'string' || l.codes.some((c) => read.get(normCode(c))?.status !== 'done' || read.get(normCode(c))?.confirm);
    });
    const rate = right.length / replies.length;
    console.info(
      `held-out 2 replies: ${right.length}/${replies.length} read as meant (${(rate * 100).toFixed(1)}%); unsafe ${unsafe.length}; ` +
        `plain done asked back or missed ${asked.length}/${plainDone.length} (${((asked.length / plainDone.length) * 100).toFixed(1)}%)`,
    );
    if (process.env.SHOW_WRONG)
      for (const v of verdicts) for (const p of v.per) if (p.verdict !== 'right') console.info(`${p.verdict.toUpperCase()}\t${JSON.stringify(v.line.text)}\t${p.w.code} means ${p.w.meaning}${p.w.date ? ` ${p.w.date}` : ''}\tread: ${p.got}`);
    expect(unsafe.map((v) => v.line.text).sort()).toEqual([...KNOWN_UNSAFE_REPLIES].sort());
    const askedDone = verdicts.filter((v) => v.per.some((p) => p.verdict === 'asked_done'));
    expect(askedDone.map((v) => v.line.text).sort()).toEqual([...KNOWN_ASKED_DONE].sort());
    expect(rate).toBeGreaterThanOrEqual(READ_AS_MEANT_FLOOR);
    expect(asked.length / plainDone.length).toBeLessThanOrEqual(PLAIN_DONE_ASKED_CEILING);
  });
});

/**
 * Measured on 5/12/2026 when the corpus was written: 368/418 replies read as meant (88.0%), 6 unsafe
 * (above), 14/159 plain done replies asked back or missed (8.8%). Kept just under / over.
 */
const READ_AS_MEANT_FLOOR = 0.87;
const PLAIN_DONE_ASKED_CEILING = 0.1;

interface Cell {
  cell: string;
  planYear: number;
  kind: DeadlineKind;
  dates: string[];
  why: string;
}
const cells = readJsonl<Cell>(new URL('../fixtures/corpus/deadlines-heldout2.jsonl', import.meta.url));
const calendar = loadCalendar(join(process.cwd(), 'data'));

/**
 * `right`: kind and nominal dates as meant; `unknown`: left unread though it states something
 * (safe: reported, never guessed); `wrong_date`: dates the cell does not state (unsafe: reminders and
 * scores would run on them); `wrong_kind`: another dateless kind (ongoing / event / unknown).
 */
type CellVerdict = 'right' | 'unknown' | 'wrong_date' | 'wrong_kind' | 'convention';
function judgeCell(c: Cell): { verdict: CellVerdict; got: string } {
  const r = scheduleDeadline(c.cell, { year: c.planYear }, calendar);
  const got = `${r.kind} ${JSON.stringify(r.dates)}${r.unexplained.length ? ` unexplained ${JSON.stringify(r.unexplained)}` : ''}`;
  if (r.kind === c.kind && JSON.stringify(r.dates) === JSON.stringify(c.dates)) return { verdict: 'right', got };
  if (YEAR_SPAN_CONVENTION.has(c.cell) && r.kind === 'recurring' && c.dates.every((d) => r.dates.includes(d)) && r.dates.every((d) => d.endsWith('-12-31')))
    return { verdict: 'convention', got };
  if (r.dates.length > 0 && JSON.stringify(r.dates) !== JSON.stringify(c.dates)) return { verdict: 'wrong_date', got };
  if (r.kind === 'unknown') return { verdict: 'unknown', got };
  return { verdict: 'wrong_kind', got };
}

/**
 * A year span in a plan of its first year: the writer expected the plan year's end, following the
 * README ("each period's end … in every year of the plan (its --period, else its year)"); dondoc
 * gives the end of every year of the span (2026 and 2027). Both dates are stated by the cell, so
 * this is a convention to settle (README or code), not an unsafe date; counted apart, not as read.
 */
const YEAR_SPAN_CONVENTION = new Set(['Năm 2026-2027', 'Giai đoạn 2026-2027', '2026 - 2027', 'Từ năm 2026 đến năm 2027']);

/**
 * Cells given dates they do not state today, by text: the grammar must be fixed. "hoặc" (or) is read
 * like "và" (and): a choice between two periods becomes two due dates, the first of which the plan
 * never set (a task may be counted late at the end of June when the plan allowed July).
 */
const KNOWN_WRONG_DATES = new Set<string>(['Năm 2026 hoặc 2027', 'Tháng 6 hoặc tháng 7/2026', 'Quý II hoặc Quý III/2026']);

/** Measured on 5/12/2026: 158/173 cells as meant (91.3%); 3 wrong dates, 4 by convention, 7 unknown, 1 other kind. */
const DEADLINE_RIGHT_FLOOR = 0.9;

describe('held-out deadline cells, second corpus', () => {
  it('holds at least 150 cells', () => {
    expect(cells.length).toBeGreaterThanOrEqual(150);
  });

  const checked = cells.filter((c) => !KNOWN_WRONG_DATES.has(c.cell));
  const known = cells.filter((c) => KNOWN_WRONG_DATES.has(c.cell));
  it.each(checked.map((c) => [c.cell, c.planYear, c.kind, c.dates, c] as const))('never a date the cell does not state: %j (plan %i) → %s %j', (_cell, _y, _k, _d, c) => {
    expect(judgeCell(c).verdict).not.toBe('wrong_date');
  });
  if (known.length > 0)
    it.fails.each(known.map((c) => [c.cell, c.planYear, c.kind, c.dates, c] as const))('KNOWN WRONG DATE, to fix: %j (plan %i) means %s %j', (_cell, _y, _k, _d, c) => {
      expect(judgeCell(c).verdict).not.toBe('wrong_date');
    });

  it('reads most cells as meant', () => {
    const verdicts = cells.map((c) => ({ c, ...judgeCell(c) }));
    const count = (v: CellVerdict) => verdicts.filter((x) => x.verdict === v).length;
    console.info(
      `held-out 2 deadlines: ${count('right')}/${cells.length} as meant (${((count('right') / cells.length) * 100).toFixed(1)}%); ` +
        `wrong date ${count('wrong_date')}; year-span convention ${count('convention')}; unknown ${count('unknown')}; other kind ${count('wrong_kind')}`,
    );
    if (process.env.SHOW_WRONG) for (const v of verdicts) if (v.verdict !== 'right') console.info(`${v.verdict.toUpperCase()}\t${JSON.stringify(v.c.cell)} (plan ${v.c.planYear})\tmeans ${v.c.kind} ${JSON.stringify(v.c.dates)}\tread: ${v.got}`);
    expect(verdicts.filter((v) => v.verdict === 'wrong_date').map((v) => v.c.cell).sort()).toEqual([...KNOWN_WRONG_DATES].sort());
    expect(count('right') / cells.length).toBeGreaterThanOrEqual(DEADLINE_RIGHT_FLOOR);
  });
});

/**
 * Probes written AFTER the first measurement, around the unsafe kinds it found (conditionals,
 * wishes, sarcasm, restated requirements; "hoặc" and "trở đi" in cells). Not counted in the shares
 * above (they were aimed at known weak spots); each unsafe one is a known failure, by its text.
 */
const REPLY_PROBES: [text: string, meaning: Meaning, accept: ReplyStatus[] | null, unsafeToday: boolean, why: string][] = [
  ['nếu 2.5 xong thì em báo', 'in_progress', ['progress', 'unclear'], true, 'condition: "if 2.5 is done I will tell you"'],
  ['giá như 2.5 xong rồi', 'not_done', ['progress', 'problem', 'unclear'], true, 'wish "giá như": if only it were done'],
  ['2.5 mà xong được thì tốt quá', 'not_done', ['progress', 'problem', 'unclear'], true, 'wish: it would be great if it could be done'],
  ['2.5 xong được thì tốt', 'not_done', ['progress', 'problem', 'unclear'], true, 'wish: good if it can be done'],
  ['2.5 hoàn thành thì tốt quá', 'not_done', ['progress', 'problem', 'unclear'], true, 'wish: it would be great to complete'],
  ['2.5 xong thì mới lạ', 'not_done', ['progress', 'problem', 'unclear'], true, 'sarcasm: it would be a wonder'],
  ['2.5 mà xong thì em đi đầu xuống đất', 'not_done', ['progress', 'problem', 'unclear'], true, 'sarcasm: "if it is done I will walk on my head"'],
  ['giả sử 2.5 xong', 'unclear', ['unclear', 'progress'], true, 'supposition, not a report'],
  ['2.5 xong rồi thì em gửi anh', 'unclear', ['unclear', 'progress'], true, '"once it is done I send it" or "done, so I send it": at least ask'],
  ['2.5 xong rồi mới gửi được', 'unclear', ['unclear', 'progress'], true, '"it can only be sent once done": at least ask'],
  ['2.5 yêu cầu hoàn thành trước 20/12', 'unclear', ['unclear', 'progress'], true, 'restates a requirement: complete before 20/12'],
  ['2.5 xong muộn nhất 15/12', 'in_progress', ['progress', 'unclear'], true, 'will be done by 15/12 at the latest'],
  ['khi nào 2.5 xong em gửi', 'in_progress', ['progress', 'unclear'], false, 'will send when done'],
  ['nếu xong 2.5 em sẽ báo', 'in_progress', ['progress', 'unclear'], false, 'will report if done'],
  ['ước gì 2.5 xong', 'not_done', ['progress', 'problem', 'unclear'], false, 'wish "ước gì"'],
  ['2.5 sao mà xong được', 'not_done', ['progress', 'problem', 'unclear'], false, 'rhetorical: how could it be done'],
  ['2.5 phải xong trước 15/12', 'in_progress', ['progress', 'unclear'], false, 'must be done before 15/12'],
  ['2.5 bao giờ xong', 'unclear', ['unclear'], false, 'question: when will it be done'],
];

describe('reply probes around the unsafe kinds (written after measuring)', () => {
  const probe = (text: string, meaning: Meaning, accept: ReplyStatus[] | null) => judge({ text, meaning, codes: ['2.5'], why: '', ...(accept ? { accept } : {}) }, { code: '2.5', meaning, ...(accept ? { accept } : {}) });
  const safe = REPLY_PROBES.filter((p) => !p[3]);
  const unsafe = REPLY_PROBES.filter((p) => p[3]);
  it.each(safe)('%j (%s) is not stored as done', (text, meaning, accept) => {
    expect(probe(text, meaning, accept).verdict).not.toBe('unsafe');
  });
  it.fails.each(unsafe)('KNOWN UNSAFE, to fix: %j (%s) is stored as done', (text, meaning, accept) => {
    expect(probe(text, meaning, accept).verdict).not.toBe('unsafe');
  });
});

const CELL_PROBES: [cell: string, kind: DeadlineKind, dates: string[], wrongToday: boolean, why: string][] = [
  ['Tháng 6 hoặc 7/2026', 'unknown', [], true, '"or": either month, no single due date'],
  ['Quý II hoặc III/2026', 'unknown', [], true, '"or": either quarter'],
  ['Quý II, hoặc Quý III/2026', 'unknown', [], true, '"or" after a comma'],
  ['Quý II/2026 trở đi', 'ongoing', [], true, '"from Q2 onward": a start with no end, like "Từ Quý II/2026"'],
  ['Tháng 6/2026 hay tháng 7/2026', 'unknown', [], false, '"hay" = or'],
  ['Sau 30/6/2026', 'event', [], false, 'after a day: no deadline stated'],
];

describe('deadline probes around the wrong dates (written after measuring)', () => {
  const cell = (c: string, kind: DeadlineKind, dates: string[]) => judgeCell({ cell: c, planYear: 2026, kind, dates, why: '' }).verdict;
  it.each(CELL_PROBES.filter((p) => !p[3]))('%j (plan 2026) gets no date it does not state', (c, kind, dates) => {
    expect(cell(c, kind, dates)).not.toBe('wrong_date');
  });
  it.fails.each(CELL_PROBES.filter((p) => p[3]))('KNOWN WRONG DATE, to fix: %j (plan 2026) means %s', (c, kind, dates) => {
    expect(cell(c, kind, dates)).not.toBe('wrong_date');
  });
});
