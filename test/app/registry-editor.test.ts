import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/app/agency-registry.js';
import { plainText } from '../../src/app/reply.js';
import { createTestAppOnDataCopy } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

let t: ReturnType<typeof createTestAppOnDataCopy>;

beforeEach(() => {
  // A copy of data/: the directory file is what the edits write.
  t = createTestAppOnDataCopy({ start: '2026-11-23T02:00:00Z' });
  const now = t.clock.now();
  linkedMember(t.app.store, { displayName: 'Hoa', agencyId: t.app.store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, now);
  linkedMember(t.app.store, { displayName: 'Minh', agencyId: t.app.store.agencies.byCode('UBNDT')!.id, role: 'leader' }, { platform: 'local', chatId: 'leader' }, now);
});

afterEach(async () => {
  await t.close();
});

async function say(chat: string, text: string): Promise<string> {
  const out = await t.app.dispatcher.handle({ platform: 'local', platformUserId: chat, chatId: chat, chatType: 'private', senderName: chat, text }, { buttons: true } as never);
  return out.replies.map((r) => plainText(r.text)).join('\n');
}

describe('/coquan: an admin changes the directory in chat', () => {
  it('adds, renames and retires an agency; the file and the database agree, and a restart keeps it', async () => {
    expect(await say('admin', '/coquan them so BQLKKT Ban Quản lý Khu kinh tế tỉnh')).toContain('Đã thêm Ban Quản lý Khu kinh tế tỉnh (mã BQLKKT)');
    expect(t.app.store.agencies.byCode('BQLKKT')).toMatchObject({ kind: 'so_ban_nganh', active: true, validFrom: '2026-11-23' });
    expect(await say('admin', '/coquan doiten BQLKKT Ban Quản lý Khu kinh tế Vũng Áng')).toContain('Đã đổi tên BQLKKT');
    expect(t.app.store.agencies.aliases(t.app.store.agencies.byCode('BQLKKT')!.id)).toContain('Ban Quản lý Khu kinh tế tỉnh');
    expect(await say('admin', '/coquan ngung SDL 01/12/2026 SVHTTDL')).toContain('Đã ngừng theo dõi Sở Du lịch từ 01/12/2026; việc của cơ quan này từ nay giao cho Sở Văn hóa, Thể thao và Du lịch');
    const file = readRegistry(join(t.dataDir, 'agencies.json'));
    expect(file.agencies.find((a) => a.code === 'BQLKKT')).toMatchObject({ name: 'Ban Quản lý Khu kinh tế Vũng Áng', from: '2026-11-23' });
    expect(file.agencies.find((a) => a.code === 'SDL')).toMatchObject({ until: '2026-12-01', successor: 'SVHTTDL' });
    // Each change is an admin action in the audit log: who (the admin), through which platform, what changed.
    const admin = t.app.store.db.prepare("SELECT member_id AS id FROM member_accounts WHERE chat_id = 'admin'").get() as { id: number };
    expect(t.app.store.audit.list({}).filter((e) => e.action === 'agency_change').map((e) => ({ who: e.actorMemberId, via: e.via, target: e.target, detail: e.detail }))).toEqual([
      { who: admin.id, via: 'local', target: 'agency:BQLKKT', detail: { op: 'add', code: 'BQLKKT', kind: 'so_ban_nganh', name: 'Ban Quản lý Khu kinh tế tỉnh' } },
      { who: admin.id, via: 'local', target: 'agency:BQLKKT', detail: { op: 'rename', code: 'BQLKKT', from: 'Ban Quản lý Khu kinh tế tỉnh', to: 'Ban Quản lý Khu kinh tế Vũng Áng' } },
      { who: admin.id, via: 'local', target: 'agency:SDL', detail: { op: 'retire', code: 'SDL', until: '2026-12-01', successor: 'SVHTTDL' } },
    ]);
    // The file is no longer what province init wrote: it will not be overwritten without --force.
    const { isUneditedGenerated } = await import('../../src/app/province-setup.js');
    expect(isUneditedGenerated(readFileSync(join(t.dataDir, 'agencies.json'), 'utf8'))).toBe(false);
    // Retired today: no longer listed or chased.
    expect(await say('admin', '/coquan ngung SNGV')).toContain('Đã ngừng theo dõi Sở Ngoại vụ từ 23/11/2026');
    expect(t.app.store.agencies.byCode('SNGV')!.active).toBe(false);
    expect(await say('leader', '/coquan so_ban_nganh')).not.toContain('SNGV');
  });

  it('refuses bad edits in Vietnamese and changes nothing', async () => {
    const before = readFileSync(join(t.dataDir, 'agencies.json'), 'utf8');
    expect(await say('leader', '/coquan them so XYZ Sở gì đó')).toContain('Chỉ quản trị');
    expect(await say('admin', '/coquan them so STP Sở Tư pháp 2')).toContain('Mã STP đã có');
    expect(await say('admin', '/coquan them khong_co XYZ Cơ quan')).toContain('Không có loại cơ quan “khong_co”');
    expect(await say('admin', '/coquan them so x! Cơ quan')).toContain('không hợp lệ');
    expect(await say('admin', '/coquan ngung SNV')).toContain('cơ quan thường trực CCHC');
    expect(await say('admin', '/coquan ngung STP 31/02/2026')).toContain('Ngày “31/02/2026” không hợp lệ');
    expect(await say('admin', '/coquan ngung STP 01/12/2026 STTTT')).toContain('không có hoặc đã ngừng');
    expect(await say('admin', '/coquan doiten KHONGCO Tên')).toContain('Không có cơ quan mã “KHONGCO”');
    expect(await say('admin', '/coquan them')).toContain('Sửa danh bạ (quản trị)');
    expect(readFileSync(join(t.dataDir, 'agencies.json'), 'utf8')).toBe(before);
    // Nothing changed, nothing in the audit log.
    expect(t.app.store.audit.list({}).filter((e) => e.action === 'agency_change')).toEqual([]);
  });
});
