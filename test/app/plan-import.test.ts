import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';

const plans = join(process.cwd(), 'data', 'plans');
const file = (name: string) => readFileSync(join(plans, name));
const HA_TINH = { name: 'Kế hoạch CCHC năm 2024 — Hà Tĩnh', year: 2024 };
const SOC_TRANG = { year: 2021, period: { from: 2021, to: 2030 } };

/**
 * What the Hà Tĩnh table names that is no agency of the directory, read as the document means it; each
 * must be reviewed by a person, so the import report lists it with its reason (and assigns it to nobody):
 * - `related`: "các cơ quan liên quan" and its variants (rows 3–17, 22, 39, 46–47, 65–76, 82–83): which
 *   agencies are related only the plan's author knows; before issue 27 these became every department;
 * - `narrowed`: "các cơ quan chủ trì CCHC" (the agencies leading a reform area, a list the plan gives
 *   elsewhere, not every department: rows 7–15), the units being inspected (14–15), the agencies
 *   applying ISO (78), "the communes that reached the new-rural standard" (81), "02 districts to be
 *   chosen" (82) — never expanded to the whole group;
 * - `outside`: consultants, schools, training organisations (79–81, 86), public service units;
 * - `unknown`: the inspection team and its members, the CCHC council (16–17), a working group set up by
 *   a decision of UBND tỉnh (38: UBND tỉnh issued it, it does not do the task), a ministry (82), and
 *   row 34's "UBND" alone: the source cell is cut off there, so which UBND cannot be known.
 */
const HA_TINH_UNRESOLVED = [
  { row: 3, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 3, text: 'các cơ quan liên quan khác', reason: 'related' },
  { row: 7, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 7, text: 'các cơ quan liên quan', reason: 'related' },
  { row: 8, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 9, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 9, text: 'các cơ quan liên quan', reason: 'related' },
  { row: 10, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 10, text: 'các cơ quan liên quan', reason: 'related' },
  { row: 11, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 11, text: 'các cơ quan liên quan', reason: 'related' },
  { row: 13, text: 'Các cơ quan chủ trì các lĩnh vực CCHC tỉnh', reason: 'narrowed' },
  { row: 13, text: 'Cơ quan, đơn vị liên quan', reason: 'related' },
  { row: 14, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 14, text: 'các đơn vị được kiểm tra', reason: 'narrowed' },
  { row: 15, text: 'Các cơ quan chủ trì CCHC của tỉnh', reason: 'narrowed' },
  { row: 15, text: 'các đơn vị được kiểm tra', reason: 'narrowed' },
  { row: 16, text: 'Thành viên Đoàn kiểm tra CCHC tỉnh', reason: 'unknown' },
  { row: 17, text: 'Đoàn Kiểm tra', reason: 'unknown' },
  { row: 17, text: 'HĐĐ CCHC tỉnh', reason: 'unknown' },
  { row: 17, text: 'các cơ quan, đơn vị liên quan', reason: 'related' },
  { row: 22, text: 'Sở, ban, ngành có liên quan', reason: 'related' },
  { row: 34, text: 'UBND', reason: 'unknown' },
  { row: 38, text: 'Tổ công tác theo Quyết định số 2088/QĐ-UBND ngày 14/5/2021 của UBND tỉnh', reason: 'unknown' },
  { row: 39, text: 'các cơ quan, đơn vị liên quan', reason: 'related' },
  { row: 46, text: 'sở, ban ngành có liên quan', reason: 'related' },
  { row: 47, text: 'sở, ban ngành có liên quan', reason: 'related' },
  { row: 65, text: 'các cơ quan liên quan', reason: 'related' },
  { row: 66, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 67, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 68, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 69, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 70, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 71, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 72, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 73, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 74, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 75, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 76, text: 'Các cơ quan liên quan', reason: 'related' },
  { row: 78, text: 'Các cơ quan, đơn vị áp dụng', reason: 'narrowed' },
  { row: 79, text: 'Các trung tâm và đơn vị tư vấn', reason: 'outside' },
  { row: 80, text: 'Các trường và đơn vị tư vấn', reason: 'outside' },
  { row: 81, text: 'Các UBND cấp xã đạt chuẩn NTM', reason: 'narrowed' },
  { row: 81, text: 'đơn vị tư vấn', reason: 'outside' },
  { row: 82, text: 'Bộ Khoa học và Công nghệ', reason: 'unknown' },
  { row: 82, text: 'các đơn vị liên quan', reason: 'related' },
  { row: 82, text: '02 UBND cấp huyện được lựa chọn', reason: 'narrowed' },
  { row: 82, text: 'các Sở, ngành liên quan', reason: 'related' },
  { row: 83, text: 'Các Sở, ban, ngành liên quan', reason: 'related' },
  { row: 86, text: 'tổ chức đào tạo', reason: 'outside' },
  { row: 86, text: 'chứng nhận hệ thống', reason: 'unknown' },
];
/** Sóc Trăng Phụ lục 2: courts and the Front (row 6), "có liên quan", public service units, a board the template lacks (40). */
const SOC_TRANG_2_UNRESOLVED = [
  { row: 3, text: 'Các cơ quan, đơn vị có liên quan', reason: 'related' },
  { row: 6, text: 'Viện kiểm sát nhân dân', reason: 'unknown' },
  { row: 6, text: 'Tòa án nhân dân', reason: 'unknown' },
  { row: 6, text: 'Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp', reason: 'outside' }, // the Front committee of each level: one per place, not one agency to add
  { row: 7, text: 'các cơ quan đơn vị có liên quan', reason: 'related' },
  { row: 16, text: 'các cơ quan có liên quan', reason: 'related' },
  { row: 18, text: 'Các cơ quan, đơn vị có liên quan', reason: 'related' },
  { row: 19, text: 'Các đơn vị sự nghiệp công lập trực thuộc tỉnh', reason: 'outside' },
  { row: 24, text: 'đơn vị sự nghiệp công lập', reason: 'outside' },
  { row: 25, text: 'đơn vị sự nghiệp công lập UBND cấp huyện', reason: 'outside' },
  { row: 27, text: 'Các đơn vị sự nghiệp thuộc tỉnh', reason: 'outside' },
  { row: 28, text: 'đơn vị sự nghiệp công lập', reason: 'outside' },
  { row: 29, text: 'đơn vị sự nghiệp công lập', reason: 'outside' },
  { row: 30, text: 'đơn vị sự nghiệp công lập', reason: 'outside' },
  { row: 31, text: 'các cơ quan, đơn vị có liên quan', reason: 'related' },
  { row: 37, text: 'đơn vị sự nghiệp công lập', reason: 'outside' },
  { row: 40, text: 'Ban Đổi mới và Phát triển doanh nghiệp', reason: 'unknown' },
  { row: 40, text: 'các cơ quan có liên quan', reason: 'related' },
];
/** The report without the cell and the offer, to compare with the lists above. */
const reviewed = (items: { row: number; text: string; reason: string }[]) => items.map(({ row, text, reason }) => ({ row, text, reason }));

let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp();
});
afterEach(async () => {
  await t.close();
});

function storeCounts() {
  const db = t.app.store.db;
  const n = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { plans: n('plans'), tasks: n('tasks'), assignments: n('assignments'), deadlines: n('task_deadlines') };
}

describe('importing the shipped plans', () => {
  it.each([
    ['ha-tinh-2024-phu-luc', HA_TINH, 76, HA_TINH_UNRESOLVED],
    ['soc-trang-163-phu-luc-2', { name: 'KH 163 Sóc Trăng — Phụ lục 2', ...SOC_TRANG }, 52, SOC_TRANG_2_UNRESOLVED],
    ['soc-trang-163-phu-luc-3', { name: 'KH 163 Sóc Trăng — Phụ lục 3', ...SOC_TRANG }, 12, []],
  ])('%s: CSV and XLSX give the same tasks; no deadline is unknown; unresolved agencies are exactly listed', async (name, meta, tasks, unresolved) => {
    const csv = await t.app.services.plans.importFile(`${name}.csv`, file(`${name}.csv`), meta, { dryRun: true });
    const xlsx = await t.app.services.plans.importFile(`${name}.xlsx`, file(`${name}.xlsx`), meta);
    expect(csv.ok && xlsx.ok).toBe(true);
    if (!csv.ok || !xlsx.ok) return;
    expect(xlsx.value.tasks).toBe(tasks);
    expect(xlsx.value.unknownDeadlines).toEqual([]);
    expect(reviewed(xlsx.value.unresolvedAgencies)).toEqual(unresolved);
    const { written: _w, created: _c, updated: _u, source: csvSource, ...csvReport } = csv.value;
    const { written: _w2, created: _c2, updated: _u2, source: xlsxSource, ...xlsxReport } = xlsx.value;
    expect(csvReport).toEqual(xlsxReport);
    // Each report names the format it read.
    expect([csvSource, xlsxSource]).toEqual([{ format: 'csv' }, { format: 'xlsx' }]);
    expect(storeCounts().tasks).toBe(tasks);
  });

  it('assigns nobody for a subset or a document reference: no UBND tỉnh on row 38, no commune on row 81', async () => {
    await t.app.services.plans.importFile('ha-tinh.csv', file('ha-tinh-2024-phu-luc.csv'), HA_TINH);
    const byRow = (row: number) => {
      const { id } = t.app.store.db.prepare('SELECT id FROM tasks WHERE source_row = ?').get(row) as { id: number };
      return t.app.store.plans.assignments(id);
    };
    expect(byRow(38).filter((a) => a.role === 'lead').map((a) => a.agencyCode)).toEqual(['VPUBND']);
    expect(byRow(81).filter((a) => a.role === 'coord').map((a) => a.agencyCode)).toEqual(['SKHCN']);
    expect(byRow(82).filter((a) => a.role === 'coord').map((a) => a.agencyCode)).not.toContain('HUYEN_CU');
  });

  it('stores each task with its area, raw deadline, computed dates and lead/coordinating agencies', async () => {
    await t.app.services.plans.importFile('ha-tinh.csv', file('ha-tinh-2024-phu-luc.csv'), HA_TINH);
    const [task] = t.app.store.plans.tasksByCode('I.3.17');
    expect(task).toMatchObject({ areaCode: 'I', deadlineText: 'Quý II, III/2024', deadlineKind: 'due', areaTitle: 'Công tác chỉ đạo điều hành CCHC' });
    expect(task!.activity).toContain('Ban hành Kế hoạch Kiểm tra CCHC');
    expect(t.app.store.plans.deadlines(task!.id)).toEqual([
      { nominalDate: '2024-06-30', dueDate: '2024-07-01' },
      { nominalDate: '2024-09-30', dueDate: '2024-09-30' },
    ]);
    const roles = t.app.store.plans.assignments(task!.id);
    expect(roles.filter((r) => r.role === 'lead').map((r) => r.agencyCode)).toEqual(['SNV']);
    // Its coordinators are "the agencies leading CCHC areas": a list the plan gives elsewhere, so nobody
    // is assigned on a guess (before issue 27 item 7: every department).
    expect(task!.coordText).toContain('Các cơ quan chủ trì');
    expect(roles.filter((r) => r.role === 'coord')).toEqual([]);
    // A row under a merged cell inherits the lead and deadline of the row above (3.5 under 3.4).
    const [inherited] = t.app.store.plans.tasksByCode('I.3.5');
    expect(inherited).toMatchObject({ leadText: 'Sở Thông tin và Truyền thông', deadlineText: 'Thường xuyên', deadlineKind: 'ongoing' });
    // A row split by a page break is joined back (lead of I.3.15 continues on the next row).
    const [joined] = t.app.store.plans.tasksByCode('I.3.15');
    expect(joined!.leadText).toContain('Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến CCHC');
    // Sub-areas A and B of area VII keep their own numbering.
    expect(t.app.store.plans.tasksByCode('VII.B.3.8')[0]!.areaTitle).toContain('Áp dụng ISO 9001:2015');
  });

  it('re-imports in place: same ids, changed text updated, dropped rows retired, nothing duplicated', async () => {
    await t.app.services.plans.importFile('ha-tinh.csv', file('ha-tinh-2024-phu-luc.csv'), HA_TINH);
    const before = t.app.store.plans.tasksByCode('II.3.7')[0]!;
    const text = file('ha-tinh-2024-phu-luc.csv').toString('utf8').replace('Quý IV/2024', 'Quý III/2024');
    const lines = text.split('\r\n');
    const withoutLast = lines.filter((line) => !line.includes('3.9. Tổ chức các lớp tập huấn, đào tạo')).join('\r\n');
    const again = await t.app.services.plans.importFile('ha-tinh.csv', Buffer.from(withoutLast), HA_TINH);
    expect(again.ok && again.value).toMatchObject({ created: 0, updated: 75, retired: 1 });
    const after = t.app.store.plans.tasksByCode('II.3.7')[0]!;
    expect(after.id).toBe(before.id);
    expect(after.deadlineText).toBe('Quý III/2024');
    expect(t.app.store.plans.deadlines(after.id)).toEqual([{ nominalDate: '2024-09-30', dueDate: '2024-09-30' }]);
    expect(t.app.store.plans.tasksByCode('VII.B.3.9')).toEqual([]);
    expect(storeCounts().tasks).toBe(76);
  });
});

describe('one list of reform areas, and dates already past at import', () => {
  it('writes an all-capitals area in sentence case and keeps one spelling across plans', async () => {
    await t.app.services.plans.importFile('ha-tinh.csv', file('ha-tinh-2024-phu-luc.csv'), HA_TINH);
    const other = Buffer.from('STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\nII,Cải cách thể chế,,,\r\n1,Rà soát văn bản,Sở Tư pháp,,Quý IV/2024\r\nIII,"Cải cách TTHC và thực hiện cơ chế một cửa, một cửa liên thông",,,\r\n1,Công bố TTHC,Sở Tư pháp,,Quý IV/2024\r\n');
    await t.app.services.plans.importFile('khac.csv', other, { name: 'KH khác', year: 2024 });
    const titles = new Set(t.app.store.plans.areaTitles());
    expect(titles).toContain('Cải cách thể chế');
    expect(titles).toContain('Cải cách TTHC và thực hiện cơ chế một cửa, một cửa liên thông');
    expect(titles).toContain('Xây dựng và phát triển chính quyền điện tử, chính quyền số và áp dụng ISO — Áp dụng ISO 9001:2015 trong hoạt động của đơn vị');
    expect([...titles].filter((x) => x.toLowerCase() === 'cải cách thể chế')).toHaveLength(1);
  });

  it('records dates before the first import as past: not chased, not counted; --chase-past keeps them owed', async () => {
    const late = createTestApp({ start: '2026-11-23T02:00:00Z' });
    try {
      const plan = { name: 'KH 163 Sóc Trăng — Phụ lục 2', ...SOC_TRANG };
      const result = await late.app.services.plans.importFile('pl2.csv', file('soc-trang-163-phu-luc-2.csv'), plan);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.pastChecks.before).toBe('2026-11-23');
      expect(result.value.pastChecks.count).toBeGreaterThan(50);
      // Yearly checks of 2021–2025 are past; 2026–2030 are still owed.
      const [yearly] = late.app.store.plans.tasksByCode('1.a');
      expect(late.app.store.plans.pastDeadlines(yearly!.id).map((d) => d.nominalDate.slice(0, 4))).toEqual(['2021', '2022', '2023', '2024', '2025']);
      expect(late.app.store.plans.deadlines(yearly!.id).every((d) => d.dueDate >= '2026-11-23')).toBe(true);
      // Nothing overdue at once: the summary and the planner see only owed dates.
      expect(late.app.services.summaries.overdue().length).toBe(0);
      const planned = late.app.services.planner.desired('2026-11-23', '2026-12-31');
      expect(planned.every((r) => r.dueDate >= '2026-11-23')).toBe(true);
      // Re-importing later keeps the first import as the cut-off.
      late.clock.set('2027-03-01T02:00:00Z');
      const again = await late.app.services.plans.importFile('pl2.csv', file('soc-trang-163-phu-luc-2.csv'), plan, { dryRun: true });
      expect(again.ok && again.value.pastChecks).toEqual(result.value.pastChecks);
      const chased = await late.app.services.plans.importFile('pl2.csv', file('soc-trang-163-phu-luc-2.csv'), plan, { dryRun: true, chasePast: true });
      expect(chased.ok && chased.value.pastChecks.count).toBe(0);
    } finally {
      await late.close();
    }
  });
});

describe('an older plan read today, after the 2025 reorganisation', () => {
  it('assigns merged departments to their successors and says so; the district group is kept as history, never chased', async () => {
    const now = createTestApp({ start: '2026-11-23T02:00:00Z' });
    try {
      const result = await now.app.services.plans.importFile('ha-tinh.csv', file('ha-tinh-2024-phu-luc.csv'), HA_TINH);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const byText = new Map(result.value.successions.map((s) => [s.text, s]));
      // The 2024 plan names Sở TTTT (now Sở KH&CN), Sở KH&ĐT (now Sở Tài chính) and others.
      expect(byText.get('Sở TTTT')).toMatchObject({ to: 'Sở KH&CN', since: '2025-03-01' });
      expect(byText.get('Sở KH&ĐT')).toMatchObject({ to: 'Sở Tài chính', since: '2025-03-01' });
      const { PLAN_TEXTS } = await import('../../commands/plans.texts.js');
      expect(PLAN_TEXTS.importSummary(result.value).join('\n')).toContain('Sở TTTT → Sở KH&CN, hợp nhất từ 1/3/2025');
      // No work is left with a department that no longer exists.
      const codes = now.app.store.db
        .prepare('SELECT DISTINCT a.code FROM assignments s JOIN agencies a ON a.id = s.agency_id')
        .all()
        .map((r) => (r as { code: string }).code);
      for (const merged of ['STTTT', 'SKHDT', 'SNNPTNT', 'STNMT', 'SLDTBXH', 'SGTVT', 'CTHUE']) expect(codes).not.toContain(merged);
      const [task] = now.app.store.plans.tasksByCode('I.3.4');
      expect(now.app.store.plans.assignments(task!.id).filter((r) => r.role === 'lead').map((r) => r.agencyCode)).toEqual(['SKHCN']);
      // "UBND cấp huyện" in a 2024 plan is history: assigned to the former districts, never reminded.
      expect(codes).toContain('HUYEN_CU');
      const huyen = now.app.store.agencies.byCode('HUYEN_CU')!;
      expect(huyen.active).toBe(false);
      const planned = now.app.services.planner.desired('2026-11-23', '2027-12-31');
      expect(planned.some((r) => r.agencyId === huyen.id)).toBe(false);
    } finally {
      await now.close();
    }
  });

  it('resolves a 2026 plan written in two-tier wording: every department, central body, commune and group phrase', async () => {
    const now = createTestApp({ start: '2026-11-23T02:00:00Z' });
    try {
      const cells: [string, string][] = [
        ['Sở Nông nghiệp và Môi trường', 'Sở Tài chính; Sở Xây dựng'],
        ['Sở Dân tộc và Tôn giáo', 'Sở Nội vụ, Sở Văn hoá, Thể thao và Du lịch'],
        ['Sở Ngoại vụ', 'Sở Du lịch, Sở Công Thương, Sở Y tế'],
        ['Sở Giáo dục và Đào tạo', 'Thanh tra tỉnh; Văn phòng UBND tỉnh; Sở Khoa học và Công nghệ; Sở Tư pháp'],
        ['Thuế tỉnh', 'Kho bạc Nhà nước khu vực XIII; Công an tỉnh; Bảo hiểm xã hội tỉnh Hà Tĩnh'],
        ['UBND phường Thành Sen', 'Ủy ban nhân dân xã Hương Sơn; Phường Bắc Hồng Lĩnh'],
        ['UBND các xã, phường, đặc khu', 'Các sở, ngành, địa phương'],
        ['Các sở, ban, ngành cấp tỉnh', 'Các cơ quan Trung ương đóng trên địa bàn tỉnh'],
        ['UBND cấp xã', 'Các cơ quan, đơn vị, địa phương'],
        ['Sở Nội vụ tỉnh Hà Tĩnh', 'Các cơ quan chuyên môn thuộc UBND tỉnh'],
      ];
      const quote = (s: string) => `"${s}"`;
      const csv = ['STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện', ...cells.map(([lead, coord], i) => `${i + 1},Nhiệm vụ ${i + 1},${quote(lead)},${quote(coord)},Quý IV/2026`)].join('\r\n');
      const result = await now.app.services.plans.importFile('kh2026.csv', Buffer.from(csv), { name: 'KH CCHC 2026', year: 2026 }, { dryRun: true });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.unresolvedAgencies).toEqual([]);
      expect(result.value.unknownDeadlines).toEqual([]);
      expect(result.value.successions).toEqual([]);
    } finally {
      await now.close();
    }
  });

  it('reports "UBND cấp huyện" in a plan written after 1/7/2025 instead of assigning it', async () => {
    const now = createTestApp({ start: '2026-11-23T02:00:00Z' });
    try {
      const csv = Buffer.from('STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\r\n1,Rà soát TTHC,UBND cấp huyện,Sở Nội vụ,Quý IV/2026\r\n2,Số hóa hồ sơ,UBND các xã phường đặc khu,Sở KH&CN,Quý IV/2026\r\n');
      const result = await now.app.services.plans.importFile('kh2026.csv', csv, { name: 'KH CCHC 2026', year: 2026 }, { dryRun: true });
      expect(result.ok && result.value.unresolvedAgencies).toEqual([{ row: 2, text: 'UBND cấp huyện', until: '2025-07-01', reason: 'ceased', cell: 'UBND cấp huyện' }]);
      expect(result.ok && result.value.assignments).toBe(1 + 69 + 1);
    } finally {
      await now.close();
    }
  });
});

describe('malformed files change nothing and say what is wrong in Vietnamese', () => {
  const cases: [string, string, Buffer, RegExp][] = [
    ['wrong columns (“Nội dung” is the task column; the agency and deadline columns are missing)', 'sai-cot.csv', Buffer.from('STT,Nội dung,Ghi chú\n1,Việc gì đó,không\n'), /thiếu cột “Chủ trì”, “Thời gian hoàn thành”\. /],
    ['an empty file', 'rong.csv', Buffer.alloc(0), /Tệp rỗng/],
    ['binary garbage as CSV', 'rac.csv', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), /Không đọc được tệp/],
    ['binary garbage as XLSX', 'rac.xlsx', Buffer.from('PK\u0003\u0004 đây không phải là một tệp zip'), /Không đọc được tệp/],
    ['a 50 MB file', 'lon.csv', Buffer.alloc(50 * 1024 * 1024, 'a'), /Tệp quá lớn \(50 MB\)/],
    ['duplicate task codes', 'trung.csv', Buffer.from('STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện\n1,Cải cách thể chế,,,\na),Việc A,Sở Tư pháp,,Năm 2024\na),Việc B,Sở Nội vụ,,Năm 2024\n'), /Dòng 4, cột TT\/STT\/Hoạt động: mã nhiệm vụ 1\.a trùng với dòng 3/],
    // A file named .pdf that holds no PDF body.
    ['a broken PDF', 'ke-hoach.pdf', Buffer.from('%PDF-1.4'), /Không đọc được tệp/],
    ['a .doc LibreOffice cannot open (an OLE signature and nothing else)', 'ke-hoach.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /tệp Word cũ \(\.doc\).*\.docx/i],
    // A .png is read by OCR now; one that is not an image at all is unreadable, and a .gif is not taken.
    ['a broken image', 'bang.png', Buffer.from('\x89PNG'), /Không đọc được tệp: nội dung không phải .* ảnh PNG\/JPG/],
    ['an image of a kind not read', 'bang.gif', Buffer.from('GIF89a'), /Chỉ nhận tệp \.csv, \.xlsx, Word \(\.docx, \.doc\), PDF \(có lớp chữ hoặc bản quét\) hay ảnh chụp bảng \(\.png, \.jpg\)/],
  ];

  it.each(cases)('%s', async (_label, name, data, message) => {
    await t.app.services.plans.importFile('ha-tinh.csv', file('ha-tinh-2024-phu-luc.csv'), HA_TINH);
    const before = storeCounts();
    const result = await t.app.services.plans.importFile(name, data, HA_TINH);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { PLAN_TEXTS } = await import('../../commands/plans.texts.js');
    expect(PLAN_TEXTS.importError(result.error)).toMatch(message);
    expect(storeCounts()).toEqual(before);
  });
});
