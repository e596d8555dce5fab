import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const leader: TgUser = { id: 1501, first_name: 'Minh' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2026-11-23T02:00:00Z' });
  await h.join(leader, h.invite('UBNDT', 'leader'));
  // Three departments owe one task each, due in quý I/2026 and not done: the same score.
  const csv = Buffer.from(
    ['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '1,Rà soát thủ tục,Sở Tư pháp,Quý I/2026', '2,Số hóa hồ sơ,Sở Tài chính,Quý I/2026', '3,Cập nhật quy trình,Sở Công Thương,Quý I/2026'].join('\n'),
  );
  const imported = await h.app.services.plans.importFile('kh.csv', csv, { name: 'KH 2026', year: 2026 }, { chasePast: true });
  expect(imported.ok).toBe(true);
});

afterEach(async () => {
  await h.close();
});

/** The ranked lines of a /xephang answer: "rank. name: points". */
const rankedLines = (text: string) => text.split('\n').filter((l) => /^\d+\. /.test(l));

describe('/xephang', () => {
  it('gives agencies with the same score the same rank (1, 1, …), says the tie-break, and lists them by name', async () => {
    // The three departments with a task have the same score: all rank 1. The others had nothing
    // due: named after the ranking, not ranked (their criteria do not apply).
    const [answer] = await h.send(leader, '/xephang so 2026');
    const ranked = rankedLines(answer!);
    expect(ranked).toHaveLength(3);
    expect(ranked.every((l) => l.startsWith('1. '))).toBe(true);
    expect(answer).toContain('– Sở Xây dựng: không có tiêu chí nào áp dụng trong kỳ (không xếp hạng)');
    const names = ranked.map((l) => l.slice(3, l.indexOf(':')));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(answer).toContain('Cơ quan cùng điểm xếp cùng hạng');
  });

  it('accepts the kind as people type it', async () => {
    for (const typed of ['xa', 'xã', 'Xã', 'phường', 'ubnd_xa']) {
      const [answer] = await h.send(leader, `/xephang ${typed}`);
      expect(answer, typed).toContain('Xếp hạng UBND xã, phường, đặc khu');
    }
    for (const typed of ['sở', 'so', 'so_ban_nganh']) {
      const [answer] = await h.send(leader, `/xephang ${typed} 2026`);
      expect(answer, typed).toMatch(/^<b>Xếp hạng Sở, ban, ngành — năm 2026/);
    }
  });

  it('says a period is wrong instead of reading it as an agency kind', async () => {
    for (const typed of ['2024-Q5', '2026Q2x', '20245']) {
      const [answer] = await h.send(leader, `/xephang so ${typed}`);
      expect(answer, typed).toBe(`Kỳ “${typed}” không hợp lệ. Dùng năm (ví dụ 2026) hoặc quý của năm (2026-Q1 đến 2026-Q4).`);
    }
    const [unknown] = await h.send(leader, '/xephang hội đồng');
    expect(unknown).toContain('Không có loại cơ quan “hội đồng”');
  });
});
