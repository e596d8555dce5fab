import { buildDocx, numberingXml, para, row, run, table, type Cell } from './docx-builder.js';

const TT_LEVELS = [
  { format: 'decimal', text: '%1.' },
  { format: 'lowerLetter', text: '%2)' },
];
const BULLET = [{ format: 'bullet', text: '-' }];

/** TT auto-numbered: level 0 "1.", level 1 "a)" (one list), and a dash bullet list. */
const LISTS = numberingXml(
  [TT_LEVELS, BULLET],
  // Sections II and III restart the TT count at 1 (Word: a new list instance with startOverride).
  '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
    '<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
);
/** The same numbers with sections II and III as lists of their own (numIds 3 and 4), no startOverride. */
const PORTABLE_LISTS = numberingXml([TT_LEVELS, BULLET, TT_LEVELS, TT_LEVELS]);

const tt = (numId: number, ilvl = 0): Cell => ({ paragraphs: para('', { numId, ilvl }) });
const bullet = (text: string): Cell => ({ paragraphs: para(text, { numId: 2 }) });
const group = (text: string): string => row([{ text, span: 6 }]);

/** The two-row header: "Cơ quan thực hiện" merged over "Chủ trì | Phối hợp", the rest merged down; then column numbers. */
const HEADER = [
  row(
    [
      { text: 'TT', vMerge: 'restart' },
      { text: 'Nhiệm vụ', vMerge: 'restart' },
      { text: 'Cơ quan thực hiện', span: 2 },
      { text: 'Thời gian hoàn thành', vMerge: 'restart' },
      { text: 'Sản phẩm', vMerge: 'restart' },
    ],
    '<w:tblHeader/>',
  ),
  row([{ vMerge: 'continue' }, { vMerge: 'continue' }, 'Cơ quan chủ trì', 'Cơ quan phối hợp', { vMerge: 'continue' }, { vMerge: 'continue' }], '<w:tblHeader/>'),
  row(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']),
];

/**
 * A 2026 provincial CCHC plan as a Word file: letterhead table, an indicator table, the Phụ lục
 * task table split in two by a page break (the header repeated), and the signature table.
 * `portable`: the same plan as issued, in the forms LibreOffice 7.4 carries into a .doc — tracked
 * changes accepted (the deleted row gone, the inserted lead plain: it writes a tracked row deletion
 * as an ordinary row) and each section's TT a list of its own (it drops a list's startOverride, so
 * section II would count 1, 1, 2).
 */
export function plan2026Docx(options: { portable?: boolean; ruled?: boolean; borderless?: 'repeated' | 'flowing' } = {}): Promise<Buffer> {
  // `ruled`: the indicator and task tables printed with borders and real widths, as a plan is
  // issued (its PDF export then has ruling lines: scripts/make-pdf-fixtures.ts).
  // `borderless`: the same widths with the borders turned off (many provinces publish so); section
  // II's agencies written on each of its rows (a merged cell cannot be seen without borders), and
  // page 2 either repeating the header (`repeated`) or going straight on with the rows (`flowing`).
  const ruled = options.ruled ? { ruled: true, widths: [700, 5200, 2400, 2400, 1800, 2000] } : options.borderless ? { widths: [700, 5200, 2400, 2400, 1800, 2000] } : {};
  const merged = !options.borderless;
  const letterhead = table(2, [
    row(['ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc']),
    row(['Số: 45/KH-UBND', 'Hà Tĩnh, ngày 08 tháng 01 năm 2026']),
  ]);
  const indicators = table(3, [row(['STT', 'Chỉ tiêu', 'Mục tiêu năm 2026']), row(['1', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', '98%'])], options.ruled ? { ruled: true, widths: [700, 6000, 2400] } : {});
  const part1 = table(6, [
    ...HEADER,
    group('I. CẢI CÁCH THỂ CHẾ'),
    row([tt(1), 'Xây dựng, ban hành Kế hoạch rà soát văn bản quy phạm pháp luật năm 2026', 'Sở Tư pháp', 'Các sở, ban, ngành', 'Quý I/2026', 'Kế hoạch']),
    row([tt(1), 'Kiểm tra, theo dõi thi hành pháp luật', '', '', '', '']),
    row([tt(1, 1), 'Kiểm tra công tác theo dõi thi hành pháp luật tại các sở', 'Sở Tư pháp', '', 'Quý III/2026', 'Báo cáo']),
    row([tt(1, 1), 'Tổng hợp báo cáo kết quả theo dõi thi hành pháp luật', 'Sở Nội vụ', 'Sở Tư pháp', 'Trước 15/12/2026', 'Báo cáo']),
    row([tt(1), 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', 'Văn phòng UBND tỉnh', 'Năm 2026', 'Kết luận kiểm tra']),
    row(['', bullet('Kiểm tra tại các sở, ban, ngành'), '', '', 'Quý II/2026', '']),
    row(['', bullet('Kiểm tra tại UBND các xã, phường'), '', '', '', '']),
    group('II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH'),
    row([tt(3), 'Rà soát, đơn giản hóa thủ tục hành chính', merged ? { text: 'Văn phòng UBND tỉnh', vMerge: 'restart' } : 'Văn phòng UBND tỉnh', merged ? { text: 'Sở Tư pháp', vMerge: 'restart' } : 'Sở Tư pháp', 'Quý II/2026', 'Quyết định']),
    // A row deleted with tracked changes: not in the plan as issued, and not counted by the TT list.
    ...(options.portable ? [] : [row([tt(3), 'Nhiệm vụ đã bỏ khi duyệt', { vMerge: 'continue' }, { vMerge: 'continue' }, 'Quý IV/2026', ''], '<w:del w:id="90" w:author="SNV" w:date="2026-01-06T00:00:00Z"/>')]),
    row([tt(3), 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', merged ? { vMerge: 'continue' } : 'Văn phòng UBND tỉnh', merged ? { vMerge: 'continue' } : 'Sở Tư pháp', 'Thường xuyên', 'Hồ sơ số hóa']),
  ], ruled);
  const tracked = options.portable
    ? run('Sở Nội vụ')
    : '<w:del w:id="91" w:author="SNV" w:date="2026-01-06T00:00:00Z"><w:r><w:delText>Sở Tư pháp</w:delText></w:r></w:del>' +
    '<w:ins w:id="92" w:author="SNV" w:date="2026-01-06T00:00:00Z"><w:r><w:t>Sở Nội vụ</w:t></w:r></w:ins>';
  const part2 = table(6, [
    ...(options.borderless === 'flowing' ? [] : HEADER),
    row([tt(3), 'Công bố danh mục thủ tục hành chính\nmới ban hành', { paragraphs: para('', undefined, tracked) }, '', 'Tháng 6/2026', 'Quyết định công bố']),
    group('III. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ'),
    row([tt(4), 'Vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh', 'Sở Khoa học và Công nghệ', 'Văn phòng UBND tỉnh', 'Năm 2026', 'Hệ thống vận hành']),
  ], ruled);
  const signature = table(2, [row(['Nơi nhận:\n- Bộ Nội vụ;\n- Lưu: VT, NC.', 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH'])]);
  const body = [
    letterhead,
    para('KẾ HOẠCH'),
    para('Cải cách hành chính năm 2026'),
    indicators,
    para('Phụ lục'),
    para('NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026'),
    part1,
    `<w:p>${run('')}<w:r><w:br w:type="page"/></w:r></w:p>`,
    part2,
    para(''),
    signature,
  ].join('');
  return buildDocx(body, { numbering: options.portable ? PORTABLE_LISTS : LISTS });
}

/**
 * What the plan above means, task by task (code, lead, coordinating, deadline): group rows are
 * areas, "2." with nobody assigned is the parent I.2 of its a) and b), the dashes under task 3 are
 * its sub-tasks and take its lead (and its deadline where theirs is empty), the merged agency cells
 * of section II belong to both rows they cover, the deleted row is gone, the tracked change makes
 * Sở Nội vụ the lead of II.3, and section III's TT restarts at 1.
 */
export const PLAN_2026_TASKS = [
  { code: 'I.1', lead: 'Sở Tư pháp', coord: 'Các sở, ban, ngành', deadline: 'Quý I/2026' },
  { code: 'I.2.a', lead: 'Sở Tư pháp', coord: '', deadline: 'Quý III/2026' },
  { code: 'I.2.b', lead: 'Sở Nội vụ', coord: 'Sở Tư pháp', deadline: 'Trước 15/12/2026' },
  { code: 'I.3', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh', deadline: 'Năm 2026' },
  { code: 'I.3.1', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh', deadline: 'Quý II/2026' },
  { code: 'I.3.2', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh', deadline: 'Năm 2026' },
  { code: 'II.1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý II/2026' },
  { code: 'II.2', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Thường xuyên' },
  { code: 'II.3', lead: 'Sở Nội vụ', coord: '', deadline: 'Tháng 6/2026' },
  { code: 'III.1', lead: 'Sở Khoa học và Công nghệ', coord: 'Văn phòng UBND tỉnh', deadline: 'Năm 2026' },
];
