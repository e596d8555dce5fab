/**
 * The report's outline as data: its sections in order, the figures each draws from (a query of
 * SummaryService, the one /tonghop and /quahan use), and its wording. Sections that need a
 * person's judgment are marked `placeholder`: the draft says so in the document, never invents it.
 * The order follows the periodic CCHC report Bộ Nội vụ asks for (Công văn 581/BNV-CCHC).
 */
export type SectionSource =
  /** Plans in force: store plans of the period's year. */
  | 'plans'
  /** summaries.deadlines(window) and the agencies' replies (status events). */
  | 'deadlines'
  /** summaries.deadlines(window) by the task's reform area. */
  | 'deadlinesByArea'
  /** summaries.overdue() on the draft's date (the /quahan list). */
  | 'overdue'
  /** summaries.reportStatus(reportCode, year) (the /baocao list). */
  | 'reports'
  /** summaries.deadlines(next window): tasks due next period. */
  | 'nextDeadlines'
  /** Open problems and pending extension requests in the replies. */
  | 'problems'
  | 'none';

export interface OutlineSection {
  key: string;
  heading: string;
  source: SectionSource;
  /** Shown in the document where a person must write: the section is a frame, not content. */
  placeholder?: string;
  /** Only in the province's report (the table of agencies' reports). */
  provinceOnly?: boolean;
}

export const OUTLINE: readonly OutlineSection[] = [
  { key: 'basis', heading: 'Căn cứ', source: 'plans' },
  { key: 'direction', heading: 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH', source: 'deadlines' },
  { key: 'results', heading: 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH', source: 'deadlinesByArea' },
  { key: 'reports', heading: 'Tình hình gửi báo cáo của các cơ quan, đơn vị', source: 'reports', provinceOnly: true },
  {
    key: 'assessment',
    heading: 'III. ĐÁNH GIÁ CHUNG',
    source: 'overdue',
    placeholder: '[Đơn vị bổ sung đánh giá ưu điểm, hạn chế và nguyên nhân — các số liệu dưới đây lấy từ dondoc]',
  },
  { key: 'next', heading: 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI', source: 'nextDeadlines' },
  {
    key: 'proposals',
    heading: 'V. ĐỀ XUẤT, KIẾN NGHỊ',
    source: 'problems',
    placeholder: '[Đơn vị bổ sung đề xuất, kiến nghị — dưới đây là các vướng mắc và đề nghị gia hạn đang chờ xử lý]',
  },
];

/** "quý III năm 2026", "6 tháng đầu năm 2026", "năm 2026": a period's label with its year, "năm" said once. */
export const periodPhrase = (label: string, year: number): string => (/(^|\s)năm$/.test(label) ? `${label} ${year}` : `${label} năm ${year}`);

/** Fixed wording of the document. */
export const WORDS = {
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  typeName: 'BÁO CÁO',
  subject: (label: string, year: number) => `Kết quả thực hiện công tác cải cách hành chính ${periodPhrase(label, year)}`,
  blank: '[bổ sung]',
  signerBlank: '[bổ sung chức vụ người ký]',
  recipientsLabel: 'Nơi nhận:',
  closing: './.',
  appendixTitle: 'Phụ lục I',
  appendixSubtitle: (label: string, year: number) => `DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH ${periodPhrase(label, year).toUpperCase()}`,
  reportsHeader: ['TT', 'Cơ quan, đơn vị', 'Số văn bản', 'Ngày gửi', 'Thời hạn'],
  appendixHeader: ['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn', 'Kết quả', 'Tài liệu kiểm chứng'],
  indicatorsTitle: 'Phụ lục II',
  indicatorsSubtitle: (label: string, year: number) => `CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH ${periodPhrase(label, year).toUpperCase()}`,
  indicatorsHeader: ['TT', 'Chỉ tiêu', 'Chỉ tiêu kế hoạch', 'Kết quả thực hiện', 'Nguồn số liệu'],
  indicatorsNone: 'Kế hoạch không nêu chỉ tiêu định lượng nào; bộ tiêu chí chưa có tỷ lệ dondoc đếm được.',
  evidenceTitle: 'Phụ lục III',
  evidenceSubtitle: (year: number) => `DANH MỤC TÀI LIỆU KIỂM CHỨNG PHỤC VỤ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM ${year}`,
  evidenceHeader: ['TT', 'Tiêu chí (lĩnh vực)', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Báo cáo của cơ quan', 'Tài liệu kiểm chứng'],
  evidenceTotal: (done: string, onTime: string) => `Tỷ lệ hoàn thành nhiệm vụ đến hạn trong kỳ: ${done}; tỷ lệ hoàn thành đúng hạn: ${onTime}.`,
  evidenceGroup: (i: number, criterion: string, done: string, onTime: string) => `${i}. ${criterion} — hoàn thành ${done}; đúng hạn ${onTime}`,
} as const;

/**
 * What an admin is offered as the usual signature for the issuer's kind (Nghị định 30/2020, Phụ lục I,
 * II.8: "KT." when a deputy signs for the head; "TM." for a collective body), for departments only
 * those named "Sở …" (a Thanh tra or Văn phòng is headed by a Chánh …). A suggestion shown with
 * /caidatbaocao, never put in a draft: who signs is the agency's to say.
 */
export function signerLines(kind: string, name: string): string[] | null {
  if (kind === 'so_ban_nganh' && /^Sở\s/.test(name)) return ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'];
  if (kind === 'ubnd_xa' || kind === 'ubnd_huyen') return ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'];
  return null;
}

/** A share written the Vietnamese way: 6 of 7 → "85,71%"; nothing due → "—". */
export function percentVi(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${((part / whole) * 100).toFixed(2).replace('.', ',')}%`;
}
