import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import type { ScoredAgency } from '../../src/app/scoring-service.js';
import { addDays, civilDateOf, type CivilDate } from '../../src/domain/civil-date.js';
import { defaultAsOf, parsePeriod } from '../../src/domain/scoring.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { cliOn } from '../helpers/cli-child.js';
import { HISTORY_YEAR, randomHistory, sayAs, type RandomHistory } from '../helpers/random-history.js';

/**
 * Scores and rankings over random years (issue 26: every number a leader sees is right). Nothing
 * here recomputes a score the way the code does; each property says what a score *means*:
 * 1. "tính đến D" is what was known on D: a score as of D taken on D is the same score months later
 *    (nothing recorded afterwards changes it);
 * 2. a "xong" for overdue work never lowers the agency's score and never moves another agency's;
 * 3. a rank is 1 + the number of agencies of the kind with a strictly larger share of their
 *    applicable points (competition ranking, as /xephang says: "cùng điểm xếp cùng hạng");
 * 4. the chat (/diem, /xephang, /xuatexcel) and the CLI (`score`, with and without --as-of) give the
 *    same score for the same day — the CLI's default day is today, as the chat's.
 * A failure names the seed and the day.
 */
const YEAR = HISTORY_YEAR;
const SEEDS = [7, 4242];

const PERIODS = ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => parsePeriod(`${YEAR}-${q}`)!);
const YEARLY = parsePeriod(String(YEAR))!;

/** A score as a leader reads it: the agency's total and each criterion's points. */
const digest = (scores: ScoredAgency[]) => new Map(scores.map((s) => [s.code, `${s.total}/${s.maxTotal} ${s.criteria.map((c) => `${c.code}:${c.notApplicable ? '-' : c.points}`).join(' ')}`]));
/** The periods a day's scores are taken for: its quarter and the year. */
const periodsOf = (day: CivilDate) => [PERIODS[Math.floor((Number(day.slice(5, 7)) - 1) / 3)]!, YEARLY];

describe.each(SEEDS)('seed %i: scores and rankings mean what they say', (seed) => {
  let s: RandomHistory;
  /** Scores as of the day before each checkpoint, taken on the checkpoint's morning. */
  const taken = new Map<string, Map<string, string>>();
  const random = seededRandom(seed * 13 + 5);
  const checkpoints: CivilDate[] = [`${YEAR}-04-01`, `${YEAR}-07-01`, `${YEAR}-10-01`, ...Array.from({ length: 4 }, () => addDays(`${YEAR}-01-20`, Math.floor(random() * 320)))];
  beforeAll(async () => {
    s = await randomHistory(seed, {
      checkpoints,
      onCheckpoint(day, h) {
        // On day's morning everything up to the end of the day before is known.
        const asOf = addDays(day, -1);
        for (const p of periodsOf(asOf)) taken.set(`${p.label} @ ${asOf}`, digest(h.t.app.services.scoring.scoreAll(p, asOf)));
      },
    });
  }, 180_000);
  afterAll(async () => {
    await s?.t.close();
  });

  it('a score as of a past day is the score that day showed', () => {
    const { scoring } = s.t.app.services;
    s.t.clock.set(`${YEAR}-12-31T03:00:00Z`);
    expect(taken.size, `seed ${seed}: checkpoints were reached`).toBeGreaterThanOrEqual(checkpoints.length);
    let applicable = 0;
    for (const [key, then] of taken) {
      const [label, asOf] = key.split(' @ ') as [string, CivilDate];
      const period = [...PERIODS, YEARLY].find((p) => p.label === label)!;
      const now = digest(scoring.scoreAll(period, asOf));
      for (const [code, was] of then) {
        expect(now.get(code), `seed ${seed}, ${key}, ${code}: the score as of ${asOf} changed after that day`).toBe(was);
        if (!was.startsWith('0/0')) applicable += 1;
      }
    }
    expect(applicable, `seed ${seed}: the checkpoints had scored agencies to compare`).toBeGreaterThan(0);
  });

  it('rankings: a rank is one more than the agencies with a larger share, in the chat as in the service', async () => {
    const { scoring, directory } = s.t.app.services;
    for (const day of [`${YEAR}-06-30`, `${YEAR}-11-16`] as const) {
      s.t.clock.set(`${day}T03:00:00Z`);
      for (const period of periodsOf(day)) {
        const asOf = defaultAsOf(period, day, (d) => s.t.app.services.calendar.onOrAfter(d));
        const where = `seed ${seed}, ${day}, ${period.label}`;
        const all = scoring.scoreAll(period, asOf);
        for (const kind of ['so_ban_nganh', 'ubnd_xa']) {
          const ofKind = all.filter((x) => x.kind === kind && x.maxTotal > 0);
          const share = (x: ScoredAgency) => x.total / x.maxTotal;
          const expectedRank = (x: ScoredAgency) => 1 + ofKind.filter((o) => share(o) - share(x) > 1e-9).length;
          const label = directory.kinds().find((k) => k.code === kind)!.label;
          const text = await sayAs(s, s.admin, 'admin', `/xephang ${kind} ${period.from.slice(0, 4)}${period === YEARLY ? '' : `-Q${Math.ceil(Number(period.to.slice(5, 7)) / 3)}`}`);
          expect(text, where).toContain(`Xếp hạng ${label} — ${period.label}`);
          // Every ranked line "N. Name: a/b" has the rank its share gives and the service's points.
          for (const line of text.split('\n')) {
            const m = /^(\d+)\. (.+): ([\d,]+)\/([\d,]+)/.exec(line);
            if (!m) continue;
            const scored = ofKind.find((x) => x.name === m[2]);
            expect(scored, `${where}: "${line}" names a scored ${kind}`).toBeDefined();
            expect(Number(m[1]), `${where}: ${line}`).toBe(expectedRank(scored!));
            expect(Number(m[3]!.replace(',', '.')), `${where}: ${line}`).toBeCloseTo(scored!.total, 2);
          }
          // Agencies with nothing applicable are named as not ranked, never given a rank.
          for (const x of all.filter((a) => a.kind === kind && a.maxTotal === 0)) {
            expect(text, `${where}: ${x.name} has nothing applicable`).not.toMatch(new RegExp(`^\\d+\\. ${x.name}:`, 'm'));
          }
        }
      }
    }
  });

  it('the chat and the CLI give the same score on the same day; the CLI defaults to today', async () => {
    const { scoring, calendar } = s.t.app.services;
    const db = join(s.t.dir, 'dondoc.sqlite');
    const day: CivilDate = `${YEAR}-10-20`;
    s.t.clock.set(`${day}T03:00:00Z`);
    const asOf = defaultAsOf(YEARLY, day, (d) => calendar.onOrAfter(d));
    const expected = scoring.scoreAll(YEARLY, asOf);
    const where = `seed ${seed}, ${day}`;
    // /diem <mã> for each agency with a focal point: the total line is the service's.
    for (const agencyId of [...s.focal.keys()].slice(0, 8)) {
      const score = expected.find((x) => x.agencyId === agencyId)!;
      const text = await sayAs(s, s.admin, 'admin', `/diem ${score.code} ${YEAR}`);
      expect(text, `${where}, ${score.code}`).toContain(`tính đến ${asOf.slice(8, 10)}/${asOf.slice(5, 7)}/${asOf.slice(0, 4)}`);
      expect(text, `${where}, ${score.code}`).toContain(`Tổng: ${score.total.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}/${score.maxTotal.toLocaleString('vi-VN', { maximumFractionDigits: 2 })} điểm`);
    }
    // /xuatexcel's sheet Điểm: one row per scored agency, its total in the column "Tổng".
    const result = await s.t.app.dispatcher.handle(
      { platform: 'local', platformUserId: 'admin', chatId: 'admin', chatType: 'private', senderName: 'Quản trị', text: `/xuatexcel ${YEAR}` },
      { buttons: true, links: { startLink: () => null } },
    );
    const file = result.replies.flatMap((r) => r.attachments ?? []).find((a) => a.filename.endsWith('.xlsx'));
    expect(file, `${where}: /xuatexcel sends a workbook (${result.replies.map((r) => plainText(r.text)).join(' | ')})`).toBeDefined();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file!.data as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Điểm')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const totalColumn = header.indexOf('Tổng');
    const fromSheet = new Map<string, number>();
    sheet.eachRow((row, n) => {
      if (n > 1) fromSheet.set(String(row.getCell(1).value), Number(row.getCell(totalColumn).value));
    });
    expect(fromSheet, `${where}: the workbook's totals`).toEqual(new Map(expected.map((x) => [x.name, x.total])));

    // The CLI with --as-of the chat's day, and without it (its default is the real today, as /diem's would be).
    const run = (...args: string[]) => {
      const out = cliOn(db, 'score', '--period', String(YEAR), '--json', ...args);
      expect(out.code, `${where}: cli score ${args.join(' ')}: ${out.err}`).toBe(0);
      return new Map((JSON.parse(out.out) as { agency: string; total: number }[]).map((x) => [x.agency, x.total]));
    };
    expect(run('--as-of', asOf), `${where}: cli score --as-of ${asOf}`).toEqual(new Map(expected.map((x) => [x.code, x.total])));
    const realToday = civilDateOf(new Date(), s.t.app.services.settings.timeZone);
    const byDefault = scoring.scoreAll(YEARLY, defaultAsOf(YEARLY, realToday, (d) => calendar.onOrAfter(d)));
    expect(run(), `${where}: cli score without --as-of scores as of today (${realToday})`).toEqual(new Map(byDefault.map((x) => [x.code, x.total])));
  }, 120_000);

  it('a "xong" for overdue work never lowers the agency score nor moves another agency', () => {
    const { scoring, summaries, statuses } = s.t.app.services;
    const day: CivilDate = `${YEAR}-12-31`;
    s.t.clock.set(`${day}T03:00:00Z`);
    const overdue = summaries.overdue().filter((i) => i.kind === 'task');
    expect(overdue.length, `seed ${seed}: the year has overdue tasks to finish`).toBeGreaterThan(0);
    let checked = 0;
    for (const item of overdue.slice(0, 6)) {
      const before = new Map(scoring.scoreAll(YEARLY, day).map((x) => [x.agencyId, x]));
      const member = s.focal.get(item.agencyId)!;
      const task = s.t.app.store.plans.taskById(item.itemId)!;
      const recorded = statuses.recordTask(member, 'local', task, { code: task.code, status: 'done', progress: 100, reason: null, evidence: null, requestedDate: null });
      if (!recorded.ok) continue;
      checked += 1;
      const after = scoring.scoreAll(YEARLY, day);
      const where = `seed ${seed}, ${task.code} of agency ${item.agencyId}`;
      for (const x of after) {
        const was = before.get(x.agencyId)!;
        if (x.agencyId === item.agencyId) {
          expect(x.total, `${where}: done late lowered the score`).toBeGreaterThanOrEqual(was.total);
          const done = (a: ScoredAgency) => Number(/^Hoàn thành (\d+)\//.exec(a.criteria.find((c) => c.code === 'completion')!.why)?.[1] ?? 0);
          expect(done(x), `${where}: the done is counted`).toBeGreaterThan(done(was));
        } else expect(digest([x]), `${where}: another agency moved`).toEqual(digest([was]));
      }
    }
    expect(checked, `seed ${seed}: some overdue task took a done`).toBeGreaterThan(0);
  });
});
