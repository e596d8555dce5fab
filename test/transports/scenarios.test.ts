import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/create-app.js';
import type { FakeClock } from '../../src/clock.js';
import { dayjs } from '../../src/domain/time.js';
import { TelegramHarness } from '../helpers/telegram-harness.js';
import { ZaloHarness } from '../helpers/zalo-harness.js';

/**
 * One table of scenarios run on both transports, so Telegram (buttons, HTML) and Zalo (numbered
 * choices, plain text) cannot drift apart.
 */
interface Driver {
  app: App;
  clock: FakeClock;
  say(user: string, text: string): Promise<string[]>;
  /** Picks a choice by its label: a button on Telegram, its number on Zalo. */
  choose(user: string, label: string): Promise<string[]>;
  received(user: string): string[];
  /** Images sent to a user; on Zalo fetched back through dondoc's expiring link. */
  images(user: string): Promise<Buffer[]>;
  close(): Promise<void>;
}

const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function telegramDriver(): Promise<Driver> {
  const h = await TelegramHarness.start({ start: '2024-06-24T00:30:00Z' });
  const ids = new Map<string, number>();
  const user = (name: string) => {
    if (!ids.has(name)) ids.set(name, 5000 + ids.size);
    return { id: ids.get(name)!, first_name: name };
  };
  return {
    app: h.app,
    clock: h.clock,
    say: async (name, text) => (await h.send(user(name), text)).map(plain),
    choose: async (name, label) => {
      const button = h.lastButtons(user(name).id).find((b) => b.text === label);
      if (!button) throw new Error(`no button “${label}” for ${name}`);
      return (await h.press(user(name), button.callback_data)).map(plain);
    },
    received: (name) => h.messagesSince(0, user(name).id).map((c) => plain(String(c.payload.text))),
    images: async (name) => {
      const photos = h.calls.filter((c) => c.method === 'sendPhoto' && c.payload.chat_id === user(name).id);
      return photos.map((c) => Buffer.from((c.payload.photo as { fileData: Uint8Array }).fileData));
    },
    close: () => h.close(),
  };
}

async function zaloDriver(): Promise<Driver> {
  const z = await new ZaloHarness().start({ start: '2024-06-24T00:30:00Z', env: { DONDOC_PUBLIC_URL: 'https://dondoc.example.vn', DONDOC_HTTP_PORT: '0' } });
  const { httpUrl } = await z.app.start();
  const id = (name: string) => `zalo-${name}`;
  return {
    app: z.app,
    clock: z.clock,
    say: (name, text) => z.send(id(name), text),
    choose: async (name, label) => {
      const last = z.sentTo(id(name)).reverse().find((t) => /^\d+\. /m.test(t));
      const line = last?.split('\n').find((l) => l.endsWith(`. ${label}`));
      if (!line) throw new Error(`no numbered choice “${label}” for ${name}`);
      return z.send(id(name), line.split('.')[0]!);
    },
    received: (name) => z.sentTo(id(name)),
    images: async (name) => {
      const links = z.api.photos.filter((p) => p.chatId === id(name)).map((p) => p.photo);
      for (const link of links) expect(link).toMatch(/^https:\/\/dondoc\.example\.vn\/hinh\/[A-Za-z0-9_-]{22}\.png$/);
      return Promise.all(links.map(async (link) => Buffer.from(await (await fetch(new URL(new URL(link).pathname, httpUrl))).arrayBuffer())));
    },
    close: () => z.close(),
  };
}

const drivers: [string, () => Promise<Driver>][] = [
  ['Telegram', telegramDriver],
  ['Zalo', zaloDriver],
];

describe.each(drivers)('the same scenarios on %s', (_name, make) => {
  let d: Driver;

  beforeEach(async () => {
    d = await make();
    const code = d.app.services.onboarding.issueInvite({ agencyCode: 'SNV', role: 'admin' });
    if (!code.ok) throw new Error(code.error);
    await d.say('admin', `/start ${code.value.code}`);
    const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
    await d.app.services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2024 });
    const [invite] = await d.say('admin', '/moi STP dau_moi Phạm Thu Trang');
    const joinCode = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})/.exec(invite!)![1]!;
    const welcome = await d.say('trang', joinCode);
    expect(welcome.join('\n')).toContain('Chào mừng Phạm Thu Trang');
    expect(welcome.join('\n')).toContain('Sở Tư pháp');
  });

  afterEach(async () => {
    await d.close();
  });

  it('lists the agency tasks with /viec', async () => {
    const [tasks] = await d.say('trang', '/viec');
    expect(tasks).toContain('Việc còn mở của Sở Tư pháp (6 nhiệm vụ, trang 1/1)');
    expect(tasks).toContain('2.5 Kiểm tra văn bản quy phạm pháp luật — ◻️ chưa báo; hạn 01/07/2024');
  });

  it('takes a status reply by text', async () => {
    expect(await d.say('trang', '2.3 đang làm 60%')).toEqual(['Đã ghi nhận: 2.3 đang thực hiện (60%).']);
  });

  it('takes a status reply by choice (button or number)', async () => {
    await d.say('trang', '/nhiemvu 2.4');
    expect(await d.choose('trang', '🔄 Đang thực hiện')).toEqual([expect.stringContaining('Tiến độ nhiệm vụ 2.4 đến nay?')]);
    expect(await d.choose('trang', '75%')).toEqual(['Đã ghi nhận: 2.4 đang thực hiện (75%).']);
    await d.say('trang', '/nhiemvu 2.4');
    expect(await d.choose('trang', '✅ Hoàn thành')).toEqual(['Đã ghi nhận: 2.4 hoàn thành.\ndondoc sẽ không nhắc việc này nữa.']);
  });

  it('delivers the morning digest, answerable from the digest itself', async () => {
    d.clock.set(dayjs.tz('2024-06-24 08:00', 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());
    d.app.scheduler.tick();
    await d.app.worker.drain();
    const digest = d.received('trang').find((t) => t.startsWith('🔔 Nhắc việc CCHC'))!;
    expect(digest).toContain('Sắp đến hạn');
    expect(digest).toContain('2.5 Kiểm tra văn bản quy phạm pháp luật — còn 5 ngày làm việc (hạn 01/07/2024)');
    expect(await d.choose('trang', '✅ 2.5')).toEqual(['✅ Đã ghi nhận: 2.5 hoàn thành. dondoc sẽ không nhắc việc này nữa.']);
  });

  it('delivers a broadcast with an acknowledgement (button or number)', async () => {
    await d.say('admin', '/thongbao Đề nghị nộp báo cáo 6 tháng đúng hạn.');
    await d.choose('admin', 'Tất cả đầu mối');
    expect(await d.choose('admin', 'Gửi')).toEqual(['Đang gửi thông báo #1 tới 1 người. Gõ /thongbao_tt 1 để xem ai đã nhận.']);
    await d.app.worker.drain();
    expect(d.received('trang').find((t) => t.startsWith('📢 Thông báo của Sở Nội vụ'))).toContain('Đề nghị nộp báo cáo 6 tháng đúng hạn.');
    expect(await d.choose('trang', '✅ Đã nhận')).toEqual(['Cảm ơn bạn, dondoc đã ghi nhận bạn đã nhận thông báo #1.']);
    const [status] = await d.say('admin', '/thongbao_tt 1');
    expect(status).toContain('Đã bấm “Đã nhận”: 1/1.');
  });

  it('sends a chart with the ranking (a file on Telegram, an expiring link on Zalo)', async () => {
    // The 2024 report calendar (the 6-month report was due 17/6), and a quarter-I task for two
    // departments of which Sở Tư pháp reports its own done: scores that differ, so a chart to draw
    // (a ranking where every department has the same score has nothing to chart).
    d.app.scheduler.planIfNewDay();
    const csv = Buffer.from(['STT,Nhiệm vụ,Chủ trì,Thời gian hoàn thành', '9.1,Rà soát quy trình nội bộ,Sở Tư pháp,Quý I/2024', '9.2,Rà soát quy trình nội bộ,Sở Tài chính,Quý I/2024'].join('\n'));
    expect((await d.app.services.plans.importFile('q1.csv', csv, { name: 'KH quý I', year: 2024 }, { chasePast: true })).ok).toBe(true);
    expect((await d.say('trang', '9.1 xong'))[0]).toContain('Đã ghi nhận');
    const [ranking] = await d.say('admin', '/xephang so_ban_nganh 2024');
    expect(ranking).toContain('Xếp hạng Sở, ban, ngành — năm 2024');
    const [png] = await d.images('admin');
    expect(png!.subarray(1, 4).toString()).toBe('PNG');
    expect(png!.readUInt32BE(16)).toBe(720);
  });

  it('tells a stranger only how to join', async () => {
    const [reply] = await d.say('la', '/viec');
    expect(reply).toContain('chưa được liên kết');
    expect(reply).not.toContain('Sở Tư pháp');
  });
});
