import { afterEach, beforeEach, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
});

afterEach(async () => {
  await h.close();
});

it('/web sends the login link in a private chat with link previews off (Telegram would open it to preview)', async () => {
  h.app.services.web.baseUrl = 'https://dondoc.example.gov.vn/';
  const before = h.calls.length;
  const [text] = await h.send(admin, '/web');
  expect(text).toMatch(/https:\/\/dondoc\.example\.gov\.vn\/web\/dangnhap\?t=[A-Za-z0-9_-]{43}/);
  expect(text).toContain('một lần, trong 10 phút');
  const sent = h.calls.slice(before).filter((c) => c.method === 'sendMessage');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.payload.link_preview_options).toEqual({ is_disabled: true });
});

it('/web says the dashboard is off when this server does not serve it, and sends no link', async () => {
  const [text] = await h.send(admin, '/web');
  expect(text).toContain('chưa được bật');
  expect(text).not.toContain('dangnhap');
});

it('a stranger gets no link', async () => {
  h.app.services.web.baseUrl = 'https://dondoc.example.gov.vn/';
  const texts = await h.send({ id: 9999, first_name: 'Lạ' }, '/web');
  expect(texts.join('\n')).not.toContain('dangnhap');
});
