import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleForYear } from '../../src/app/report-calendar.js';
import { plainText } from '../../src/app/reply.js';
import { DEMO_MEMBERS } from '../../src/app/demo-seed.js';
import { createTestApp } from '../helpers/test-app.js';

/** A word said twice in a row ("năm năm 2026"), diacritics and case as written. */
const DOUBLED = /(?<!\p{L})(\p{L}+) \1(?!\p{L})/iu;

describe('generated titles never double a word', () => {
  it('report titles for every shipped report and any year', () => {
    expect(titleForYear('Báo cáo kết quả CCHC năm', 2026)).toBe('Báo cáo kết quả CCHC năm 2026');
    expect(titleForYear('Kế hoạch CCHC năm gửi Sở Nội vụ', 2027)).toBe('Kế hoạch CCHC năm 2027 gửi Sở Nội vụ');
    expect(titleForYear('Báo cáo CCHC quý I', 2026)).toBe('Báo cáo CCHC quý I năm 2026');
    expect(titleForYear('Báo cáo CCHC 6 tháng năm 2025', 2026)).toBe('Báo cáo CCHC 6 tháng năm 2025');
  });

  describe('every reply a leader, an admin and a focal point get on the demo', () => {
    let t: ReturnType<typeof createTestApp>;
    beforeAll(async () => {
      t = createTestApp({ start: '2026-11-23T01:30:00Z', env: { DONDOC_DEMO_DATA: 'true' } });
      await t.app.start();
    }, 60_000);
    afterAll(async () => {
      await t.close();
    });

    it('has no doubled word, in titles, headlines and details', async () => {
      const { store } = t.app;
      const titles = (store.db.prepare('SELECT title FROM reports').all() as { title: string }[]).map((r) => r.title);
      expect(titles.length).toBeGreaterThan(4);
      for (const title of titles) {
        expect(title).not.toMatch(DOUBLED);
        expect(title.match(/\b20\d{2}\b/g)).toHaveLength(1);
      }
      const say = async (localId: string, text: string) => {
        const out = await t.app.dispatcher.handle({ platform: 'local', platformUserId: localId, chatId: localId, chatType: 'private', senderName: localId, text }, { buttons: true, links: { startLink: () => null } });
        return out.replies.map((r) => plainText(r.text)).join('\n');
      };
      const leader = DEMO_MEMBERS.find((m) => m.role === 'leader')!.localId;
      const admin = DEMO_MEMBERS.find((m) => m.role === 'admin')!.localId;
      const focal = DEMO_MEMBERS.find((m) => m.agency === 'STP')!.localId;
      const said = [
        ...(await Promise.all(['/tonghop', '/quahan', '/xuhuong', '/xephang', '/xephang xa', '/baocao Q1', '/baocao 6T', '/baocao Q3', '/baocao NAM', '/diem STP'].map((c) => say(leader, c)))),
        ...(await Promise.all(['/kehoach', '/chinhsach', '/thongbao_ds'].map((c) => say(admin, c)))),
        ...(await Promise.all(['/viec', '/viec xong', '/lich', '/nopbaocao', '/diem', '/trogiup'].map((c) => say(focal, c)))),
      ];
      for (const text of said) {
        expect(text.length).toBeGreaterThan(0);
        expect(text, text.slice(0, 200)).not.toMatch(DOUBLED);
      }
    });
  });
});
