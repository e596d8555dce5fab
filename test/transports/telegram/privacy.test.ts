import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTICE_VERSION } from '../../../src/app/privacy-service.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';
import { ZaloHarness } from '../../helpers/zalo-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
// A chat id and a name that occur nowhere else, so a search of every table for them means something.
const focal: TgUser = { id: 731_955_204, first_name: 'Trang' };
const FOCAL_NAME = 'Phạm Thu Trangxyz';
const stranger: TgUser = { id: 9009, first_name: 'Lạ' };
let h: TelegramHarness;

const db = () => h.app.store.db;
const count = (sql: string, ...args: unknown[]) => (db().prepare(sql).get(...args) as { n: number }).n;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
});

afterEach(async () => {
  await h.close();
});

describe('consent before an invite code links an account', () => {
  it('shows the notice (controller from the registry, the law, rights, how to ask) and links only after “Đồng ý”', async () => {
    const code = codeIn((await h.send(admin, `/moi STP dau_moi ${FOCAL_NAME}`))[0]!);
    const [notice] = await h.send(focal, `/start ${code}`);
    // data/agencies.json names "Tỉnh Hà Tĩnh": the controller is its Sở Nội vụ.
    expect(notice).toContain('Bên kiểm soát dữ liệu: Sở Nội vụ tỉnh Hà Tĩnh.');
    expect(notice).toContain('91/2025/QH15');
    expect(notice).toContain('356/2025/NĐ-CP');
    expect(notice).toContain('/dulieu xoa');
    expect(notice).toContain(`phiên bản ${NOTICE_VERSION}`);
    expect(h.lastButtons(focal.id).map((b) => b.callback_data)).toEqual(['/dongy', '/tuchoi']);
    // Before accepting: nothing is linked, the code is still unused.
    expect(h.app.store.members.byAccount('telegram', String(focal.id))).toBeUndefined();
    expect(count('SELECT COUNT(*) AS n FROM invites WHERE used_at IS NOT NULL')).toBe(1); // the admin's own code only
    const [welcome] = await h.press(focal, '/dongy');
    expect(welcome).toContain('Chào mừng');
    const member = h.app.store.members.byAccount('telegram', String(focal.id))!;
    expect(member.displayName).toBe(FOCAL_NAME);
    expect(h.app.store.consents.ofMember(member.id)).toEqual([{ version: NOTICE_VERSION, acceptedAt: '2024-06-24T02:00:00.000Z', platform: 'telegram' }]);
  });

  it('a person who writes something else before answering the notice gets the two choices again, not the stranger\'s "ask for a code"; a typed "đồng ý" answers it', async () => {
    const code = codeIn((await h.send(admin, `/moi STP dau_moi ${FOCAL_NAME}`))[0]!);
    await h.send(focal, `/start ${code}`);
    const [again] = await h.send(focal, 'Em chào anh, em là đầu mối CCHC của Sở Tư pháp');
    expect(again).toContain('Mã mời của bạn đang chờ bạn trả lời thông báo xử lý dữ liệu cá nhân');
    expect(again).not.toContain('xin mã mời');
    expect(h.lastButtons(focal.id).map((b) => b.callback_data)).toEqual(['/dongy', '/tuchoi']);
    expect(h.app.store.members.byAccount('telegram', String(focal.id))).toBeUndefined();
    // "ok" is not read as consent (it answers too many questions): asked again, still nothing linked.
    expect((await h.send(focal, 'ok'))[0]).toContain('đang chờ bạn trả lời');
    expect(h.app.store.members.byAccount('telegram', String(focal.id))).toBeUndefined();
    const [welcome] = await h.send(focal, 'Đồng ý ạ');
    expect(welcome).toContain('Chào mừng');
    expect(h.app.store.members.byAccount('telegram', String(focal.id))!.displayName).toBe(FOCAL_NAME);
  });

  it('refusing links nothing and stores nothing; the same code still works later', async () => {
    const code = codeIn((await h.send(admin, '/moi STP dau_moi'))[0]!);
    const members = count('SELECT COUNT(*) AS n FROM members');
    await h.send(focal, `/start ${code}`);
    const [refused] = await h.press(focal, '/tuchoi');
    expect(refused).toContain('không liên kết tài khoản của bạn');
    expect(count('SELECT COUNT(*) AS n FROM members')).toBe(members);
    expect(count('SELECT COUNT(*) AS n FROM member_accounts WHERE platform_user_id = ?', String(focal.id))).toBe(0);
    // "Đồng ý" pressed after refusing has no code waiting: nothing links.
    expect((await h.press(focal, '/dongy'))[0]).toContain('Hãy gửi lại mã mời');
    expect(h.app.store.members.byAccount('telegram', String(focal.id))).toBeUndefined();
    const [welcome] = await h.join(focal, code);
    expect(welcome).toContain('Chào mừng');
  });

  it('a wrong code is refused before any notice', async () => {
    const [answer] = await h.send(stranger, '/start ABCD-EFGH-JK');
    expect(answer).toContain('Mã mời không đúng');
    expect(h.lastButtons(stranger.id)).toEqual([]);
  });

  it('a new notice version asks again at the next message, and only /dongy, /tuchoi, /dulieu run until then', async () => {
    await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi'))[0]!));
    const member = h.app.store.members.byAccount('telegram', String(focal.id))!;
    // The member accepted an older version only (what a deployment sees after NOTICE_VERSION changes).
    db().prepare("UPDATE consents SET version = '2025-01' WHERE member_id = ?").run(member.id);
    const [asked] = await h.send(focal, '/toi');
    expect(asked).toContain('đã được cập nhật');
    expect(asked).toContain('Bên kiểm soát dữ liệu');
    const [refused] = await h.press(focal, '/tuchoi');
    expect(refused).toContain('/dulieu xoa');
    expect((await h.send(focal, '/toi'))[0]).toContain('đã được cập nhật');
    const [thanks] = await h.press(focal, '/dongy');
    expect(thanks).toContain('đã ghi nhận bạn đồng ý');
    expect(h.app.store.consents.ofMember(member.id).map((c) => c.version)).toEqual(['2025-01', NOTICE_VERSION]);
    expect((await h.send(focal, '/toi'))[0]).toContain('Sở Tư pháp');
  });
});

describe('/dulieu, removal and the audit log', () => {
  async function joinFocalAndReport(): Promise<number> {
    await h.join(focal, codeIn((await h.send(admin, `/moi STP dau_moi ${FOCAL_NAME}`))[0]!));
    const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
    expect((await h.app.services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2024 })).ok).toBe(true);
    expect((await h.send(focal, '2.5 xong'))[0]).toMatch(/^Đã ghi nhận: /);
    expect((await h.send(focal, '2.3 đang làm 60%'))[0]).toMatch(/^Đã ghi nhận: /);
    return h.app.store.members.byAccount('telegram', String(focal.id))!.id;
  }

  it('least exposure: no chat id in what other members see — /thanhvien, /lichsu, /quahan, /xuatexcel', async () => {
    await joinFocalAndReport();
    const chatId = String(focal.id);
    const before = h.calls.length;
    for (const command of ['/thanhvien', '/lichsu 2.5', '/quahan', '/tonghop', '/xuatexcel 2024']) await h.send(admin, command);
    const sent = h.calls.slice(before);
    // Every message text and caption the admin received.
    const texts = sent.map((c) => `${String(c.payload.text ?? '')} ${String(c.payload.caption ?? '')}`).join('\n');
    expect(texts).toContain(FOCAL_NAME); // the name is shown where it belongs (the member list)…
    expect(texts).not.toContain(chatId); // …the chat id never
    // The workbook for leaders: every cell of every sheet.
    const doc = sent.find((c) => c.method === 'sendDocument')!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((doc.payload.document as { fileData: Uint8Array }).fileData) as unknown as ArrayBuffer);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.filter((c) => c.includes(chatId))).toEqual([]);
  });

  it('/dulieu sends what dondoc holds about the member as a JSON file', async () => {
    const memberId = await joinFocalAndReport();
    const before = h.calls.length;
    const [caption] = await h.send(focal, '/dulieu');
    // Two status replies were sent above; one Telegram account is linked.
    expect(caption).toContain(`Họ tên: ${FOCAL_NAME}; 1 tài khoản chat đã liên kết; 2 lần báo tình trạng; 0 tệp minh chứng.`);
    const doc = h.calls.slice(before).find((c) => c.method === 'sendDocument')!;
    const data = JSON.parse(Buffer.from((doc.payload.document as { fileData: Uint8Array }).fileData).toString('utf8')) as Record<string, unknown>;
    expect(data.thanhVien).toMatchObject({ soHieu: memberId, hoTen: FOCAL_NAME, coQuan: 'Sở Tư pháp', vaiTro: 'đầu mối CCHC' });
    expect(data.taiKhoan).toEqual([expect.objectContaining({ nenTang: 'telegram', maTaiKhoan: String(focal.id) })]);
    expect((data.capNhat as { ma: string; trangThai: string }[]).map((e) => [e.ma, e.trangThai])).toEqual([['2.5', 'done'], ['2.3', 'in_progress']]);
    expect(data.dongY).toEqual([expect.objectContaining({ phienBan: NOTICE_VERSION })]);
  });

  it('/dulieu xlsx sends the same data as an Excel workbook, one sheet per part, in Vietnamese', async () => {
    const memberId = await joinFocalAndReport();
    const before = h.calls.length;
    const [caption] = await h.send(focal, '/dulieu xlsx');
    expect(caption).toContain('Toàn bộ có trong tệp Excel kèm theo.');
    const doc = h.calls.slice(before).find((c) => c.method === 'sendDocument')!;
    const file = doc.payload.document as { fileData: Uint8Array; filename?: string };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.fileData) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Thông tin', 'Tài khoản', 'Đồng ý', 'Cập nhật', 'Tệp đã gửi', 'Công văn đã nhận']);
    const rows = (name: string) => workbook.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows('Thông tin')).toEqual(expect.arrayContaining([['Số thành viên', memberId], ['Họ tên', FOCAL_NAME], ['Cơ quan', 'Sở Tư pháp'], ['Vai trò', 'đầu mối CCHC']]));
    expect(rows('Tài khoản')[1]).toEqual(['telegram', String(focal.id), 'Trang', '24/06/2024 09:00']);
    // The two replies of joinFocalAndReport, statuses worded as the chat words them; times in Hà Nội time (02:00 UTC = 09:00).
    expect(rows('Cập nhật')).toEqual([
      ['Lúc', 'Loại', 'Mã', 'Tình trạng', 'Tiến độ (%)', 'Lý do', 'Minh chứng', 'Ngày đề nghị gia hạn'],
      // No reason, evidence or date given: those cells are empty (a done reply counts as 100%).
      ['24/06/2024 09:00', 'nhiệm vụ', '2.5', 'hoàn thành', 100],
      ['24/06/2024 09:00', 'nhiệm vụ', '2.3', 'đang thực hiện', 60],
    ]);
    expect(rows('Đồng ý')[1]).toEqual([NOTICE_VERSION, '24/06/2024 09:00', 'telegram']);
    // The export is an audit entry that names its format.
    expect(h.app.store.audit.list({}).at(-1)).toMatchObject({ action: 'data_export', target: `member:${memberId}`, detail: { format: 'xlsx' } });
    expect((await h.send(focal, '/dulieu pdf'))[0]).toContain('chỉ nhận /dulieu (tệp JSON), /dulieu xlsx (tệp Excel) hoặc /dulieu xoa');
  });

  it('/dulieu xoa tells the admins; the admin removes the member: no table holds the name or chat id, scores are identical', async () => {
    const memberId = await joinFocalAndReport();
    const period = { from: '2024-01-01', to: '2024-12-31' };
    const scoresBefore = h.app.services.scoring.scoreAll(period, '2024-12-31');
    const task = h.app.store.plans.tasksByCode('2.5')[0]!;
    const historyBefore = h.app.services.statuses.history(task);

    const [asked] = await h.send(focal, '/dulieu xoa');
    expect(asked).toContain('Đã gửi đề nghị xoá');
    const toAdmin = db().prepare("SELECT payload FROM outbox WHERE chat_id = ? AND payload LIKE '%/xoathanhvien%'").all(String(admin.id)) as { payload: string }[];
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.payload).toContain(`/xoathanhvien ${memberId}`);

    // A word after the number that is not the confirmation is refused, not ignored: nothing asked, nothing erased.
    const [stray] = await h.send(admin, `/xoathanhvien ${memberId} ngay`);
    expect(stray).toContain('chỉ cần số thành viên');
    // The number as /thanhvien shows it ("#12") is the member's number, as for /doivaitro.
    const [confirm] = await h.send(admin, `/xoathanhvien #${memberId}`);
    expect(confirm).toContain(`Xoá ${FOCAL_NAME} (đầu mối CCHC, Sở Tư pháp) khỏi dondoc?`);
    // Nothing is erased before the confirmation.
    expect(h.app.store.members.byAccount('telegram', String(focal.id))?.id).toBe(memberId);
    // A web dashboard session opened before the removal, and a login link not yet used.
    const web = h.app.services.web;
    web.baseUrl = 'http://127.0.0.1:8080/';
    const member = h.app.store.members.byId(memberId)!;
    const session = web.login(new URL(web.loginLink(member)!).searchParams.get('t')!, 'Firefox')!;
    const unspent = new URL(web.loginLink(member)!).searchParams.get('t')!;
    expect(web.visitor(session.cookie)?.member.id).toBe(memberId);
    const [done] = await h.press(admin, `/xoathanhvien ${memberId} chac`);
    expect(done).toContain('Đã xoá dữ liệu cá nhân của đầu mối CCHC Sở Tư pháp');
    // Neither opens the dashboard as the erased member any more.
    expect(web.visitor(session.cookie)).toBeUndefined();
    expect(web.login(unspent, null)).toBeUndefined();

    // Every text column of every table, searched for the name and the chat id.
    const tables = (db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    const hits: string[] = [];
    for (const table of tables) {
      const columns = (db().prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      for (const column of columns) {
        const n = count(`SELECT COUNT(*) AS n FROM ${table} WHERE instr(CAST(${column} AS TEXT), ?) > 0 OR instr(CAST(${column} AS TEXT), ?) > 0`, FOCAL_NAME, String(focal.id));
        if (n > 0) hits.push(`${table}.${column}`);
      }
    }
    expect(hits).toEqual([]);

    // The agency's history stays, attributed to the erased member; scores do not move.
    expect(h.app.services.scoring.scoreAll(period, '2024-12-31')).toEqual(scoresBefore);
    const historyAfter = h.app.services.statuses.history(task);
    expect(historyAfter.map((e) => [e.id, e.status, e.agencyName])).toEqual(historyBefore.map((e) => [e.id, e.status, e.agencyName]));
    expect(historyAfter.map((e) => e.memberName)).toEqual(['thành viên đã xoá']);
    // The account is a stranger now, and the removed member is off the member list.
    expect((await h.send(focal, '/toi'))[0]).toContain('chưa được liên kết');
    expect(h.app.store.members.list().map((m) => m.id)).not.toContain(memberId);
    expect((await h.send(admin, `/xoathanhvien ${memberId}`))[0]).toBe('Thành viên này đã được xoá trước đó.');
  });

  it('/nhatky lists the admin actions, without the names of the people invited; the log refuses changes', async () => {
    const memberId = await joinFocalAndReport();
    await h.send(focal, '/dulieu');
    await h.press(admin, `/xoathanhvien ${memberId} chac`);
    const [log] = await h.send(admin, '/nhatky 10');
    const lines = log!.split('\n').slice(1);
    // Two invites (the admin's own from the CLI, the focal point's from chat), the export, the removal.
    expect(lines.map((l) => l.split(' · ')[3])).toEqual(['tạo mã mời', 'tạo mã mời', 'xuất dữ liệu cá nhân', 'xoá thành viên']);
    expect(lines[0]).toContain('dòng lệnh · cli');
    expect(lines[1]).toContain(`Hoa (#${h.app.store.members.byAccount('telegram', String(admin.id))!.id}) · telegram`);
    expect(lines[1]).toContain('agency:STP');
    expect(log).not.toContain(FOCAL_NAME);
    expect(() => db().prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db().prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    // A focal point may not read it.
    expect((await h.send(focal, '/nhatky'))[0]).not.toContain('Nhật ký quản trị');
  });
});

describe('consent on Zalo (numbered choices)', () => {
  let z: ZaloHarness;
  beforeEach(async () => {
    z = await new ZaloHarness().start();
  });
  afterEach(async () => {
    await z.close();
  });

  it('“2” refuses and links nothing; the code then “1” accepts and links', async () => {
    const issued = z.app.services.onboarding.issueInvite({ agencyCode: 'STP', role: 'focal' });
    if (!issued.ok) throw new Error(issued.error);
    const notice = await z.send('zu-1', issued.value.code);
    expect(notice.join('\n')).toContain('1. ✅ Đồng ý');
    expect(notice.join('\n')).toContain('2. ✖️ Không đồng ý');
    expect((await z.send('zu-1', '2'))[0]).toContain('không liên kết tài khoản của bạn');
    expect(z.app.store.members.byAccount('zalo', 'zu-1')).toBeUndefined();
    const [welcome] = await z.join('zu-1', issued.value.code);
    expect(welcome).toContain('Chào mừng');
    expect(z.app.store.consents.ofMember(z.app.store.members.byAccount('zalo', 'zu-1')!.id)).toHaveLength(1);
  });

  it('a member on an older notice version is asked again; a number from an older list does not get past it', async () => {
    const issued = z.app.services.onboarding.issueInvite({ agencyCode: 'STP', role: 'focal' });
    if (!issued.ok) throw new Error(issued.error);
    await z.join('zu-2', issued.value.code);
    const member = z.app.store.members.byAccount('zalo', 'zu-2')!;
    // No consent on record, and a numbered list offered before (its 1 = /viec), as a member linked before notices existed has.
    z.app.store.db.prepare('DELETE FROM consents WHERE member_id = ?').run(member.id);
    z.app.store.choices.save('zalo', 'zu-2', { items: [{ label: 'Việc của tôi', command: '/viec' }], origin: null }, z.clock.now(), new Date(z.clock.now().getTime() + 3_600_000));
    const gated = await z.send('zu-2', '1');
    expect(gated.join('\n')).toContain('đã được cập nhật');
    expect(gated.join('\n')).toContain('1. ✅ Đồng ý');
    expect((await z.send('zu-2', '1'))[0]).toContain('đã ghi nhận bạn đồng ý');
    expect(z.app.services.privacy.needsConsent(member)).toBe(false);
  });
});
