import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, type HTMLElement } from 'node-html-parser';
import { addDays, type CivilDate } from '../../src/domain/civil-date.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import { HISTORY_YEAR, randomHistory, type RandomHistory } from '../helpers/random-history.js';
import { WebDashboardHarness } from '../helpers/web-dashboard.js';

/**
 * One truth on the web (issue 31): for random histories (test/helpers/random-history.ts: a random
 * plan, replies, extensions asked and decided, report submissions, up to a random "today", then a
 * few broadcasts sent that day and acknowledged by some), every figure on every dashboard page
 * equals what the chat answers the same day:
 *   Tổng quan ↔ /tonghop (province and agencies), Quá hạn ↔ /quahan (province and per agency),
 *   Ma trận ↔ /quahan <mã> and /viec (each agency's overdue, finished and open tasks),
 *   Báo cáo định kỳ ↔ /baocao Q1|6T|Q3|NAM, Điểm ↔ /diem <mã> and /xephang <loại>,
 *   Thông báo ↔ /thongbao_ds and /thongbao_tt.
 * The pages are read with an HTML parser (node-html-parser: entities decoded, as a person reads
 * them), the chat's answers as their plain text. A difference fails naming the seed and the day;
 * `PROPERTY_SEED=<n> npx vitest run test/web/dashboard.property.test.ts` repeats one seed.
 */
// Seeds whose "today" falls in March, April, September and November: every quarter's figures, before and after reports fall due.
const SEEDS = process.env.PROPERTY_SEED ? [Number(process.env.PROPERTY_SEED)] : [31_415, 12, 42, 11];
const YEAR = HISTORY_YEAR;

interface World {
  seed: number;
  today: CivilDate;
  history: RandomHistory;
  h: WebDashboardHarness;
  broadcasts: number[];
  admin: string;
}

/** The random history up to a random day of the year, the dashboard started on it, broadcasts sent that morning. */
async function makeWorld(seed: number): Promise<World> {
  const random = seededRandom(seed * 31 + 7);
  const today = addDays(`${YEAR}-01-20`, Math.floor(random() * 330));
  const history = await randomHistory(seed, { env: { DONDOC_WEB: 'true', DONDOC_HTTP_PORT: '0' }, until: today });
  const { t, admin, focal } = history;
  t.clock.set(`${today}T02:00:00Z`);
  const base = (await t.app.start()).httpUrl!;
  const [a, b] = [...focal.values()];
  const h = new WebDashboardHarness(t, base, { agencyA: a!.agencyId, agencyB: b!.agencyId, admin, focalA: a!, focalB: b! });
  // Broadcasts as Sở Nội vụ sends them from chat, to every focal point, to a kind, to one agency; some acknowledge.
  const codes = [...focal.keys()].map((id) => t.app.store.agencies.byId(id)!.code);
  const audiences = ['focal', 'kind:so_ban_nganh', 'kind:ubnd_xa', `coquan ${codes[Math.floor(random() * codes.length)]}`];
  const broadcasts: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const drafted = await h.say('admin', `/thongbao Đề nghị các cơ quan báo cáo tiến độ lần ${i + 1} <trước> 15/${(i % 12) + 1} & gửi minh chứng.`);
    const id = Number(/Thông báo #(\d+) đã soạn/.exec(drafted)?.[1]);
    expect(id, `seed ${seed}: ${drafted}`).toBeGreaterThan(0);
    await h.say('admin', `/tb_doituong ${id} ${audiences[Math.floor(random() * audiences.length)]}`);
    const sent = await h.say('admin', `/tb_gui ${id}`);
    if (/Đang gửi thông báo/.test(sent)) broadcasts.push(id);
  }
  for (const agencyId of focal.keys()) for (const id of broadcasts) if (random() < 0.4) await h.say(`f${agencyId}`, `/danhan ${id}`);
  t.clock.set(`${today}T03:00:00Z`);
  return { seed, today, history, h, broadcasts, admin: await h.login('admin') };
}

const dom = (page: string): HTMLElement => parse(page);
/** An element's text as a person reads it: entities decoded, white space collapsed. */
const text = (el: HTMLElement | null | undefined): string => (el?.text ?? '').replace(/\s+/g, ' ').trim();
const chatLines = (chat: string) => chat.split('\n').map((l) => l.trim());

/** The agency names of a comma-separated list in a chat line ("A, B, C"), knowing that a name may itself hold a comma ("Sở Văn hóa, Thể thao và Du lịch"). */
function namesIn(list: string, known: readonly string[]): string[] {
  const longestFirst = [...known].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  let rest = list;
  while (rest) {
    const name = longestFirst.find((n) => rest === n || rest.startsWith(`${n}, `)) ?? rest;
    out.push(name);
    rest = rest.slice(name.length + 2);
  }
  return out;
}

/** Points as a share of the maximum ("0/1" and "0/4" are the same 0%): agencies are ranked, and tied, by it. */
const ratio = (points: string) => {
  const [p, max] = points.split('/').map((x) => Number(x.replace(',', '.')));
  return max ? p! / max : 0;
};
/** What a chat rank group says it shares, as a share rounded like the chat's percent: "điểm 2/4" or "tỷ lệ 0% số điểm áp dụng". */
const shared = (words: string) => {
  const share = words.startsWith('điểm ') ? ratio(words.slice('điểm '.length)) : Number(/^tỷ lệ ([\d,]+)%/.exec(words)![1]!.replace(',', '.')) / 100;
  return Math.round(share * 1000) / 1000;
};
const SHARED = '(điểm \\S+|tỷ lệ [\\d,]+% số điểm áp dụng)';

// ---------- Tổng quan ↔ /tonghop ----------

interface Overview {
  heading: string;
  due: number;
  done: number;
  overdue: number;
  overdueAll: number;
  donePct: string;
  areas: string[];
  kinds: string[];
  report: string | null;
  behind: string[];
  week: string;
}

/** "• name: done/due (x%)" lines of a section of /tonghop, as "name: done/due (x%)". */
function chatSection(lines: string[], header: string): string[] {
  const at = lines.indexOf(header);
  if (at < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('• ')) break;
    out.push(line.slice(2));
  }
  return out;
}

function overviewOfChat(chat: string): Overview {
  const lines = chatLines(chat);
  const tasks = /^Nhiệm vụ đến hạn trong quý: (\d+); đã hoàn thành (\d+) \((.+?)\); hạn trong quý đã qua mà chưa xong (\d+)\.$/.exec(lines.find((l) => l.startsWith('Nhiệm vụ đến hạn')) ?? '');
  if (!tasks) expect(lines).toContain('Chưa có nhiệm vụ nào đến hạn trong quý này.');
  const all = /Tổng số việc còn quá hạn \(kể cả từ các quý trước, gồm báo cáo\): (\d+)/.exec(chat);
  const behindAt = lines.indexOf('Năm cơ quan chậm nhất (mọi việc còn quá hạn):');
  const behind: string[] = [];
  if (behindAt >= 0) for (const line of lines.slice(behindAt + 1)) if (/^\d+\. /.test(line)) behind.push(line.replace(/^\d+\. /, ''));
  else break;
  return {
    heading: /^Tổng hợp CCHC — (.+)$/.exec(lines[0]!)![1]!,
    due: Number(tasks?.[1] ?? 0),
    done: Number(tasks?.[2] ?? 0),
    donePct: tasks?.[3] ?? '—',
    overdue: Number(tasks?.[4] ?? 0),
    overdueAll: Number(all?.[1] ?? 0),
    areas: chatSection(lines, 'Theo lĩnh vực:'),
    kinds: chatSection(lines, 'Theo loại cơ quan:'),
    report: lines.find((l) => /: đã nộp \d+\/\d+ cơ quan\.$/.test(l)) ?? null,
    behind,
    week: lines.find((l) => l.startsWith('7 ngày qua:'))!,
  };
}

function overviewOfPage(page: string): Overview {
  const root = dom(page);
  const figure = (key: string) => Number(text(root.querySelector(`[data-figure="${key}"]`)));
  const doneCard = text(root.querySelector('[data-figure="tasksDone"]')?.parentNode);
  /** The rows of the table under the h2 `caption`, as "name: done/due (x%)". */
  const table = (caption: string) => {
    const h2 = root.querySelectorAll('h2').find((e) => text(e) === caption);
    const rows = h2?.nextElementSibling?.querySelectorAll('tbody tr') ?? [];
    return rows.map((r) => {
      const [name, due, done, rate] = r.querySelectorAll('td').map(text);
      return `${name}: ${done}/${due} (${rate})`;
    });
  };
  return {
    heading: /^Tổng quan CCHC — (.+)$/.exec(text(root.querySelector('h1')))![1]!,
    due: figure('tasksDue'),
    done: figure('tasksDone'),
    donePct: /\((.+)\)$/.exec(doneCard)?.[1] ?? '',
    overdue: figure('tasksOverdue'),
    overdueAll: figure('overdueAll'),
    areas: table('Theo lĩnh vực'),
    kinds: table('Theo loại cơ quan'),
    report: root.querySelector('[data-figure="report"]') ? text(root.querySelector('[data-figure="report"]')) : null,
    behind: root.querySelectorAll('main ol li').map(text),
    week: root.querySelectorAll('main p').map(text).find((p) => p.startsWith('7 ngày qua:'))!,
  };
}

function expectSameOverview(where: string, page: Overview, chat: Overview): void {
  expect(page.heading, `${where}: heading`).toBe(chat.heading);
  expect({ due: page.due, done: page.done, overdue: page.overdue, overdueAll: page.overdueAll }, `${where}: the quarter's figures`).toEqual({ due: chat.due, done: chat.done, overdue: chat.overdue, overdueAll: chat.overdueAll });
  if (chat.due > 0) expect(page.donePct, `${where}: done %`).toBe(chat.donePct);
  // The chat lists areas only when there are several, at most eight; the page lists them all.
  if (chat.areas.length > 0) expect(page.areas.slice(0, chat.areas.length), `${where}: by area`).toEqual(chat.areas);
  else expect(page.areas.length, `${where}: by area`).toBeLessThanOrEqual(1);
  expect(page.kinds, `${where}: by kind`).toEqual(chat.kinds);
  // The chat leaves out "đã nộp 0/0" (an agency that owes no report); otherwise the same sentence.
  if (chat.report !== null) expect(page.report, `${where}: the current report`).toBe(chat.report);
  else if (page.report !== null) expect(page.report, `${where}: the current report`).toMatch(/đã nộp 0\/0 cơ quan\.$/);
  expect(page.behind, `${where}: agencies furthest behind`).toEqual(chat.behind);
  expect(page.week, `${where}: last 7 days`).toBe(chat.week);
}

// ---------- Quá hạn ↔ /quahan ----------

interface OverdueItem {
  label: string;
  due: string;
  later: number;
  late: number;
}

/** /quahan's agencies ("name (n)") with the items it lists under each. */
function overdueOfChat(chat: string): { total: number; agencies: { name: string; count: number; items: OverdueItem[] }[]; moreAgencies: number } {
  const lines = chatLines(chat);
  if (lines[0] === 'Không có việc nào quá hạn.') return { total: 0, agencies: [], moreAgencies: 0 };
  const total = Number(/^Việc quá hạn \((\d+)\), cũ nhất trước$/.exec(lines[0]!)![1]);
  const agencies: { name: string; count: number; items: OverdueItem[] }[] = [];
  let moreAgencies = 0;
  for (const line of lines.slice(1)) {
    const item = /^– (\S+) .*? — hạn (\d\d\/\d\d\/\d{4})(?: \(và (\d+) hạn sau đó\))?, quá (\d+) ngày làm việc$/.exec(line);
    const more = /^… và (\d+) cơ quan khác có việc quá hạn\.$/.exec(line);
    const head = /^(.+) \((\d+)\)$/.exec(line);
    if (item) agencies[agencies.length - 1]!.items.push({ label: item[1]!, due: item[2]!, later: Number(item[3] ?? 0), late: Number(item[4]) });
    else if (more) moreAgencies = Number(more[1]);
    else if (head && !line.startsWith('…') && !line.startsWith('Gõ ')) agencies.push({ name: head[1]!, count: Number(head[2]), items: [] });
  }
  return { total, agencies, moreAgencies };
}

/** The Quá hạn page's rows, grouped by agency in the page's order. */
function overdueOfPage(page: string): { total: number; agencies: { name: string; items: OverdueItem[] }[] } {
  const root = dom(page);
  const rows = root.querySelectorAll('tr[data-item]');
  const heading = text(root.querySelector('h1'));
  const total = heading === 'Quá hạn' ? 0 : Number(/^Việc quá hạn \((\d+)\), cũ nhất trước$/.exec(heading)![1]);
  // The rows are oldest first across agencies; an agency's place is where its oldest item stands (as /quahan groups them).
  const agencies = new Map<string, OverdueItem[]>();
  for (const row of rows) {
    const [agency, item, due, late] = row.querySelectorAll('td');
    const name = text(agency);
    const when = /^(\d\d\/\d\d\/\d{4})(?: \(và (\d+) hạn sau đó\))?$/.exec(text(due))!;
    agencies.set(name, [...(agencies.get(name) ?? []), { label: text(item!.querySelector('b')), due: when[1]!, later: Number(when[2] ?? 0), late: Number(text(late)) }]);
  }
  return { total, agencies: [...agencies].map(([name, items]) => ({ name, items })) };
}

// ---------- Ma trận ↔ /viec and /quahan <mã> ----------

/** What a task's cell or /viec line says about it, in figures: finished on time or N days late, overdue N days, or open. */
type TaskFigure = 'open' | 'on time' | `late ${number}` | `overdue ${number}`;

function figureOfCell(label: string): TaskFigure {
  if (label === 'Xong đúng hạn') return 'on time';
  const late = /^Xong muộn (\d+) ngày$/.exec(label);
  if (late) return `late ${Number(late[1])}`;
  const overdue = /^Quá hạn (\d+) ngày/.exec(label);
  return overdue ? `overdue ${Number(overdue[1])}` : 'open';
}

function figureOfViecLine(state: string): TaskFigure {
  const done = /đã xong \d\d\/\d\d\/\d{4} \((đúng hạn|muộn (\d+) ngày làm việc)\)/.exec(state);
  if (done) return done[2] ? `late ${Number(done[2])}` : 'on time';
  const overdue = /quá hạn (\d+) ngày làm việc/.exec(state);
  return overdue ? `overdue ${Number(overdue[1])}` : 'open';
}

/** Every task of an agency in /viec and /viec xong, page by page: code → figure. */
async function viecFigures(w: World, chat: string): Promise<Map<string, TaskFigure>> {
  const out = new Map<string, TaskFigure>();
  for (const base of ['/viec', '/viec xong']) {
    for (let page = 1; page < 100; page += 1) {
      const reply = await w.h.say(chat, `${base} ${page}`);
      const lines = chatLines(reply);
      for (const line of lines.slice(1)) {
        const row = /^(\S+) .+? — (.+?); (?:hạn |chưa có hạn)/.exec(line);
        if (row) out.set(row[1]!, figureOfViecLine(row[2]!));
      }
      const pages = /trang \d+\/(\d+)\)/.exec(lines[0]!);
      if (!pages || page >= Number(pages[1])) break;
    }
  }
  return out;
}

// ---------- Điểm ↔ /diem, /xephang ----------

function criteriaOfChat(chat: string): { criteria: Map<string, string>; total: string | null } {
  const lines = chatLines(chat);
  const criteria = new Map<string, string>();
  lines.forEach((line, i) => {
    const m = /^([\d,]+\/[\d,]+|không áp dụng) — (.+)$/.exec(line);
    if (m) criteria.set(m[2]!, `${m[1]} | ${lines[i + 1]}`);
  });
  return { criteria, total: /^Tổng: ([\d,]+\/[\d,]+) điểm$/.exec(lines.find((l) => l.startsWith('Tổng:')) ?? '')?.[1] ?? null };
}

function criteriaOfPage(page: string): { criteria: Map<string, string>; total: string | null } {
  const root = dom(page);
  const criteria = new Map(
    root.querySelectorAll('table.scores tbody tr[data-criterion]').map((r) => {
      const [points, why] = r.querySelectorAll('td').map(text);
      return [text(r.querySelector('th')), `${points} | ${why}`] as const;
    }),
  );
  const total = root.querySelector('table.scores tfoot td');
  return { criteria, total: total ? text(total) : null };
}

interface RankRow {
  rank: number | null;
  name: string;
  total: string;
  loss: string;
}

function rankingOfPage(page: string): { heading: string; rows: RankRow[]; notice: string | null } {
  const root = dom(page);
  const rows = root.querySelectorAll('table.scores tbody tr[data-agency]').map((r) => {
    const cells = r.querySelectorAll('td');
    return { rank: r.getAttribute('data-rank') ? Number(r.getAttribute('data-rank')) : null, name: text(r.querySelector('th')), total: text(cells[1]), loss: text(cells[cells.length - 1]) };
  });
  return { heading: text(root.querySelector('h1')), rows, notice: root.querySelector('p.notice') ? text(root.querySelector('p.notice')) : null };
}

function expectSameRanking(where: string, page: ReturnType<typeof rankingOfPage>, chat: string, known: readonly string[]): void {
  const lines = chatLines(chat);
  if (page.notice !== null) {
    // Nothing of the kind is scored: the same words (not scored, or no agency of the kind).
    expect(chat, `${where}: nothing scored`).toBe(page.notice.replace(/\.\s(?=\S+ ban hành)/g, '.\n'));
    return;
  }
  const [, kind, period] = /^Xếp hạng (.+) — (.+)$/.exec(lines[0]!)!;
  const asOf = /^Tính đến (.+)\.$/.exec(lines[1]!)![1];
  expect(page.heading, `${where}: heading`).toBe(`Xếp hạng ${kind} — ${period}, tính đến ${asOf}`);
  const ranked = page.rows.filter((r) => r.rank !== null);
  const unranked = page.rows.filter((r) => r.rank === null).map((r) => r.name);
  let listed = 0;
  let lastRank = 0;
  for (const line of lines.slice(2)) {
    const tied = new RegExp(`^Tất cả (\\d+) cơ quan cùng ${SHARED}: `).exec(line);
    // A tied group of one line: its names written out (up to 15), or in the attached file.
    const group = new RegExp(`^(\\d+)\\. (\\d+) cơ quan cùng ${SHARED}(?: \\(tên trong tệp đính kèm\\)|: (.+))$`).exec(line);
    const one = /^(\d+)\. (.+): ([\d,]+\/[\d,]+)$/.exec(line);
    const middle = /^… (\d+) cơ quan ở giữa/.exec(line);
    // A tie is the same share of the maximum: the chat names the points when all share them, else the share.
    if (tied) {
      expect(ranked.map((r) => `${r.rank} ${Math.round(ratio(r.total) * 1000) / 1000}`), `${where}: all tied`).toEqual(Array(Number(tied[1])).fill(`1 ${shared(tied[2]!)}`));
      listed += Number(tied[1]);
    } else if (group) {
      expect(ranked.filter((r) => r.rank === Number(group[1])).map((r) => Math.round(ratio(r.total) * 1000) / 1000), `${where}: ${line}`).toEqual(Array(Number(group[2])).fill(shared(group[3]!)));
      if (group[4] !== undefined) expect(group[4].split('; '), `${where}: ${line}`).toEqual(ranked.filter((r) => r.rank === Number(group[1])).map((r) => r.name));
      listed += Number(group[2]);
    } else if (one) {
      expect(ranked.find((r) => r.name === one[2]), `${where}: ${line}`).toMatchObject({ rank: Number(one[1]), total: one[3] });
      listed += 1;
    } else if (middle) listed += Number(middle[1]);
    const rank = Number((group ?? one)?.[1] ?? lastRank);
    expect(rank, `${where}: ranks in order`).toBeGreaterThanOrEqual(lastRank);
    lastRank = rank;
  }
  expect(listed, `${where}: agencies ranked`).toBe(ranked.length);
  // The main losses: each reason with the agencies it concerns (names when four or fewer).
  const lossAt = lines.indexOf('Mất điểm chủ yếu ở:');
  const losses = lossAt < 0 ? [] : lines.slice(lossAt + 1).filter((l) => l.startsWith('• '));
  let lost = 0;
  for (const line of losses) {
    const [, title, who] = /^• (.+?): (.+)$/.exec(line)!;
    const rows = ranked.filter((r) => r.loss.startsWith(`${title} (`)).map((r) => r.name);
    const count = /^(\d+) cơ quan$/.exec(who!);
    if (count) expect(rows.length, `${where}: ${line}`).toBe(Number(count[1]));
    else expect(rows.sort(), `${where}: ${line}`).toEqual(namesIn(who!, known).sort());
    lost += rows.length;
  }
  expect(ranked.filter((r) => r.loss !== '').length, `${where}: agencies with a main loss`).toBe(lost);
  const many = lines.map((l) => /^– Không xếp hạng (\d+) cơ quan \(không có tiêu chí nào áp dụng trong kỳ\): (.+)$/.exec(l)).find(Boolean);
  const few = lines.map((l) => /^– (.+): không có tiêu chí nào áp dụng trong kỳ \(không xếp hạng\)$/.exec(l)?.[1]).filter((n): n is string => Boolean(n));
  expect(unranked, `${where}: not ranked`).toEqual(many ? namesIn(many[2]!, known) : few);
}

// ---------- the property ----------

describe.each(SEEDS)('seed %i: every dashboard figure is the chat’s', (seed) => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(seed);
  }, 120_000);
  afterAll(async () => {
    await w?.h.close();
  });

  const at = (page: string) => `seed ${seed} (PROPERTY_SEED=${seed} to repeat), today ${w.today}, ${page}`;
  const codeOf = (agencyId: number) => w.h.t.app.store.agencies.byId(agencyId)!.code;
  /** Agencies compared one by one: those with a focal point (every lead agency of the plan). */
  const agencies = () => [...w.history.focal.keys()];
  const names = () => w.h.t.app.store.agencies.list().map((a) => a.name);

  it('Tổng quan is /tonghop: the province, each agency (as admin), and a focal point’s own page', async () => {
    expectSameOverview(at('/web/'), overviewOfPage(await w.h.text('/web/', w.admin)), overviewOfChat(await w.h.say('admin', '/tonghop')));
    const random = seededRandom(seed + 1);
    const some = agencies().filter(() => random() < 0.35).slice(0, 5);
    for (const id of some) {
      const code = codeOf(id);
      const chat = overviewOfChat(await w.h.say('admin', `/tonghop ${code}`));
      expectSameOverview(at(`/web/?coquan=${code}`), overviewOfPage(await w.h.text(`/web/?coquan=${encodeURIComponent(code)}`, w.admin)), chat);
    }
    const [first] = agencies();
    const own = await w.h.login(`f${first}`);
    expectSameOverview(at(`/web/ (focal point of ${codeOf(first!)})`), overviewOfPage(await w.h.text('/web/', own)), overviewOfChat(await w.h.say('admin', `/tonghop ${codeOf(first!)}`)));
  }, 120_000);

  it('Quá hạn is /quahan: the total, each agency’s count in order, every item of every agency', async () => {
    // Every page of the list, followed by its links (a page shows OVERDUE_PAGE rows): the rows in order.
    const page = overdueOfPage((await w.h.allPages('/web/quahan', w.admin)).join(''));
    const chat = overdueOfChat(await w.h.say('admin', '/quahan'));
    expect(page.total, at('/web/quahan: total')).toBe(chat.total);
    expect(page.agencies.length, at('/web/quahan: agencies')).toBe(chat.agencies.length + chat.moreAgencies);
    expect(page.agencies.slice(0, chat.agencies.length).map((a) => `${a.name} (${a.items.length})`), at('/web/quahan: agencies, oldest first')).toEqual(chat.agencies.map((a) => `${a.name} (${a.count})`));
    // The province message names the oldest items of each agency: the page's first rows of that agency.
    for (const a of chat.agencies) expect(page.agencies.find((p) => p.name === a.name)!.items.slice(0, a.items.length), at(`/web/quahan: ${a.name}`)).toEqual(a.items);
    // Every agency's whole list: /quahan <mã> against the page narrowed to it.
    for (const id of agencies()) {
      const code = codeOf(id);
      const one = overdueOfPage((await w.h.allPages(`/web/quahan?coquan=${encodeURIComponent(code)}`, w.admin)).join(''));
      const said = overdueOfChat(await w.h.say('admin', `/quahan ${code}`));
      expect(one.total, at(`/web/quahan?coquan=${code}: total`)).toBe(said.total);
      expect(one.agencies.map((a) => a.items), at(`/web/quahan?coquan=${code}: items`)).toEqual(said.agencies.map((a) => a.items));
    }
  }, 120_000);

  it('Ma trận is /viec and /quahan <mã>: each agency’s overdue days, finished on time or late, open tasks', async () => {
    // Every page of agencies (MATRIX_PAGE a page), followed by its links.
    const root = dom((await w.h.allPages('/web/matran', w.admin)).join(''));
    let overdueCells = 0;
    for (const id of agencies()) {
      const code = codeOf(id);
      const row = root.querySelector(`tr[data-agency="${code}"]`);
      const cells = new Map((row?.querySelectorAll('td[data-task]') ?? []).map((td) => [td.getAttribute('data-code')!, figureOfCell(text(td))]));
      // /viec lists the same tasks (lead and coordinating), in the same state.
      expect(Object.fromEntries(cells), at(`/web/matran row ${code}`)).toEqual(Object.fromEntries(await viecFigures(w, `f${id}`)));
      // /quahan <mã>'s tasks are the overdue cells, with the same working days late.
      const said = overdueOfChat(await w.h.say('admin', `/quahan ${code}`));
      const tasks = said.agencies.flatMap((a) => a.items).filter((i) => cells.has(i.label));
      const overdue = [...cells].filter(([, f]) => f.startsWith('overdue'));
      expect(Object.fromEntries(overdue), at(`/web/matran row ${code}: overdue`)).toEqual(Object.fromEntries(tasks.map((i) => [i.label, `overdue ${i.late}`])));
      overdueCells += overdue.length;
    }
    if (w.today > `${YEAR}-04-15`) expect(overdueCells, at('the history has overdue work to compare')).toBeGreaterThan(0);
  }, 120_000);

  it('Báo cáo định kỳ is /baocao for each periodic report: on time, late (with the day), missing', async () => {
    const root = dom(await w.h.text('/web/baocao', w.admin));
    const heads = root.querySelectorAll('thead th').slice(1).map(text);
    const known: string[] = [];
    for (const code of ['Q1', '6T', 'Q3', 'NAM']) {
      const chat = await w.h.say('admin', `/baocao ${code}`);
      if (chat.startsWith('Không có báo cáo')) continue;
      const lines = chatLines(chat);
      const column = known.length;
      known.push(code);
      const [, title, due] = /^(.+) — hạn (\d\d\/\d\d\/\d{4})$/.exec(lines[0]!)!;
      expect(heads[column], at(`/web/baocao column ${code}`)).toBe(`${title} hạn ${due}`);
      const want = new Map<string, string>();
      let missing = false;
      for (const line of lines.slice(1)) {
        if (line.startsWith('Chưa nộp')) missing = true;
        const item = /^• (.+?)(?: — (\d\d\/\d\d\/\d{4})( \(muộn\))?)?$/.exec(line);
        if (item) want.set(item[1]!, missing ? 'chưa nộp' : `${item[3] ? 'muộn' : 'đúng hạn'} (${item[2]})`);
      }
      const got = new Map(
        root
          .querySelectorAll('tbody tr[data-agency]')
          .map((r) => [text(r.querySelector('th')), text(r.querySelectorAll('td')[column])] as const)
          .filter(([, cell]) => cell !== '—'),
      );
      expect(Object.fromEntries(got), at(`/web/baocao column ${code}`)).toEqual(Object.fromEntries(want));
    }
    expect(heads.length, at('/web/baocao: the reports of the year')).toBe(known.length);
  }, 120_000);

  it('Điểm is /diem for each agency and /xephang for the departments and the communes', async () => {
    for (const id of agencies()) {
      const code = codeOf(id);
      const chat = await w.h.say('admin', `/diem ${code}`);
      const page = await w.h.text(`/web/diem?coquan=${encodeURIComponent(code)}`, w.admin);
      const title = /^(Điểm CCHC .+)$/m.exec(chat)![1];
      expect(text(dom(page).querySelector('h1')), at(`/web/diem?coquan=${code}: heading`)).toBe(title);
      const want = criteriaOfChat(chat);
      expect(want.criteria.size, at(`/diem ${code}: criteria to compare`)).toBeGreaterThan(0);
      const got = criteriaOfPage(page);
      expect(Object.fromEntries(got.criteria), at(`/web/diem?coquan=${code}: criteria`)).toEqual(Object.fromEntries(want.criteria));
      expect(got.total, at(`/web/diem?coquan=${code}: total`)).toBe(want.total);
    }
    for (const kind of ['so_ban_nganh', 'ubnd_xa', 'co_quan_tw']) {
      expectSameRanking(at(`/web/diem?loai=${kind}`), rankingOfPage(await w.h.text(`/web/diem?loai=${kind}`, w.admin)), await w.h.say('admin', `/xephang ${kind}`), names());
    }
  }, 120_000);

  it('Thông báo is /thongbao_ds and /thongbao_tt: recipients, delivery, acknowledgements, agencies not acknowledged', async () => {
    expect(w.broadcasts.length, at('broadcasts sent')).toBeGreaterThan(0);
    const list = dom(await w.h.text('/web/thongbao', w.admin));
    const listed = chatLines(await w.h.say('admin', '/thongbao_ds'));
    for (const id of w.broadcasts) {
      const row = list.querySelector(`tr[data-broadcast="${id}"]`)!.querySelectorAll('td').map(text);
      const line = listed.find((l) => l.startsWith(`#${id} — `))!;
      expect(`${row[4]} người, ${row[5]} đã nhận`, at(`/web/thongbao #${id}`)).toBe(/— (\d+ người, \d+ đã nhận)/.exec(line)![1]);
      const page = dom(await w.h.text(`/web/thongbao?so=${id}`, w.admin));
      const chat = await w.h.say('admin', `/thongbao_tt ${id}`);
      const figure = (key: string) => Number(text(page.querySelector(`[data-figure="${key}"]`)));
      const stats = /Người nhận: (\d+)\. Đã gửi: (\d+); đang chờ gửi: (\d+); không liên lạc được: (\d+); lỗi: (\d+)\./.exec(chat)!;
      const acked = /Đã bấm “Đã nhận”: (\d+)\/(\d+)/.exec(chat)!;
      const unlinked = Number(/Chưa liên kết tài khoản .*?: (\d+) người/.exec(chat)?.[1] ?? 0);
      expect(
        ['recipients', 'sent', 'pending', 'unreachable', 'failed', 'acknowledged', 'unlinked'].map(figure),
        at(`/web/thongbao?so=${id}: totals`),
      ).toEqual([...stats.slice(1, 6).map(Number), Number(acked[1]), unlinked]);
      const notAcked = page
        .querySelectorAll('tbody tr[data-agency]')
        .filter((r) => text(r.querySelector('small')) === 'chưa xác nhận')
        .map((r) => text(r.querySelector('th')).replace(/ chưa xác nhận$/, ''));
      const listedNot = /Cơ quan chưa xác nhận: (.+)\./.exec(chat)?.[1];
      const want = listedNot ? namesIn(listedNot, names()) : [];
      expect(notAcked.sort(), at(`/web/thongbao?so=${id}: agencies not acknowledged`)).toEqual(want.sort());
    }
  }, 120_000);
});
