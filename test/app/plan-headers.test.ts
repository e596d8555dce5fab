import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';

let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp({ start: '2026-01-05T02:00:00Z' });
});
afterEach(async () => {
  await t.close();
});

const META = { name: 'Kế hoạch CCHC năm 2026', year: 2026 };
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'));

/**
 * Header rows as provinces write them (each followed by the same two tasks): the words differ, the
 * columns are the same. What each layout means is written beside it; the import must read every one.
 */
const LAYOUTS: { name: string; header: string[][]; order: ('code' | 'task' | 'lead' | 'coord' | 'deadline' | 'product')[] }[] = [
  { name: 'the seeds’ words', header: [['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']], order: ['code', 'task', 'lead', 'coord', 'deadline'] },
  { name: '“Nội dung” and “Đơn vị thực hiện”', header: [['TT', 'Nội dung', 'Đơn vị thực hiện', 'Đơn vị phối hợp', 'Thời gian thực hiện']], order: ['code', 'task', 'lead', 'coord', 'deadline'] },
  { name: '“Nội dung công việc”, “Cơ quan, đơn vị chủ trì”, “Tiến độ”', header: [['Số TT', 'Nội dung công việc', 'Cơ quan, đơn vị chủ trì', 'Cơ quan, đơn vị phối hợp', 'Tiến độ']], order: ['code', 'task', 'lead', 'coord', 'deadline'] },
  { name: 'deadline before the agencies, product column', header: [['STT', 'Nhiệm vụ, giải pháp', 'Sản phẩm', 'Thời hạn hoàn thành', 'Chủ trì', 'Phối hợp']], order: ['code', 'task', 'product', 'deadline', 'lead', 'coord'] },
  {
    name: 'two-row header: “Cơ quan thực hiện” over “Chủ trì | Phối hợp”',
    header: [
      ['TT', 'Nội dung nhiệm vụ', 'Cơ quan thực hiện', '', 'Thời gian hoàn thành'],
      ['', '', 'Chủ trì', 'Phối hợp', ''],
    ],
    order: ['code', 'task', 'lead', 'coord', 'deadline'],
  },
  {
    name: 'two-row header: “Đơn vị” over “Chủ trì | Phối hợp”, numbered column headings',
    header: [
      ['(1)', '(2)', 'Đơn vị', '', '(5)'],
      ['TT', 'Tên nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian'],
    ],
    order: ['code', 'task', 'lead', 'coord', 'deadline'],
  },
];

const TASKS = [
  { code: '1', task: 'Rà soát, đơn giản hóa thủ tục hành chính', lead: 'Sở Tư pháp', coord: 'Sở Nội vụ', deadline: 'Quý II/2026', product: 'Báo cáo' },
  { code: '2', task: 'Kiểm tra công tác CCHC', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh', deadline: 'Trước 15/12/2026', product: 'Kết luận' },
];

describe('plan header rows as provinces write them', () => {
  for (const layout of LAYOUTS) {
    it(`reads ${layout.name}`, async () => {
      const body = TASKS.map((task) => layout.order.map((field) => task[field]));
      const result = await t.app.services.plans.importFile('ke-hoach.csv', csv([['KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026'], ...layout.header, ...body]), META);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) return;
      expect(result.value.tasks).toBe(2);
      expect(result.value.unresolvedAgencies).toEqual([]);
      const [first] = t.app.store.plans.tasksByCode('1');
      const [second] = t.app.store.plans.tasksByCode('2');
      expect(first?.task).toBe(TASKS[0]!.task);
      const roles = (id: number) => t.app.store.plans.assignments(id).map((a) => `${a.role}:${a.agencyCode}`).sort();
      expect(roles(first!.id)).toEqual(['coord:SNV', 'lead:STP']);
      expect(roles(second!.id)).toEqual(['coord:VPUBND', 'lead:SNV']);
      expect(t.app.store.plans.dueDates(first!.id)).toEqual(['2026-06-30']);
      // "Trước 15/12/2026": the day named is the deadline (README's deadline table); it is a Tuesday.
      expect(t.app.store.plans.dueDates(second!.id)).toEqual(['2026-12-15']);
    });
  }

  it('says which column is missing when a header has no deadline column', async () => {
    const result = await t.app.services.plans.importFile('ke-hoach.csv', csv([['TT', 'Nội dung', 'Chủ trì', 'Ghi chú'], ['1', 'Rà soát', 'Sở Tư pháp', '']]), META);
    expect(result).toMatchObject({ ok: false, error: { code: 'no_header', missing: ['deadline'] } });
  });
});
