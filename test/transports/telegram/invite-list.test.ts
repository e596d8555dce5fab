import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInviteSheet } from '../../helpers/invite-sheet.js';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const trang: TgUser = { id: 2002, first_name: 'Trang' };
const nam: TgUser = { id: 2003, first_name: 'Nam' };

/** Sở Nội vụ's list as they keep it: a title row, the header, agencies written as in plans, a phone column dondoc reads past. */
const list = (rows: string[]) => Buffer.from(['DANH SÁCH ĐẦU MỐI CCHC', 'STT,Họ và tên,Cơ quan,Chức vụ,Vai trò,Điện thoại', ...rows].join('\n'));
const LIST = list([
  '1,Phạm Thu Trang,Sở Tư pháp,Chuyên viên,,0912000001',
  '2,Trần Văn Nam,Sở TC,Phó Giám đốc,lãnh đạo,0912000002',
  '3,Lê Thu Hà,Sở Tư pháp,Chuyên viên,đầu mối,',
]);

let h: TelegramHarness;
const count = (sql: string) => (h.app.store.db.prepare(sql).get() as { n: number }).n;
/** The invite codes printed on a page, in the order of the table (the list's order). */
const codesOn = (page: string) => [...page.matchAll(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}\b/g)].map((m) => m[0]).filter((c) => c !== 'ABCD-EFGH-JK');
const unusedInvites = () => count('SELECT COUNT(*) AS n FROM invites WHERE used_at IS NULL');

beforeEach(async () => {
  h = await TelegramHarness.start();
  await h.join(admin, h.invite('SNV', 'admin'));
});

afterEach(async () => {
  await h.close();
});

/** Presses a button of the last message to `user` by its label; fails when it is not there. */
async function pressLabel(user: TgUser, label: string): Promise<string[]> {
  const button = h.lastButtons(user.id).find((b) => b.text === label);
  expect(button, `no “${label}” button`).toBeDefined();
  return h.press(user, button!.callback_data);
}

/** Confirms the previewed list and returns the reply and the invite sheet sent back as a document. */
async function confirmList(): Promise<{ text: string; sheet: Buffer; filename: string }> {
  const before = h.calls.length;
  const [text] = await pressLabel(admin, '✅ Tạo mã mời');
  const doc = h.calls.slice(before).find((c) => c.method === 'sendDocument' && c.payload.chat_id === admin.id);
  expect(doc, `no sheet sent: ${text}`).toBeDefined();
  const file = doc!.payload.document as { fileData: Uint8Array; filename?: string };
  return { text: text!, sheet: Buffer.from(file.fileData), filename: String(file.filename ?? '') };
}

describe('an admin invites a whole list sent in chat', () => {
  it('previews (nothing made), then on “Tạo mã mời” makes one code per person and sends the printable sheet whose QR codes join the bot', async () => {
    const [preview] = await h.sendDocument(admin, 'danh-sach.csv', LIST, '/moi_danhsach');
    // Two agencies: Sở Tư pháp twice, "Sở TC" read as Sở Tài chính as in a plan's Chủ trì cell.
    expect(preview).toContain('3 người, 2 cơ quan');
    expect(preview).toContain('Sở Tư pháp: 2 người');
    expect(preview).toContain('Sở Tài chính: 1 người');
    expect(preview).toContain('Sẽ tạo 3 mã mời mới.');
    // The preview is a dry run: only the admin's own (used) invite exists.
    expect(unusedInvites()).toBe(0);

    const { text, sheet, filename } = await confirmList();
    expect(text).toContain('Đã tạo 3 mã mời; 0 người đã tham gia, không cần mã.');
    expect(filename).toBe('phieu-moi.docx');
    expect(unusedInvites()).toBe(3);
    const read = readInviteSheet(sheet);
    expect(read.pages).toHaveLength(2);
    expect(read.pages[0]).toContain('Phạm Thu Trang');
    expect(read.pages[0]).toContain('Lê Thu Hà');
    expect(read.pages[1]).toContain('Trần Văn Nam');
    // Every QR code reads back as this bot's deep link, one per person.
    expect(read.qrLinks).toHaveLength(3);
    for (const link of read.qrLinks) expect(link).toMatch(/^https:\/\/t\.me\/dondoc_test_bot\?start=[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);

    // Trần Văn Nam scans the QR code next to his name (the start parameter is his code) and joins as Sở Tài chính's leader.
    const [namCode] = codesOn(read.pages[1]!);
    expect(read.qrLinks).toContain(`https://t.me/dondoc_test_bot?start=${namCode}`);
    const [welcome] = await h.join(nam, namCode!);
    expect(welcome).toContain('Sở Tài chính');
    expect(welcome).toContain('lãnh đạo');
  });

  it('re-sending the same list duplicates no one; who left the list is reported, not deleted', async () => {
    await h.sendDocument(admin, 'danh-sach.csv', LIST, '/moi_danhsach');
    const first = readInviteSheet((await confirmList()).sheet);
    // The sheet's table follows the list: Trang's code is the first on Sở Tư pháp's page.
    const trangCode = codesOn(first.pages[0]!)[0]!;
    await h.join(trang, trangCode);
    const members = count('SELECT COUNT(*) AS n FROM members');

    // The same list again: Trang joined (no code), the two others get fresh codes that replace their unused ones.
    const [again] = await h.sendDocument(admin, 'danh-sach.csv', LIST, '/moi_danhsach');
    expect(again).toContain('Sẽ tạo 2 mã mời mới.');
    expect(again).toContain('2 người còn mã chưa dùng: sẽ có mã mới, mã cũ hết hiệu lực.');
    expect(again).toContain('1 người đã tham gia dondoc: không cần mã.');
    const { text, sheet } = await confirmList();
    expect(text).toContain('Đã tạo 2 mã mời (trong đó 2 mã thay mã cũ chưa dùng); 1 người đã tham gia, không cần mã.');
    expect(unusedInvites()).toBe(2);
    expect(count('SELECT COUNT(*) AS n FROM members')).toBe(members);
    expect(readInviteSheet(sheet).pages[0]).toContain('Đã tham gia dondoc, không cần mã: Phạm Thu Trang');

    // A list without Trang: she is named as no longer on it, and stays a member.
    await h.sendDocument(admin, 'danh-sach-moi.csv', list(['1,Lê Thu Hà,Sở Tư pháp,Chuyên viên,,']), '/moi_danhsach');
    const { text: reported } = await confirmList();
    expect(reported).toContain('1 thành viên có trong dondoc nhưng không còn trong danh sách (không xoá');
    expect(reported).toContain('• Phạm Thu Trang — Sở Tư pháp (đầu mối CCHC)');
    expect(count('SELECT COUNT(*) AS n FROM members')).toBe(members);
  });

  it('lists every unknown agency and wrong row, with no button and nothing made', async () => {
    const [reply] = await h.sendDocument(admin, 'sai.csv', list(['1,Phạm Thu Trang,Sở Tư pháp,,,', '2,Phan Văn Tú,Sở Vũ trụ,,,', '3,Đỗ Minh,Sở Y tế,,giám đốc,']), '/moi_danhsach');
    // Rows are counted in the file: title row 1, header row 2, people from row 3.
    expect(reply).toContain('Không tạo mã nào: 2 dòng cần sửa trong danh sách.');
    expect(reply).toContain('dòng 4: không biết cơ quan “Sở Vũ trụ”');
    expect(reply).toContain('dòng 5: vai trò “giám đốc” không rõ');
    expect(h.lastButtons(admin.id)).toEqual([]);
    expect(unusedInvites()).toBe(0);
  });

  it('/moi_danhsach first, then the file without a caption: read as the list, not as a plan', async () => {
    const [howTo] = await h.send(admin, '/moi_danhsach');
    expect(howTo).toContain('Gửi vào đây tệp danh sách đầu mối, lãnh đạo (.xlsx hoặc .csv)');
    const [preview] = await h.sendDocument(admin, 'danh-sach.csv', LIST);
    expect(preview).toContain('3 người, 2 cơ quan');
    await pressLabel(admin, 'Hủy');
    expect(unusedInvites()).toBe(0);
  });

  it('only admins: a focal point sending a list, or typing the command, is refused and nothing is made', async () => {
    await h.sendDocument(admin, 'danh-sach.csv', list(['1,Phạm Thu Trang,Sở Tư pháp,,,']), '/moi_danhsach');
    const sheet = readInviteSheet((await confirmList()).sheet);
    await h.join(trang, new URL(sheet.qrLinks[0]!).searchParams.get('start')!);
    const before = count('SELECT COUNT(*) AS n FROM invites');
    const [fileRefused] = await h.sendDocument(trang, 'danh-sach.csv', LIST, '/moi_danhsach');
    expect(fileRefused).toContain('Lệnh /moi_danhsach chỉ dành cho quản trị (Sở Nội vụ)');
    const [typedRefused] = await h.send(trang, '/moi_danhsach');
    expect(typedRefused).toContain('Lệnh /moi_danhsach chỉ dành cho quản trị (Sở Nội vụ)');
    expect(count('SELECT COUNT(*) AS n FROM invites')).toBe(before);
  });
});
