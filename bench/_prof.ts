import { performance } from 'node:perf_hooks';
import { writeCsv } from '../src/app/table-file.js';
import { createTestApp } from '../test/helpers/test-app.js';
import { linkedMember } from '../test/helpers/members.js';
const t = createTestApp({ start: '2024-07-01T01:00:00Z' });
const { store, services } = t.app;
const now = t.clock.now();
store.transaction(() => {
  for (let i = 0; i < 1000; i += 1) {
    const agency = store.agencies.upsert({ code: `XB${i}`, name: `UBND xã Đo Hiệu Năng ${i}`, kind: 'ubnd_xa' }, now);
    linkedMember(store, { displayName: `Đầu mối xã ${i}`, agencyId: agency.id, role: 'focal' }, { platform: 'bench', chatId: `b${i}` }, now);
  }
});
const rows = [['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành']];
const months = ['Tháng 07/2024', 'Tháng 08/2024', 'Quý III/2024', 'Năm 2024'];
for (let i = 1; i <= 100; i += 1) rows.push([String(i), `Nhiệm vụ số ${i}`, 'UBND cấp xã', '', months[i % months.length]!]);
let t0 = performance.now();
await services.plans.importFile('xa.csv', Buffer.from(writeCsv(rows)), { name: 'Kế hoạch xã', year: 2024 });
console.log('import', performance.now() - t0);
const p = services.planner;
const today = '2024-07-01', horizon = '2024-08-15';
t0 = performance.now(); const src = store.plans.reminderSources(false); console.log('sources', src.length, performance.now() - t0);
t0 = performance.now(); const occ = p.occurrences(today, horizon, src); console.log('occurrences', occ.length, performance.now() - t0);
t0 = performance.now(); const d = p.desired(today, horizon); console.log('desired', d.length, performance.now() - t0);
t0 = performance.now(); const ch = store.reminders.diff(d, p.instant(today,'00:00')); console.log('diff', ch.insert.length, performance.now() - t0);
t0 = performance.now(); store.transaction(() => store.reminders.apply(ch)); console.log('apply', performance.now() - t0);
t0 = performance.now(); const ch2 = store.reminders.diff(d, p.instant(today,'00:00')); console.log('diff2', ch2.insert.length, performance.now() - t0);
store.db.prepare('DELETE FROM reminders').run();
const rss0 = process.memoryUsage().rss;
t0 = performance.now(); const r = p.planAll(); console.log('planAll', r.planned, performance.now() - t0, 'rss+', (process.memoryUsage().rss - rss0)/1e6);
await t.close();
