import { NOTICE_VERSION } from './privacy-service.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { FakeClock } from '../clock.js';
import { addDays, civilDateOf, type CivilDate } from '../domain/civil-date.js';
import type { Role } from '../domain/roles.js';
import { seededRandom } from '../domain/seeded-random.js';
import { dayjs } from '../domain/time.js';
import type { Logger } from '../logger.js';
import type { Member } from '../store/member-repo.js';
import type { PlanDocument, Task } from '../store/plan-repo.js';
import type { Store } from '../store/store.js';
import { ensureReportYear } from './report-calendar.js';
import { loadProvinceTemplate } from './province-setup.js';
import type { Services } from './services.js';
import { StatusService } from './status-service.js';
import { writeCsv } from './table-file.js';

/** The table the demo plan is derived from: Hà Tĩnh's 2024 CCHC task table (seed 004), as shipped in data/plans/. */
export const DEMO_SOURCE = { file: 'ha-tinh-2024-phu-luc.csv', year: 2024 };

/**
 * The demo people of the local chat: one admin, one leader, focal points of several agencies of
 * Hà Tĩnh as it stands (merged departments, communes of the two-tier government). Those marked
 * zaloStyle see dondoc as Zalo shows it (plain text, numbered choices).
 */
export const DEMO_MEMBERS: { localId: string; name: string; agency: string; role: Role; zaloStyle?: boolean }[] = [
  { localId: 'demo-quantri', name: 'Nguyễn Thị Hoa', agency: 'SNV', role: 'admin' },
  { localId: 'demo-lanhdao', name: 'Lê Văn Minh', agency: 'UBNDT', role: 'leader' },
  { localId: 'demo-snv', name: 'Phan Thị Hằng', agency: 'SNV', role: 'focal' },
  { localId: 'demo-stp', name: 'Phạm Thu Trang', agency: 'STP', role: 'focal' },
  { localId: 'demo-vpubnd', name: 'Hoàng Văn Nam', agency: 'VPUBND', role: 'focal' },
  { localId: 'demo-skhcn', name: 'Bùi Quang Huy', agency: 'SKHCN', role: 'focal' },
  { localId: 'demo-stc', name: 'Vũ Thị Lan', agency: 'STC', role: 'focal' },
  { localId: 'demo-snnmt', name: 'Ngô Thị Mai', agency: 'SNNMT', role: 'focal' },
  { localId: 'demo-thanhsen', name: 'Trần Văn Bình', agency: 'X18073', role: 'focal', zaloStyle: true },
  { localId: 'demo-thue', name: 'Đặng Thị Thu', agency: 'THUE', role: 'focal', zaloStyle: true },
];

/**
 * How diligent each demo agency is, so that scores and rankings differ: the share of past deadlines
 * done, and of those, the share done on time. Agencies without a demo member reply to nothing.
 */
const DILIGENCE: Record<string, { done: number; onTime: number }> = {
  SNV: { done: 0.85, onTime: 0.85 },
  STP: { done: 0.95, onTime: 0.95 },
  VPUBND: { done: 0.8, onTime: 0.7 },
  SKHCN: { done: 0.65, onTime: 0.6 },
  STC: { done: 0.45, onTime: 0.5 },
  SNNMT: { done: 0.6, onTime: 0.8 },
  X18073: { done: 0.7, onTime: 0.6 },
  THUE: { done: 0.5, onTime: 1 },
};

/**
 * The plan year the demo shows on a given day: this year's plan from April (a quarter of history
 * behind it), last year's in January to March (its last weeks and the year-end report just behind).
 */
export function demoPlanYear(today: CivilDate): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 4 ? year : year - 1;
}

export function demoPlanName(year: number): string {
  return `Kế hoạch CCHC năm ${year} (Hà Tĩnh, dữ liệu mẫu)`;
}

/**
 * What the source states of the document that publishes the demo plan (seed
 * 004_81dc5ac12a8b2fdd.txt, /work/shared/seeds: "QUYẾT ĐỊNH Về việc ban hành Kế hoạch cải cách
 * hành chính tỉnh Hà Tĩnh năm 2024" of UBND tỉnh Hà Tĩnh, signed KT. Chủ tịch), its year moved with
 * the plan's. The seed is the unsigned draft: "Số: /QĐ-UBND" and "ngày tháng năm 2023" ("ngày
 * /12/2023" in the Kế hoạch) give neither a number nor a day, so those stay unknown and the report
 * shows "[bổ sung]" for them.
 */
export function demoPlanDocument(year: number): Partial<PlanDocument> {
  return { docKind: 'Quyết định', docIssuer: 'Ủy ban nhân dân tỉnh Hà Tĩnh', docTitle: `Về việc ban hành Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm ${year}`, docPlace: 'Hà Tĩnh' };
}

/**
 * The demo plan's table: the Hà Tĩnh task table moved to `year` (every year in its deadlines shifted),
 * with the agencies of 2026 (merged departments written as their successors, districts as communes).
 */
export function demoPlanCsv(dataDir: string, year: number): Buffer {
  const shift = year - DEMO_SOURCE.year;
  const rows = parse(readFileSync(join(dataDir, 'plans', DEMO_SOURCE.file), 'utf8').replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
  const template = loadProvinceTemplate(dataDir);
  const names = new Map([...template.departments, ...template.optionalDepartments, ...template.central].map((a) => [a.code, a.name]));
  const renames: [RegExp, string][] = [];
  for (const old of template.abolished) {
    const to = old.successor ? names.get(old.successor) : undefined;
    if (!to) continue;
    for (const name of [old.name, old.shortName, ...old.aliases].filter((n): n is string => Boolean(n)).sort((a, b) => b.length - a.length)) {
      renames.push([new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), to]);
    }
  }
  renames.push([/UBND cấp huyện|UBND các huyện, thành phố, thị xã|UBND các huyện, thị xã, thành phố/g, 'UBND các xã, phường']);
  const header = rows[0]!;
  const time = header.findIndex((h) => /thời gian/i.test(h));
  const agencyColumns = header.map((h, i) => (/chủ trì|phối hợp/i.test(h) ? i : -1)).filter((i) => i >= 0);
  // Ministries merged on 1/3/2025 (Nghị quyết 176/2025/QH15), named in the 2024 plan's texts.
  const ministries: [RegExp, string][] = [
    [/Bộ Thông tin và Truyền thông/g, 'Bộ Khoa học và Công nghệ'],
    [/Bộ Kế hoạch và Đầu tư/g, 'Bộ Tài chính'],
    [/Bộ Lao động[ ,-]+Thương binh và Xã hội/g, 'Bộ Nội vụ'],
  ];
  const shift_ = (y: string) => String(Number(y) + shift);
  const out = rows.map((row, index) => {
    if (index === 0) return row;
    return row.map((cell, column) => {
      // The plan's years move with it: every year of a deadline, and "năm 2023" in the texts (the index
      // year before the plan's). Document numbers ("140/2017/NĐ-CP") and standards ("ISO 9001:2015") stay.
      let text = column === time ? cell.replace(/\b(20\d\d)\b/g, shift_) : cell.replace(/\b(năm|Năm) (20\d\d)\b/g, (_m, w: string, y: string) => `${w} ${shift_(y)}`);
      for (const [pattern, to] of ministries) text = text.replace(pattern, to);
      if (agencyColumns.includes(column)) for (const [pattern, to] of renames) text = text.replace(pattern, to);
      return text;
    });
  });
  return Buffer.from(writeCsv(out));
}

/** Seeds the demo members (linked on the local chat) into a database that has no member yet; returns how many. */
export function seedDemoMembers(store: Store, now: Date): number {
  if (store.members.count() > 0) return 0;
  return store.transaction(() => {
    let created = 0;
    for (const demo of DEMO_MEMBERS) {
      const agency = store.agencies.byCode(demo.agency);
      if (!agency) continue;
      const member = store.members.create({ displayName: demo.name, agencyId: agency.id, role: demo.role }, now);
      store.members.linkAccount(
        { memberId: member.id, platform: 'local', platformUserId: demo.localId, chatId: demo.localId, displayName: demo.name },
        now,
      );
      // The demo people are fictional: their acceptance of the privacy notice is part of the demo.
      store.consents.record(member.id, NOTICE_VERSION, 'local', now);
      created += 1;
    }
    return created;
  });
}

/**
 * Imports the demo plan for the current year into a database that has no plan yet, then writes a
 * believable history through the real status service, each reply at its own past moment: tasks done
 * on time and late, in progress, problems, an extension asked and one approved, the last periodic
 * report submitted by some agencies, replies spread over the last 12 weeks, and dates set by Sở Nội
 * vụ for tasks that waited for an event, so that reminders are due in the coming days.
 */
export async function seedDemoPlan(services: Services, dataDir: string, logger: Logger): Promise<void> {
  if (services.store.plans.plans().length > 0) return;
  const today = civilDateOf(services.clock.now(), services.settings.timeZone);
  const year = demoPlanYear(today);
  const name = demoPlanName(year);
  // The plan is as if imported at the start of its year: its dates are owed, not "past at import".
  const result = await services.plans.importFile(`ke-hoach-cchc-${year}.csv`, demoPlanCsv(dataDir, year), { name, year, document: demoPlanDocument(year) }, { chasePast: true });
  if (!result.ok) {
    logger.warn({ error: result.error }, 'could not import the demo plan');
    return;
  }
  const events = seedDemoHistory(services, today, year);
  services.planner.replan();
  logger.info({ tasks: result.value.tasks, events }, 'imported the demo plan and its history');
}

/** The demo's replies, written at past moments through the status service; returns how many were written. */
export function seedDemoHistory(services: Services, today: CivilDate, year: number): number {
  const { store, calendar, settings } = services;
  const rand = seededRandom(Number(today.replace(/-/g, '')));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const clock = new FakeClock(services.clock.now());
  const statuses = new StatusService(store, clock, services.planner, settings.timeZone);
  const at = (day: CivilDate) => {
    const minutes = 8 * 60 + Math.floor(rand() * 8 * 60);
    return dayjs.tz(`${day} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`, settings.timeZone).toDate();
  };
  const working = (day: CivilDate) => calendar.onOrBefore(day);
  const members = new Map<string, Member>();
  for (const demo of DEMO_MEMBERS) {
    const account = store.members.byAccount('local', demo.localId);
    if (account && demo.role !== 'admin') members.set(`${demo.agency}:${demo.role}`, account);
  }
  // The other departments and central bodies, and every other commune, have a focal point who works
  // elsewhere (no account on this machine): their replies make the province's numbers believable.
  const diligence: Record<string, { done: number; onTime: number }> = { ...DILIGENCE };
  const background = store.agencies.list().filter((a) => ['so_ban_nganh', 'co_quan_tw', 'ubnd_xa'].includes(a.kind));
  store.transaction(() => {
    background.forEach((agency, i) => {
      if (members.has(`${agency.code}:focal`) || (agency.kind === 'ubnd_xa' && i % 2 === 1)) return;
      const member = store.members.create({ displayName: `Đầu mối CCHC — ${agency.shortName ?? agency.name}`, agencyId: agency.id, role: 'focal' }, services.clock.now());
      members.set(`${agency.code}:focal`, member);
      diligence[agency.code] = { done: 0.3 + rand() * 0.65, onTime: 0.4 + rand() * 0.6 };
    });
  });
  const admin = store.members.byAccount('local', 'demo-quantri');
  const plan = store.plans.planByName(demoPlanName(year));
  if (!plan || !admin) return 0;
  const firstDay = `${year}-01-02`;
  const window = addDays(today, -84);
  let written = 0;
  const write = (member: Member, task: Task, day: CivilDate, reply: Parameters<StatusService['recordTask']>[3]) => {
    if (day >= today || day < firstDay) return undefined;
    clock.set(at(working(day)));
    const outcome = statuses.recordTask(member, 'local', task, reply);
    if (outcome.ok) written += 1;
    return outcome.ok ? outcome.value.event : undefined;
  };
  const base = (task: Task) => ({ code: task.code, progress: null, reason: null, evidence: null, requestedDate: null });
  const problems = ['chưa được bố trí kinh phí', 'chờ hướng dẫn của Bộ Nội vụ', 'phần mềm một cửa đang nâng cấp', 'thiếu cán bộ chuyên trách'];
  const tasks = store.db
    .prepare(
      `SELECT t.id, a.code AS agency FROM tasks t JOIN assignments s ON s.task_id = t.id AND s.role = 'lead'
       JOIN agencies a ON a.id = s.agency_id WHERE t.plan_id = ? AND t.active = 1 ORDER BY t.id, a.code`,
    )
    .all(plan.id) as { id: number; agency: string }[];
  let extensionAsked = false;
  let extensionApproved = false;
  /** Sở Tài chính is granted more time; Sở KH&CN asks and waits for the decision. */
  const askExtension = (agency: string, member: Member, task: Task, due: CivilDate): boolean => {
    if (agency === 'STC' && !extensionApproved) {
      const asked = write(member, task, addDays(today, -12), { ...base(task), status: 'extension_requested', reason: 'chờ số liệu quyết toán', requestedDate: due });
      if (!asked) return false;
      clock.set(at(working(addDays(today, -9))));
      extensionApproved = statuses.decide(admin, asked.id, true, 'Đồng ý, đề nghị không lùi thêm').ok;
      return extensionApproved;
    }
    if (agency === 'SKHCN' && !extensionAsked) {
      extensionAsked = Boolean(write(member, task, addDays(today, -3), { ...base(task), status: 'extension_requested', reason: 'chờ Bộ KH&CN hướng dẫn chỉ số DTI', requestedDate: due }));
      return extensionAsked;
    }
    return false;
  };
  for (const row of tasks) {
    const member = members.get(`${row.agency}:focal`);
    const profile = diligence[row.agency];
    if (!member || !profile) continue;
    const task = store.plans.taskById(row.id)!;
    const dates = store.plans.dueDates(task.id).sort();
    const past = dates.filter((d) => d < today);
    const next = dates.find((d) => d >= today);
    if (task.deadlineKind === 'ongoing' || dates.length === 0) {
      // Ongoing work: a progress note now and then over the last 12 weeks.
      let progress = 10 + Math.floor(rand() * 30);
      for (let day = addDays(window, Math.floor(rand() * 14)); day < today; day = addDays(day, 14 + Math.floor(rand() * 21))) {
        progress = Math.min(95, progress + 10 + Math.floor(rand() * 20));
        write(member, task, day, { ...base(task), status: 'in_progress', progress });
      }
      continue;
    }
    if (past.length > 0) {
      const last = past[past.length - 1]!;
      if (rand() < profile.done) {
        const onTime = rand() < profile.onTime;
        const day = onTime ? addDays(last, -1 - Math.floor(rand() * 12)) : addDays(last, 3 + Math.floor(rand() * 25));
        if (!onTime || rand() < 0.5) write(member, task, addDays(day, -20), { ...base(task), status: 'in_progress', progress: pick([30, 50, 60, 75]) });
        write(member, task, day, { ...base(task), status: 'done', progress: 100, evidence: rand() < 0.4 ? `${100 + Math.floor(rand() * 900)}/KH-${row.agency}` : null });
        continue;
      }
      // Not done: overdue. Some ask for more time, some say why.
      if (last >= addDays(today, -60) && askExtension(row.agency, member, task, calendar.addWorkingDays(today, 15 + Math.floor(rand() * 20)))) continue;
      if (rand() < 0.5) write(member, task, addDays(last, -5), { ...base(task), status: 'blocked', reason: pick(problems) });
      continue;
    }
    if (!next) continue;
    // Owed later: in progress, a problem, an extension asked (and one approved).
    const roll = rand();
    const since = addDays(today, -7 - Math.floor(rand() * 60));
    if (askExtension(row.agency, member, task, addDays(next, 30 + Math.floor(rand() * 20)))) continue;
    if (roll < 0.55) {
      write(member, task, since, { ...base(task), status: 'in_progress', progress: pick([20, 40, 50, 60, 80]) });
    } else if (roll < 0.7) {
      write(member, task, since, { ...base(task), status: 'blocked', reason: pick(problems) });
    }
  }
  // Sở Nội vụ has dated some tasks that waited for an event: they are due in the coming days.
  const waiting = store.plans.tasksNeedingDate(10).filter((t) => t.planId === plan.id);
  waiting.slice(0, 3).forEach((task, i) => {
    const due = calendar.addWorkingDays(today, [2, 5, 9][i]!);
    clock.set(at(working(addDays(today, -2))));
    store.plans.setOverride(task.id, due, admin.id, 'Theo thông báo của Bộ Nội vụ', clock.now());
  });
  // Periodic reports due in the last half year are submitted by some agencies, on time or late.
  for (const y of new Set([year, Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))])) ensureReportYear(store, services.reportConfig, calendar, clock, y);
  const reports = store.reports.forAgency(store.agencies.byCode('STP')!.id, addDays(today, -200), today).filter((r) => r.dueDate < today);
  for (const report of reports) {
    for (const [key, member] of members) {
      if (!key.endsWith(':focal')) continue;
      const profile = diligence[key.split(':')[0]!];
      if (!profile || !store.reports.owes(report.id, member.agencyId) || rand() > profile.done) continue;
      const day = rand() < profile.onTime ? addDays(report.dueDate, -1 - Math.floor(rand() * 5)) : addDays(report.dueDate, 2 + Math.floor(rand() * 10));
      if (day >= today) continue;
      clock.set(at(working(day)));
      if (statuses.submitReport(member, 'local', report.id, `${10 + Math.floor(rand() * 90)}/BC-${key.split(':')[0]}`).ok) written += 1;
    }
  }
  return written;
}
