import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs locally with demo data when no chat token is set', () => {
    const config = loadConfig({});
    expect(config.DONDOC_DB_PATH).toBe('data/dondoc.sqlite');
    expect(config.DONDOC_TIMEZONE).toBe('Asia/Ho_Chi_Minh');
    expect(config.DONDOC_HTTP_PORT).toBe(8080);
    expect(config).toMatchObject({ localOnly: true, localChat: true, demoData: true });
  });

  it('turns the local chat and demo data off once a Telegram token is set', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: `123456:${'a'.repeat(35)}` });
    expect(config).toMatchObject({ localOnly: false, localChat: false, demoData: false });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: `123456:${'a'.repeat(35)}`, DONDOC_LOCAL_CHAT: 'true' }).localChat).toBe(true);
  });

  it.each([
    ['DONDOC_HTTP_PORT', 'abc', /^Cấu hình sai ở biến DONDOC_HTTP_PORT: cần một số nguyên từ 0 đến 65535 \(đang là "abc"\)\.$/],
    ['DONDOC_HTTP_PORT', '70000', /DONDOC_HTTP_PORT: cần một số nguyên/],
    ['DONDOC_TIMEZONE', 'Mars/Base', /DONDOC_TIMEZONE: cần tên múi giờ IANA/],
    ['DONDOC_LOG_LEVEL', 'loud', /DONDOC_LOG_LEVEL: cần một trong/],
    ['TELEGRAM_BOT_TOKEN', 'not-a-token', /TELEGRAM_BOT_TOKEN: cần token dạng/],
    ['DONDOC_INVITE_TTL_HOURS', '0', /DONDOC_INVITE_TTL_HOURS/],
    ['DONDOC_LOCAL_CHAT', 'maybe', /DONDOC_LOCAL_CHAT/],
    ['DONDOC_PUBLIC_URL', 'not a url', /DONDOC_PUBLIC_URL/],
    ['DONDOC_PUBLIC_URL', 'http://dondoc.example.vn', /DONDOC_PUBLIC_URL: cần một URL https:\/\//],
    ['DONDOC_PUBLIC_URL', 'ftp://dondoc.example.vn', /DONDOC_PUBLIC_URL/],
    ['DONDOC_PUBLIC_URL', 'http://10.0.0.5:8080', /DONDOC_PUBLIC_URL/],
  ])('names %s when it is %j, in one line', (variable, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('treats an empty value as unset, so a copied .env.example keeps the defaults', () => {
    const empty = Object.fromEntries(
      ['DONDOC_DB_PATH', 'DONDOC_HTTP_PORT', 'DONDOC_LOCAL_CHAT', 'DONDOC_DEMO_DATA', 'DONDOC_INVITE_TTL_HOURS', 'TELEGRAM_BOT_TOKEN', 'DONDOC_PUBLIC_URL'].map((k) => [k, '']),
    );
    expect(loadConfig(empty)).toMatchObject({ DONDOC_HTTP_PORT: 8080, DONDOC_DB_PATH: 'data/dondoc.sqlite', localChat: true, demoData: true });
  });

  it('gives a scan’s page 60 seconds of OCR unless DONDOC_OCR_PAGE_SECONDS says otherwise (10 to 600)', () => {
    expect(loadConfig({}).DONDOC_OCR_PAGE_SECONDS).toBe(60);
    expect(loadConfig({ DONDOC_OCR_PAGE_SECONDS: '120' }).DONDOC_OCR_PAGE_SECONDS).toBe(120);
    // Under 10 s not even a clean page is read on a busy server; over 10 minutes a 20-page scan takes hours.
    expect(() => loadConfig({ DONDOC_OCR_PAGE_SECONDS: '5' })).toThrow(/DONDOC_OCR_PAGE_SECONDS.*từ 10 đến 600/);
  });

  it('requires a public URL for a Telegram webhook', () => {
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(20) })).toThrow(/DONDOC_PUBLIC_URL/);
  });
});

describe('DONDOC_PUBLIC_URL', () => {
  it('accepts https, and plain http only for this machine (with a warning)', () => {
    expect(loadConfig({ DONDOC_PUBLIC_URL: 'https://dondoc.example.vn' }).warnings).toEqual([]);
    for (const local of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080']) {
      const config = loadConfig({ DONDOC_PUBLIC_URL: local });
      expect(config.warnings).toHaveLength(1);
      expect(config.warnings[0]).toContain('chỉ dùng để thử trên máy này');
    }
  });

  it('serves the local chat only on a loopback address, and warns when it is enabled beside a chat token', () => {
    expect(() => loadConfig({ DONDOC_HTTP_HOST: '0.0.0.0' })).toThrow(
      'Cấu hình sai ở biến DONDOC_HTTP_HOST: trò chuyện thử trên máy (DONDOC_LOCAL_CHAT) chỉ chạy trên địa chỉ loopback như 127.0.0.1, không chạy trên 0.0.0.0.',
    );
    const token = { TELEGRAM_BOT_TOKEN: `123456789:${'A'.repeat(35)}` };
    // With a token the local chat is off unless asked for, so a public host is fine.
    expect(loadConfig({ ...token, DONDOC_HTTP_HOST: '0.0.0.0' }).localChat).toBe(false);
    expect(() => loadConfig({ ...token, DONDOC_HTTP_HOST: '0.0.0.0', DONDOC_LOCAL_CHAT: 'true' })).toThrow(/DONDOC_HTTP_HOST/);
    const both = loadConfig({ ...token, DONDOC_LOCAL_CHAT: 'true' });
    expect(both.localChat).toBe(true);
    expect(both.warnings.join('\n')).toContain('DONDOC_LOCAL_CHAT=true cùng token chat thật');
    expect(loadConfig({}).warnings).toEqual([]);
  });

  it('describes each platform as polling or webhook, with what that mode needs', () => {
    const token = `123456789:${'A'.repeat(35)}`;
    expect(loadConfig({}).telegram).toBeUndefined();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token }).telegram?.intake).toEqual({ kind: 'polling' });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: 'bi-mat-webhook-2026', DONDOC_PUBLIC_URL: 'https://dondoc.example.vn' }).telegram?.intake).toEqual({
      kind: 'webhook',
      secret: 'bi-mat-webhook-2026',
      publicUrl: 'https://dondoc.example.vn',
    });
    const zalo = loadConfig({ ZALO_BOT_TOKEN: 'zalo-token-123456', DONDOC_PUBLIC_URL: 'https://dondoc.example.vn' }).zalo;
    expect(zalo).toMatchObject({ token: 'zalo-token-123456', intake: { kind: 'polling' }, publicUrl: 'https://dondoc.example.vn' });
  });
});

