import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramHarness, type TgUser } from '../../helpers/telegram-harness.js';

/**
 * Issue 27 in chat: a plan whose table ticks quarters under "Thời gian thực hiện", has a start column
 * and money columns, sent as a file. The preview says what the columns were read as and what was left;
 * after the confirm button, /nhiemvu shows the task's start beside its deadline.
 */
const admin: TgUser = { id: 1001, first_name: 'Hoa' };
let h: TelegramHarness;

beforeEach(async () => {
  h = await TelegramHarness.start({ start: '2026-01-05T02:00:00Z' });
  await h.join(admin, h.invite('SNV', 'admin'));
});
afterEach(async () => {
  await h.close();
});

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'));

describe('a plan with tick, start and money columns, sent in chat', () => {
  it('previews the columns read and left, then /nhiemvu shows "Từ … đến …"', async () => {
    const file = csv([
      ['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian', '', 'Kinh phí', '', 'Ghi chú'],
      ['', '', '', 'Bắt đầu', 'Hoàn thành', 'Ngân sách tỉnh', 'Nguồn khác', ''],
      ['1', 'Xây dựng Đề án chính quyền số', 'Sở Khoa học và Công nghệ', 'Tháng 3/2026', '30/6/2026', '300', '', ''],
      ['2', 'Rà soát văn bản quy phạm pháp luật', 'Sở Tư pháp', 'Quý III/2026', 'Tháng 6/2026', '', '', ''],
    ]);
    const [preview] = await h.sendDocument(admin, 'ke-hoach-2026.csv', file, '2026 Kế hoạch CCHC năm 2026');
    expect(preview).toContain('Xem trước (chưa ghi) kế hoạch “Kế hoạch CCHC năm 2026”: 2 nhiệm vụ');
    expect(preview).toContain('Cột không dùng khi nhập: “Kinh phí — Ngân sách tỉnh”, “Kinh phí — Nguồn khác”, “Ghi chú”.');
    // Task 2 would start in quarter III (1/7) but is due in June: the start is not stored, and the admin is told.
    expect(preview).toContain('Không ghi ngày bắt đầu cho 1 nhiệm vụ');
    expect(preview).toContain('dòng 4: bắt đầu “Quý III/2026”, hạn “Tháng 6/2026” — ngày bắt đầu sau hạn hoàn thành');
    const confirm = h.lastButtons(admin.id).find((b) => b.text === '✅ Nhập kế hoạch này')!;
    await h.press(admin, confirm.callback_data);
    const [details] = await h.send(admin, '/nhiemvu 1');
    // "Tháng 3/2026" starts on 1/3/2026; the task is due 30/6/2026.
    expect(details).toContain('<b>Thời gian thực hiện: </b>Từ 01/03/2026 đến 30/06/2026');
    const [other] = await h.send(admin, '/nhiemvu 2');
    expect(other).not.toContain('Thời gian thực hiện');
    expect(other).toContain('<b>Bắt đầu (theo kế hoạch, chưa đọc được ngày): </b>Quý III/2026');
    // The Excel export carries the start as a date in its last column; task 2's stays blank (not read as a day).
    const before = h.calls.length;
    await h.send(admin, '/xuatexcel 2026');
    const doc = h.calls.slice(before).find((c) => c.method === 'sendDocument')!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((doc.payload.document as { fileData: Uint8Array }).fileData) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Nhiệm vụ')!;
    expect(sheet.getRow(1).getCell(12).value).toBe('Ngày bắt đầu');
    const byCode = (code: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === code)!;
    expect(byCode('1').getCell(12).value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(byCode('2').getCell(12).value).toBeNull();
  });

  it('previews the tick columns and a tick cell that holds a date', async () => {
    const file = csv([
      ['TT', 'Nội dung', 'Đơn vị chủ trì', 'Thời gian thực hiện', '', '', ''],
      ['', '', '', 'Quý I', 'Quý II', 'Quý III', 'Quý IV'],
      ['1', 'Kiểm tra công tác CCHC', 'Sở Nội vụ', '', 'x', 'x', ''],
      ['2', 'Số hóa hồ sơ', 'Sở Nội vụ', '', '15/5/2026', '', ''],
      ['3', 'Tuyên truyền CCHC', 'Sở Nội vụ', '', '', '', ''],
    ]);
    const [preview] = await h.sendDocument(admin, 'ke-hoach-2026.csv', file, '2026 Kế hoạch CCHC năm 2026');
    expect(preview).toContain('Cột đánh dấu thời gian: Quý I, Quý II, Quý III, Quý IV');
    expect(preview).toContain('Cần đặt hạn cho 2 ô thời gian không đọc được:');
    expect(preview).toContain('dòng 4: “Quý II: 15/5/2026”');
    expect(preview).toContain('dòng 5: (ô trống, không có dấu ở quý/tháng nào)');
  });
});
