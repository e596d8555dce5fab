import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cliOnOwnDatabase } from '../helpers/cli-child.js';

/** `say --as <member> "<text>"`: one message through the real dispatcher, on the demo database, in a child process. */
const { db, cli } = cliOnOwnDatabase('say');

type Said = { text: string; choices: string[]; files: string[] }[];

describe('npm run cli -- say', () => {
  beforeAll(() => {
    expect(cli('demo', 'reset', '--force').code).toBe(0);
  }, 60_000);

  it('answers as a demo member named without diacritics, as the documented JSON', () => {
    const result = cli('say', '--as', 'pham thu trang', '/viec', '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const said = JSON.parse(result.out) as Said;
    expect(said).toHaveLength(1);
    expect(Object.keys(said[0]!).sort()).toEqual(['choices', 'files', 'text']);
    expect(said[0]!.text).toMatch(/^Việc còn mở của Sở Tư pháp \(\d+ nhiệm vụ/);
    expect(said[0]!.choices.length).toBeGreaterThan(0);
  });

  it('records a status reply for real, as the member id or the platform account', () => {
    const database = openDatabase(db);
    const member = database.prepare("SELECT m.id FROM members m JOIN member_accounts a ON a.member_id = m.id WHERE a.platform_user_id = 'demo-stp'").get() as { id: number };
    const open = database.prepare(
      `SELECT t.code FROM tasks t JOIN assignments s ON s.task_id = t.id AND s.role = 'lead' JOIN agencies g ON g.id = s.agency_id AND g.code = 'STP'
       LEFT JOIN item_states st ON st.item_kind = 'task' AND st.item_id = t.id AND st.agency_id = g.id
       WHERE t.active = 1 AND (st.status IS NULL OR st.status <> 'done') ORDER BY t.id LIMIT 1`,
    ).get() as { code: string };
    database.close();
    const done = cli('say', '--as', String(member.id), `${open.code} đã xong`, '--json');
    expect(done.code).toBe(0);
    expect((JSON.parse(done.out) as Said)[0]!.text).toMatch(new RegExp(`^Đã ghi nhận: ${open.code.replace(/\./g, '\\.')} hoàn thành`));
    const again = cli('say', '--as', 'local:demo-stp', `/nhiemvu ${open.code}`);
    expect(again.code).toBe(0);
    expect(again.out).toContain('✅ đã xong');
    // "Not done yet" after "done": nothing changes before the member says which one is true.
    const not = JSON.parse(cli('say', '--as', 'Phạm Thu Trang', `${open.code} chưa xong, đang làm 60%`, '--json').out) as Said;
    expect(not[0]!.text).toContain('dondoc chưa ghi gì');
    expect(not[0]!.choices).toEqual(['Đổi thành đang thực hiện (60%)', 'Giữ “hoàn thành”']);
    expect(cli('say', '--as', 'local:demo-stp', `/nhiemvu ${open.code}`).out).toContain('✅ đã xong');
  });

  it('a leader gets the chart file name; unknown or ambiguous members are usage errors (exit 2)', () => {
    const chart = JSON.parse(cli('say', '--as', 'Lê Văn Minh', '/tonghop', '--json').out) as Said;
    expect(chart[0]!.files).toEqual(['tien-do.png']);
    const unknown = cli('say', '--as', 'Không Có Ai', '/viec');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('không có thành viên tên “Không Có Ai”');
    expect(cli('say', '--as', 'telegram:999', '/viec').err).toContain('không có thành viên nào liên kết tài khoản telegram:999');
    expect(cli('say', '/viec').code).toBe(2);
  });
});
