import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainText } from '../../src/app/reply.js';
import { createTestAppOnDataCopy } from '../helpers/test-app.js';
import { linkedMember } from '../helpers/members.js';

let t: ReturnType<typeof createTestAppOnDataCopy>;

beforeEach(() => {
  // A copy of data/: adding an agency writes the directory file.
  t = createTestAppOnDataCopy({ start: '2026-11-23T02:00:00Z' });
  linkedMember(t.app.store, { displayName: 'Hoa', agencyId: t.app.store.agencies.byCode('SNV')!.id, role: 'admin' }, { platform: 'local', chatId: 'admin' }, t.clock.now());
});

afterEach(async () => {
  await t.close();
});

const message = { platform: 'local' as const, platformUserId: 'admin', chatId: 'admin', chatType: 'private' as const, senderName: 'Hoa' };

/** The admin sends a plan file; the replies' text and buttons. */
async function send(name: string, body: string, caption = '') {
  const bytes = Buffer.from(body);
  const file = { name, size: bytes.length, caption, ref: 'f1', mimeType: 'text/csv', download: async () => bytes };
  const out = await t.app.dispatcher.handle({ ...message, text: caption, file }, { buttons: true } as never);
  return { text: out.replies.map((r) => plainText(r.text)).join('\n'), buttons: out.replies.flatMap((r) => (r.choices ?? []).flat()) };
}

async function say(text: string) {
  const out = await t.app.dispatcher.handle({ ...message, text }, { buttons: true } as never);
  return out.replies.map((r) => plainText(r.text)).join('\n');
}

const assigned = (row: number, role: 'lead' | 'coord') => {
  const { id } = t.app.store.db.prepare('SELECT id FROM tasks WHERE source_row = ?').get(row) as { id: number };
  return t.app.store.plans.assignments(id).filter((a) => a.role === role).map((a) => a.agencyCode);
};

const PLAN = [
  'STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện',
  '1,Rà soát quy chế một cửa,Ban Quản lý Khu kinh tế tỉnh,Sở Tài chính và các đơn vị liên quan,Quý IV/2026',
  '2,Số hóa hồ sơ TTHC,"Các Sở: Nội vụ và Tư pháp",Trạm Y tế các xã,Quý IV/2026',
  '3,Kiểm tra CCHC,Sở Nội vụ,"Các sở, ban, ngành (trừ Sở Tư pháp)",Quý IV/2026',
].join('\r\n');

describe('agency cells the directory cannot place, in the chat preview (issue 27 item 7)', () => {
  it('lists each with its reason and the cell as published, offers the unknown body as a new agency, and assigns only what the cells name', async () => {
    const preview = await send('kh-2026.csv', PLAN, '2026 KH CCHC 2026');
    // The board is not in the directory: reported, and offered (not created).
    expect(preview.text).toContain('• dòng 2: “Ban Quản lý Khu kinh tế tỉnh” — không có trong danh bạ');
    // "các đơn vị liên quan" is not every department: Sở Tài chính only, the rest for a person.
    expect(preview.text).toContain('• dòng 2: “các đơn vị liên quan” — “có liên quan”: cơ quan nào liên quan chỉ người lập kế hoạch biết — hãy ghi rõ tên (ô: “Sở Tài chính và các đơn vị liên quan”)');
    // A commune's health station is not the commune's UBND, let alone every commune's.
    expect(preview.text).toContain('• dòng 3: “Trạm Y tế các xã” — không phải cơ quan trong danh bạ');
    // All departments but one: which ones is the plan's to say; Sở Tư pháp inside the exception is not assigned.
    expect(preview.text).toContain('• dòng 4: “Các sở, ban, ngành trừ Sở Tư pháp” — chỉ một phần của nhóm');
    expect(t.app.store.agencies.byCode('BQLKKTT')).toBeUndefined();
    const add = preview.buttons.find((b) => b.label.startsWith('Thêm'))!;
    expect(add.label).toBe('Thêm “Ban Quản lý Khu kinh tế tỉnh” (BQLKKTT)');
    expect(preview.buttons.filter((b) => b.label.startsWith('Thêm'))).toHaveLength(1);

    expect(await say(add.command)).toContain('Đã thêm Ban Quản lý Khu kinh tế tỉnh (mã BQLKKTT) vào danh bạ');
    expect(t.app.store.agencies.byCode('BQLKKTT')).toMatchObject({ name: 'Ban Quản lý Khu kinh tế tỉnh', kind: 'so_ban_nganh' });
    const confirm = preview.buttons.find((b) => b.command.startsWith('/nhapkehoach'))!;
    expect(await say(confirm.command)).toContain('Đã nhập kế hoạch “KH CCHC 2026”: 3 nhiệm vụ');
    // The added board now leads row 2; the list after "Các Sở:" is those two departments.
    expect(assigned(2, 'lead')).toEqual(['BQLKKTT']);
    expect(assigned(2, 'coord')).toEqual(['STC']);
    expect(assigned(3, 'lead')).toEqual(['SNV', 'STP']);
    expect(assigned(3, 'coord')).toEqual([]);
    expect(assigned(4, 'coord')).toEqual([]);
  });
});
