/**
 * Every measure of the drafted report, from Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I
 * "Thể thức, kỹ thuật trình bày văn bản hành chính" (mục I.1–I.4: khổ giấy, lề, phông chữ; mục II:
 * quốc hiệu và tiêu ngữ, tên cơ quan, số và ký hiệu, địa danh và thời gian, tên loại và trích yếu,
 * nội dung, chức vụ người ký, nơi nhận; mục IV: số trang). Each value carries the range the decree
 * allows; `checkLayout` refuses a configuration outside it.
 */

/** Twips (1/1440 inch) in one millimetre: Word measures pages and margins in twips. */
export const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

/** A measure with the range the decree allows. */
interface Ranged {
  value: number;
  min: number;
  max: number;
  source: string;
}

export interface ReportLayout {
  /** Khổ A4 210 × 297 mm (Phụ lục I, I.3). */
  page: { widthMm: 210; heightMm: 297 };
  /** Lề (Phụ lục I, I.4), millimetres. */
  margins: { top: Ranged; bottom: Ranged; left: Ranged; right: Ranged };
  /** Phông chữ Times New Roman, bộ mã Unicode TCVN 6909:2001 (Phụ lục I, I.2). */
  font: 'Times New Roman';
  language: 'vi-VN';
  /** Cỡ chữ, points. */
  sizes: {
    /** Tên cơ quan chủ quản và cơ quan ban hành: in hoa 12–13 (II.3). */
    agency: Ranged;
    /** Quốc hiệu: in hoa 12–13, đậm (II.2). */
    nationalTitle: Ranged;
    /** Tiêu ngữ: 13–14, đậm (II.2). */
    motto: Ranged;
    /** Số, ký hiệu: 13 (II.4). */
    number: Ranged;
    /** Địa danh và thời gian: 13–14, nghiêng (II.5). */
    placeDate: Ranged;
    /** Tên loại văn bản "BÁO CÁO" và trích yếu: 13–14, đậm (II.6). */
    title: Ranged;
    /** Nội dung: 13–14 (II.7); the tables and appendices use the smallest of the range. */
    body: Ranged;
    /** Chức vụ, quyền hạn người ký: 13–14, in hoa, đậm (II.8). */
    signer: Ranged;
    /** "Nơi nhận:" 12, nghiêng, đậm; the list 11 (II.11). */
    recipientsLabel: Ranged;
    recipients: Ranged;
    /** Số trang: 13–14, giữa phía trên, không hiện ở trang đầu (IV). */
    pageNumber: Ranged;
  };
  /** Lùi đầu dòng 1–1,27 cm (II.7), millimetres. */
  firstLineIndent: Ranged;
  /** Khoảng cách giữa các đoạn tối thiểu 6 pt (II.7). */
  paragraphSpacingPt: Ranged;
  /** Cách dòng từ đơn (1,0) đến 1,5 dòng (II.7). */
  lineSpacing: Ranged;
}

const r = (value: number, min: number, max: number, source: string): Ranged => ({ value, min, max, source });
const ND30 = 'Nghị định 30/2020/NĐ-CP, Phụ lục I';

export const REPORT_LAYOUT: ReportLayout = {
  page: { widthMm: 210, heightMm: 297 },
  margins: {
    top: r(20, 20, 25, `${ND30}, I.4`),
    bottom: r(20, 20, 25, `${ND30}, I.4`),
    left: r(30, 30, 35, `${ND30}, I.4`),
    right: r(15, 15, 20, `${ND30}, I.4`),
  },
  font: 'Times New Roman',
  language: 'vi-VN',
  sizes: {
    agency: r(13, 12, 13, `${ND30}, II.3`),
    nationalTitle: r(13, 12, 13, `${ND30}, II.2`),
    motto: r(14, 13, 14, `${ND30}, II.2`),
    number: r(13, 13, 13, `${ND30}, II.4`),
    placeDate: r(14, 13, 14, `${ND30}, II.5`),
    title: r(14, 13, 14, `${ND30}, II.6`),
    body: r(14, 13, 14, `${ND30}, II.7`),
    signer: r(14, 13, 14, `${ND30}, II.8`),
    recipientsLabel: r(12, 12, 12, `${ND30}, II.11`),
    recipients: r(11, 11, 11, `${ND30}, II.11`),
    pageNumber: r(14, 13, 14, `${ND30}, IV`),
  },
  firstLineIndent: r(12.7, 10, 12.7, `${ND30}, II.7`),
  paragraphSpacingPt: r(6, 6, 12, `${ND30}, II.7`),
  lineSpacing: r(1.15, 1, 1.5, `${ND30}, II.7`),
};

/** Every measure outside the range the decree allows, named in Vietnamese (empty: the layout may be used). */
export function checkLayout(layout: ReportLayout): string[] {
  const out: string[] = [];
  const check = (name: string, m: Ranged) => {
    if (!(m.value >= m.min && m.value <= m.max)) out.push(`${name} = ${m.value} ngoài khoảng ${m.min}–${m.max} (${m.source})`);
  };
  for (const [name, m] of Object.entries(layout.margins)) check(`lề ${name}`, m);
  for (const [name, m] of Object.entries(layout.sizes)) check(`cỡ chữ ${name}`, m);
  check('lùi đầu dòng', layout.firstLineIndent);
  check('khoảng cách đoạn', layout.paragraphSpacingPt);
  check('cách dòng', layout.lineSpacing);
  if (layout.font !== 'Times New Roman') out.push(`phông chữ ${String(layout.font)} (${ND30}, I.2: Times New Roman)`);
  return out;
}
