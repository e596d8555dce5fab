import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../../src/documents/zip-entries.js';
import { dayjs } from '../../../src/domain/time.js';
import { renderDraft } from '../../../src/reports/docx.js';
import { codeIn, TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

const admin: TgUser = { id: 1001, first_name: 'Hoa' };
const focal: TgUser = { id: 2002, first_name: 'Trang' };
const leader: TgUser = { id: 3003, first_name: 'Minh' };
let h: TelegramHarness;
const at = (local: string) => h.clock.set(dayjs.tz(local, 'YYYY-MM-DD HH:mm', 'Asia/Ho_Chi_Minh').toDate());

/** The text of a .docx's body (document.xml) and its parts. */
function partsOf(data: Buffer): { xml: string; text: string; styles: string; headers: string[] } {
  const unzipped = readZipEntries(data, () => true);
  if (!unzipped.ok) throw new Error('not a zip');
  const { entries } = unzipped;
  const xml = entries.get('word/document.xml')!.toString('utf8');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const headers = [...entries.keys()].filter((k) => /^word\/header\d+\.xml$/.test(k)).map((k) => entries.get(k)!.toString('utf8'));
  return { xml, text, styles: entries.get('word/styles.xml')!.toString('utf8'), headers };
}

/** The .docx the last command sent to a user, and the message's text. */
async function draftFor(user: TgUser, command: string): Promise<{ text: string; data: Buffer; filename: string }> {
  const before = h.calls.length;
  const [text] = await h.send(user, command);
  const doc = h.calls.slice(before).find((c) => c.method === 'sendDocument' && c.payload.chat_id === user.id);
  expect(doc, `no document for ${command}: ${text}`).toBeDefined();
  const file = doc!.payload.document as { fileData: Uint8Array; filename?: string };
  return { text: text!, data: Buffer.from(file.fileData), filename: String(file.filename ?? '') };
}

// The fixture of the /tonghop tests: Sở Tư pháp leads 1.6, 2.3, 2.4 (Quý III/2024), 2.5 and 3.7
// (Quý II/2024: nominal 30/6, a Sunday, so due Monday 1/7); 24/6 2.5 done and the 6-month report
// submitted; 2/7 2.3 at 40%, 2.4 blocked "thiếu người".
beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2024-06-24T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
  await h.join(focal, codeIn((await h.send(admin, '/moi STP dau_moi'))[0]!));
  await h.join(leader, codeIn((await h.send(admin, '/moi UBNDT lanh_dao'))[0]!));
  const csv = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plans', 'status-replies.csv'));
  await h.app.services.plans.importFile('status.csv', csv, { name: 'KH thử', year: 2024 });
  h.app.scheduler.planIfNewDay();
  await h.send(focal, '2.5 xong theo Quyết định 12/QĐ-STP');
  await h.send(focal, '/nopbaocao 6T');
  at('2024-07-02 09:00');
  await h.send(focal, '2.3 đang làm 40%');
  await h.send(focal, '2.4 vướng: thiếu người');
});

afterEach(async () => {
  await h.close();
});

describe('/soanbaocao: the periodic report drafted from the record', () => {
  it('a focal point gets their agency draft: figures as /quahan gives them, layout of Nghị định 30/2020', async () => {
    const { text, data, filename } = await draftFor(focal, '/soanbaocao Q3 2024');
    expect(filename).toBe('bao-cao-cchc-2024-Q3-STP.docx');
    // Q3 window 15/6–14/9/2024: the "Quý II" dates (nominal 30/6) of 2.5 and 3.7 fall in it; the
    // "Quý III" dates (30/9) do not. 2.5 done 24/6, before its 1/7 date → on time; 3.7 past, not done.
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Dự thảo báo cáo CCHC quý III năm 2024 — Sở Tư pháp (số liệu 15/06/2024–14/09/2024, tình hình đến 02/07/2024).');
    // 3.7 (due 1/7, not done on 2/7) is the one due and not done: the summary's parts add up to the 2 due
    // (1 + 0 + 0 + 1), as in the document's section I.
    expect(lines[1]).toBe('Nhiệm vụ đến hạn trong kỳ: 2; hoàn thành đúng hạn 1, chậm hạn 0; đang thực hiện, chưa đến hạn 0; đến hạn mà chưa hoàn thành 1; được gia hạn 0.');
    // The overdue figure is /quahan's for the same agency and day.
    const [overdue] = await h.send(admin, '/quahan STP');
    const n = Number(/Việc quá hạn \((\d+)\)/.exec(overdue!)![1]);
    // Sở Tư pháp: the Q1 report never sent, and 3.7 (one working day late).
    expect(n).toBe(2);
    expect(lines[2]).toBe(`Việc quá hạn: ${n} (như /quahan); chưa gửi báo cáo: 1. Phần đánh giá và kiến nghị để đơn vị bổ sung trước khi ký; số liệu các phụ lục kèm tệp Excel.`);

    const { xml, text: body, styles, headers } = partsOf(data);
    // A4 portrait, margins top/bottom 20 mm (1134 twips), left 30 mm (1701), right 15 mm (850).
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    // Times New Roman in every font slot, 14 pt (28 half-points), Vietnamese.
    expect(styles).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>');
    expect(styles).toContain('<w:sz w:val="28"/>');
    expect(styles).toContain('<w:lang w:val="vi-VN"/>');
    // No page number on page 1 (titlePg), a PAGE field in the header of the others; the appendix is
    // its own landscape section (a section break, then 297 × 210 mm) with a repeated header row.
    expect(xml).toContain('<w:titlePg/>');
    expect(headers.some((x) => x.includes('PAGE'))).toBe(true);
    expect(xml).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(body).toBe(body.normalize('NFC'));
    // The decree's header block, number, place and date, type, recipients, closing.
    for (const words of ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP', 'Số: …/BC-STP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Tĩnh, ngày …… tháng …… năm 2024', 'BÁO CÁO', 'Kính gửi: Sở Nội vụ tỉnh Hà Tĩnh.', 'Nơi nhận:', './.']) {
      expect(body).toContain(words);
    }
    // No signer or recipients set for Sở Tư pháp: blanks to fill, not a title guessed from its kind.
    expect(body).toContain('- Như trên;- [bổ sung];- Lưu: VT.[bổ sung chức vụ người ký][bổ sung]');
    // The content: the plan cited (a CSV: nothing of its document known, each part a visible blank;
    // its name in dondoc, "KH thử", is not its title), each task with its state and evidence.
    expect(body).toContain('Căn cứ [bổ sung] số [bổ sung] ngày [bổ sung] của [bổ sung] về [bổ sung];');
    expect(body).toContain('Trong kỳ có 2 nhiệm vụ đến hạn theo kế hoạch; đã hoàn thành 1 (50,00%), trong đó đúng hạn 1 (50,00%), chậm hạn 0 (0,00%)');
    // The evidence is the document number the done reply named ("xong theo Quyết định 12/QĐ-STP").
    expect(body).toContain('2.5 Kiểm tra văn bản quy phạm pháp luật (Sở Tư pháp; hạn 01/07/2024): Hoàn thành ngày 24/06/2024; tài liệu kiểm chứng: 12/QĐ-STP.');
    expect(body).toContain('3.7 Ban hành kế hoạch rà soát thủ tục (Sở Tư pháp; hạn 01/07/2024): Quá hạn, chưa hoàn thành');
    // Next period: the Quý III dates; the open problem with its reason from the reply.
    expect(body).toMatch(/IV\. PHƯƠNG HƯỚNG[^]*2\.3 Số hóa hồ sơ thủ tục hành chính[^]*2\.4 Tập huấn/);
    expect(body).toMatch(/V\. ĐỀ XUẤT, KIẾN NGHỊ\[Đơn vị bổ sung[^]*2\.4 Tập huấn kỹ năng xây dựng văn bản \(Sở Tư pháp\): Đang thực hiện; vướng mắc: thiếu người/);
    // The judgment sections are marked for a person; no figure is a placeholder.
    expect(body).toContain('[Đơn vị bổ sung đánh giá ưu điểm, hạn chế');

    // Phụ lục II: the rubric's rates with the figures of section I (1 of 2 due done, on time) and the
    // Q3 report not yet sent (0 of 1); this plan states no figure of its own, so no other row.
    const appendixII = body.slice(body.indexOf('Phụ lục II'), body.indexOf('Phụ lục III'));
    expect(appendixII).toContain('TTChỉ tiêuChỉ tiêu kế hoạchKết quả thực hiệnNguồn số liệu');
    expect(appendixII).toContain('1Tỷ lệ hoàn thành kế hoạch CCHC: nhiệm vụ đến hạn trong kỳ đã hoàn thànhtrên 90% (2 điểm)1/2 (50,00%)');
    expect(appendixII).toContain('Báo cáo định kỳ (quý I, 6 tháng, quý III, năm) đầy đủ, đúng hạn: Báo cáo CCHC quý III năm 2024 gửi đúng hạn100% (1 điểm)0/1 (0,00%)');
    expect(appendixII).toContain('Nhiệm vụ hoàn thành đúng hạn: hoàn thành đúng hạn trên số nhiệm vụ đến hạn trong kỳtừ 90% (1 điểm)1/2 (50,00%)');
    // Phụ lục III: criterion → task → reply → document; the rates are section I's.
    const appendixIII = body.slice(body.indexOf('Phụ lục III'));
    expect(appendixIII).toContain('Tỷ lệ hoàn thành nhiệm vụ đến hạn trong kỳ: 1/2 (50,00%); tỷ lệ hoàn thành đúng hạn: 1/2 (50,00%).');
    expect(appendixIII).toContain('2.5 Kiểm tra văn bản quy phạm pháp luậtSở Tư phápBáo hoàn thành ngày 24/06/2024 (đúng hạn)12/QĐ-STP');
    // 3.7: no reply at all, nothing to evidence yet.
    expect(appendixIII).toContain('3.7 Ban hành kế hoạch rà soát thủ tụcSở Tư phápChưa báo cáo—');
  });

  it('sends the appendix figures as an .xlsx beside the .docx: numbers as numbers, the same as the document\'s', async () => {
    const before = h.calls.length;
    await h.send(admin, '/soanbaocao Q3 2024');
    const docs = h.calls.slice(before).filter((c) => c.method === 'sendDocument' && c.payload.chat_id === admin.id);
    expect(docs.map((d) => (d.payload.document as { filename?: string }).filename)).toEqual(['bao-cao-cchc-2024-Q3-tinh.docx', 'bao-cao-cchc-2024-Q3-tinh.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((docs[1]!.payload.document as { fileData: Uint8Array }).fileData) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Phụ lục I', 'Phụ lục II', 'Phụ lục III - tỷ lệ', 'Phụ lục III', 'Báo cáo các cơ quan']);
    const draft = h.app.services.drafts.draft({ code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-06-15', to: '2024-09-14' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' });
    // The whole province's window: 2.5 done on time, 3.7 not done (the fixture) → due 2, done 1, on time 1.
    const total = workbook.getWorksheet('Phụ lục III - tỷ lệ')!.getRow(workbook.getWorksheet('Phụ lục III - tỷ lệ')!.rowCount).values as unknown[];
    expect(total.slice(1)).toEqual(['Tổng cộng', 2, 1, 1, 0.5, 0.5]);
    expect([draft.counts.due, draft.counts.doneOnTime + draft.counts.doneLate]).toEqual([2, 1]);
    // The overdue line is /quahan's number, as in the chat text.
    const [overdueAll] = await h.send(admin, '/quahan');
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const overdueRow = [...Array(summary.rowCount).keys()].map((i) => summary.getRow(i + 1).values as unknown[]).find((v) => String(v[1]).startsWith('Việc quá hạn'))!;
    expect(overdueRow[2]).toBe(Number(/Việc quá hạn \((\d+)\)/.exec(overdueAll!)![1]));
    // Phụ lục I: a date is a date; 3.7 not done has no day and no document (empty cells, not 0 or a guess).
    const tasks = workbook.getWorksheet('Phụ lục I')!;
    const row37 = [...Array(tasks.rowCount).keys()].map((i) => tasks.getRow(i + 1).values as unknown[]).find((v) => v[2] === '3.7')!;
    expect(row37[6]).toEqual(new Date('2024-07-01T00:00:00Z'));
    expect([row37[8], row37[11]]).toEqual([undefined, undefined]);
  });

  it('an admin gets the province draft, or one agency\'s; the same day gives the same document XML', async () => {
    const province = await draftFor(admin, '/soanbaocao Q3 2024');
    expect(province.filename).toBe('bao-cao-cchc-2024-Q3-tinh.docx');
    const [overdueAll] = await h.send(admin, '/quahan');
    const all = Number(/Việc quá hạn \((\d+)\)/.exec(overdueAll!)![1]);
    expect(province.text).toContain(`Việc quá hạn: ${all} (như /quahan)`);
    const { text: body } = partsOf(province.data);
    expect(body).toContain('Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh; Bộ Nội vụ.');
    expect(body).toContain('SỞ NỘI VỤ');
    // The report table: the 6-month report was sent; no agency has sent the Q3 report yet.
    expect(body).toMatch(/Báo cáo CCHC quý III năm 2024: đã nhận 0 báo cáo/);
    // Its table: one row per agency owing it, Sở Tư pháp's marked not yet sent.
    expect(body).toContain('TTCơ quan, đơn vịSố văn bảnNgày gửiThời hạn');
    expect(body).toMatch(/\d+Sở Tư phápChưa gửi/);
    const one = await draftFor(admin, '/soanbaocao Q3 2024 STC');
    expect(one.filename).toBe('bao-cao-cchc-2024-Q3-STC.docx');
    const again = await draftFor(admin, '/soanbaocao Q3 2024');
    expect(partsOf(again.data).xml).toBe(partsOf(province.data).xml);
  });

  it('a leader of UBND tỉnh gets the province draft (UBND tỉnh itself has no tasks of its own plan: its own draft was all zeros), or one agency\'s', async () => {
    const province = await draftFor(leader, '/soanbaocao Q3 2024');
    expect(province.filename).toBe('bao-cao-cchc-2024-Q3-tinh.docx');
    expect(partsOf(province.data).xml).toBe(partsOf((await draftFor(admin, '/soanbaocao Q3 2024')).data).xml);
    expect((await draftFor(leader, '/soanbaocao Q3 2024 STP')).filename).toBe('bao-cao-cchc-2024-Q3-STP.docx');
    // /diem for UBND tỉnh says it is not scored and where the agencies' scores are.
    const [score] = await h.send(leader, '/diem');
    expect(score).toContain('không được chấm điểm');
    expect(score).toContain('Xem điểm các cơ quan: /xephang (xếp hạng) hoặc /diem &lt;mã cơ quan&gt;.');
  });

  it('counts with the same query as /tonghop: over the quarter, the draft\'s due and done are /tonghop\'s', async () => {
    const [summary] = await h.send(leader, '/tonghop STP');
    const m = /Nhiệm vụ đến hạn trong quý: (\d+); đã hoàn thành (\d+)/.exec(summary!)!;
    const { drafts } = h.app.services;
    const quarter = { code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-07-01', to: '2024-09-30' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' };
    const draft = drafts.draft(quarter, { agencyId: h.app.store.agencies.byCode('STP')!.id });
    expect(draft.counts.due).toBe(Number(m[1]));
    expect(draft.counts.doneOnTime + draft.counts.doneLate).toBe(Number(m[2]));
    // …and that is 3 (1.6, 2.3, 2.4), none done: the fixture read by hand.
    expect(draft.counts.due).toBe(3);
  });

  it('/baocao of a periodic report offers the draft in one tap', async () => {
    await h.send(admin, '/baocao Q3 2024');
    const [button] = h.lastButtons(admin.id);
    expect(button!.text).toBe('📝 Soạn dự thảo báo cáo');
    const before = h.calls.length;
    await h.press(admin, button!.callback_data);
    const doc = h.calls.slice(before).find((c) => c.method === 'sendDocument');
    expect((doc!.payload.document as { filename?: string }).filename).toBe('bao-cao-cchc-2024-Q3-tinh.docx');
  });

  it('signs and addresses the draft as an admin set it for the agency (/caidatbaocao), refusing what the decree does not allow', async () => {
    const set = async (text: string) => (await h.send(admin, text))[0]!;
    expect(await set('/caidatbaocao STP chucvu kt. giám đốc / phó giám đốc')).toContain('Chức vụ người ký: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC');
    expect(await set('/caidatbaocao STP nguoiky Nguyễn Văn An')).toContain('Họ tên người ký: Nguyễn Văn An');
    expect(await set('/caidatbaocao STP noinhan - Sở Nội vụ; - Giám đốc Sở (b/c);')).toContain('Nơi nhận: Sở Nội vụ; Giám đốc Sở (b/c); Lưu: VT');
    // Refused, nothing changed: "TM." is for a collective body, not a Sở; "KT." needs the deputy's title under it.
    expect(await set('/caidatbaocao STP chucvu TM. SỞ TƯ PHÁP / GIÁM ĐỐC')).toContain('Chưa lưu: “TM.” (thay mặt) chỉ dùng cho tập thể');
    expect(await set('/caidatbaocao STP chucvu KT. GIÁM ĐỐC')).toContain('Chưa lưu: sau “KT. GIÁM ĐỐC” cần dòng chức vụ của người ký');
    expect(await set('/caidatbaocao STP nguoiky An')).toContain('Chưa lưu: họ tên người ký “An” không đọc được');
    expect(await h.send(focal, '/caidatbaocao STP nguoiky Trần Thị Trang')).toEqual([expect.stringContaining('/caidatbaocao')]);
    const { text: body } = partsOf((await draftFor(focal, '/soanbaocao Q3 2024')).data);
    // Nơi nhận in the decree's form: each line "- …;", the last "- Lưu: VT."; then the title and the name.
    expect(body).toContain('Nơi nhận:- Sở Nội vụ;- Giám đốc Sở (b/c);- Lưu: VT.KT. GIÁM ĐỐCPHÓ GIÁM ĐỐCNguyễn Văn An');
    // The province's draft is Sở Nội vụ's: its settings, not Sở Tư pháp's.
    const { text: province } = partsOf((await draftFor(admin, '/soanbaocao Q3 2024')).data);
    expect(province).not.toContain('Nguyễn Văn An');
    expect(await set('/caidatbaocao STP xoa nguoiky')).toContain('Họ tên người ký: chưa đặt');
  });

  it('in the running bot builds the draft in a worker thread: the same document XML as in place', async () => {
    const inPlace = await draftFor(admin, '/soanbaocao Q3 2024');
    h.app.startBackground();
    const offThread = h.app.services.draftFiles.offThread!;
    expect(offThread).toBeDefined();
    let jobs = 0;
    h.app.services.draftFiles.offThread = (request, limits) => {
      jobs += 1;
      return offThread(request, limits);
    };
    const threaded = await draftFor(admin, '/soanbaocao Q3 2024');
    expect(jobs).toBe(1);
    // Two asked at once are built one after the other: never two worker threads holding memory.
    let running = 0;
    let most = 0;
    h.app.services.draftFiles.offThread = async (request, limits) => {
      most = Math.max(most, (running += 1));
      try {
        return await offThread(request, limits);
      } finally {
        running -= 1;
      }
    };
    const [a, b] = await Promise.all([h.app.services.draftFiles.build({ period: { code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-06-15', to: '2024-09-14' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' } }), h.app.services.draftFiles.build({ period: { code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-06-15', to: '2024-09-14' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' }, agencyId: h.app.store.agencies.byCode('STP')!.id })]);
    expect([a.ok, b.ok, most]).toEqual([true, true, 1]);
    expect(threaded.text).toBe(inPlace.text);
    expect(partsOf(threaded.data).xml).toBe(partsOf(inPlace.data).xml);
  });

  it('a draft longer than the limit gets no Word file: the Vietnamese message saying what to do, and the .xlsx with every row', async () => {
    const { DRAFT_LIMITS } = await import('../../../src/reports/draft-files.js');
    const { documentLines } = await import('../../../src/reports/task-groups.js');
    // The limit set at Sở Tư pháp's draft's length: the province's (every agency's tasks, overdue
    // items and the table of reports) is longer, so it gets no Word file; Sở Tư pháp's still does.
    const q3 = { code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-06-15', to: '2024-09-14' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' };
    const { drafts } = h.app.services;
    const limit = documentLines(drafts.draft(q3, { agencyId: h.app.store.agencies.byCode('STP')!.id }));
    const lines = documentLines(drafts.draft(q3));
    expect(lines).toBeGreaterThan(limit);
    h.app.services.draftFiles.limits = { ...DRAFT_LIMITS, maxLines: limit };
    const before = h.calls.length;
    // (Telegram's HTML: "<" and ">" arrive escaped.)
    const [text] = await h.send(admin, '/soanbaocao Q3 2024');
    const docs = h.calls.slice(before).filter((c) => c.method === 'sendDocument' && c.payload.chat_id === admin.id);
    expect(docs.map((d) => (d.payload.document as { filename?: string }).filename)).toEqual(['bao-cao-cchc-2024-Q3-tinh.xlsx']);
    expect(text).toContain(`Bản Word của dự thảo này sẽ quá dài (${lines} dòng, giới hạn ${limit} dòng) nên dondoc không soạn tệp Word.`);
    expect(text).toMatch(/nên dondoc không soạn tệp Word\. Gửi kèm tệp Excel số liệu các phụ lục, đủ từng cơ quan\. Muốn bản Word, hãy soạn cho từng cơ quan: \/soanbaocao Q3 2024 &lt;mã cơ quan&gt;\./);
    // The figures are still the draft's: the first two lines as always.
    expect(text).toContain('Nhiệm vụ đến hạn trong kỳ: 2; hoàn thành đúng hạn 1');
    // One agency's draft is short enough: it comes as a Word file.
    expect((await draftFor(admin, '/soanbaocao Q3 2024 STP')).filename).toBe('bao-cao-cchc-2024-Q3-STP.docx');
    // The period in everyday words, then the agency.
    expect((await draftFor(admin, '/soanbaocao quý III/2024 STP')).filename).toBe('bao-cao-cchc-2024-Q3-STP.docx');
    expect((await draftFor(admin, '/soanbaocao 9 tháng 2024 STP')).filename).toBe('bao-cao-cchc-2024-9T-STP.docx');
  });

  it('a draft the worker cannot finish in time is stopped: the Vietnamese message, no file at all', async () => {
    const { DRAFT_LIMITS } = await import('../../../src/reports/draft-files.js');
    h.app.startBackground();
    // 1 ms: the worker thread is stopped before it has even opened the database.
    h.app.services.draftFiles.limits = { ...DRAFT_LIMITS, timeoutMs: 1 };
    const before = h.calls.length;
    const [text] = await h.send(admin, '/soanbaocao Q3 2024');
    expect(h.calls.slice(before).filter((c) => c.method === 'sendDocument')).toEqual([]);
    expect(text).toBe('Soạn dự thảo quá 1 giây nên dondoc đã dừng; không có tệp nào được gửi. Hãy soạn cho từng cơ quan: /soanbaocao Q3 2024 &lt;mã cơ quan&gt;, hoặc thử lại lúc ít người dùng.');
  });

  it('a draft that needs more memory than the worker may use ends the worker, not the bot: the Vietnamese message, no file', async () => {
    const { DRAFT_LIMITS } = await import('../../../src/reports/draft-files.js');
    h.app.startBackground();
    // 4 MB of old generation: the thread runs out while it loads its modules.
    h.app.services.draftFiles.limits = { ...DRAFT_LIMITS, maxMemoryMb: 4 };
    const before = h.calls.length;
    const [text] = await h.send(admin, '/soanbaocao Q3 2024');
    expect(h.calls.slice(before).filter((c) => c.method === 'sendDocument')).toEqual([]);
    expect(text).toBe('Soạn dự thảo cần quá 4 MB bộ nhớ nên dondoc đã dừng; không có tệp nào được gửi. Hãy soạn cho từng cơ quan: /soanbaocao Q3 2024 &lt;mã cơ quan&gt;, hoặc thử lại lúc ít người dùng.');
    // The bot is still there: the next command is answered.
    h.app.services.draftFiles.limits = DRAFT_LIMITS;
    expect((await draftFor(admin, '/soanbaocao Q3 2024 STP')).filename).toBe('bao-cao-cchc-2024-Q3-STP.docx');
  });

  it('names in Phụ lục III the files an agency sent with its replies (name and day), in the .docx and the .xlsx', async () => {
    // 2/7: Sở Tư pháp reports 3.7 (due 1/7, in the Q3 window) in progress and sends its draft plan as a file.
    await h.send(focal, '3.7 đang làm 10%');
    await h.sendDocument(focal, 'du-thao-ke-hoach-ra-soat.pdf', Buffer.from('%PDF-1.4 thử'));
    const before = h.calls.length;
    const { data } = await draftFor(focal, '/soanbaocao Q3 2024');
    const sheet = h.calls.slice(before).find((c) => c.method === 'sendDocument' && String((c.payload.document as { filename?: string }).filename).endsWith('.xlsx'))!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((sheet.payload.document as { fileData: Uint8Array }).fileData) as unknown as ArrayBuffer);
    const evidence = workbook.getWorksheet('Phụ lục III')!;
    const row37 = [...Array(evidence.rowCount).keys()].map((i) => evidence.getRow(i + 1).values as unknown[]).find((v) => v[3] === '3.7')!;
    // Columns: TT, criterion, code, task, agency, date, reply, document.
    expect(row37[8]).toBe('tệp: du-thao-ke-hoach-ra-soat.pdf (02/07/2024)');
    const appendixIII = partsOf(data).text.slice(partsOf(data).text.indexOf('Phụ lục III'));
    // Still not done (a file is not a done reply), the file named with the day it came.
    expect(appendixIII).toContain('3.7 Ban hành kế hoạch rà soát thủ tụcSở Tư phápBáo đang thực hiện ngày 02/07/2024, đạt 10%; chưa hoàn thànhtệp: du-thao-ke-hoach-ra-soat.pdf (02/07/2024)');
    // A draft as of 1/7, before the file came, does not name it.
    const { buildDraftFiles } = await import('../../../src/reports/draft-files.js');
    const q3 = { code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-06-15', to: '2024-09-14' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' };
    const earlier = await buildDraftFiles(h.app.services.drafts, { period: q3, agencyId: h.app.store.agencies.byCode('STP')!.id, asOf: '2024-07-01' });
    expect(earlier.ok && partsOf(Buffer.from(earlier.value.docx!)).text).not.toContain('du-thao-ke-hoach-ra-soat.pdf');
  });

  it('refuses what it cannot draft, in Vietnamese', async () => {
    expect(await h.send(focal, '/soanbaocao Q2')).toEqual([expect.stringContaining('Kỳ “Q2” không có. Dùng một trong Q1, 6T, Q3, 9T, NAM')]);
    expect(await h.send(focal, '/soanbaocao quý 2 2024')).toEqual([expect.stringContaining('Kỳ “quý 2 2024” không có')]);
    expect(await h.send(focal, '/soanbaocao Q3 2024 STC')).toEqual([expect.stringContaining('Chỉ quản trị (Sở Nội vụ) và lãnh đạo UBND tỉnh, Sở Nội vụ soạn được báo cáo cho cơ quan khác')]);
    expect(await h.send(admin, '/soanbaocao Q3 2024 Sở Không Có')).toEqual([expect.stringContaining('Không tìm thấy cơ quan “Sở Không Có”')]);
    expect(await h.send(focal, '/soanbaocao Q3 2025')).toEqual([expect.stringContaining('trước kỳ báo cáo')]);
  });

  it('refuses a layout outside Nghị định 30/2020\'s ranges', async () => {
    const { REPORT_LAYOUT } = await import('../../../src/reports/layout.js');
    const draft = h.app.services.drafts.draft({ code: 'Q3', year: 2024, label: 'quý III', window: { from: '2024-06-15', to: '2024-09-14' }, agencyDue: '2024-09-15', provinceDue: '2024-09-20', reportCode: 'Q3' });
    const wide = { ...REPORT_LAYOUT, margins: { ...REPORT_LAYOUT.margins, left: { ...REPORT_LAYOUT.margins.left, value: 25 } } };
    await expect(renderDraft(draft, wide)).rejects.toThrow(/lề left = 25 ngoài khoảng 30–35 \(Nghị định 30\/2020\/NĐ-CP, Phụ lục I, I.4\)/);
  });
});
