import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';

/**
 * A plan imported with the CLI while dondoc runs reaches the running bot's reminders at its next
 * tick: triggers count every change that moves reminders, whoever writes it, and the scheduler
 * re-plans when the count moved since its last plan (and not otherwise).
 */
const t = createTestApp({ start: '2026-11-24T02:30:00Z' });
afterAll(async () => {
  await t.close();
});

describe('changes written by another process', () => {
  it('a CLI import is planned at the next tick; a tick with nothing changed plans nothing', () => {
    const { store, scheduler } = t.app;
    scheduler!.replan();
    const count = () => (store.db.prepare("SELECT COUNT(*) AS n FROM reminders WHERE item_kind = 'task'").get() as { n: number }).n;
    expect(count()).toBe(0);
    const version = store.plans.changeVersion();
    scheduler!.tick();
    expect(store.plans.changeVersion()).toBe(version);

    const csv = ['TT,Nội dung,Chủ trì,Phối hợp,Thời gian hoàn thành', '1,"Rà soát thủ tục hành chính",Sở Tư pháp,,Trước 15/12/2026', '2,"Số hóa hồ sơ",Sở Khoa học và Công nghệ,,Tháng 12/2026'].join('\n');
    const file = join(t.dir, 'ke-hoach.csv');
    writeFileSync(file, csv);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import', file, '--plan', 'Kế hoạch bổ sung 2026', '--year', '2026'], {
      env: { ...process.env, DONDOC_DB_PATH: join(t.dir, 'dondoc.sqlite'), DONDOC_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(store.plans.changeVersion()).toBeGreaterThan(version);
    scheduler!.tick();
    expect(count()).toBeGreaterThan(0);
    expect(store.plans.changeVersion()).toBe(t.app.services.planner.plannedVersion);
  });
});
