import JSZip from 'jszip';

/**
 * Plans laid out the way provinces publish them in 2026 (Times New Roman 12–13, A4, Nghị định 30
 * margins), each a .docx LibreOffice exports to the PDF fixtures test/fixtures/plans/probe/*.pdf
 * (scripts/make-pdf-probe-fixtures.ts): a landscape section with a wide table, a table over several
 * pages with its header repeated and rows cut by the breaks, a lead cell merged down across a page
 * break, sub-items on lines of their own inside a task cell, a signature block and "Nơi nhận" right
 * after the table, an indicator table ("Biểu 02") after the task table. Each comes with the tasks
 * it means: code, lead, coordinators and deadline as written in its cells.
 */

/** A task as the document means it: its code in the plan, and its cells as written. */
export interface ProbeTask {
  code: string;
  lead: string;
  coord: string;
  deadline: string;
}

/** A cell: its paragraphs (one a line), how many grid columns it spans, a vertical merge. */
interface ProbeCell {
  lines: string[];
  span?: number;
  merge?: 'restart' | 'continue';
  bold?: boolean;
  center?: boolean;
}

type Block =
  | { kind: 'p'; text: string; bold?: boolean; center?: boolean; pageBreakBefore?: boolean; italic?: boolean }
  | { kind: 'table'; widths: number[]; rows: ProbeCell[][]; headerRows?: number; ruled: boolean; /** Cells aligned left instead of justified. */ left?: boolean }
  /** Ends a section: what came before is laid out on pages of this orientation. */
  | { kind: 'section'; landscape: boolean };

export interface ProbePlan {
  name: string;
  /** Font size in points. */
  size: number;
  blocks: Block[];
  /** The orientation of the last section. */
  landscape?: boolean;
  /** The tasks the plan means, in order. */
  tasks: ProbeTask[];
  /** Why each expected value is what it is, where the layout makes it less than obvious. */
  notes: string;
}

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const FONT = 'Times New Roman';

function runXml(text: string, size: number, bold = false, italic = false): string {
  const rPr = `<w:rPr><w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}"/>${bold ? '<w:b/>' : ''}${italic ? '<w:i/>' : ''}<w:sz w:val="${size * 2}"/><w:szCs w:val="${size * 2}"/></w:rPr>`;
  return `<w:r>${rPr}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function paraXml(text: string, size: number, o: { bold?: boolean; center?: boolean; left?: boolean; pageBreakBefore?: boolean; italic?: boolean; sect?: string } = {}): string {
  const pPr = `<w:pPr>${o.pageBreakBefore ? '<w:pageBreakBefore/>' : ''}<w:spacing w:before="0" w:after="60"/>${o.center ? '<w:jc w:val="center"/>' : `<w:jc w:val="${o.left ? 'left' : 'both'}"/>`}${o.sect ?? ''}</w:pPr>`;
  return `<w:p>${pPr}${text ? runXml(text, size, o.bold, o.italic) : ''}</w:p>`;
}

const A4 = { w: 11906, h: 16838 };
// Nghị định 30/2020/NĐ-CP: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const sectPr = (landscape: boolean) =>
  landscape
    ? `<w:sectPr><w:pgSz w:w="${A4.h}" w:h="${A4.w}" w:orient="landscape"/><w:pgMar w:top="1701" w:right="1134" w:bottom="1134" w:left="1134" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`
    : `<w:sectPr><w:pgSz w:w="${A4.w}" w:h="${A4.h}"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`;

function tableXml(t: Extract<Block, { kind: 'table' }>, size: number): string {
  const border = (v: string) => ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="${v}" w:sz="4" w:space="0" w:color="000000"/>`).join('');
  const rows = t.rows.map((cells, r) => {
    let at = 0;
    const tcs = cells.map((c) => {
      const span = c.span ?? 1;
      const width = t.widths.slice(at, at + span).reduce((a, b) => a + b, 0);
      at += span;
      const tcPr = `<w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${c.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.merge === 'continue' ? '<w:vMerge/>' : ''}</w:tcPr>`;
      const lines = c.lines.length > 0 ? c.lines : [''];
      return `<w:tc>${tcPr}${lines.map((l) => paraXml(l, size, { bold: c.bold, center: c.center, left: t.left })).join('')}</w:tc>`;
    });
    const header = r < (t.headerRows ?? 0) ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
    return `<w:tr>${header}${tcs.join('')}</w:tr>`;
  });
  const total = t.widths.reduce((a, b) => a + b, 0);
  return `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblBorders>${border(t.ruled ? 'single' : 'nil')}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

/** The plan as a .docx (Times New Roman at its size, A4, its sections' orientations). */
export async function probePlanDocx(plan: ProbePlan): Promise<Buffer> {
  const body = plan.blocks
    .map((b) => {
      if (b.kind === 'p') return paraXml(b.text, plan.size, b);
      if (b.kind === 'table') return tableXml(b, plan.size) + paraXml('', plan.size);
      return paraXml('', plan.size, { sect: sectPr(b.landscape) });
    })
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}${sectPr(plan.landscape ?? false)}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---- building blocks shared by the plans ----

const c = (...lines: string[]): ProbeCell => ({ lines });
const head = (...titles: string[]): ProbeCell[] => titles.map((t) => ({ lines: [t], bold: true, center: true }));
const area = (numeral: string, title: string, width: number): ProbeCell[] => [
  { lines: [numeral], bold: true, center: true },
  { lines: [title], bold: true, span: width - 1 },
];
const letterhead = (title: string, subtitle: string): Block[] => [
  { kind: 'p', text: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', bold: true },
  { kind: 'p', text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, center: true },
  { kind: 'p', text: 'Độc lập - Tự do - Hạnh phúc', bold: true, center: true },
  { kind: 'p', text: 'Số: 18/KH-UBND', center: false },
  { kind: 'p', text: 'Hà Tĩnh, ngày 15 tháng 01 năm 2026', italic: true, center: true },
  { kind: 'p', text: 'KẾ HOẠCH', bold: true, center: true },
  { kind: 'p', text: title, bold: true, center: true },
  { kind: 'p', text: subtitle, italic: true, center: true },
];
const signature = (): Block => ({
  kind: 'table',
  ruled: false,
  widths: [4600, 4400],
  rows: [
    [
      c('Nơi nhận:', '- Bộ Nội vụ;', '- TT Tỉnh ủy, TT HĐND tỉnh;', '- Chủ tịch, các PCT UBND tỉnh;', '- Các sở, ban, ngành;', '- UBND các xã, phường;', '- Lưu: VT, NC.'),
      { lines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', '', '', 'Nguyễn Hồng Lĩnh'], bold: true, center: true },
    ],
  ],
});
const LONG_INTRO =
  'Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030 và các văn bản chỉ đạo của Trung ương, Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2026 với các nội dung chủ yếu sau đây, nhằm nâng cao hiệu lực, hiệu quả hoạt động của bộ máy hành chính nhà nước sau khi tổ chức chính quyền địa phương hai cấp.';

/** 1. A portrait plan whose task table sits in a landscape section of its own: 8 columns, then the signature back in portrait. */
const landscapeWide: ProbePlan = {
  name: 'probe-landscape-wide',
  size: 12,
  blocks: [
    ...letterhead('Cải cách hành chính năm 2026', '(Kèm theo Quyết định số 18/QĐ-UBND)'),
    { kind: 'p', text: 'I. MỤC ĐÍCH, YÊU CẦU', bold: true },
    { kind: 'p', text: LONG_INTRO },
    { kind: 'p', text: 'II. NHIỆM VỤ TRỌNG TÂM', bold: true },
    { kind: 'p', text: 'Chi tiết tại Phụ lục kèm theo Kế hoạch này.' },
    { kind: 'section', landscape: false },
    { kind: 'p', text: 'PHỤ LỤC', bold: true, center: true },
    { kind: 'p', text: 'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026', bold: true, center: true },
    {
      kind: 'table',
      ruled: true,
      headerRows: 1,
      widths: [600, 3600, 2000, 1700, 2400, 1500, 1300, 1300],
      rows: [
        head('TT', 'Nội dung', 'Sản phẩm', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành', 'Kinh phí', 'Ghi chú'),
        area('I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 8),
        [c('1'), c('Ban hành Kế hoạch cải cách hành chính năm 2026 của UBND tỉnh'), c('Kế hoạch của UBND tỉnh'), c('Sở Nội vụ'), c('Các sở, ban, ngành; UBND các xã, phường, đặc khu'), c('Tháng 01/2026'), c('Ngân sách tỉnh'), c('')],
        [c('2'), c('Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị, địa phương'), c('Báo cáo kết quả kiểm tra'), c('Sở Nội vụ'), c('Văn phòng UBND tỉnh; Sở Tư pháp'), c('Quý III/2026'), c('Ngân sách tỉnh'), c('Theo kế hoạch kiểm tra')],
        [c('3'), c('Tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm'), c('Hội nghị sơ kết'), c('Sở Nội vụ'), c('Văn phòng UBND tỉnh'), c('Tháng 7/2026'), c('Nguồn chi thường xuyên'), c('')],
        area('II', 'CẢI CÁCH THỂ CHẾ', 8),
        [c('1'), c('Xây dựng, ban hành văn bản quy phạm pháp luật của tỉnh theo Chương trình năm 2026'), c('Quyết định của UBND tỉnh'), c('Sở Tư pháp'), c('Các sở, ban, ngành'), c('Năm 2026'), c('Ngân sách tỉnh'), c('')],
        [c('2'), c('Rà soát, hệ thống hóa văn bản quy phạm pháp luật sau sắp xếp đơn vị hành chính'), c('Báo cáo rà soát'), c('Sở Tư pháp'), c('Sở Nội vụ; UBND các xã, phường, đặc khu'), c('Quý II/2026'), c(''), c('Rà soát định kỳ')],
        area('III', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', 8),
        [c('1'), c('Công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp xã'), c('Quyết định công bố'), c('Văn phòng UBND tỉnh'), c('Các sở, ban, ngành'), c('Trước 30/6/2026'), c(''), c('')],
        [c('2'), c('Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công'), c('Hồ sơ được số hóa'), c('Văn phòng UBND tỉnh'), c('Sở Khoa học và Công nghệ'), c('Thường xuyên'), c('Ngân sách tỉnh'), c('')],
        [c('3'), c('Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực đất đai, môi trường'), c('Phương án đơn giản hóa'), c('Sở Nông nghiệp và Môi trường'), c('Văn phòng UBND tỉnh'), c('Quý IV/2026'), c(''), c('')],
        area('IV', 'XÂY DỰNG CHÍNH QUYỀN SỐ', 8),
        [c('1'), c('Vận hành, nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh'), c('Hệ thống vận hành ổn định'), c('Sở Khoa học và Công nghệ'), c('Văn phòng UBND tỉnh; Công an tỉnh'), c('Năm 2026'), c('Ngân sách tỉnh'), c('')],
        [c('2'), c('Kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết thủ tục hành chính'), c('Dữ liệu được kết nối'), c('Công an tỉnh'), c('Sở Khoa học và Công nghệ'), c('Quý II/2026'), c(''), c('')],
      ],
    },
    { kind: 'section', landscape: true },
    signature(),
  ],
  tasks: [
    { code: 'I.1', lead: 'Sở Nội vụ', coord: 'Các sở, ban, ngành; UBND các xã, phường, đặc khu', deadline: 'Tháng 01/2026' },
    { code: 'I.2', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh; Sở Tư pháp', deadline: 'Quý III/2026' },
    { code: 'I.3', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh', deadline: 'Tháng 7/2026' },
    { code: 'II.1', lead: 'Sở Tư pháp', coord: 'Các sở, ban, ngành', deadline: 'Năm 2026' },
    { code: 'II.2', lead: 'Sở Tư pháp', coord: 'Sở Nội vụ; UBND các xã, phường, đặc khu', deadline: 'Quý II/2026' },
    { code: 'III.1', lead: 'Văn phòng UBND tỉnh', coord: 'Các sở, ban, ngành', deadline: 'Trước 30/6/2026' },
    { code: 'III.2', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Khoa học và Công nghệ', deadline: 'Thường xuyên' },
    { code: 'III.3', lead: 'Sở Nông nghiệp và Môi trường', coord: 'Văn phòng UBND tỉnh', deadline: 'Quý IV/2026' },
    { code: 'IV.1', lead: 'Sở Khoa học và Công nghệ', coord: 'Văn phòng UBND tỉnh; Công an tỉnh', deadline: 'Năm 2026' },
    { code: 'IV.2', lead: 'Công an tỉnh', coord: 'Sở Khoa học và Công nghệ', deadline: 'Quý II/2026' },
  ],
  notes: 'Each row is one task numbered within its Roman area; the Kinh phí and Ghi chú columns are neither agency nor time.',
};

const sentence = (n: number, topic: string) =>
  [
    `Tổ chức triển khai ${topic} bảo đảm đúng quy định, phù hợp với mô hình chính quyền địa phương hai cấp.`,
    'Xây dựng kế hoạch chi tiết, phân công cụ thể cơ quan, công chức phụ trách, thời hạn hoàn thành từng nội dung công việc.',
    'Định kỳ hằng quý báo cáo kết quả thực hiện, khó khăn, vướng mắc và đề xuất giải pháp tháo gỡ về cơ quan thường trực.',
    'Tổng hợp, đánh giá kết quả thực hiện, đề xuất khen thưởng tập thể, cá nhân có thành tích xuất sắc trong năm.',
    'Công khai kết quả trên Cổng thông tin điện tử của tỉnh và trang thông tin điện tử của cơ quan, đơn vị.',
  ]
    .slice(0, n)
    .join(' ');

/** 2. A portrait table over 3+ pages, 13 pt, its header repeated on each page, long cells cut by every break. */
const longTopics: [string, string, string, string][] = [
  ['công tác tuyên truyền cải cách hành chính', 'Sở Nội vụ', 'Sở Văn hóa, Thể thao và Du lịch; Sở Khoa học và Công nghệ; UBND các xã, phường, đặc khu', 'Thường xuyên'],
  ['đánh giá, xác định Chỉ số cải cách hành chính của các sở, ban, ngành', 'Sở Nội vụ', 'Văn phòng UBND tỉnh; Sở Tư pháp; Sở Tài chính; Sở Khoa học và Công nghệ', 'Quý IV/2026'],
  ['kiểm soát thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông', 'Văn phòng UBND tỉnh', 'Các sở, ban, ngành; UBND các xã, phường, đặc khu', 'Năm 2026'],
  ['theo dõi thi hành pháp luật trong lĩnh vực trọng tâm năm 2026', 'Sở Tư pháp', 'Các sở, ban, ngành', 'Tháng 11/2026'],
  ['sắp xếp, kiện toàn tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Quý II/2026'],
  ['quản lý, sử dụng tài sản công tại các cơ quan, đơn vị sau sắp xếp', 'Sở Tài chính', 'Các sở, ban, ngành; UBND các xã, phường, đặc khu', 'Quý III/2026'],
  ['chuyển đổi số trong hoạt động của cơ quan hành chính nhà nước', 'Sở Khoa học và Công nghệ', 'Văn phòng UBND tỉnh; Công an tỉnh', 'Năm 2026'],
  ['cấp phiếu lý lịch tư pháp trên môi trường điện tử', 'Sở Tư pháp', 'Công an tỉnh', 'Thường xuyên'],
  ['thanh tra công vụ, kiểm tra kỷ luật, kỷ cương hành chính', 'Thanh tra tỉnh', 'Sở Nội vụ; Văn phòng UBND tỉnh', 'Quý III/2026'],
  ['đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính', 'Sở Nội vụ', 'UBND các xã, phường, đặc khu', 'Tháng 10/2026'],
  ['quản lý đất đai, tài nguyên, môi trường trên nền tảng số', 'Sở Nông nghiệp và Môi trường', 'Sở Khoa học và Công nghệ; UBND các xã, phường, đặc khu', 'Quý IV/2026'],
  ['đào tạo, bồi dưỡng cán bộ, công chức cấp xã về kỹ năng số', 'Sở Nội vụ', 'Sở Khoa học và Công nghệ', 'Năm 2026'],
];
const longCells: ProbePlan = {
  name: 'probe-long-cells',
  size: 13,
  blocks: [
    ...letterhead('Cải cách hành chính năm 2026', ''),
    { kind: 'p', text: LONG_INTRO },
    { kind: 'p', text: 'NHIỆM VỤ CỤ THỂ', bold: true, center: true },
    {
      kind: 'table',
      ruled: true,
      headerRows: 1,
      widths: [550, 3300, 1500, 1350, 1500, 1200],
      rows: [
        head('TT', 'Nhiệm vụ', 'Sản phẩm', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'),
        ...longTopics.map(([topic, lead, coord, deadline], i) => [c(String(i + 1)), c(sentence(3 + (i % 3), topic)), c('Báo cáo kết quả thực hiện gửi UBND tỉnh'), c(lead), c(coord), c(deadline)]),
      ],
    },
    signature(),
  ],
  tasks: longTopics.map(([, lead, coord, deadline], i) => ({ code: String(i + 1), lead, coord, deadline })),
  notes: 'Twelve numbered tasks, no areas: a row cut by a page break is still one task, and the repeated header is no task.',
};

/** 3. A lead cell merged down over six tasks, long enough to cross a page break; a deadline merged over three. */
const mergedTasks: [string, string][] = [
  ['Rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành trước khi sắp xếp đơn vị hành chính, đề xuất sửa đổi, bổ sung, thay thế hoặc bãi bỏ theo thẩm quyền.', 'Các sở, ban, ngành'],
  ['Tổ chức thẩm định dự thảo văn bản quy phạm pháp luật bảo đảm tính hợp hiến, hợp pháp, tính thống nhất của văn bản trong hệ thống pháp luật.', 'Văn phòng UBND tỉnh'],
  ['Kiểm tra, xử lý văn bản quy phạm pháp luật theo thẩm quyền; công bố kết quả kiểm tra trên Cổng thông tin điện tử của tỉnh.', 'Sở Nội vụ'],
  ['Theo dõi tình hình thi hành pháp luật về xử lý vi phạm hành chính trên địa bàn tỉnh, tổng hợp báo cáo Bộ Tư pháp.', 'Công an tỉnh'],
  ['Hướng dẫn UBND các xã, phường, đặc khu thực hiện công tác hòa giải ở cơ sở, chuẩn tiếp cận pháp luật.', 'UBND các xã, phường, đặc khu'],
  ['Cập nhật văn bản quy phạm pháp luật của tỉnh lên Cơ sở dữ liệu quốc gia về pháp luật đúng thời hạn quy định.', 'Các sở, ban, ngành'],
];
const mergedLead: ProbePlan = {
  name: 'probe-merged-lead',
  size: 13,
  blocks: [
    ...letterhead('Cải cách hành chính năm 2026', ''),
    { kind: 'p', text: LONG_INTRO },
    { kind: 'p', text: LONG_INTRO },
    { kind: 'p', text: 'PHỤ LỤC NHIỆM VỤ', bold: true, center: true },
    {
      kind: 'table',
      ruled: true,
      headerRows: 1,
      widths: [600, 4200, 1500, 1800, 1300],
      rows: [
        head('TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện'),
        area('I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 5),
        [c('1'), c('Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026 và kế hoạch tuyên truyền cải cách hành chính.'), c('Sở Nội vụ'), c('Các sở, ban, ngành'), c('Tháng 01/2026')],
        [c('2'), c('Đánh giá, xếp hạng Chỉ số cải cách hành chính năm 2025 của các sở, ban, ngành và UBND các xã, phường, đặc khu.'), c('Sở Nội vụ'), c('Văn phòng UBND tỉnh'), c('Quý I/2026')],
        [c('3'), c('Kiện toàn đội ngũ công chức làm công tác cải cách hành chính tại các cơ quan, đơn vị sau sắp xếp.'), c('Sở Nội vụ'), c('Các sở, ban, ngành'), c('Quý II/2026')],
        area('II', 'CẢI CÁCH THỂ CHẾ', 5),
        ...mergedTasks.map(([task, coord], i) => [
          c(String(i + 1)),
          c(task),
          { lines: ['Sở Tư pháp'], merge: i === 0 ? ('restart' as const) : ('continue' as const) },
          c(coord),
          i < 3 ? { lines: ['Năm 2026'], merge: i === 0 ? ('restart' as const) : ('continue' as const) } : c(['Quý II/2026', 'Quý III/2026', 'Thường xuyên'][i - 3]!),
        ]),
        area('III', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', 5),
        [c('1'), c('Công bố, công khai thủ tục hành chính, quy trình nội bộ giải quyết thủ tục hành chính.'), c('Văn phòng UBND tỉnh'), c('Các sở, ban, ngành'), c('Thường xuyên')],
        [c('2'), c('Rà soát, đơn giản hóa thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước.'), c('Văn phòng UBND tỉnh'), c('Sở Nội vụ'), c('Quý III/2026')],
      ],
    },
    signature(),
  ],
  tasks: [
    { code: 'I.1', lead: 'Sở Nội vụ', coord: 'Các sở, ban, ngành', deadline: 'Tháng 01/2026' },
    { code: 'I.2', lead: 'Sở Nội vụ', coord: 'Văn phòng UBND tỉnh', deadline: 'Quý I/2026' },
    { code: 'I.3', lead: 'Sở Nội vụ', coord: 'Các sở, ban, ngành', deadline: 'Quý II/2026' },
    ...mergedTasks.map(([, coord], i) => ({ code: `II.${i + 1}`, lead: 'Sở Tư pháp', coord, deadline: i < 3 ? 'Năm 2026' : ['Quý II/2026', 'Quý III/2026', 'Thường xuyên'][i - 3]! })),
    { code: 'III.1', lead: 'Văn phòng UBND tỉnh', coord: 'Các sở, ban, ngành', deadline: 'Thường xuyên' },
    { code: 'III.2', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Nội vụ', deadline: 'Quý III/2026' },
  ],
  notes: 'The merged "Sở Tư pháp" cell leads every task II.1–II.6 (one cell covering their rows, cut by the page break); the merged "Năm 2026" is the deadline of II.1–II.3.',
};

/** 4. Sub-items on lines of their own inside a task cell ("a)", "b)", "-"), and sub-task rows under a parent. */
const subtasks: ProbePlan = {
  name: 'probe-subtasks',
  size: 13,
  blocks: [
    ...letterhead('Cải cách hành chính năm 2026', ''),
    { kind: 'p', text: 'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026', bold: true, center: true },
    {
      kind: 'table',
      ruled: true,
      headerRows: 1,
      widths: [600, 4300, 1500, 1700, 1300],
      rows: [
        head('TT', 'Nội dung nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành'),
        [
          c('1'),
          c('Rà soát, đơn giản hóa thủ tục hành chính:', 'a) Rà soát thủ tục hành chính lĩnh vực đất đai;', 'b) Rà soát thủ tục hành chính lĩnh vực xây dựng;', 'c) Kiến nghị phương án đơn giản hóa.'),
          c('Văn phòng UBND tỉnh'),
          c('Sở Nông nghiệp và Môi trường; Sở Xây dựng'),
          c('Quý II/2026'),
        ],
        [
          c('2'),
          c('Nâng cao chất lượng phục vụ tại Bộ phận Một cửa các cấp:', '- Niêm yết công khai thủ tục hành chính;', '- Tiếp nhận, trả kết quả đúng hẹn;', '- Xin lỗi người dân khi trễ hẹn.'),
          c('UBND các xã, phường, đặc khu'),
          c('Văn phòng UBND tỉnh'),
          c('Thường xuyên'),
        ],
        [c('3'), c('Cải cách chế độ công vụ'), c(''), c(''), c('')],
        [c('a)'), c('Tuyển dụng công chức theo vị trí việc làm'), c('Sở Nội vụ'), c('Các sở, ban, ngành'), c('Quý III/2026')],
        [c('b)'), c('Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2026'), c('Sở Nội vụ'), c(''), c('Tháng 12/2026')],
        [c('4'), c('Triển khai nền tảng số dùng chung của tỉnh:', '+ Nền tảng tích hợp, chia sẻ dữ liệu;', '+ Hệ thống quản lý văn bản và điều hành.'), c('Sở Khoa học và Công nghệ'), c('Văn phòng UBND tỉnh'), c('Năm 2026')],
      ],
    },
    signature(),
  ],
  tasks: [
    { code: '1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Nông nghiệp và Môi trường; Sở Xây dựng', deadline: 'Quý II/2026' },
    { code: '2', lead: 'UBND các xã, phường, đặc khu', coord: 'Văn phòng UBND tỉnh', deadline: 'Thường xuyên' },
    { code: '3.a', lead: 'Sở Nội vụ', coord: 'Các sở, ban, ngành', deadline: 'Quý III/2026' },
    { code: '3.b', lead: 'Sở Nội vụ', coord: '', deadline: 'Tháng 12/2026' },
    { code: '4', lead: 'Sở Khoa học và Công nghệ', coord: 'Văn phòng UBND tỉnh', deadline: 'Năm 2026' },
  ],
  notes: 'The lines "a)", "b)", "-", "+" inside a task cell with one lead and one deadline are the parts of that one task (1, 2, 4), not tasks of their own; row 3 with nobody assigned is the parent of its rows a) and b), which are tasks 3.a and 3.b.',
};

/** 5. The signature block (a borderless table: "Nơi nhận:" | "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH") right under the table, at the foot of a page. */
const sigTopics: [string, string, string, string][] = [
  ['Ban hành kế hoạch kiểm tra công tác cải cách hành chính năm 2026', 'Sở Nội vụ', 'Văn phòng UBND tỉnh', 'Tháng 02/2026'],
  ['Triển khai Chỉ số hài lòng của người dân đối với dịch vụ hành chính công', 'Sở Nội vụ', 'UBND các xã, phường, đặc khu', 'Quý IV/2026'],
  ['Rà soát quy định về phân cấp, ủy quyền trong giải quyết thủ tục hành chính', 'Sở Tư pháp', 'Văn phòng UBND tỉnh', 'Quý II/2026'],
  ['Thực hiện thanh toán trực tuyến phí, lệ phí thủ tục hành chính', 'Sở Tài chính', 'Văn phòng UBND tỉnh; Kho bạc Nhà nước khu vực', 'Năm 2026'],
  ['Quản lý, vận hành Cổng dịch vụ công của tỉnh', 'Văn phòng UBND tỉnh', 'Sở Khoa học và Công nghệ', 'Thường xuyên'],
  ['Triển khai chữ ký số cho cán bộ, công chức cấp xã', 'Sở Khoa học và Công nghệ', 'UBND các xã, phường, đặc khu', 'Quý III/2026'],
  ['Thực hiện tự chủ tài chính tại các đơn vị sự nghiệp công lập', 'Sở Tài chính', 'Các sở, ban, ngành', 'Năm 2026'],
  ['Cải cách thủ tục thuế, hóa đơn điện tử cho doanh nghiệp', 'Thuế tỉnh', 'Sở Tài chính', 'Thường xuyên'],
  ['Giải quyết thủ tục bảo hiểm xã hội trên môi trường điện tử', 'Bảo hiểm xã hội tỉnh', 'Sở Nội vụ', 'Năm 2026'],
  ['Đánh giá tác động của thủ tục hành chính trong dự thảo văn bản', 'Sở Tư pháp', 'Các sở, ban, ngành', 'Thường xuyên'],
  ['Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh', 'Sở Nội vụ', 'Sở Khoa học và Công nghệ', 'Quý IV/2026'],
  ['Chuẩn hóa dữ liệu đất đai phục vụ liên thông thủ tục hành chính', 'Sở Nông nghiệp và Môi trường', 'Công an tỉnh; Thuế tỉnh', 'Quý III/2026'],
  ['Tổ chức cuộc thi tìm hiểu về cải cách hành chính', 'Sở Nội vụ', 'Sở Văn hóa, Thể thao và Du lịch', 'Quý III/2026'],
  ['Kiểm tra việc thực hiện quy chế văn hóa công vụ', 'Sở Nội vụ', 'Thanh tra tỉnh', 'Quý IV/2026'],
  ['Báo cáo kết quả cải cách hành chính năm 2026', 'Sở Nội vụ', 'Các sở, ban, ngành; UBND các xã, phường, đặc khu', 'Trước 15/12/2026'],
];
export function signaturePlan(rowsOnPage: number, name = 'probe-signature-after'): ProbePlan {
  const topics = sigTopics.slice(0, rowsOnPage);
  return {
    name,
    size: 13,
    blocks: [
      ...letterhead('Cải cách hành chính năm 2026', ''),
      { kind: 'p', text: 'NHIỆM VỤ CỤ THỂ', bold: true, center: true },
      {
        kind: 'table',
        ruled: true,
        headerRows: 1,
        widths: [600, 4200, 1700, 1800, 1300],
        rows: [head('TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'), ...topics.map(([t, l, co, d], i) => [c(String(i + 1)), c(t), c(l), c(co), c(d)])],
      },
      signature(),
    ],
    tasks: topics.map(([, lead, coord, deadline], i) => ({ code: String(i + 1), lead, coord, deadline })),
    notes: 'The signature table has no task header and no rules: "Nơi nhận" and the signer are no task and no continuation of the table.',
  };
}

/** 6. The task table, then on a new page "Biểu 02" and a ruled table of indicators with as many columns. */
const indicators: ProbePlan = {
  name: 'probe-indicators',
  size: 13,
  blocks: [
    ...letterhead('Cải cách hành chính năm 2026', ''),
    { kind: 'p', text: 'Biểu 01. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026', bold: true, center: true },
    {
      kind: 'table',
      ruled: true,
      headerRows: 1,
      widths: [600, 4200, 1700, 1800, 1300],
      rows: [
        head('TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời hạn'),
        [c('1'), c('Rà soát, sửa đổi Quy chế làm việc của UBND tỉnh'), c('Văn phòng UBND tỉnh'), c('Sở Tư pháp'), c('Quý I/2026')],
        [c('2'), c('Triển khai Đề án vị trí việc làm trong cơ quan hành chính'), c('Sở Nội vụ'), c('Các sở, ban, ngành'), c('Quý II/2026')],
        [c('3'), c('Giao dự toán ngân sách, kiểm soát chi qua Kho bạc điện tử'), c('Sở Tài chính'), c('Kho bạc Nhà nước khu vực'), c('Năm 2026')],
        [c('4'), c('Duy trì hệ thống quản lý chất lượng ISO 9001:2015'), c('Sở Khoa học và Công nghệ'), c('UBND các xã, phường, đặc khu'), c('Thường xuyên')],
      ],
    },
    { kind: 'p', text: 'Biểu 02. CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2026', bold: true, center: true, pageBreakBefore: true },
    {
      kind: 'table',
      ruled: true,
      headerRows: 1,
      widths: [600, 4200, 1700, 1800, 1300],
      rows: [
        head('TT', 'Chỉ tiêu', 'Đơn vị tính', 'Cơ quan theo dõi', 'Năm 2026'),
        [c('1'), c('Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn'), c('%'), c('Văn phòng UBND tỉnh'), c('≥ 98')],
        [c('2'), c('Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình'), c('%'), c('Sở Khoa học và Công nghệ'), c('≥ 80')],
        [c('3'), c('Mức độ hài lòng của người dân, doanh nghiệp'), c('%'), c('Sở Nội vụ'), c('≥ 90')],
      ],
    },
    signature(),
  ],
  tasks: [
    { code: '1', lead: 'Văn phòng UBND tỉnh', coord: 'Sở Tư pháp', deadline: 'Quý I/2026' },
    { code: '2', lead: 'Sở Nội vụ', coord: 'Các sở, ban, ngành', deadline: 'Quý II/2026' },
    { code: '3', lead: 'Sở Tài chính', coord: 'Kho bạc Nhà nước khu vực', deadline: 'Năm 2026' },
    { code: '4', lead: 'Sở Khoa học và Công nghệ', coord: 'UBND các xã, phường, đặc khu', deadline: 'Thường xuyên' },
  ],
  notes: 'Biểu 02 is a table of indicators (no lead, no deadline column): its rows are no tasks, even with as many columns as Biểu 01 and one title between them.',
};

/** 7. Task cells made of a lead line and "-" / "a)" lines, a table over pages: a break falls between two lines of one cell. */
const bulletTopics: [string, string, string, string][] = longTopics.slice(0, 10);
const bulletLines = (topic: string, i: number) => [
  `Triển khai ${topic}:`,
  ...(i % 2 === 0
    ? ['- Xây dựng kế hoạch chi tiết, phân công cơ quan, công chức phụ trách;', '- Tổ chức thực hiện bảo đảm đúng quy định, đúng tiến độ;', '- Kiểm tra, đôn đốc việc thực hiện tại các cơ quan, đơn vị;', '- Báo cáo kết quả thực hiện về cơ quan thường trực.']
    : ['a) Rà soát, đánh giá thực trạng, xác định nội dung cần thực hiện;', 'b) Tổ chức thực hiện bảo đảm đúng quy định, đúng tiến độ;', 'c) Tổng hợp khó khăn, vướng mắc, đề xuất giải pháp tháo gỡ;', 'd) Báo cáo kết quả thực hiện về cơ quan thường trực.']),
];
const bulletsCut: ProbePlan = {
  name: 'probe-bullets-cut',
  size: 13,
  blocks: [
    ...letterhead('Cải cách hành chính năm 2026', ''),
    { kind: 'p', text: LONG_INTRO },
    { kind: 'p', text: 'NHIỆM VỤ CỤ THỂ', bold: true, center: true },
    {
      kind: 'table',
      ruled: true,
      headerRows: 1,
      widths: [600, 4300, 1500, 1700, 1300],
      rows: [
        head('TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành'),
        ...bulletTopics.map(([topic, lead, coord, deadline], i) => [c(String(i + 1)), c(...bulletLines(topic, i)), c(lead), c(coord), c(deadline)]),
      ],
    },
    signature(),
  ],
  tasks: bulletTopics.map(([, lead, coord, deadline], i) => ({ code: String(i + 1), lead, coord, deadline })),
  notes: 'Each task cell is one task: its "-" and "a)" lines are its parts, also the ones a page break puts at the top of the next page.',
};

/** The same plan with its task table printed without borders (a table whose borders were turned off), its cells justified or aligned left. */
function borderless(plan: ProbePlan, name: string, left = false): ProbePlan {
  return {
    ...plan,
    name,
    blocks: plan.blocks.map((b) => (b.kind === 'table' && b.headerRows ? { ...b, ruled: false, left } : b)),
    notes: `${plan.notes} Without borders: the same tasks, read from where the words stand.`,
  };
}

/** The same plan with its header row printed once (not repeated on the pages the table runs on to). */
function headerOnce(plan: ProbePlan, name: string): ProbePlan {
  return {
    ...plan,
    name,
    blocks: plan.blocks.map((b) => (b.kind === 'table' && b.headerRows ? { ...b, headerRows: 0 } : b)),
    notes: `${plan.notes} The header printed once: the next page goes straight on with the rows.`,
  };
}

/** The probe plans, by fixture name. */
export const PROBE_PLANS: ProbePlan[] = [landscapeWide, longCells, mergedLead, subtasks, signaturePlan(sigTopics.length), signaturePlan(12, 'probe-signature-next-page'), indicators, borderless(landscapeWide, 'probe-landscape-borderless'), borderless(longCells, 'probe-long-cells-borderless'), borderless(landscapeWide, 'probe-landscape-borderless-left', true), borderless(longCells, 'probe-long-cells-borderless-left', true), headerOnce(mergedLead, 'probe-merged-lead-header-once'), headerOnce(longCells, 'probe-long-cells-header-once'), bulletsCut, borderless(bulletsCut, 'probe-bullets-cut-borderless', true)];
