import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeZaloApi } from '../helpers/fake-zalo-api.js';
import { codeIn, TelegramHarness, type TgUser } from '../helpers/telegram-harness.js';
import { linkedMember } from '../helpers/members.js';

/**
 * A broadcast with a file, from a Sở Nội vụ admin on Telegram to focal points on Telegram and on
 * Zalo (one app, both platforms): the real grammY path, the outbox, the SQLite file, the HTTP server.
 */
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focals: TgUser[] = [2001, 2002, 2003].map((id) => ({ id, first_name: `Đầu mối ${id}` }));
const form = readFileSync(join(process.cwd(), 'data', 'plans', 'ha-tinh-2024-phu-luc.xlsx'));
const FORM_NAME = 'Biểu mẫu báo cáo CCHC năm 2024.xlsx';
let h: TelegramHarness;
let zalo: FakeZaloApi;
let httpUrl: string;

beforeEach(async () => {
  zalo = new FakeZaloApi();
  const root = await zalo.start();
  h = await TelegramHarness.start({
    start: '2024-11-25T02:00:00Z',
    env: { ZALO_BOT_TOKEN: 'zalo-test-token-123456', ZALO_API_ROOT: root, DONDOC_PUBLIC_URL: 'https://dondoc.example.vn', DONDOC_HTTP_PORT: '0', DONDOC_ZALO_CHAT_GAP_MS: '0', DONDOC_ZALO_MAX_PER_SECOND: '1000' },
  });
  httpUrl = (await h.app.start()).httpUrl!;
  await h.join(admin, h.invite('SNV', 'admin'));
  for (const [i, user] of focals.entries()) {
    await h.join(user, codeIn((await h.send(admin, `/moi ${['STP', 'STC', 'SYT'][i]} dau_moi`))[0]!));
  }
  // A fourth focal point lives on Zalo only.
  const { store } = h.app;
  const now = h.clock.now();
  linkedMember(store, { displayName: 'Đầu mối Sở Xây dựng', agencyId: store.agencies.byCode('SXD')!.id, role: 'focal' }, { platform: 'zalo', chatId: 'zalo-sxd' }, now);
});

afterEach(async () => {
  await h.close();
  await zalo.stop();
});

const press = async (user: TgUser, label: string) => {
  const button = h.lastButtons(user.id).find((b) => b.text === label);
  if (!button) throw new Error(`no button “${label}”: ${h.lastButtons(user.id).map((b) => b.text).join(', ')}`);
  return h.press(user, button.callback_data);
};

describe('a broadcast with a file', () => {
  it('is attached after 📎, previewed, sent once per person: on Telegram as the file with the text and button, uploaded once; on Zalo as a download link', async () => {
    await h.send(admin, '/thongbao Đề nghị các cơ quan điền biểu mẫu đính kèm, gửi Sở Nội vụ trước 15/12/2024.');
    expect(await press(admin, '📎 Đính kèm tệp')).toEqual([expect.stringContaining('Hãy gửi tệp cần đính kèm thông báo #1')]);
    const [attached] = await h.sendDocument(admin, FORM_NAME, form);
    expect(attached).toContain(`📎 Đã đính kèm “${FORM_NAME}” (${Math.round(form.length / 1024)} KB) vào thông báo #1.`);
    expect(attached).toContain('Gửi tới ai?');
    expect(attached).not.toContain('kế hoạch'); // the spreadsheet was not taken for a plan import
    expect((h.app.store.db.prepare('SELECT COUNT(*) AS n FROM plans').get() as { n: number }).n).toBe(0);
    const [preview] = await press(admin, 'Tất cả đầu mối');
    expect(preview).toContain('— 4 người của 4 cơ quan.');
    expect(preview).toContain(`📎 Tệp đính kèm: ${FORM_NAME}`);
    expect(preview).not.toContain('chỉ thấy tên tệp');
    const before = h.calls.length;
    await press(admin, 'Gửi');
    await h.app.worker.drain();

    // Telegram: one message each — the file, the text as its caption, "Đã nhận" under it; uploaded once, then by file_id.
    const docs = h.calls.slice(before).filter((c) => c.method === 'sendDocument');
    expect(docs.map((c) => c.payload.chat_id).sort()).toEqual(focals.map((f) => f.id).sort());
    expect(h.calls.slice(before).filter((c) => c.method === 'sendMessage' && focals.some((f) => f.id === c.payload.chat_id))).toEqual([]);
    for (const doc of docs) {
      expect(String(doc.payload.caption)).toContain('Đề nghị các cơ quan điền biểu mẫu đính kèm');
      expect(JSON.stringify(doc.payload.reply_markup)).toContain('/danhan 1');
    }
    const uploads = docs.filter((c) => typeof c.payload.document !== 'string');
    expect(uploads).toHaveLength(1);
    expect(Buffer.from((uploads[0]!.payload.document as { fileData: Uint8Array }).fileData).equals(form)).toBe(true);
    expect(docs.filter((c) => typeof c.payload.document === 'string').map((c) => c.payload.document)).toEqual([expect.stringMatching(/^fake-file-/), expect.stringMatching(/^fake-file-/)]);

    // The outbox names the file; it does not carry 10,000 copies of it.
    const payloads = h.app.store.db.prepare("SELECT payload FROM outbox WHERE purpose = 'broadcast'").all() as { payload: string }[];
    expect(payloads).toHaveLength(4);
    for (const p of payloads) expect(p.payload.length).toBeLessThan(2_000);

    // Zalo: the text, the link to dondoc's server, the numbered "Đã nhận"; the link serves the file with its Vietnamese name.
    const [text] = zalo.sent.filter((m) => m.chatId === 'zalo-sxd').map((m) => m.text);
    expect(text).toContain('Đề nghị các cơ quan điền biểu mẫu đính kèm');
    expect(text).toContain('1. ✅ Đã nhận');
    const link = /https:\/\/dondoc\.example\.vn\/tep\/[A-Za-z0-9_-]{22}\/\S+/.exec(text!)![0];
    const response = await fetch(new URL(new URL(link).pathname, httpUrl));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(form)).toBe(true);
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(FORM_NAME)}`);
    expect((await fetch(new URL('/tep/khong-co-that/x.xlsx', httpUrl))).status).toBe(404);
    // The link lives 90 days: still served on day 89, refused after.
    const clockNow = h.clock.now().getTime();
    h.clock.set(new Date(clockNow + 89 * 86_400_000));
    expect((await fetch(new URL(new URL(link).pathname, httpUrl))).status).toBe(200);
    h.clock.set(new Date(clockNow + 91 * 86_400_000));
    const expired = await fetch(new URL(new URL(link).pathname, httpUrl));
    expect(expired.status).toBe(404);
    h.clock.set(new Date(clockNow));

    // Resending to those who have not acknowledged re-uses the upload too.
    await h.press(focals[0]!, '/danhan 1');
    const resendFrom = h.calls.length;
    await h.press(admin, '/tb_guilai 1');
    await h.app.worker.drain();
    const again = h.calls.slice(resendFrom).filter((c) => c.method === 'sendDocument');
    expect(again.map((c) => c.payload.chat_id).sort()).toEqual([focals[1]!.id, focals[2]!.id].sort());
    expect(again.every((c) => typeof c.payload.document === 'string')).toBe(true);
  });

  it('takes a file captioned “/thongbao …” as a new broadcast; refuses other kinds of file and an empty caption, storing nothing', async () => {
    const [attached] = await h.sendDocument(admin, 'Kế hoạch kiểm tra CCHC 2025.pdf', Buffer.from('%PDF-1.4 kiểm tra'), '/thongbao Sở Nội vụ gửi kế hoạch kiểm tra CCHC năm 2025.');
    expect(attached).toContain('📎 Đã đính kèm “Kế hoạch kiểm tra CCHC 2025.pdf” (1 KB) vào thông báo #1.');
    expect(h.app.store.broadcasts.byId(1)!.body).toBe('Sở Nội vụ gửi kế hoạch kiểm tra CCHC năm 2025.');
    expect(await h.sendDocument(admin, 'bang-tinh.pdf', Buffer.from('%PDF'), '/thongbao')).toEqual([expect.stringContaining('Thiếu nội dung thông báo')]);
    await h.send(admin, '/tb_tep 1');
    expect(await h.sendDocument(admin, 'caidat.exe', Buffer.from('MZ'))).toEqual([expect.stringContaining('Tệp “caidat.exe” không gửi kèm thông báo được')]);
    expect(h.app.store.broadcasts.file(1)!.fileName).toBe('Kế hoạch kiểm tra CCHC 2025.pdf');
    // The draft still waits for a file after a refused one: the next good file replaces the first.
    expect(await h.sendDocument(admin, 'Phụ lục kế hoạch.pdf', Buffer.from('%PDF-1.4 phụ lục'))).toEqual([expect.stringContaining('📎 Đã đính kèm “Phụ lục kế hoạch.pdf”')]);
    expect(h.app.store.broadcasts.file(1)!.fileName).toBe('Phụ lục kế hoạch.pdf');
    expect(h.app.store.broadcasts.byId(2)).toBeUndefined();
    // Once sent, a broadcast's file cannot change.
    await h.send(admin, '/tb_doituong 1 focal');
    await h.send(admin, '/tb_gui 1');
    expect(await h.send(admin, '/tb_tep 1')).toEqual(['Thông báo #1 đã được gửi hoặc đã hủy.']);
  });

  it('a file attached after the audience was chosen goes straight to the preview (with the file), not "Gửi tới ai?" again', async () => {
    await h.send(admin, '/thongbao Đề nghị các cơ quan điền biểu mẫu.');
    const [preview] = await h.send(admin, '/tb_doituong 1 focal');
    expect(preview).toContain('Tất cả đầu mối');
    await h.send(admin, '/tb_tep 1');
    const replies = await h.sendDocument(admin, 'Biểu mẫu báo cáo.pdf', Buffer.from('%PDF-1.4 biểu mẫu'));
    expect(replies[0]).toContain('📎 Đã đính kèm “Biểu mẫu báo cáo.pdf”');
    expect(replies.join('\n')).not.toContain('Gửi tới ai?');
    expect(replies[1]).toContain('Tất cả đầu mối');
    expect(replies[1]).toContain('📎 Tệp đính kèm: Biểu mẫu báo cáo.pdf');
    expect(h.lastButtons(admin.id).map((b) => b.callback_data)).toEqual(['/tb_gui 1', '/tb_huy 1']);
  });

  it('takes the next file for the broadcast only right after 📎: after another command, a spreadsheet is a plan to import again', async () => {
    await h.send(admin, '/thongbao Đề nghị các cơ quan điền biểu mẫu.');
    await h.send(admin, '/tb_tep 1');
    await h.send(admin, '/tonghop');
    const [reply] = await h.sendDocument(admin, 'ha-tinh-2024-phu-luc.xlsx', form);
    expect(reply).not.toContain('Đã đính kèm');
    expect(reply).toContain('76 nhiệm vụ');
    expect(h.app.store.broadcasts.file(1)).toBeUndefined();
  });

  it('warns in the preview when Zalo recipients could only see the file name (no public URL)', async () => {
    await h.close();
    h = await TelegramHarness.start({ start: '2024-11-25T02:00:00Z', env: { ZALO_BOT_TOKEN: 'zalo-test-token-123456', ZALO_API_ROOT: 'http://127.0.0.1:9' } });
    await h.join(admin, h.invite('SNV', 'admin'));
    const { store } = h.app;
    linkedMember(store, { displayName: 'Đầu mối Sở Xây dựng', agencyId: store.agencies.byCode('SXD')!.id, role: 'focal' }, { platform: 'zalo', chatId: 'zalo-sxd' }, h.clock.now());
    await h.sendDocument(admin, 'Công văn.pdf', Buffer.from('%PDF'), '/thongbao Công văn gửi các sở.');
    const [preview] = await h.send(admin, '/tb_doituong 1 focal');
    expect(preview).toContain('Lưu ý: 1 người nhận dùng Zalo sẽ chỉ thấy tên tệp');
  });
});
