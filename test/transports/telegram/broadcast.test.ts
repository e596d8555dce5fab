import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focals: TgUser[] = [2001, 2002, 2003, 2004].map((id) => ({ id, first_name: `Đầu mối ${id}` }));
const leader: TgUser = { id: 3001, first_name: 'Lãnh đạo' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  for (const [i, user] of focals.entries()) {
    const agency = ['STP', 'STC', 'X18073', 'THUE'][i]!;
    await h.join(user, codeIn((await h.send(admin, `/moi ${agency} dau_moi`))[0]!));
  }
  await h.join(leader, codeIn((await h.send(admin, '/moi UBNDT lanh_dao'))[0]!));
});

afterEach(async () => {
  await h.close();
});

const received = (user: TgUser) => h.messagesSince(0, user.id).map((c) => String(c.payload.text)).filter((t) => t.includes('Thông báo của Sở Nội vụ'));

describe('broadcasts from Sở Nội vụ', () => {
  it('drafts, previews with the exact count, sends once per person, counts acknowledgements, resends only to the rest', async () => {
    const [ask] = await h.send(admin, '/thongbao Đề nghị các đơn vị gửi báo cáo 6 tháng trước 15/6. <Khẩn>');
    expect(ask).toContain('Thông báo #1 đã soạn. Gửi tới ai?');
    const audiences = h.lastButtons(admin.id).map((b) => b.text);
    expect(audiences).toEqual(expect.arrayContaining(['Tất cả thành viên', 'Tất cả đầu mối', 'Đầu mối Sở, ban, ngành', 'Cơ quan có việc quá hạn']));
    // In June 2024 the district level still existed: its focal points could be chosen.
    expect(audiences).toContain('Đầu mối UBND cấp huyện (kế hoạch trước 1/7/2025)');
    const [preview] = await h.press(admin, h.lastButtons(admin.id).find((b) => b.text === 'Đầu mối Sở, ban, ngành')!.callback_data);
    expect(preview).toContain('Xem trước thông báo #1 — gửi tới: Đầu mối Sở, ban, ngành — 2 người của 2 cơ quan.');
    expect(preview).toContain('&lt;Khẩn&gt;');
    const [sending] = await h.press(admin, '/tb_gui 1');
    expect(sending).toBe('Đang gửi thông báo #1 tới 2 người. Gõ /thongbao_tt 1 để xem ai đã nhận.');
    expect(await h.press(admin, '/tb_gui 1')).toEqual(['Thông báo #1 đã được gửi hoặc đã hủy.']);
    await h.app.worker.drain();
    expect(received(focals[0]!)).toHaveLength(1);
    expect(received(focals[1]!)).toHaveLength(1);
    expect(received(focals[2]!)).toEqual([]);
    expect(received(leader)).toEqual([]);
    const ack = h.lastButtons(focals[0]!.id).find((b) => b.text === '✅ Đã nhận')!;
    expect(await h.press(focals[0]!, ack.callback_data)).toEqual(['Cảm ơn bạn, dondoc đã ghi nhận bạn đã nhận thông báo #1.']);
    expect(await h.press(focals[0]!, ack.callback_data)).toEqual(['Bạn đã xác nhận thông báo #1 trước đó.']);
    expect(await h.press(focals[2]!, ack.callback_data)).toEqual(['Thông báo #1 không gửi cho bạn.']);
    const [status] = await h.send(admin, '/thongbao_tt 1');
    expect(status).toContain('Người nhận: 2. Đã gửi: 2; đang chờ gửi: 0; không liên lạc được: 0; lỗi: 0.');
    expect(status).toContain('Đã bấm “Đã nhận”: 1/2.');
    expect(status).toContain('Cơ quan chưa xác nhận: Sở Tài chính.');
    expect(await h.press(admin, '/tb_guilai 1')).toEqual(['Đã gửi lại cho 1 người chưa xác nhận.']);
    await h.app.worker.drain();
    expect(received(focals[0]!)).toHaveLength(1);
    expect(received(focals[1]!)).toHaveLength(2);
    const [list] = await h.send(admin, '/thongbao_ds');
    expect(list).toMatch(/#1 — .* — Đầu mối Sở, ban, ngành — 2 người, 1 đã nhận/);
  });

  it('counts only the people it can reach, and names the members who have no chat account, in the preview and in /thongbao_tt', async () => {
    // Issue 26 item 6: the preview said "54 người của 54 cơ quan", then "Đang gửi … tới 8 người":
    // members created without a chat account were counted as recipients. Two department focal
    // points are reachable (Sở Tư pháp, Sở Tài chính); one more, of Sở Y tế, has no account yet.
    const now = h.clock.now();
    h.app.store.members.create({ displayName: 'Lê Văn Chưa Liên Kết', agencyId: h.app.store.agencies.byCode('SYT')!.id, role: 'focal' }, now);
    await h.send(admin, '/thongbao Đề nghị cập nhật tiến độ');
    const [preview] = await h.press(admin, h.lastButtons(admin.id).find((b) => b.text === 'Đầu mối Sở, ban, ngành')!.callback_data);
    expect(preview).toContain('— 2 người của 2 cơ quan.');
    expect(preview).toContain('Chưa liên kết tài khoản (không nhận được, không tính ở trên): 1 người — Lê Văn Chưa Liên Kết (Sở Y tế).');
    // The number "Đang gửi" announces is the preview's.
    expect(await h.press(admin, '/tb_gui 1')).toEqual(['Đang gửi thông báo #1 tới 2 người. Gõ /thongbao_tt 1 để xem ai đã nhận.']);
    await h.app.worker.drain();
    const [status] = await h.send(admin, '/thongbao_tt 1');
    expect(status).toContain('Người nhận: 2. Đã gửi: 2;');
    expect(status).toContain('Đã bấm “Đã nhận”: 0/2.');
    expect(status).toMatch(/Cơ quan chưa xác nhận: (Sở Tài chính, Sở Tư pháp|Sở Tư pháp, Sở Tài chính)\./);
    expect(status).toContain('Chưa liên kết tài khoản (không nhận được, không tính ở trên): 1 người — Lê Văn Chưa Liên Kết (Sở Y tế).');
    // An audience of nobody reachable says so, with how many could not be reached.
    await h.send(admin, '/thongbao Họp giao ban');
    expect(await h.send(admin, '/tb_doituong 2 coquan SYT')).toEqual(['Không ai trong nhóm này nhận được: cả 1 người chưa liên kết tài khoản với dondoc. Hãy chọn nhóm khác, hoặc mời họ liên kết trước (/moi).']);
    // A draft with no audience yet is listed as such, not "— — —" (issue 26 item 10).
    await h.send(admin, '/thongbao Chưa chọn ai');
    const [list] = await h.send(admin, '/thongbao_ds');
    expect(list).toMatch(/#3 — [^\n]* — chưa chọn người nhận — bản nháp/);
  });

  it('reaches chosen agencies by code, refuses unknown ones, and is for admins only', async () => {
    await h.send(admin, '/thongbao Họp giao ban CCHC');
    expect(await h.send(admin, '/tb_doituong 1 coquan STP,XYZ')).toEqual(['Có mã cơ quan không tồn tại. Gõ /coquan để xem mã các cơ quan.']);
    const [preview] = await h.send(admin, '/tb_doituong 1 coquan STP,X18073');
    expect(preview).toContain('gửi tới: Sở Tư pháp, UBND phường Thành Sen — 2 người của 2 cơ quan.');
    expect(await h.send(admin, '/tb_huy 1')).toEqual(['Đã hủy thông báo #1; chưa gửi cho ai.']);
    expect(await h.send(focals[0]!, '/thongbao Tôi muốn gửi')).toEqual([expect.stringContaining('chỉ dành cho quản trị')]);
    expect(await h.send(leader, '/thongbao_tt 1')).toEqual([expect.stringContaining('chỉ dành cho quản trị')]);
  });
});

describe('broadcast audiences in a two-tier province', () => {
  it('offers no district level after 1/7/2025: the kind stays in the directory for older plans, but it would reach nobody', async () => {
    const late = await TelegramHarness.start({ start: '2026-12-04T02:00:00Z' });
    try {
      await late.join(admin, late.invite('SNV', 'admin'));
      await late.send(admin, '/thongbao Họp giao ban CCHC tháng 12');
      const audiences = late.lastButtons(admin.id).map((b) => b.text);
      expect(late.app.store.agencies.kinds().map((k) => k.code)).toContain('ubnd_huyen');
      expect(audiences.filter((label) => /huyện/i.test(label))).toEqual([]);
      expect(audiences).toEqual(expect.arrayContaining(['Đầu mối Sở, ban, ngành', 'Đầu mối UBND xã, phường, đặc khu']));
    } finally {
      await late.close();
    }
  });
});
