import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cliOn, cliOnOwnDatabase } from '../helpers/cli-child.js';
import { readInviteSheet } from '../helpers/invite-sheet.js';

const { dir, db, cli, cliWithEnv } = cliOnOwnDatabase('people');

const countIn = (file: string, sql: string): number => {
  const d = openDatabase(file);
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
};
const count = (sql: string): number => countIn(db, sql);

let databases = 0;
/** A database of the test's own, for tests that count what earlier runs made: each stands alone, in any order. */
function fresh() {
  databases += 1;
  const file = join(dir, `people-${databases}.sqlite`);
  return { cli: (...args: string[]) => cliOn(file, ...args), count: (sql: string) => countIn(file, sql) };
}

/** Sở Nội vụ's list as they keep it: a title row, then the header; agencies written as in plans. */
function list(name: string, rows: string[][]): string {
  const file = join(dir, name);
  writeFileSync(file, ['DANH SÁCH ĐẦU MỐI CCHC', 'STT,Họ và tên,Cơ quan,Chức vụ,Vai trò,Điện thoại', ...rows.map((r) => r.join(','))].join('\n'));
  return file;
}

const GOOD = [
  ['1', 'Nguyễn Thị Hoa', 'Sở Tư pháp', 'Chuyên viên', 'Đầu mối', '0912000001'],
  ['2', 'Trần Văn Nam', 'Sở TC', 'Phó Giám đốc', 'lãnh đạo', '0912000002'],
  ['3', 'Lê Thu Hà', 'Văn phòng UBND tỉnh', 'Chuyên viên', '', ''],
];

describe('npm run cli -- invite --file', () => {
  it('makes one invite per person, agencies read as plan cells are, in the documented --json shape', () => {
    const { cli, count } = fresh();
    const result = cli('invite', '--file', list('ds.csv', GOOD), '--bot', 'dondoc_test_bot', '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { name: string; agency: string; role: string; code: string; link: string }[];
    // "Sở TC" is Sở Tài chính's abbreviation in the registry; an empty role means đầu mối.
    expect(rows.map((r) => [r.name, r.agency, r.role])).toEqual([
      ['Nguyễn Thị Hoa', 'STP', 'dau_moi'],
      ['Trần Văn Nam', 'STC', 'lanh_dao'],
      ['Lê Thu Hà', 'VPUBND', 'dau_moi'],
    ]);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(['name', 'agency', 'role', 'code', 'link']);
      expect(r.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
      expect(r.link).toBe(`https://t.me/dondoc_test_bot?start=${r.code}`);
    }
    expect(count('SELECT COUNT(*) AS n FROM invites WHERE used_at IS NULL')).toBe(3);
    // Phone numbers and positions are read past, never stored.
    expect(count("SELECT COUNT(*) AS n FROM invites WHERE display_hint LIKE '%0912%' OR display_hint LIKE '%Chuyên viên%'")).toBe(0);
  });

  it('re-running the same list does not duplicate people: fresh codes replace the unused ones', () => {
    const { cli, count } = fresh();
    expect(cli('invite', '--file', list('ds.csv', GOOD), '--bot', 'dondoc_test_bot').code).toBe(0);
    const first = count('SELECT COUNT(*) AS n FROM invites');
    expect(first).toBe(3);
    const result = cli('invite', '--file', list('ds2.csv', GOOD), '--json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { code: string; link: string | null }[];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.link === null)).toBe(true); // no --bot: no Telegram link
    expect(count('SELECT COUNT(*) AS n FROM invites')).toBe(first);
    expect(count('SELECT COUNT(*) AS n FROM invites WHERE used_at IS NULL')).toBe(3);
  });

  it('lists every unknown agency and wrong row, and makes nothing (exit 2)', () => {
    const { cli, count } = fresh();
    expect(cli('invite', '--file', list('ds.csv', GOOD)).code).toBe(0);
    const before = count('SELECT COUNT(*) AS n FROM invites');
    const result = cli('invite', '--file', list('sai.csv', [...GOOD, ['4', 'Phan Văn Tú', 'Sở Vũ trụ', '', '', ''], ['5', '', 'Sở Tư pháp', '', '', ''], ['6', 'Đỗ Minh', 'Sở Y tế', '', 'giám đốc', '']]));
    expect(result.code).toBe(2);
    // Rows are counted in the file: title row 1, header row 2, people from row 3.
    expect(result.err).toContain('dòng 6: không biết cơ quan “Sở Vũ trụ”');
    expect(result.err).toContain('dòng 7: thiếu họ tên');
    expect(result.err).toContain('dòng 8: vai trò “giám đốc” không rõ');
    expect(result.err).toContain('Không tạo mã nào: 3 dòng');
    expect(count('SELECT COUNT(*) AS n FROM invites')).toBe(before);
  });

  it('refuses a list without the header it needs', () => {
    const file = join(dir, 'khong-tieu-de.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const result = cli('invite', '--file', file);
    expect(result.code).toBe(2);
    expect(result.err).toContain('không thấy dòng tiêu đề có cột “Họ tên” và cột “Cơ quan”');
  });
});

describe('npm run cli -- audit', () => {
  it('lists the admin actions with who, when, through what and on what; --since filters by day', () => {
    const { cli } = fresh();
    expect(cli('invite', '--file', list('ds.csv', GOOD), '--bot', 'dondoc_test_bot').code).toBe(0);
    expect(cli('invite', '--file', list('ds2.csv', GOOD)).code).toBe(0);
    expect(cli('invite', '--file', list('sai.csv', [...GOOD, ['4', 'Phan Văn Tú', 'Sở Vũ trụ', '', '', '']])).code).toBe(2);
    const result = cli('audit', '--json');
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.out) as { action: string; via: string; actor: number | null; detail: Record<string, number> }[];
    // Two list runs succeeded (the refused one made nothing, so it is not an action).
    expect(entries.map((e) => e.action)).toEqual(['invite_list', 'invite_list']);
    expect(entries.every((e) => e.via === 'cli' && e.actor === null)).toBe(true);
    expect(entries[0]!.detail).toMatchObject({ people: 3, new: 3, renewed: 0 });
    expect(entries[1]!.detail).toMatchObject({ people: 3, new: 0, renewed: 3 });
    expect(JSON.parse(cli('audit', '--since', '2999-01-01', '--json').out)).toEqual([]);
    expect(cli('audit').out).toContain('tạo mã mời theo danh sách');
    expect(cli('audit', '--since', 'hôm qua').code).toBe(2);
  });
});

describe('npm run cli -- invite --file --out (the printable sheet)', () => {
  const PEOPLE = [
    ['1', 'Phạm Thu Trang', 'Sở Tư pháp', 'Chuyên viên', '', ''],
    ['2', 'Vũ Đức Anh', 'Sở Y tế', 'Chuyên viên', 'đầu mối', ''],
    ['3', 'Hoàng Minh Châu', 'Sở Tư pháp', 'Phó Giám đốc', 'lãnh đạo', ''],
  ];

  it('writes one page per agency with each person, their code, a QR code that reads back as the Telegram link, and the Zalo steps', () => {
    const out = join(dir, 'phieu-moi.docx');
    const result = cli('invite', '--file', list('phieu.csv', PEOPLE), '--bot', 'dondoc_test_bot', '--out', out, '--json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { name: string; agency: string; code: string; link: string }[];
    const sheet = readInviteSheet(readFileSync(out));
    // Two agencies on the list (Sở Tư pháp twice) → two pages, in the order they first appear.
    expect(sheet.pages).toHaveLength(2);
    expect(sheet.pages[0]).toContain('Sở Tư pháp');
    expect(sheet.pages[0]).toContain('Phạm Thu Trang');
    expect(sheet.pages[0]).toContain('Hoàng Minh Châu');
    expect(sheet.pages[0]).not.toContain('Vũ Đức Anh');
    expect(sheet.pages[1]).toContain('Sở Y tế');
    for (const r of rows) {
      const page = sheet.pages[r.agency === 'STP' ? 0 : 1]!;
      expect(page).toContain(r.code);
      expect(page).toContain(r.name);
    }
    expect(sheet.pages[0]).toContain('lãnh đạo');
    expect(sheet.pages[0]).toContain('đầu mối CCHC');
    // Each printed QR code, read back as a phone camera would, is exactly that person's deep link.
    expect(sheet.qrLinks.sort()).toEqual(rows.map((r) => `https://t.me/dondoc_test_bot?start=${r.code}`).sort());
    // How to join on Zalo (no QR there: the code is sent as a message), on every page.
    for (const page of sheet.pages) expect(page).toContain('Trên Zalo: tìm và mở trò chuyện với bot dondoc của Sở Nội vụ, rồi gửi đúng mã mời của mình');
  });

  it('a .pdf without LibreOffice: a clear Vietnamese message, the sheet written as .docx beside it, exit 1', () => {
    const out = join(dir, 'phieu-khong-soffice.pdf');
    // A PATH with no programs on it: soffice cannot be found, as on a server without LibreOffice.
    const result = cliWithEnv({ PATH: join(dir, 'no-programs') }, 'invite', '--file', list('phieu2.csv', PEOPLE), '--bot', 'dondoc_test_bot', '--out', out);
    expect(result.err).toContain('Máy chủ chưa cài LibreOffice (lệnh soffice) nên không tạo được tệp PDF');
    expect(result.err).toContain(`Đã ghi phiếu mời dạng Word: ${join(dir, 'phieu-khong-soffice.docx')}`);
    expect(result.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readInviteSheet(readFileSync(join(dir, 'phieu-khong-soffice.docx'))).pages).toHaveLength(2);
  });

  it('refuses an --out that is neither .pdf nor .docx before making any code', () => {
    const before = count('SELECT COUNT(*) AS n FROM invites');
    const result = cli('invite', '--file', list('phieu3.csv', PEOPLE), '--out', join(dir, 'phieu.xlsx'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('--out phải là tệp .docx hoặc .pdf');
    expect(count('SELECT COUNT(*) AS n FROM invites')).toBe(before);
  });
});
