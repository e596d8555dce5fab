import { afterAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import { decodeReplies } from '../../src/app/reply-codec.js';
import { addDays } from '../../src/domain/civil-date.js';
import { linkedMember } from '../helpers/members.js';
import { createTestApp } from '../helpers/test-app.js';

/**
 * A reminder digest lists the items chased at this slot; when that is fewer than the agency's overdue
 * items in all (what /quahan counts), its "Quá hạn" heading names the total, so the two never seem
 * to disagree. Through the real scheduler on a fake clock, over two working weeks.
 */
const t = createTestApp({ start: '2026-11-02T00:30:00Z' });
afterAll(async () => {
  await t.close();
});

describe('the overdue total in a reminder digest', () => {
  it('says "nhắc N trong tổng số M" whenever it chases fewer overdue items than the agency has', async () => {
    const { store, services, scheduler } = t.app;
    // Three Sở Tư pháp tasks whose dates passed on different days: chased every 2 working days each, not all on the same day.
    const csv = ['TT,Nội dung,Chủ trì,Phối hợp,Thời gian hoàn thành', '1,"Rà soát thủ tục",Sở Tư pháp,,Trước 26/10/2026', '2,"Số hóa hồ sơ",Sở Tư pháp,,Trước 27/10/2026', '3,"Báo cáo kiểm soát",Sở Tư pháp,,Trước 29/10/2026'].join('\n');
    const imported = await services.plans.importFile('stp.csv', Buffer.from(csv), { name: 'Kế hoạch thử', year: 2026 }, { chasePast: true });
    expect(imported.ok).toBe(true);
    const focal = linkedMember(store, { displayName: 'Trang', agencyId: store.agencies.byCode('STP')!.id, role: 'focal' }, { platform: 'local', chatId: 'trang' }, t.clock.now());
    scheduler!.replan();
    const seen: { total: number; text: string }[] = [];
    for (let day = 0; day < 14; day += 1) {
      t.clock.set(`${addDays('2026-11-02', day)}T01:05:00Z`);
      scheduler!.tick();
      const total = services.summaries.overdue(focal.agencyId).length;
      const rows = store.db.prepare("SELECT payload FROM outbox WHERE purpose = 'digest' AND created_at >= ?").all(t.clock.now().toISOString().slice(0, 10)) as { payload: string }[];
      for (const r of rows) seen.push({ total, text: decodeReplies(r.payload).map((x) => plainText(x.text)).join('\n') });
    }
    const withOverdue = seen.filter((s) => s.text.includes('Quá hạn ('));
    expect(withOverdue.length).toBeGreaterThan(2);
    let namedTotal = 0;
    for (const { total, text } of withOverdue) {
      const listed = text.split('\n').filter((l) => /quá \d+ ngày làm việc/.test(l)).length;
      if (listed < total) {
        expect(text).toContain(`Quá hạn (nhắc ${listed} trong tổng số ${total} việc quá hạn`);
        namedTotal += 1;
      } else expect(text).toContain(`Quá hạn (${listed})`);
    }
    expect(namedTotal).toBeGreaterThan(0);
  });
});
