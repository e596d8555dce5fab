/**
 * The printable invite sheet handed out at a training session: one page per agency with each
 * person's name, role and single-use code, a QR code of the Telegram deep link, and how to send
 * the code to the bot on Zalo. Built as a .docx (the `docx` library, like the report draft); a PDF
 * is the same document converted by LibreOffice.
 */
import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions } from 'docx';
import QRCode from 'qrcode';
import { convertWithLibreOffice, type ConvertProblem } from '../documents/office-converter.js';
import { formatDateTime } from '../domain/time.js';
import { mmToTwips } from './layout.js';

/** One person on the sheet; `code` null means they already joined and need none. */
export interface SheetPerson {
  name: string;
  agencyCode: string;
  agencyName: string;
  /** The role as the sheet words it ("đầu mối CCHC"). */
  roleLabel: string;
  code: string | null;
  /** The Telegram deep link (t.me/<bot>?start=<code>), or null when the bot's name is not known. */
  link: string | null;
  expiresAt: Date | null;
}

export interface InviteSheet {
  provinceName: string;
  timeZone: string;
  people: SheetPerson[];
}

/** The sheet's words, in one place. */
export const SHEET_WORDS = {
  title: 'PHIẾU MỜI THAM GIA DONDOC',
  subtitle: (province: string) => `Trợ lý đôn đốc cải cách hành chính — Sở Nội vụ ${province.replace(/^(Tỉnh|Thành phố)\s+/i, '')}`,
  agency: 'Cơ quan, đơn vị: ',
  intro: 'Mỗi người dưới đây có một mã mời riêng, chỉ dùng được một lần. Không chuyển mã cho người khác.',
  expires: (when: string) => `Mã hết hạn lúc ${when}; hết hạn thì xin mã mới từ Sở Nội vụ.`,
  head: { person: 'Họ và tên, vai trò', code: 'Mã mời', qr: 'Quét bằng điện thoại (Telegram)' },
  noLink: (code: string) => `Trên Telegram gửi: /start ${code}`,
  joined: 'Đã tham gia dondoc, không cần mã:',
  howTitle: 'Cách tham gia',
  telegram: [
    'Trên Telegram: mở camera điện thoại, quét mã QR bên cạnh tên mình (hoặc mở liên kết dưới mã QR), bấm “Bắt đầu” (Start).',
    'Đọc thông báo về dữ liệu cá nhân và bấm “Đồng ý”: tài khoản được liên kết với cơ quan và vai trò ghi trên phiếu.',
  ],
  zalo: [
    'Trên Zalo: tìm và mở trò chuyện với bot dondoc của Sở Nội vụ, rồi gửi đúng mã mời của mình (chỉ cần gửi mã, ví dụ ABCD-EFGH-JK, không cần gõ /start).',
    'Bot gửi thông báo về dữ liệu cá nhân: trả lời “1” để đồng ý. Từ đó gõ /trogiup để xem các lệnh.',
  ],
  both: 'Đã tham gia trên một nền tảng mà muốn dùng thêm nền tảng kia: gửi /lienket để nhận mã liên kết.',
};

const FONT = 'Times New Roman';
const CODE_FONT = 'Courier New';
/** The QR code's printed side: 32 mm scans from arm's length with any phone camera. */
const QR_MM = 32;
const PX_PER_MM = 96 / 25.4;
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

/**
 * The QR code of a link as a PNG: error correction M (a smudged print still scans) and the
 * standard four-module quiet zone; 6 pixels a module so it prints sharp at 32 mm. Grey-scale
 * without row filters: black and white needs neither, and it halves the time for 600 codes.
 */
export function qrPng(link: string): Promise<Buffer> {
  // A fresh options object each time: qrcode writes the image size into rendererOpts.
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6, rendererOpts: { filterType: 0, colorType: 0 } as QRCode.QRCodeToBufferOptions['rendererOpts'] });
}

/** People grouped by agency, in the order the agencies first appear in the list. */
export function byAgency(people: SheetPerson[]): SheetPerson[][] {
  const groups = new Map<string, SheetPerson[]>();
  for (const p of people) groups.set(p.agencyCode, [...(groups.get(p.agencyCode) ?? []), p]);
  return [...groups.values()];
}

/** Renders the sheet as a .docx: one section (a new page) per agency, A4 portrait. */
export async function renderInviteSheet(sheet: InviteSheet): Promise<Buffer> {
  const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text: text.normalize('NFC'), font: FONT, size: 26, ...options });
  const para = (children: TextRun[], options: { center?: boolean; before?: number; after?: number } = {}) =>
    new Paragraph({ alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { before: options.before ?? 0, after: options.after ?? 60 }, children });
  const cell = (children: Paragraph[], widthMm: number) => new TableCell({ width: { size: mmToTwips(widthMm), type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, margins: { top: 80, bottom: 80, left: 100, right: 100 }, children });
  const widths = [72, 48, 50];
  const qrSide = Math.round(QR_MM * PX_PER_MM);

  const sections = [];
  for (const group of byAgency(sheet.people)) {
    const invited = group.filter((p) => p.code !== null);
    const joined = group.filter((p) => p.code === null);
    const rows: TableRow[] = [
      new TableRow({
        tableHeader: true,
        children: [SHEET_WORDS.head.person, SHEET_WORDS.head.code, SHEET_WORDS.head.qr].map((head, i) => cell([para([run(head, { bold: true, size: 22 })], { center: true })], widths[i]!)),
      }),
    ];
    for (const p of invited) {
      const qr: Paragraph[] = p.link
        ? [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: await qrPng(p.link), transformation: { width: qrSide, height: qrSide }, altText: { name: `QR ${p.code}`, description: p.link, title: p.link } })] }),
            para([run(p.link.replace(/^https:\/\//, ''), { size: 16, font: CODE_FONT })], { center: true }),
          ]
        : [para([run(SHEET_WORDS.noLink(p.code!), { size: 22 })], { center: true })];
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell([para([run(p.name, { bold: true })]), para([run(p.roleLabel, { italics: true, size: 22 })])], widths[0]!),
            cell([para([run(p.code!, { font: CODE_FONT, bold: true, size: 30 })], { center: true })], widths[1]!),
            cell(qr, widths[2]!),
          ],
        }),
      );
    }
    const expiry = invited.map((p) => p.expiresAt).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    const children: (Paragraph | Table)[] = [
      para([run(SHEET_WORDS.title, { bold: true, size: 30 })], { center: true }),
      para([run(SHEET_WORDS.subtitle(sheet.provinceName), { italics: true, size: 22 })], { center: true, after: 200 }),
      para([run(SHEET_WORDS.agency), run(group[0]!.agencyName, { bold: true })]),
      ...(invited.length > 0
        ? [
            para([run(SHEET_WORDS.intro, { size: 22 })]),
            ...(expiry ? [para([run(SHEET_WORDS.expires(formatDateTime(expiry, sheet.timeZone)), { size: 22 })], { after: 160 })] : []),
            new Table({ width: { size: mmToTwips(widths.reduce((a, b) => a + b, 0)), type: WidthType.DXA }, columnWidths: widths.map(mmToTwips), borders: BORDERS, rows }),
          ]
        : []),
      ...(joined.length > 0 ? [para([run(SHEET_WORDS.joined, { bold: true, size: 22 }), run(` ${joined.map((p) => `${p.name} (${p.roleLabel})`).join('; ')}.`, { size: 22 })], { before: 200 })] : []),
      ...(invited.length > 0
        ? [
            para([run(SHEET_WORDS.howTitle, { bold: true })], { before: 240 }),
            ...[...SHEET_WORDS.telegram, ...SHEET_WORDS.zalo, SHEET_WORDS.both].map((line, i) => para([run(`${i + 1}. ${line}`, { size: 22 })])),
          ]
        : []),
    ];
    sections.push({
      properties: { page: { size: { width: mmToTwips(210), height: mmToTwips(297) }, margin: { top: mmToTwips(18), bottom: mmToTwips(15), left: mmToTwips(20), right: mmToTwips(15) } } },
      children,
    });
  }
  const doc = new Document({
    creator: 'dondoc',
    title: SHEET_WORDS.title,
    styles: { default: { document: { run: { font: FONT, size: 26, language: { value: 'vi-VN' } } } } },
    sections,
  });
  return Packer.toBuffer(doc);
}

/** Why no PDF was made, in Vietnamese, with what to do instead. */
export const PDF_PROBLEMS: Record<ConvertProblem['code'], string> = {
  no_converter: 'Máy chủ chưa cài LibreOffice (lệnh soffice) nên không tạo được tệp PDF. Hãy ghi ra tệp .docx (--out phieu-moi.docx) rồi in từ Word, hoặc cài gói libreoffice-writer-nogui.',
  timeout: 'LibreOffice chuyển phiếu mời sang PDF quá lâu nên đã dừng. Hãy ghi ra tệp .docx (--out phieu-moi.docx) rồi in từ Word.',
  too_large: 'Phiếu mời quá lớn để chuyển sang PDF. Hãy ghi ra tệp .docx (--out phieu-moi.docx) rồi in từ Word.',
  failed: 'LibreOffice không chuyển được phiếu mời sang PDF. Hãy ghi ra tệp .docx (--out phieu-moi.docx) rồi in từ Word.',
};

/** The sheet as a PDF (the .docx converted by LibreOffice headless); `env` lets a test hide soffice. */
export async function inviteSheetPdf(docx: Buffer, env?: NodeJS.ProcessEnv): Promise<{ ok: true; data: Buffer } | { ok: false; problem: string }> {
  const converted = await convertWithLibreOffice(docx, { from: 'docx', filter: 'MS Word 2007 XML', to: 'pdf:writer_pdf_Export', outputExtension: 'pdf', limits: { timeoutMs: 180_000, maxInputBytes: 50 * 1024 * 1024, maxOutputBytes: 100 * 1024 * 1024 }, ...(env ? { env } : {}) });
  return converted.ok ? converted : { ok: false, problem: PDF_PROBLEMS[converted.problem.code] };
}
