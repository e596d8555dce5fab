import { expect } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import { addDays, type CivilDate } from '../../src/domain/civil-date.js';
import { seededRandom } from '../../src/domain/seeded-random.js';
import type { Member } from '../../src/store/member-repo.js';
import { linkedMember } from './members.js';
import { createTestApp } from './test-app.js';

/**
 * A random year of a province, for property tests: a random plan of 45 tasks (deadlines written the
 * ways plans write them, leads among the departments and a dozen communes), admin-set dates for some
 * tasks without one, then 260 random events through the status service in time order — done,
 * progress, problems, "done" then reopened, extensions asked and approved, rejected or left waiting,
 * report submissions. The same seed gives the same year.
 */
export const HISTORY_YEAR = 2026;
const YEAR = HISTORY_YEAR;
const DEADLINES = [
  `Quý I/${YEAR}`,
  `Quý II, III/${YEAR}`,
  `Quý 4/${YEAR}`,
  `Tháng 3/${YEAR}`,
  `Tháng 6 năm ${YEAR}`,
  `Trước 15/12/${YEAR}`,
  `Trước ngày 30/6/${YEAR}`,
  'Thường xuyên',
  'Hằng quý',
  `6 tháng đầu năm ${YEAR}`,
  `Năm ${YEAR}`,
  `Trong năm ${YEAR}`,
  `tháng 9, tháng 11/${YEAR}`,
  'Khi có văn bản của Trung ương',
];

export interface RandomHistory {
  t: ReturnType<typeof createTestApp>;
  admin: Member;
  /** The focal point of every agency that leads a task, by agency id (chat id `f<agency id>`; the admin's is `admin`). */
  focal: Map<number, Member>;
}

export interface HistoryOptions {
  /** Settings of the test app (e.g. DONDOC_WEB). */
  env?: Record<string, string>;
  /** The last day events may fall on (default: 350 days after 05/01). */
  until?: CivilDate;
  /**
   * Called before the first event of each of these days (and once more after the last event for days
   * not reached), with the clock at the day's 01:00 UTC: lets a test take what dondoc said then.
   */
  checkpoints?: readonly CivilDate[];
  onCheckpoint?(day: CivilDate, history: RandomHistory): void;
}

export async function randomHistory(seed: number, options: HistoryOptions = {}): Promise<RandomHistory> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const t = createTestApp({ start: `${YEAR}-01-05T02:00:00Z`, ...(options.env ? { env: options.env } : {}) });
  const { store, services } = t.app;
  const agencies = store.agencies.list().filter((a) => !a.isStanding && a.active);
  const departments = agencies.filter((a) => a.kind === 'so_ban_nganh');
  const communes = agencies.filter((a) => a.kind === 'ubnd_xa').slice(0, 12);
  expect(departments.length, 'the directory has departments').toBeGreaterThan(5);
  const leadPool = [...departments, ...communes];
  const rows = ['TT,Nội dung,Chủ trì,Phối hợp,Thời gian hoàn thành'];
  for (let i = 1; i <= 45; i += 1) {
    const leads = random() < 0.15 ? [pick(leadPool), pick(leadPool)] : [pick(leadPool)];
    const names = [...new Set(leads.map((a) => a.name))].join('; ');
    rows.push(`${i},"Nhiệm vụ thử số ${i} về cải cách thủ tục hành chính","${names}","${pick(departments).name}","${pick(DEADLINES)}"`);
  }
  const imported = await services.plans.importFile('ke-hoach.csv', Buffer.from(rows.join('\n')), { name: `Kế hoạch CCHC ${YEAR} (hạt ${seed})`, year: YEAR }, { chasePast: true });
  expect(imported.ok, `seed ${seed}: import`).toBe(true);
  t.app.scheduler!.replan();
  const admin = linkedMember(store, { displayName: 'Quản trị', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, t.clock.now());
  const focal = new Map<number, Member>();
  const history: RandomHistory = { t, admin, focal };
  const memberOf = (agencyId: number) => {
    let m = focal.get(agencyId);
    if (!m) focal.set(agencyId, (m = linkedMember(store, { displayName: `Đầu mối ${agencyId}`, agencyId, role: 'focal' }, { platform: 'local', chatId: `f${agencyId}` }, t.clock.now())));
    return m;
  };
  const leads = store.db.prepare("SELECT task_id AS taskId, agency_id AS agencyId FROM assignments WHERE role = 'lead'").all() as { taskId: number; agencyId: number }[];
  const owed = store.db.prepare('SELECT report_id AS reportId, agency_id AS agencyId FROM report_obligations').all() as { reportId: number; agencyId: number }[];
  for (const a of leads) memberOf(a.agencyId);
  // Admin-set dates for some tasks without one (events, unknown deadlines).
  for (const task of services.tasks.needingDate(100)) if (random() < 0.7) services.tasks.setDate([task], addDays(`${YEAR}-02-01`, Math.floor(random() * 300)), admin, null, 'local');
  const span = options.until ? Math.max(1, Math.round((Date.parse(options.until) - Date.parse(`${YEAR}-01-05`)) / 86_400_000)) : 350;
  const day = () => addDays(`${YEAR}-01-05`, Math.floor(random() * span));
  const events = Array.from({ length: 260 }, () => ({ at: `${day()}T0${Math.floor(random() * 9) + 1}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00.000Z`, r: random() }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const checkpoints = [...(options.checkpoints ?? [])].sort();
  const reach = (before: string) => {
    while (checkpoints.length > 0 && checkpoints[0]! <= before) {
      const cp = checkpoints.shift()!;
      t.clock.set(`${cp}T01:00:00.000Z`);
      options.onCheckpoint?.(cp, history);
    }
  };
  const base = { progress: null, reason: null, evidence: null, requestedDate: null };
  for (const { at, r } of events) {
    reach(at.slice(0, 10));
    t.clock.set(at);
    if (r < 0.2) {
      const o = pick(owed);
      services.statuses.submitReport(memberOf(o.agencyId), 'local', o.reportId, null);
      continue;
    }
    const a = pick(leads);
    const member = memberOf(a.agencyId);
    const task = store.plans.taskById(a.taskId)!;
    const reply = (status: 'done' | 'in_progress' | 'blocked', progress: number | null, reopen = false) =>
      services.statuses.recordTask(member, 'local', task, { ...base, code: task.code, status, progress }, { confirmed: reopen });
    if (r < 0.5) reply('done', 100);
    else if (r < 0.65) reply('in_progress', 10 * Math.floor(random() * 10), random() < 0.5);
    else if (r < 0.72) reply('blocked', null, random() < 0.5);
    else {
      const until = addDays(at.slice(0, 10), 5 + Math.floor(random() * 90));
      const asked = services.statuses.recordTask(member, 'local', task, { ...base, code: task.code, status: 'extension_requested', requestedDate: until, reason: 'chờ hướng dẫn' });
      const decision = random();
      if (asked.ok && decision < 0.75) services.statuses.decide(admin, asked.value.event.id, decision < 0.55, null);
    }
  }
  reach('9999-12-31');
  t.app.scheduler!.replan();
  return history;
}

/** What dondoc answers a member's message in the local chat, as plain text. */
export async function sayAs(history: RandomHistory, member: Member, chatId: string, text: string): Promise<string> {
  const result = await history.t.app.dispatcher.handle(
    { platform: 'local', platformUserId: chatId, chatId, chatType: 'private', senderName: member.displayName, text },
    { buttons: true, links: { startLink: () => null } },
  );
  return result.replies.map((r) => plainText(r.text)).join('\n');
}
