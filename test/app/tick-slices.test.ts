import { afterAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/app/table-file.js';
import { createTestApp } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';
import { waitFor } from '../helpers/wait.js';

/**
 * The running scheduler claims the morning's due rows a slice of agencies at a time, answering
 * chats between slices: 150 communes with 4 tasks due today, each focal point one digest naming
 * their 4 tasks, every row settled once.
 */
// Monday 1 July 2024, 09:00 in Hà Nội: office hours, after the 08:00 slot.
const t = createTestApp({ start: '2024-07-01T02:00:00Z', env: { DONDOC_SCHEDULER: 'true' } });
afterAll(async () => {
  await t.close();
});

describe('the morning slot, claimed in slices', () => {
  it('150 communes: one digest per focal point with all four tasks, every due row sent once, in more than one slice', async () => {
    const { store, services } = t.app;
    const now = t.clock.now();
    const members = store.transaction(() =>
      Array.from({ length: 150 }, (_, i) => {
        const agency = store.agencies.upsert({ code: `XT${i}`, name: `UBND xã Thử Lát ${i}`, kind: 'ubnd_xa' }, now);
        return linkedMember(store, { displayName: `Đầu mối xã ${i}`, agencyId: agency.id, role: 'focal' }, { platform: 'telegram', chatId: String(70_000 + i) }, now);
      }),
    );
    const rows = [['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành']];
    for (let i = 1; i <= 4; i += 1) rows.push([String(i), `Rà soát thủ tục hành chính đợt ${i}`, 'UBND các xã, phường', '', 'Trước ngày 01/7/2024']);
    const imported = await services.plans.importFile('xa.csv', Buffer.from(writeCsv(rows)), { name: 'Kế hoạch xã 2024', year: 2024 });
    expect(imported.ok).toBe(true);
    const slices: number[] = [];
    const due = store.reminders.due.bind(store.reminders);
    store.reminders.due = (atOrBefore, agencyIds) => {
      slices.push(agencyIds?.length ?? -1);
      return due(atOrBefore, agencyIds);
    };
    t.app.startBackground();
    const digests = () => store.db.prepare("SELECT member_id AS memberId, payload FROM outbox WHERE purpose = 'digest'").all() as { memberId: number; payload: string }[];
    expect(await waitFor(() => digests().length >= members.length, 30_000, 20)).toBe(true);
    await t.app.scheduler.stop();
    const byMember = new Map<number, string[]>();
    for (const d of digests()) byMember.set(d.memberId, [...(byMember.get(d.memberId) ?? []), d.payload]);
    expect(byMember.size).toBe(members.length);
    for (const member of members) {
      const mine = byMember.get(member.id)!;
      expect(mine).toHaveLength(1);
      for (let i = 1; i <= 4; i += 1) expect(mine[0]).toContain(`Rà soát thủ tục hành chính đợt ${i}`);
    }
    // Every row due by now (the four tasks, and the 6-month report the communes owe since 15/6) went out once.
    const today = store.db.prepare("SELECT status, COUNT(*) AS n FROM reminders WHERE send_at <= ? AND agency_id IN (SELECT id FROM agencies WHERE code LIKE 'XT%') GROUP BY status").all(now.toISOString()) as { status: string; n: number }[];
    expect(today.map((r) => r.status)).toEqual(['sent']);
    expect(today[0]!.n).toBeGreaterThanOrEqual(4 * members.length);
    // Claimed agency by agency: more than one slice, none over the slice size.
    expect(slices.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(Math.max(...slices)).toBeLessThanOrEqual(25);
  });
});
