import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start();
  await h.join(admin, h.invite('SNV', 'admin'));
});

afterEach(async () => {
  await h.close();
});

function balanced(html: string): boolean {
  for (const tag of ['b', 'i', 'code']) {
    if (html.split(`<${tag}>`).length !== html.split(`</${tag}>`).length) return false;
  }
  return true;
}

describe('Telegram rendering through the real bot', () => {
  it('splits a reply of over 10,000 characters at line boundaries, each message within 4096 and valid HTML', async () => {
    const now = h.clock.now();
    const names: string[] = [];
    for (let i = 0; i < 140; i += 1) {
      const name = `UBND xã Thử Nghiệm Số ${i} thuộc huyện Cẩm Xuyên, tỉnh Hà Tĩnh — đơn vị dùng để kiểm tra chia tin nhắn dài`;
      names.push(name);
      h.app.store.agencies.upsert({ code: `X${String(i).padStart(3, '0')}`, name, kind: 'ubnd_xa' }, now);
    }
    const before = h.calls.length;
    await h.send(admin, '/coquan ubnd_xa');
    const chunks = h.messagesSince(before, admin.id).map((c) => String(c.payload.text));
    const total = chunks.reduce((sum, c) => sum + c.length, 0);
    expect(total).toBeGreaterThan(10_000);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(4096);
      expect(balanced(chunk)).toBe(true);
    }
    for (const [i, name] of names.entries()) {
      const line = `<code>X${String(i).padStart(3, '0')}</code> — ${name}`;
      expect(chunks.filter((c) => c.split('\n').includes(line))).toHaveLength(1);
    }
    // Nothing lost or duplicated: the chunks rejoined are the whole listing, in order.
    const rejoined = chunks.join('\n');
    expect(rejoined.indexOf('X000')).toBeLessThan(rejoined.indexOf('X139'));
    expect(rejoined.match(/<code>X\d{3}<\/code>/g)).toHaveLength(140);
  });

  it('escapes a name full of HTML and markdown characters so it cannot break the message', async () => {
    const nasty = 'Sở <Thử> & "Kiểm_tra" *đậm* </b><i>[x](y) `z`';
    h.app.store.agencies.upsert({ code: 'NASTY', name: nasty, kind: 'so_ban_nganh' }, h.clock.now());
    const [listing] = await h.send(admin, '/coquan so_ban_nganh');
    expect(listing).toContain('Sở &lt;Thử&gt; &amp; "Kiểm_tra" *đậm* &lt;/b&gt;&lt;i&gt;[x](y) `z`');
    expect(balanced(listing!)).toBe(true);
    const [invite] = await h.send(admin, '/moi NASTY dau_moi <script>alert(1)</script>');
    expect(invite).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(invite).not.toContain('<script>');
    expect(h.calls.filter((c) => c.method === 'sendMessage').every((c) => c.payload.parse_mode === 'HTML')).toBe(true);
  });

  it('offers choices as inline buttons; pressing one (even on an old message) runs its command', async () => {
    const before = h.calls.length;
    await h.send(admin, '/coquan');
    const [ask] = h.messagesSince(before, admin.id);
    const keyboard = (ask!.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    expect(keyboard.flat().map((b) => b.text)).toContain('Sở, ban, ngành');
    const button = keyboard.flat().find((b) => b.text === 'Cơ quan Trung ương trên địa bàn')!;
    expect(button.callback_data).toBe('/coquan co_quan_tw');
    const [listing] = await h.press(admin, button.callback_data);
    expect(listing).toContain('Thuế tỉnh');
    expect(listing).not.toContain('Sở Tư pháp');
    expect(h.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
  });
});
