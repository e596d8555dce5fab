import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';
import { sharedScore } from '../../../commands/scoring.js';
import type { ScoredAgency } from '../../../src/app/scoring-service.js';

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
  it('says when every agency has the same score instead of ranking them all first, and names who is not ranked', async () => {
    // The three departments with a task have the same score (the task missed, no report owed by a
    // department in this test's year… the same criteria for all three): no ranking can be drawn.
    // Issue 26: "/xephang xa" ranked 69 communes joint first, chart included.
    const [answer] = await h.send(leader, '/xephang so 2026');
    expect(rankedLines(answer!)).toEqual([]);
    expect(answer).toMatch(/Tất cả 3 cơ quan cùng điểm [\d,]+\/[\d,]+: chưa có khác biệt để xếp hạng\./);
    expect(h.calls.filter((c) => c.method === 'sendPhoto')).toHaveLength(0);
  });

  it('gives agencies with the same score the same rank (1, 1, …), says the tie-break, and lists them by name', async () => {
    // Sở Nội vụ finishes nothing either, but a fourth department finishes its task: it ranks first,
    // the three others share rank 2. The others had nothing due: named after the ranking, not ranked.
    const csv = Buffer.from(['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '1,Công khai thủ tục,Sở Y tế,Quý I/2026'].join('\n'));
    expect((await h.app.services.plans.importFile('kh2.csv', csv, { name: 'KH bổ sung 2026', year: 2026 }, { chasePast: true })).ok).toBe(true);
    const yte = { id: 1601, first_name: 'Y' };
    await h.join(yte, h.invite('SYT', 'focal'));
    expect((await h.send(yte, '1 xong'))[0]).toContain('Đã ghi nhận');
    const [answer] = await h.send(leader, '/xephang so 2026');
    const ranked = rankedLines(answer!);
    expect(ranked).toHaveLength(4);
    expect(ranked[0]).toMatch(/^1\. Sở Y tế: /);
    expect(ranked.slice(1).every((l) => l.startsWith('2. '))).toBe(true);
    // More than three agencies had nothing due: named on one line, not one line each.
    expect(answer).toMatch(/– Không xếp hạng \d+ cơ quan \(không có tiêu chí nào áp dụng trong kỳ\): [^\n]*Sở Xây dựng/);
    const names = ranked.slice(1).map((l) => l.slice(3, l.indexOf(':')));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(answer).toContain('Cơ quan cùng điểm xếp cùng hạng');
    // Each reason once, with the agencies it concerns, not once per agency.
    expect(answer!.match(/Hoàn thành nhiệm vụ|Tỷ lệ hoàn thành/g) ?? []).toHaveLength(1);
  });

  it('names the agencies of a tie when they are few (7 tied: on the line, not only in the attached file)', async () => {
    // New-user trial: "2. 7 cơ quan cùng điểm … (tên trong tệp đính kèm)" on a phone, for 7 names.
    // Four more departments miss a quý I task (seven tied with Tư pháp, Tài chính, Công Thương); Sở Y tế finishes its own.
    const csv = Buffer.from(
      [
        'STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành',
        '1,Công khai thủ tục,Sở Y tế,Quý I/2026',
        '2,Rà soát quy hoạch,Sở Xây dựng,Quý I/2026',
        '3,Chuyển đổi số,Sở Khoa học và Công nghệ,Quý I/2026',
        '4,Kiểm tra trường học,Sở Giáo dục và Đào tạo,Quý I/2026',
        '5,Số hóa di tích,"Sở Văn hóa, Thể thao và Du lịch",Quý I/2026',
      ].join('\n'),
    );
    expect((await h.app.services.plans.importFile('kh4.csv', csv, { name: 'KH bổ sung 2026', year: 2026 }, { chasePast: true })).ok).toBe(true);
    const yte = { id: 1602, first_name: 'Y' };
    await h.join(yte, h.invite('SYT', 'focal'));
    expect((await h.send(yte, '1 xong'))[0]).toContain('Đã ghi nhận');
    const [answer] = await h.send(leader, '/xephang so 2026');
    expect(answer).not.toContain('tên trong tệp đính kèm');
    const tied = ['Sở Công Thương', 'Sở Giáo dục và Đào tạo', 'Sở Khoa học và Công nghệ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Xây dựng'];
    const line = rankedLines(answer!).find((l) => l.startsWith('2. '))!;
    // Rank 2 shared by seven, by name (Vietnamese order), separated by ";" (a name may hold a comma).
    expect(line).toMatch(/^2\. 7 cơ quan cùng điểm [\d,]+\/[\d,]+: /);
    expect(line.slice(line.indexOf(': ') + 2).split('; ')).toEqual([...tied].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(rankedLines(answer!)[0]).toMatch(/^1\. Sở Y tế: /);
  });

  it('scores a year by every date due in it, overdue quarters included, and ranks Sở Nội vụ like any department', async () => {
    // Issue 26 item 2: a commune with a quarterly task overdue got "không áp dụng" for the year
    // (only the last quarter's date, not yet due, was looked at). On 23/11/2026 the "Hằng quý" task's
    // dates of Q1, Q2 and Q3 have passed: 0 of 3 done. Q4's date (31/12) is not due yet.
    const csv = Buffer.from(['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '1,Báo cáo tình hình giải quyết thủ tục,UBND phường Thành Sen,Hằng quý', '2,Kiểm tra công vụ,Sở Nội vụ,Quý II/2026'].join('\n'));
    expect((await h.app.services.plans.importFile('kh3.csv', csv, { name: 'KH quý 2026', year: 2026 }, { chasePast: true })).ok).toBe(true);
    const [year] = await h.send(leader, '/diem X18073 2026');
    expect(year).toContain('Hoàn thành 0/3 nhiệm vụ đến hạn');
    expect(year).not.toContain('không có nhiệm vụ đến hạn trong kỳ');
    const [q2] = await h.send(leader, '/diem X18073 2026-Q2');
    expect(q2).toContain('Hoàn thành 0/1 nhiệm vụ đến hạn');
    // Issue 26 item 3: Sở Nội vụ leads a task that is overdue; /diem SNV showed no criteria at all.
    const [snv] = await h.send(leader, '/diem SNV 2026');
    expect(snv).toContain('Hoàn thành 0/1 nhiệm vụ đến hạn');
    const [ranking] = await h.send(leader, '/xephang so 2026');
    // Four departments each missed their one task (Tư pháp, Tài chính, Công Thương and Sở Nội vụ): one score for all four.
    expect(ranking).toContain('Tất cả 4 cơ quan cùng điểm 0/3: chưa có khác biệt để xếp hạng.');
    expect(ranking).toContain('Sở Nội vụ');
    // UBND tỉnh issues the plan: not scored, and /diem says why instead of an empty answer.
    const [ubnd] = await h.send(leader, '/diem UBNDT 2026');
    expect(ubnd).toContain('không được chấm điểm theo kế hoạch đó');
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

describe('a rank group says what its agencies share', () => {
  const scored = (total: number, maxTotal: number) => ({ score: { total, maxTotal } as ScoredAgency });
  it('the points when all have them, else the share that ranks them (0/1 and 0/4 are both 0%, not "cùng điểm 0/1")', () => {
    expect(sharedScore([scored(2, 4), scored(2, 4)])).toBe('điểm 2/4');
    expect(sharedScore([scored(0, 1), scored(0, 4)])).toBe('tỷ lệ 0% số điểm áp dụng');
    expect(sharedScore([scored(1, 2), scored(2, 4)])).toBe('tỷ lệ 50% số điểm áp dụng');
  });
});
