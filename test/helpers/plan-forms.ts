import ExcelJS from 'exceljs';
import { AlignmentType, BorderStyle, Document, LevelFormat, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

/**
 * Plan tables written the way provinces, communes and (before 1/7/2025) districts publish them, in
 * forms the other fixtures do not have: a Quyết định with the plan and its Phụ lục, a three-row
 * header, group rows across the table, sub-tasks "1.1", "a)", "-"; a commune's plan naming its own
 * bodies; deadlines in free words; agency cells with abbreviations and lists; a tracking sheet with
 * "Người theo dõi / Số điện thoại", "Kinh phí" and "Kết quả" columns; a district's 2024 plan.
 * Each form carries what it means (EXPECTED, written from the document before it was imported),
 * built by scripts/make-plan-forms.ts as .docx (the `docx` library, as a province's office suite
 * writes merged cells), .pdf (LibreOffice) and, for three of them, .xlsx (exceljs, merged cells).
 */

/** A cell: its text, or text spanning columns (`cs`) or rows (`rs`); a cell covered by a span above is left out of its row. */
export type FormCell = string | { t: string; cs?: number; rs?: number; n?: number };

export interface PlanForm {
  /** File name without extension under test/fixtures/plans/forms/. */
  file: string;
  /** What kind of document it is, for the report. */
  about: string;
  year: number;
  /** The lines above the table: letterhead (left, right), then paragraphs. */
  letterhead?: { left: string; right: string; number: string; dateLine: string };
  before: string[];
  header: FormCell[][];
  rows: FormCell[][];
  /** Column widths in twentieths of a point (landscape A4 holds about 14,000). */
  widths: number[];
  after?: string[];
  /** Word may break a row across pages (a long cell then continues on the next page), as by default. */
  splitRows?: boolean;
  /** The header is not repeated at the top of each page. */
  headerOnce?: boolean;
  expected: ExpectedTask[];
}

/**
 * A task as the document means it. Agency codes are data/agencies.json's (Hà Tĩnh, 2026); `@so`
 * is every department in force on the plan's date, `@xa` every commune and ward; a coordinating
 * group leaves out the task's own lead (an agency does not coordinate with itself). `review`: what
 * must be reported for a person to decide (the cell names something the directory does not hold,
 * or a deadline no one can date), never assigned or dated on a guess.
 */
export interface ExpectedTask {
  code: string;
  lead: string[];
  coord: string[];
  deadline: { kind: 'due' | 'recurring' | 'ongoing' | 'event' | 'unknown'; dates?: string[] };
  review?: { lead?: boolean; coord?: boolean; deadline?: boolean };
  why?: string;
}

const SO = '@so';
const XA = '@xa';
const due = (...dates: string[]) => ({ kind: 'due' as const, dates });
const ONGOING = { kind: 'ongoing' as const, dates: [] };
const EVENT = { kind: 'event' as const, dates: [] };

const NATIONAL = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc';

/**
 * 1. A Quyết định of UBND tỉnh issuing the 2026 plan, the task table in its Phụ lục under a
 * three-row header ("Phân công thực hiện" over "Cơ quan thực hiện" over "Chủ trì | Phối hợp"),
 * group rows spanning the table, a parent "1" with its "1.1", "1.2", a task with "a)", "b)", one
 * with dashes, a lead merged down over two rows, and a Ghi chú column with words in it.
 */
const QD_PHU_LUC: PlanForm = {
  file: 'qd-phu-luc-3-dong',
  about: 'Quyết định ban hành kế hoạch, Phụ lục, tiêu đề ba dòng',
  year: 2026,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', right: NATIONAL, number: 'Số: 125/QĐ-UBND', dateLine: 'Hà Tĩnh, ngày 12 tháng 01 năm 2026' },
  before: [
    'QUYẾT ĐỊNH',
    'Ban hành Kế hoạch cải cách hành chính năm 2026 của tỉnh Hà Tĩnh',
    'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH',
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
    'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 05/01/2026.',
    'QUYẾT ĐỊNH:',
    'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026 của tỉnh Hà Tĩnh.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    'Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Quyết định này./.',
    'Phụ lục',
    'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026',
    '(Ban hành kèm theo Quyết định số 125/QĐ-UBND ngày 12/01/2026 của UBND tỉnh Hà Tĩnh)',
  ],
  header: [
    [{ t: 'STT', rs: 3 }, { t: 'Nội dung nhiệm vụ', rs: 3 }, { t: 'Phân công thực hiện', cs: 3 }, { t: 'Sản phẩm', rs: 3 }, { t: 'Ghi chú', rs: 3 }],
    [{ t: 'Cơ quan thực hiện', cs: 2 }, { t: 'Thời gian thực hiện', rs: 2 }],
    ['Chủ trì', 'Phối hợp'],
  ],
  widths: [700, 4300, 2000, 2200, 1900, 1700, 1200],
  rows: [
    [{ t: 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH', cs: 7 }],
    ['1', 'Ban hành các kế hoạch triển khai công tác cải cách hành chính năm 2026', '', '', '', '', ''],
    ['1.1', 'Kế hoạch tuyên truyền cải cách hành chính năm 2026', { t: 'Sở Nội vụ', rs: 2 }, 'Sở Văn hóa, Thể thao và Du lịch', 'Trong 15 ngày kể từ ngày Kế hoạch được ban hành', 'Kế hoạch', ''],
    ['1.2', 'Kế hoạch kiểm tra công tác cải cách hành chính năm 2026', 'VP UBND tỉnh', 'Quý I/2026', 'Kế hoạch', ''],
    ['2', 'Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị, địa phương', 'Sở Nội vụ', 'Các sở, ban, ngành tỉnh', 'Quý II, III/2026', 'Báo cáo kết quả kiểm tra', 'Theo Kế hoạch kiểm tra'],
    ['a)', 'Kiểm tra tại các sở, ban, ngành', '', '', 'Quý II/2026', '', ''],
    ['b)', 'Kiểm tra tại UBND các xã, phường', '', 'UBND các xã, phường', 'Quý III/2026', '', ''],
    ['3', 'Báo cáo định kỳ kết quả thực hiện cải cách hành chính', 'Các sở, ban, ngành tỉnh; UBND các xã, phường', '', 'Định kỳ hằng quý, 6 tháng, năm', 'Báo cáo', 'Gửi Sở Nội vụ tổng hợp'],
    [{ t: 'II. CẢI CÁCH THỂ CHẾ', cs: 7 }],
    ['1', 'Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành', 'Sở Tư pháp', 'Các sở, ban, ngành tỉnh', 'Trước 25/12/2026', 'Quyết định công bố kết quả rà soát', ''],
    ['2', 'Xây dựng văn bản quy định chi tiết các luật, nghị định mới ban hành', 'Các sở, ban, ngành tỉnh', '', 'Theo tiến độ của Trung ương', 'Văn bản quy phạm pháp luật', ''],
    ['3', 'Theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh', 'Sở Tư pháp', 'Các sở, ban, ngành tỉnh; UBND các xã, phường', 'Năm 2026', '', ''],
    ['-', 'Sơ kết, tổng kết tình hình thi hành pháp luật', '', '', 'Tháng 6 và tháng 12', 'Báo cáo', ''],
    ['-', 'Kiểm tra tình hình thi hành pháp luật tại một số địa phương', '', '', 'Quý III/2026', 'Kết luận kiểm tra', ''],
    [{ t: 'III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', cs: 7 }],
    ['1', 'Công bố, công khai thủ tục hành chính thuộc thẩm quyền giải quyết của tỉnh', 'VP UBND tỉnh', 'Các sở, ban, ngành tỉnh', 'Thường xuyên', 'Quyết định công bố', ''],
    ['2', 'Rà soát, đơn giản hóa thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước', 'Sở NV; Sở TC', 'VP UBND tỉnh', 'Quý II, III/2026', 'Phương án đơn giản hóa', ''],
    ['3', 'Triển khai thanh toán trực tuyến phí, lệ phí, nghĩa vụ tài chính trong giải quyết thủ tục hành chính', 'Sở Tài chính', 'Công an tỉnh và các cơ quan liên quan', 'Trong năm 2026', 'Tỷ lệ hồ sơ thanh toán trực tuyến', ''],
    ['4', 'Vận hành Trung tâm Phục vụ hành chính công tỉnh', 'VP UBND tỉnh', 'Sở KH&CN; Bưu điện tỉnh', 'Thường xuyên', '', ''],
  ],
  expected: [
    // "1" names nobody: it is the parent of 1.1 and 1.2, not a task of its own.
    {
      code: 'I.1.1', lead: ['SNV'], coord: ['SVHTTDL'], deadline: due('2026-01-27'),
      why: 'the Kế hoạch was issued by the Quyết định of 12/01/2026: 15 days later (the issue day not counted) is Tuesday 27/01; "Sở Văn hóa, Thể thao và Du lịch" is one department, its comma is part of the name',
    },
    { code: 'I.1.2', lead: ['SNV'], coord: ['VPUBND'], deadline: due('2026-03-31'), why: 'the lead cell is merged down over 1.1 and 1.2' },
    { code: 'I.2', lead: ['SNV'], coord: [SO], deadline: due('2026-06-30', '2026-09-30'), why: 'the Ghi chú "Theo Kế hoạch kiểm tra" is a note, not the deadline' },
    { code: 'I.2.a', lead: ['SNV'], coord: [SO], deadline: due('2026-06-30'), why: 'a) takes its parent\'s lead and coordinators, its own deadline' },
    { code: 'I.2.b', lead: ['SNV'], coord: [XA], deadline: due('2026-09-30'), why: 'b) has its own coordinating cell' },
    { code: 'I.3', lead: [SO, XA], coord: [], deadline: { kind: 'recurring', dates: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'] }, why: 'every quarter end (6 months and the year end on quarter ends)' },
    { code: 'II.1', lead: ['STP'], coord: [SO], deadline: due('2026-12-25') },
    { code: 'II.2', lead: [SO], coord: [], deadline: EVENT, why: 'the date depends on when the laws are issued: only a person can date it' },
    { code: 'II.3', lead: ['STP'], coord: [SO, XA], deadline: due('2026-12-31') },
    { code: 'II.3.1', lead: ['STP'], coord: [SO, XA], deadline: due('2026-06-30', '2026-12-31'), why: 'a dash under 3 takes its lead and coordinators; "Tháng 6 và tháng 12" of the plan\'s year' },
    { code: 'II.3.2', lead: ['STP'], coord: [SO, XA], deadline: due('2026-09-30') },
    { code: 'III.1', lead: ['VPUBND'], coord: [SO], deadline: ONGOING },
    { code: 'III.2', lead: ['SNV', 'STC'], coord: ['VPUBND'], deadline: due('2026-06-30', '2026-09-30'), why: '"Sở NV; Sở TC": two leads by their short names' },
    { code: 'III.3', lead: ['STC'], coord: ['CAT'], deadline: due('2026-12-31'), review: { coord: true }, why: 'which bodies are "liên quan" only the plan knows: reported' },
    { code: 'III.4', lead: ['VPUBND'], coord: ['SKHCN'], deadline: ONGOING, review: { coord: true }, why: 'Bưu điện tỉnh is not in the directory: reported' },
  ],
};

/**
 * 2. A 2026 commune plan (UBND xã Cẩm Xuyên after the merger) naming the commune's own bodies,
 * imported into the province's directory, which holds none of them: every such cell is reported,
 * and none may be taken for the province's body of a similar name ("Văn phòng HĐND-UBND xã" is not
 * Văn phòng UBND tỉnh, "Trung tâm Phục vụ hành chính công xã" is not the province's centre, "Công
 * an xã" is not Công an tỉnh, "Phòng Văn hóa - Xã hội" is not Sở Văn hóa …).
 */
const COMMUNE_2026: PlanForm = {
  file: 'xa-2026',
  about: 'Kế hoạch của UBND xã (sau sáp nhập), cơ quan của xã',
  year: 2026,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nXÃ CẨM XUYÊN', right: NATIONAL, number: 'Số: 08/KH-UBND', dateLine: 'Cẩm Xuyên, ngày 15 tháng 01 năm 2026' },
  before: ['KẾ HOẠCH', 'Cải cách hành chính năm 2026 của UBND xã Cẩm Xuyên', 'Phụ lục', 'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA UBND XÃ'],
  header: [['TT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', 'Ghi chú']],
  widths: [700, 5000, 2400, 2600, 2000, 1300],
  rows: [
    ['I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', '', '', '', ''],
    ['1', 'Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026 của UBND xã', 'Văn phòng HĐND-UBND xã', 'Các phòng chuyên môn', 'Tháng 01/2026', ''],
    ['2', 'Báo cáo kết quả cải cách hành chính định kỳ gửi Sở Nội vụ', 'Văn phòng HĐND-UBND xã', 'Các phòng chuyên môn', 'Trước ngày 10 tháng cuối quý', ''],
    ['II', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', ''],
    ['1', 'Niêm yết, công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công xã', 'Trung tâm Phục vụ hành chính công xã', 'Văn phòng HĐND và UBND xã', 'Thường xuyên', ''],
    ['2', 'Tiếp nhận, giải quyết hồ sơ thủ tục hành chính lĩnh vực đất đai, xây dựng', 'Phòng Kinh tế', 'Trung tâm Phục vụ hành chính công xã', 'Thường xuyên', ''],
    ['3', 'Thực hiện liên thông thủ tục hành chính đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi', 'Phòng Văn hóa - Xã hội', 'Công an xã', 'Quý II/2026', ''],
    ['III', 'CẢI CÁCH TỔ CHỨC BỘ MÁY VÀ CHẾ ĐỘ CÔNG VỤ', '', '', '', ''],
    ['1', 'Rà soát vị trí việc làm của cán bộ, công chức xã', 'Phòng Văn hóa - Xã hội', 'Văn phòng HĐND và UBND xã', 'Trong năm 2026', ''],
    ['2', 'Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2026', 'Phòng Văn hóa - Xã hội', 'Các phòng chuyên môn, đơn vị thuộc UBND xã', 'Trước 15/12/2026', ''],
    ['IV', 'XÂY DỰNG CHÍNH QUYỀN SỐ', '', '', '', ''],
    ['1', 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'Trung tâm Phục vụ hành chính công xã', 'Phòng Kinh tế; Phòng Văn hóa - Xã hội', '6 tháng đầu năm 2026', ''],
    ['2', 'Tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến', 'Phòng Văn hóa - Xã hội', 'Các thôn, tổ dân phố; Đoàn Thanh niên xã', 'Thường xuyên', ''],
    ['3', 'Triển khai ứng dụng định danh điện tử VNeID', 'Công an xã', 'Các phòng chuyên môn', 'Theo kế hoạch của Công an tỉnh', ''],
  ],
  expected: [
    { code: 'I.1', lead: [], coord: [], deadline: due('2026-02-02'), review: { lead: true, coord: true }, why: '31/01/2026 is a Saturday: due Monday 2/2; the commune\'s office is not Văn phòng UBND tỉnh' },
    { code: 'I.2', lead: [], coord: [], deadline: { kind: 'recurring', dates: ['2026-03-10', '2026-06-10', '2026-09-10', '2026-12-10'] }, review: { lead: true, coord: true } },
    { code: 'II.1', lead: [], coord: [], deadline: ONGOING, review: { lead: true, coord: true }, why: 'the commune\'s centre is not the province\'s Trung tâm Phục vụ hành chính công tỉnh' },
    { code: 'II.2', lead: [], coord: [], deadline: ONGOING, review: { lead: true, coord: true } },
    { code: 'II.3', lead: [], coord: [], deadline: due('2026-06-30'), review: { lead: true, coord: true }, why: 'Công an xã is the commune police, not Công an tỉnh' },
    { code: 'III.1', lead: [], coord: [], deadline: due('2026-12-31'), review: { lead: true, coord: true } },
    { code: 'III.2', lead: [], coord: [], deadline: due('2026-12-15'), review: { lead: true, coord: true } },
    { code: 'IV.1', lead: [], coord: [], deadline: due('2026-06-30'), review: { lead: true, coord: true } },
    { code: 'IV.2', lead: [], coord: [], deadline: ONGOING, review: { lead: true, coord: true } },
    { code: 'IV.3', lead: [], coord: [], deadline: EVENT, review: { lead: true, coord: true } },
  ],
};

/** 3. A provincial plan whose deadlines are written in every free form a plan uses. */
const DEADLINES: PlanForm = {
  file: 'thoi-han-tu-do',
  about: 'Thời hạn viết tự do; hàng bị ngắt sang trang',
  year: 2026,
  splitRows: true,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', right: NATIONAL, number: 'Số: 20/KH-UBND', dateLine: 'Hà Tĩnh, ngày 20 tháng 01 năm 2026' },
  before: ['KẾ HOẠCH', 'Thực hiện nhiệm vụ cải cách hành chính trọng tâm năm 2026', 'Phụ lục', 'DANH MỤC NHIỆM VỤ'],
  header: [['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Ghi chú']],
  widths: [700, 5200, 2200, 2400, 2300, 1200],
  rows: [
    ['I', 'CẢI CÁCH THỂ CHẾ', '', '', '', ''],
    ['1', 'Ban hành kế hoạch rà soát văn bản quy phạm pháp luật', 'Sở Tư pháp', '', 'Quý II, III/2026', ''],
    ['2', 'Kiểm tra văn bản quy phạm pháp luật sau khi ban hành', 'Sở Tư pháp', 'Các sở, ban, ngành tỉnh', 'Thường xuyên', ''],
    ['3', 'Tổng kết công tác xây dựng, thi hành pháp luật', 'Sở Tư pháp', '', 'Trước 25/12/2026', ''],
    ['II', 'CẢI CÁCH TỔ CHỨC BỘ MÁY VÀ CHẾ ĐỘ CÔNG VỤ', '', '', '', ''],
    ['1', 'Báo cáo tình hình thực hiện tinh giản biên chế', 'Sở Nội vụ', 'Các sở, ban, ngành tỉnh', 'Tháng 6 và tháng 12', ''],
    ['2', 'Tổ chức tuyển dụng công chức năm 2026', 'Sở Nội vụ', '', 'Trong năm 2026', ''],
    ['3', 'Báo cáo kết quả thực hiện cải cách hành chính', 'Sở Nội vụ', 'Các sở, ban, ngành tỉnh; UBND các xã, phường', 'Hằng quý (trước ngày 15 của tháng cuối quý)', ''],
    ['4', 'Ban hành Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức', 'Sở Nội vụ', '', 'Trong 15 ngày kể từ ngày Kế hoạch được ban hành', ''],
    ['5', 'Sắp xếp, tổ chức lại đơn vị sự nghiệp công lập', 'Sở Nội vụ', 'Các sở, ban, ngành tỉnh', 'Theo tiến độ của Trung ương', ''],
    ['III', 'CẢI CÁCH TÀI CHÍNH CÔNG', '', '', '', ''],
    ['1', 'Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập', 'Sở Tài chính', '', 'Quý I/2026', ''],
    ['2', 'Công khai dự toán, quyết toán ngân sách nhà nước của tỉnh, của các cơ quan, đơn vị sử dụng ngân sách theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn; công khai trên Cổng thông tin điện tử của tỉnh, của các cơ quan, đơn vị và niêm yết tại trụ sở; báo cáo kết quả công khai về Sở Tài chính để tổng hợp, báo cáo UBND tỉnh và Bộ Tài chính theo quy định', 'Sở Tài chính', '', 'Tháng 3 và tháng 9/2026', ''],
    ['3', 'Thanh tra việc quản lý, sử dụng tài chính công', 'Thanh tra tỉnh', 'Sở Tài chính', '6 tháng cuối năm 2026', ''],
    ['IV', 'XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ', '', '', '', ''],
    ['1', 'Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh', 'Sở Khoa học và Công nghệ', 'VP UBND tỉnh', 'Trước 30/6/2026', ''],
    ['2', 'Đánh giá mức độ chuyển đổi số của các cơ quan', 'Sở Khoa học và Công nghệ', '', 'Hằng năm', ''],
    ['3', 'Triển khai nền tảng số dùng chung của tỉnh', 'Sở KH&CN', '', 'Từ tháng 4/2026', ''],
    ['4', 'Báo cáo tình hình chuyển đổi số', 'Sở KH&CN', '', 'Tháng 11/2026', ''],
    ['5', 'Kết nối cơ sở dữ liệu chuyên ngành với Cổng dịch vụ công quốc gia', 'Sở KH&CN', 'Các sở, ban, ngành tỉnh', 'Khi có hướng dẫn của Bộ Khoa học và Công nghệ', ''],
    ['6', 'Thí điểm trợ lý ảo hỗ trợ giải quyết thủ tục hành chính', 'Sở KH&CN', 'VP UBND tỉnh', 'Quý II hoặc quý III/2026', ''],
  ],
  expected: [
    { code: 'I.1', lead: ['STP'], coord: [], deadline: due('2026-06-30', '2026-09-30') },
    { code: 'I.2', lead: ['STP'], coord: [SO], deadline: ONGOING },
    { code: 'I.3', lead: ['STP'], coord: [], deadline: due('2026-12-25') },
    { code: 'II.1', lead: ['SNV'], coord: [SO], deadline: due('2026-06-30', '2026-12-31'), why: 'June and December of the plan\'s year' },
    { code: 'II.2', lead: ['SNV'], coord: [], deadline: due('2026-12-31') },
    { code: 'II.3', lead: ['SNV'], coord: [SO, XA], deadline: { kind: 'recurring', dates: ['2026-03-16', '2026-06-15', '2026-09-15', '2026-12-15'] }, why: 'the 15th of each quarter\'s last month; 15/3/2026 is a Sunday: Monday 16/3' },
    { code: 'II.4', lead: ['SNV'], coord: [], deadline: due('2026-02-04'), why: 'the plan is dated 20/01/2026: 15 days later is Wednesday 4/2' },
    { code: 'II.5', lead: ['SNV'], coord: [SO], deadline: EVENT },
    { code: 'III.1', lead: ['STC'], coord: [], deadline: due('2026-03-31') },
    { code: 'III.2', lead: ['STC'], coord: [], deadline: due('2026-03-31', '2026-09-30') },
    { code: 'III.3', lead: ['TTT'], coord: ['STC'], deadline: due('2026-12-31') },
    { code: 'IV.1', lead: ['SKHCN'], coord: ['VPUBND'], deadline: due('2026-06-30') },
    { code: 'IV.2', lead: ['SKHCN'], coord: [], deadline: { kind: 'recurring', dates: ['2026-12-31'] } },
    { code: 'IV.3', lead: ['SKHCN'], coord: [], deadline: ONGOING, why: 'a start with no end' },
    { code: 'IV.4', lead: ['SKHCN'], coord: [], deadline: due('2026-11-30') },
    { code: 'IV.5', lead: ['SKHCN'], coord: [SO], deadline: EVENT },
    { code: 'IV.6', lead: ['SKHCN'], coord: ['VPUBND'], deadline: { kind: 'unknown', dates: [] }, review: { deadline: true }, why: 'a choice the plan leaves open: no date is stored' },
  ],
};

/**
 * 4. A Phụ lục sent alone (its line "Kèm theo Kế hoạch số …"), one header row, groups "A.", "B.",
 * "C." across the table and tasks numbered on through the groups, agency cells in every shape:
 * short names, lists with ";" and ",", groups, a regional body with its region, enterprises.
 */
const AGENCIES: PlanForm = {
  file: 'co-quan-viet-tat',
  about: 'Ô cơ quan viết tắt, liệt kê, nhóm; tiêu đề bảng không lặp lại ở trang sau',
  year: 2026,
  splitRows: true,
  headerOnce: true,
  before: [
    'Phụ lục',
    'DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM NĂM 2026',
    '(Kèm theo Kế hoạch số 31/KH-UBND ngày 26/01/2026 của UBND tỉnh Hà Tĩnh)',
  ],
  header: [['TT', 'Tên nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn hoàn thành', 'Sản phẩm đầu ra']],
  widths: [600, 4800, 2300, 3000, 1700, 1700],
  rows: [
    [{ t: 'A. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', cs: 6 }],
    ['1', 'Rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính', 'Sở NV; Sở TC', 'VP UBND tỉnh', 'Quý II/2026', 'Quy trình nội bộ'],
    ['2', 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'Sở KH&CN', 'Các sở, ban, ngành tỉnh', 'Năm 2026', 'Dữ liệu số'],
    ['3', 'Cấp căn cước, định danh và xác thực điện tử', 'Công an tỉnh', 'UBND các xã, phường', 'Thường xuyên', ''],
    ['4', 'Kiểm soát thủ tục hành chính', 'VP UBND tỉnh', 'Các sở, ban, ngành tỉnh; UBND các xã, phường', 'Quý IV/2026', 'Báo cáo'],
    [{ t: 'B. CẢI CÁCH TÀI CHÍNH CÔNG', cs: 6 }],
    ['5', 'Đẩy mạnh thanh toán không dùng tiền mặt', 'Sở Tài chính', 'Kho bạc Nhà nước khu vực XIII; Thuế tỉnh', 'Năm 2026', ''],
    ['6', 'Quản lý thu ngân sách đối với hoạt động kinh doanh trên nền tảng số', 'Thuế tỉnh', 'Công an tỉnh và các cơ quan liên quan', 'Năm 2026', ''],
    ['7', 'Giao tự chủ tài chính cho các trường học', 'Sở GD&ĐT', 'Sở Tài chính, Sở Nội vụ', 'Quý III/2026', 'Quyết định giao tự chủ'],
    ['8', 'Giao tự chủ tài chính cho các bệnh viện', 'Sở Y tế', 'Sở Tài chính; BHXH tỉnh', 'Quý III/2026', 'Quyết định giao tự chủ'],
    [{ t: 'C. XÂY DỰNG CHÍNH QUYỀN SỐ', cs: 6 }],
    ['9', 'Chuyển đổi số trong lĩnh vực văn hóa, thể thao và du lịch', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở KH&CN', 'Năm 2026', ''],
    ['10', 'Xây dựng cơ sở dữ liệu đất đai', 'Sở NN&MT', 'UBND các xã, phường', 'Năm 2026', 'Cơ sở dữ liệu'],
    ['11', 'Cung cấp dịch vụ công trực tuyến toàn trình lĩnh vực xây dựng', 'Sở XD', 'Sở Công Thương', 'Quý II/2026', ''],
    ['12', 'Vận hành hệ thống họp trực tuyến đến cấp xã', 'VP UBND tỉnh', 'Sở KH&CN; Viettel Hà Tĩnh; VNPT Hà Tĩnh', 'Năm 2026', ''],
    ['13', 'Tổng hợp, đánh giá kết quả chuyển đổi số trong cải cách hành chính', 'Sở Nội vụ', 'Các Sở: Tư pháp, Tài chính', 'Quý IV/2026', 'Báo cáo'],
    ['14', 'Triển khai mô hình "Bình dân học vụ số" tại cơ sở', 'UBND các xã, phường', 'Sở Nội vụ', 'Năm 2026', ''],
    ['15', 'Số hóa hồ sơ doanh nghiệp trong khu kinh tế', 'Ban Quản lý Khu kinh tế tỉnh', 'Sở Tài chính', 'Năm 2026', ''],
  ],
  expected: [
    { code: 'A.1', lead: ['SNV', 'STC'], coord: ['VPUBND'], deadline: due('2026-06-30') },
    { code: 'A.2', lead: ['SKHCN'], coord: [SO], deadline: due('2026-12-31') },
    { code: 'A.3', lead: ['CAT'], coord: [XA], deadline: ONGOING },
    { code: 'A.4', lead: ['VPUBND'], coord: [SO, XA], deadline: due('2026-12-31') },
    { code: 'B.5', lead: ['STC'], coord: ['KBNN', 'THUE'], deadline: due('2026-12-31'), why: '"khu vực XIII" qualifies the regional treasury' },
    { code: 'B.6', lead: ['THUE'], coord: ['CAT'], deadline: due('2026-12-31'), review: { coord: true } },
    { code: 'B.7', lead: ['SGDDT'], coord: ['STC', 'SNV'], deadline: due('2026-09-30') },
    { code: 'B.8', lead: ['SYT'], coord: ['STC', 'BHXH'], deadline: due('2026-09-30') },
    { code: 'C.9', lead: ['SVHTTDL'], coord: ['SKHCN'], deadline: due('2026-12-31') },
    { code: 'C.10', lead: ['SNNMT'], coord: [XA], deadline: due('2026-12-31') },
    { code: 'C.11', lead: ['SXD'], coord: ['SCT'], deadline: due('2026-06-30') },
    { code: 'C.12', lead: ['VPUBND'], coord: ['SKHCN'], deadline: due('2026-12-31'), review: { coord: true }, why: 'the enterprises are not in the directory: reported' },
    { code: 'C.13', lead: ['SNV'], coord: ['STP', 'STC'], deadline: due('2026-12-31'), why: '"Các Sở: Tư pháp, Tài chính" names those two only' },
    { code: 'C.14', lead: [XA], coord: ['SNV'], deadline: due('2026-12-31') },
    { code: 'C.15', lead: [], coord: ['STC'], deadline: due('2026-12-31'), review: { lead: true }, why: 'a body the directory lacks: proposed, not assigned' },
  ],
};

/**
 * 5. Sở Nội vụ's tracking list sent with a công văn: "Kinh phí", "Kết quả", and who follows each
 * task at Sở Nội vụ with a phone number. The person and the number are never read or stored.
 */
const TRACKING: PlanForm = {
  file: 'nguoi-theo-doi',
  about: 'Cột Kinh phí, Kết quả, Người theo dõi / Số điện thoại',
  year: 2026,
  letterhead: { left: 'UBND TỈNH HÀ TĨNH\nSỞ NỘI VỤ', right: NATIONAL, number: 'Số: 250/SNV-CCHC', dateLine: 'Hà Tĩnh, ngày 10 tháng 02 năm 2026' },
  before: ['DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 GIAO CÁC CƠ QUAN, ĐƠN VỊ', '(Kèm theo Công văn số 250/SNV-CCHC ngày 10/02/2026 của Sở Nội vụ)'],
  header: [['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn hoàn thành', 'Kinh phí (triệu đồng)', 'Kết quả', 'Người theo dõi', 'Số điện thoại']],
  widths: [500, 3600, 1700, 2000, 1600, 1100, 1400, 1500, 1400],
  rows: [
    ['1', 'Tổ chức Hội nghị triển khai nhiệm vụ cải cách hành chính năm 2026', 'Sở Nội vụ', 'VP UBND tỉnh', 'Tháng 02/2026', '150', 'Hội nghị', 'Nguyễn Thị Hà', '0912 345 678'],
    ['2', 'Xác định Chỉ số cải cách hành chính năm 2025 của các sở, UBND các xã, phường', 'Sở Nội vụ', 'Hội đồng thẩm định Chỉ số CCHC tỉnh', 'Quý I/2026', '200', 'Quyết định công bố Chỉ số', 'Trần Văn Nam', '0983 111 222'],
    ['3', 'Khảo sát sự hài lòng của người dân, tổ chức (SIPAS)', 'Sở Nội vụ', 'Bưu điện tỉnh', 'Quý III/2026', '350', 'Báo cáo kết quả khảo sát', 'Lê Thị Thu', '0239 3 856 789'],
    ['4', 'Tuyên truyền cải cách hành chính trên báo, đài', 'Sở Văn hóa, Thể thao và Du lịch', 'Báo và Phát thanh, Truyền hình Hà Tĩnh', 'Thường xuyên', 'Lồng ghép', 'Tin, bài', 'Nguyễn Văn Minh', '0905.123.456'],
    ['5', 'Kiểm tra công vụ, kỷ luật, kỷ cương hành chính', 'Sở Nội vụ', 'Thanh tra tỉnh', 'Quý II, III/2026', 'Trong dự toán được giao', 'Kết luận kiểm tra', 'Phạm Thị Lan', '0915 678 910'],
    ['6', 'Cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức', 'Sở Nội vụ', 'Các sở, ban, ngành tỉnh; UBND các xã, phường', 'Trước 30/6/2026', '', 'Dữ liệu cập nhật', 'Hoàng Văn Đức', '0912 000 111'],
    ['7', 'Báo cáo kết quả cải cách hành chính năm 2026', 'Các sở, ban, ngành tỉnh', '', 'Trước ngày 15/12/2026', '', 'Báo cáo', 'Nguyễn Thị Hà', '0912 345 678'],
    ['8', 'Xây dựng Đề án vị trí việc làm', 'Sở Nội vụ', 'Sở Tài chính', 'Năm 2026', '80', 'Đề án', 'Trần Văn Nam', '0983 111 222'],
  ],
  expected: [
    { code: '1', lead: ['SNV'], coord: ['VPUBND'], deadline: due('2026-03-02'), why: '28/02/2026 is a Saturday: Monday 2/3' },
    { code: '2', lead: ['SNV'], coord: [], deadline: due('2026-03-31'), review: { coord: true }, why: 'the appraisal council is not an agency of the directory' },
    { code: '3', lead: ['SNV'], coord: [], deadline: due('2026-09-30'), review: { coord: true } },
    { code: '4', lead: ['SVHTTDL'], coord: [], deadline: ONGOING, review: { coord: true } },
    { code: '5', lead: ['SNV'], coord: ['TTT'], deadline: due('2026-06-30', '2026-09-30') },
    { code: '6', lead: ['SNV'], coord: [SO, XA], deadline: due('2026-06-30') },
    { code: '7', lead: [SO], coord: [], deadline: due('2026-12-15') },
    { code: '8', lead: ['SNV'], coord: ['STC'], deadline: due('2026-12-31') },
  ],
};

/** The follower names and phone numbers of TRACKING: none may appear in anything dondoc reads out or stores. */
export const TRACKING_PERSONAL = ['Nguyễn Thị Hà', 'Trần Văn Nam', 'Lê Thị Thu', 'Nguyễn Văn Minh', 'Phạm Thị Lan', 'Hoàng Văn Đức', '0912', '0983', '0239 3', '0905', '0915'];

/**
 * 6. A district's 2024 plan (UBND huyện Can Lộc, before the district level ended on 1/7/2025),
 * header "Đơn vị thực hiện" over "Chủ trì | Phối hợp": the district's own bodies (Phòng Nội vụ,
 * Văn phòng HĐND và UBND huyện, Phòng Tư pháp …) are not the province's departments of similar
 * names, and "UBND các xã, thị trấn" are the district's own communes of 2024, not the province's
 * communes of 2026: all reported, none assigned; the structure and the deadlines are still read.
 */
const DISTRICT_2024: PlanForm = {
  file: 'huyen-2024',
  about: 'Kế hoạch cấp huyện năm 2024 (trước sáp nhập)',
  year: 2024,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nHUYỆN CAN LỘC', right: NATIONAL, number: 'Số: 15/KH-UBND', dateLine: 'Can Lộc, ngày 10 tháng 01 năm 2024' },
  before: ['KẾ HOẠCH', 'Cải cách hành chính huyện Can Lộc năm 2024', 'Phụ lục', 'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024'],
  header: [
    [{ t: 'TT', rs: 2 }, { t: 'Nội dung nhiệm vụ', rs: 2 }, { t: 'Đơn vị thực hiện', cs: 2 }, { t: 'Thời gian hoàn thành', rs: 2 }, { t: 'Kết quả, sản phẩm', rs: 2 }],
    ['Chủ trì', 'Phối hợp'],
  ],
  widths: [700, 5000, 2400, 2600, 1800, 1800],
  rows: [
    ['I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', '', '', '', ''],
    ['1', 'Ban hành Kế hoạch cải cách hành chính năm 2024 của UBND huyện', 'Phòng Nội vụ', 'Văn phòng HĐND và UBND huyện', 'Tháng 01/2024', 'Kế hoạch'],
    ['2', 'Kiểm tra công tác cải cách hành chính tại UBND các xã, thị trấn', 'Phòng Nội vụ', 'Phòng Tư pháp', 'Quý II, III/2024', 'Báo cáo kết quả kiểm tra'],
    ['3', 'Báo cáo kết quả cải cách hành chính gửi Sở Nội vụ', 'Phòng Nội vụ', 'Các cơ quan, đơn vị thuộc UBND huyện; UBND các xã, thị trấn', 'Hằng quý, 6 tháng, năm', 'Báo cáo'],
    ['II', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', ''],
    ['1', 'Vận hành Bộ phận Một cửa huyện', 'Văn phòng HĐND và UBND huyện', 'Các cơ quan chuyên môn thuộc UBND huyện', 'Thường xuyên', ''],
    ['2', 'Rà soát thủ tục hành chính lĩnh vực tư pháp, hộ tịch', 'Phòng Tư pháp', 'UBND các xã, thị trấn', 'Quý III/2024', 'Báo cáo rà soát'],
    ['III', 'CẢI CÁCH CHẾ ĐỘ CÔNG VỤ', '', '', '', ''],
    ['1', 'Đánh giá, xếp loại công chức năm 2024', 'Phòng Nội vụ', 'Các cơ quan, đơn vị thuộc UBND huyện', 'Trước 15/12/2024', ''],
    ['IV', 'CẢI CÁCH TÀI CHÍNH CÔNG', '', '', '', ''],
    ['1', 'Giao dự toán ngân sách năm 2025', 'Phòng Tài chính - Kế hoạch', '', 'Tháng 12/2024', 'Quyết định giao dự toán'],
    ['V', 'XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ', '', '', '', ''],
    ['1', 'Ứng dụng công nghệ thông tin trong hoạt động của cơ quan hành chính', 'Phòng Văn hóa và Thông tin', 'Văn phòng HĐND và UBND huyện', 'Năm 2024', ''],
    ['2', 'Triển khai Đề án 06 trên địa bàn huyện', 'Công an huyện', 'Phòng Tư pháp; UBND các xã, thị trấn', 'Năm 2024', ''],
  ],
  expected: [
    { code: 'I.1', lead: [], coord: [], deadline: due('2024-01-31'), review: { lead: true, coord: true }, why: 'Phòng Nội vụ of the district is not Sở Nội vụ' },
    { code: 'I.2', lead: [], coord: [], deadline: due('2024-07-01', '2024-09-30'), review: { lead: true, coord: true }, why: '30/6/2024 is a Sunday: Monday 1/7' },
    { code: 'I.3', lead: [], coord: [], deadline: { kind: 'recurring', dates: ['2024-04-01', '2024-07-01', '2024-09-30', '2024-12-31'] }, review: { lead: true, coord: true } },
    { code: 'II.1', lead: [], coord: [], deadline: ONGOING, review: { lead: true, coord: true }, why: 'the district\'s own departments, not the province\'s' },
    { code: 'II.2', lead: [], coord: [], deadline: due('2024-09-30'), review: { lead: true, coord: true } },
    { code: 'III.1', lead: [], coord: [], deadline: due('2024-12-16'), review: { lead: true, coord: true }, why: '15/12/2024 is a Sunday' },
    { code: 'IV.1', lead: [], coord: [], deadline: due('2024-12-31'), review: { lead: true } },
    { code: 'V.1', lead: [], coord: [], deadline: due('2024-12-31'), review: { lead: true, coord: true } },
    { code: 'V.2', lead: [], coord: [], deadline: due('2024-12-31'), review: { lead: true, coord: true }, why: 'Công an huyện is not Công an tỉnh' },
  ],
};

/**
 * 7. One "Cơ quan thực hiện" column for lead and coordinators together, as many plans print it: the
 * lead marked by "chủ trì" or "(chủ trì)", the others by "phối hợp"; without a mark every agency
 * named carries the task out (each a lead).
 */
const ONE_COLUMN: PlanForm = {
  file: 'co-quan-thuc-hien-mot-cot',
  about: 'Một cột "Cơ quan thực hiện" cho cả chủ trì và phối hợp',
  year: 2026,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', right: NATIONAL, number: 'Số: 40/KH-UBND', dateLine: 'Hà Tĩnh, ngày 02 tháng 02 năm 2026' },
  before: ['KẾ HOẠCH', 'Tuyên truyền cải cách hành chính năm 2026', 'Phụ lục', 'NỘI DUNG TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026'],
  header: [['STT', 'Nội dung', 'Cơ quan thực hiện', 'Thời gian thực hiện', 'Ghi chú']],
  widths: [700, 6000, 3800, 2200, 1300],
  rows: [
    ['1', 'Tuyên truyền về cải cách hành chính trên báo, đài của tỉnh', 'Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Nội vụ', 'Thường xuyên', ''],
    ['2', 'Tổ chức Hội thi tìm hiểu về cải cách hành chính', 'Sở Nội vụ (chủ trì); Sở Tư pháp, Sở Giáo dục và Đào tạo', 'Quý III/2026', ''],
    ['3', 'Cập nhật tin, bài về cải cách hành chính trên Cổng thông tin điện tử tỉnh', 'VP UBND tỉnh', 'Thường xuyên', ''],
    ['4', 'Tuyên truyền cải cách hành chính tại cơ sở', 'UBND các xã, phường', 'Năm 2026', ''],
    ['5', 'Tập huấn nghiệp vụ cho công chức làm công tác cải cách hành chính', 'Sở Nội vụ, Sở Tư pháp', 'Quý II/2026', ''],
    ['6', 'Khảo sát sự hài lòng về công tác tuyên truyền', 'Sở Nội vụ chủ trì; các sở, ngành phối hợp', 'Quý III/2026', ''],
  ],
  expected: [
    { code: '1', lead: ['SVHTTDL'], coord: ['SNV'], deadline: ONGOING, why: '"chủ trì, phối hợp với": Sở Nội vụ coordinates, it does not lead' },
    { code: '2', lead: ['SNV'], coord: ['STP', 'SGDDT'], deadline: due('2026-09-30'), why: 'the one marked "(chủ trì)" leads, the others coordinate' },
    { code: '3', lead: ['VPUBND'], coord: [], deadline: ONGOING },
    { code: '4', lead: [XA], coord: [], deadline: due('2026-12-31') },
    { code: '5', lead: ['SNV', 'STP'], coord: [], deadline: due('2026-06-30'), why: 'no mark: both carry it out' },
    { code: '6', lead: ['SNV'], coord: [SO], deadline: due('2026-09-30') },
  ],
};

/**
 * 8. Areas numbered "1.", "2." in ordinary letters across the table, tasks "1.1", "2.1" and
 * "2.1.1" under them, a deadline merged down over the tasks it covers, an agency cell of two
 * paragraphs.
 */
const THREE_LEVELS: PlanForm = {
  file: 'so-thu-tu-ba-cap',
  about: 'Nhóm "1. …", nhiệm vụ "1.1", "2.1.1", thời hạn gộp ô',
  year: 2026,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', right: NATIONAL, number: 'Số: 55/KH-UBND', dateLine: 'Hà Tĩnh, ngày 10 tháng 02 năm 2026' },
  before: ['KẾ HOẠCH', 'Chuyển đổi số phục vụ cải cách hành chính năm 2026', 'Phụ lục', 'NHIỆM VỤ, GIẢI PHÁP'],
  header: [['TT', 'Nhiệm vụ, giải pháp', 'Chủ trì', 'Phối hợp', 'Thời hạn hoàn thành']],
  widths: [900, 6300, 2400, 2800, 1600],
  rows: [
    [{ t: '1. Hoàn thiện thể chế về chuyển đổi số', cs: 5 }],
    ['1.1', 'Rà soát quy định về giải quyết thủ tục hành chính trên môi trường điện tử', 'Sở Tư pháp', 'Các sở, ban, ngành tỉnh', { t: 'Quý II/2026', rs: 2 }],
    ['1.2', 'Ban hành Quy chế quản lý, vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh', 'Sở KH&CN', 'Sở Tư pháp\nVP UBND tỉnh'],
    [{ t: '2. Phát triển hạ tầng số', cs: 5 }],
    ['2.1', 'Nâng cấp hạ tầng mạng của các cơ quan nhà nước', 'Sở KH&CN', '', 'Năm 2026'],
    ['2.1.1', 'Nâng cấp mạng truyền số liệu chuyên dùng đến cấp xã', 'Sở KH&CN', 'UBND các xã, phường', 'Quý III/2026'],
    ['2.1.2', 'Nâng cấp Trung tâm dữ liệu tỉnh', 'Sở KH&CN', '', 'Quý IV/2026'],
    ['2.2', 'Bảo đảm an toàn, an ninh mạng', 'Công an tỉnh', 'Sở KH&CN', 'Thường xuyên'],
    [{ t: '3. Phát triển dữ liệu số', cs: 5 }],
    ['3.1', 'Xây dựng cơ sở dữ liệu đất đai', 'Sở NN&MT', 'UBND các xã, phường', { t: 'Năm 2026', rs: 3 }],
    ['3.2', 'Xây dựng cơ sở dữ liệu ngành y tế', 'Sở Y tế', 'Bảo hiểm xã hội tỉnh'],
    ['3.3', 'Xây dựng cơ sở dữ liệu ngành giáo dục', 'Sở GD&ĐT', ''],
  ],
  expected: [
    { code: '1.1', lead: ['STP'], coord: [SO], deadline: due('2026-06-30'), why: 'the task\'s own number already names its area' },
    { code: '1.2', lead: ['SKHCN'], coord: ['STP', 'VPUBND'], deadline: due('2026-06-30'), why: 'the deadline cell is merged down over 1.1 and 1.2; two paragraphs name two agencies' },
    { code: '2.1', lead: ['SKHCN'], coord: [], deadline: due('2026-12-31') },
    { code: '2.1.1', lead: ['SKHCN'], coord: [XA], deadline: due('2026-09-30') },
    { code: '2.1.2', lead: ['SKHCN'], coord: [], deadline: due('2026-12-31') },
    { code: '2.2', lead: ['CAT'], coord: ['SKHCN'], deadline: ONGOING },
    { code: '3.1', lead: ['SNNMT'], coord: [XA], deadline: due('2026-12-31') },
    { code: '3.2', lead: ['SYT'], coord: ['BHXH'], deadline: due('2026-12-31') },
    { code: '3.3', lead: ['SGDDT'], coord: [], deadline: due('2026-12-31') },
  ],
};

/**
 * 9. Agency cells with the notes and titles plans add (a head's title, a unit in brackets, "có liên
 * quan"), names of departments merged in 2025 still written in a 2026 plan, deadlines without a year
 * under a header that names it ("Thời gian hoàn thành (năm 2026)").
 */
const NOTES: PlanForm = {
  file: 'ghi-chu-trong-o',
  about: 'Ô cơ quan có chức danh, ghi chú, tên sở cũ; thời hạn không ghi năm',
  year: 2026,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', right: NATIONAL, number: 'Số: 60/KH-UBND', dateLine: 'Hà Tĩnh, ngày 25 tháng 02 năm 2026' },
  before: ['KẾ HOẠCH', 'Nâng cao Chỉ số cải cách hành chính năm 2026', 'Phụ lục', 'NHIỆM VỤ CỤ THỂ'],
  header: [['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành (năm 2026)', 'Sản phẩm']],
  widths: [600, 4800, 3200, 2800, 1600, 1000],
  rows: [
    ['1', 'Tham mưu kiện toàn Ban Chỉ đạo cải cách hành chính tỉnh', 'Giám đốc Sở Nội vụ', 'Văn phòng UBND tỉnh', 'Quý I', 'Quyết định'],
    ['2', 'Cập nhật thủ tục hành chính lĩnh vực cư trú', 'Công an tỉnh (Phòng Cảnh sát quản lý hành chính về trật tự xã hội)', 'Sở Tư pháp', 'Tháng 9', ''],
    ['3', 'Báo cáo tự đánh giá, chấm điểm Chỉ số cải cách hành chính', 'Sở Nội vụ (Phòng Cải cách hành chính)', 'Các sở, ban, ngành, địa phương', '30/6', 'Báo cáo'],
    ['4', 'Đánh giá kết quả cải cách hành chính của tỉnh', 'UBND tỉnh', 'Sở Nội vụ', '15/12 hằng năm', 'Báo cáo'],
    ['5', 'Triển khai nền tảng số dùng chung', 'Sở Thông tin và Truyền thông', 'Sở Nội vụ', 'Quý III', ''],
    ['6', 'Cải thiện môi trường đầu tư, kinh doanh', 'Sở Kế hoạch và Đầu tư', 'Sở Công Thương', 'Quý IV', ''],
    ['7', 'Chỉ đạo công tác cải cách hành chính ở cơ sở', 'Chủ tịch UBND các xã, phường', 'Sở Nội vụ', 'Thường xuyên', ''],
    ['8', 'Kiểm tra công vụ', 'Sở Nội vụ, các cơ quan có liên quan', '', 'Quý II, III', 'Kết luận'],
    ['9', 'Tổ chức Hội nghị sơ kết cải cách hành chính', 'Tổ công tác cải cách hành chính của tỉnh', 'Sở Nội vụ', 'Tháng 5', ''],
    ['10', 'Lấy ý kiến giám sát của Nhân dân về cải cách hành chính', 'Sở Nội vụ', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'Quý IV', ''],
  ],
  expected: [
    { code: '1', lead: ['SNV'], coord: ['VPUBND'], deadline: due('2026-03-31'), why: 'the head of the department stands for it' },
    { code: '2', lead: ['CAT'], coord: ['STP'], deadline: due('2026-09-30'), why: 'the unit in brackets is a note' },
    { code: '3', lead: ['SNV'], coord: [SO, XA], deadline: due('2026-06-30') },
    { code: '4', lead: ['UBNDT'], coord: ['SNV'], deadline: { kind: 'recurring', dates: ['2026-12-15'] } },
    { code: '5', lead: ['SKHCN'], coord: ['SNV'], deadline: due('2026-09-30'), why: 'Sở TTTT merged into Sở KH&CN on 1/3/2025: its successor does the work (the import says so)' },
    { code: '6', lead: ['STC'], coord: ['SCT'], deadline: due('2026-12-31'), why: 'Sở KH&ĐT merged into Sở Tài chính' },
    { code: '7', lead: [XA], coord: ['SNV'], deadline: ONGOING, why: 'the chairs stand for their communes' },
    { code: '8', lead: ['SNV'], coord: [], deadline: due('2026-06-30', '2026-09-30'), review: { lead: true } },
    { code: '9', lead: [], coord: ['SNV'], deadline: due('2026-06-01'), review: { lead: true }, why: '31/5/2026 is a Sunday; the working group is no agency of the directory' },
    { code: '10', lead: ['SNV'], coord: [], deadline: due('2026-12-31'), review: { coord: true } },
  ],
};

/**
 * 10. The TT column numbered by Word itself: one multilevel list, "I." on the area rows (across the
 * table), "1." on the tasks (restarting under each area), "a)" on the sub-tasks, as a province's
 * template does it; nothing is typed in the TT cells.
 */
const AUTO_NUMBERED: PlanForm = {
  file: 'tu-dong-danh-so',
  about: 'Cột TT đánh số tự động của Word (danh sách nhiều cấp)',
  year: 2026,
  letterhead: { left: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', right: NATIONAL, number: 'Số: 70/KH-UBND', dateLine: 'Hà Tĩnh, ngày 02 tháng 03 năm 2026' },
  before: ['KẾ HOẠCH', 'Thực hiện Chương trình cải cách hành chính năm 2026', 'Phụ lục', 'NHIỆM VỤ'],
  header: [['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành']],
  widths: [900, 6200, 2400, 2800, 1700],
  rows: [
    [{ t: 'CẢI CÁCH THỂ CHẾ', cs: 5, n: 0 }],
    [{ t: '', n: 1 }, 'Rà soát văn bản quy phạm pháp luật', 'Sở Tư pháp', 'Các sở, ban, ngành tỉnh', 'Quý II/2026'],
    [{ t: '', n: 1 }, 'Theo dõi tình hình thi hành pháp luật', '', '', ''],
    [{ t: '', n: 2 }, 'Kiểm tra tại các sở, ngành', 'Sở Tư pháp', '', 'Quý III/2026'],
    [{ t: '', n: 2 }, 'Tổng hợp, báo cáo kết quả', 'Sở Nội vụ', 'Sở Tư pháp', 'Trước 15/12/2026'],
    [{ t: 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', cs: 5, n: 0 }],
    [{ t: '', n: 1 }, 'Công bố danh mục thủ tục hành chính', 'VP UBND tỉnh', 'Các sở, ban, ngành tỉnh', 'Thường xuyên'],
    [{ t: '', n: 1 }, 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'VP UBND tỉnh', 'Sở KH&CN', 'Năm 2026'],
    [{ t: 'CẢI CÁCH TỔ CHỨC BỘ MÁY', cs: 5, n: 0 }],
    [{ t: '', n: 1 }, 'Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn', 'Sở Nội vụ', 'Các sở, ban, ngành tỉnh', 'Quý III/2026'],
  ],
  expected: [
    { code: 'I.1', lead: ['STP'], coord: [SO], deadline: due('2026-06-30') },
    { code: 'I.2.a', lead: ['STP'], coord: [], deadline: due('2026-09-30'), why: '2. names nobody: the parent of its a) and b)' },
    { code: 'I.2.b', lead: ['SNV'], coord: ['STP'], deadline: due('2026-12-15') },
    { code: 'II.1', lead: ['VPUBND'], coord: [SO], deadline: ONGOING, why: 'Word restarts the task numbers under each area' },
    { code: 'II.2', lead: ['VPUBND'], coord: ['SKHCN'], deadline: due('2026-12-31') },
    { code: 'III.1', lead: ['SNV'], coord: [SO], deadline: due('2026-09-30') },
  ],
};

export const PLAN_FORMS: PlanForm[] = [QD_PHU_LUC, COMMUNE_2026, DEADLINES, AGENCIES, TRACKING, DISTRICT_2024, ONE_COLUMN, THREE_LEVELS, NOTES, AUTO_NUMBERED];
/** The forms also written as .xlsx (merged cells as Excel merges them). */
export const XLSX_FORMS = ['qd-phu-luc-3-dong', 'co-quan-viet-tat', 'so-thu-tu-ba-cap'];

/** Every cell placed on the grid (row, column, spans), the cells covered by a span above left out as in the spec. */
export function layout(rows: FormCell[][], columns: number): { r: number; c: number; text: string; rs: number; cs: number }[] {
  const taken = new Set<string>();
  const out: { r: number; c: number; text: string; rs: number; cs: number }[] = [];
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (taken.has(`${r}:${c}`)) c += 1;
      const spec = typeof cell === 'string' ? { t: cell } : cell;
      const rs = spec.rs ?? 1;
      const cs = spec.cs ?? 1;
      for (let i = 0; i < rs; i += 1) for (let j = 0; j < cs; j += 1) taken.add(`${r + i}:${c + j}`);
      out.push({ r, c, text: spec.t, rs, cs });
      c += cs;
    }
    if (c > columns) throw new Error(`row ${r} has ${c} columns, not ${columns}`);
  });
  return out;
}

const FONT = 'Times New Roman';
const line = (text: string, bold = false, size = 26) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: text.split('\n').map((part, i) => new TextRun({ text: part, bold, font: FONT, size, break: i > 0 ? 1 : 0 })) });
const bodyLine = (text: string) => new Paragraph({ children: [new TextRun({ text, font: FONT, size: 26 })] });
const RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** The form as a Word file, written by the `docx` library: letterhead without borders, the ruled task table with its header repeated on each page. */
export function formDocx(form: PlanForm): Promise<Buffer> {
  const columns = form.widths.length;
  const children: (Paragraph | Table)[] = [];
  if (form.letterhead) {
    const cell = (text: string, bold: boolean, width: number) =>
      new TableCell({ borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, width: { size: width, type: WidthType.DXA }, children: [line(text, bold)] });
    children.push(
      new Table({
        columnWidths: [5000, 9000],
        borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
        rows: [
          new TableRow({ children: [cell(form.letterhead.left, true, 5000), cell(form.letterhead.right, true, 9000)] }),
          new TableRow({ children: [cell(form.letterhead.number, false, 5000), cell(form.letterhead.dateLine, false, 9000)] }),
        ],
      }),
    );
  }
  // Titles in capitals and "Phụ lục" centred in bold, the line in brackets under them centred, the rest body text.
  for (const text of form.before) children.push(text === text.toLocaleUpperCase('vi') || text === 'Phụ lục' ? line(text, true) : text.startsWith('(') ? line(text) : bodyLine(text));
  const tableRows = (rows: FormCell[][], header: boolean) =>
    rows.map(
      (cells) =>
        new TableRow({
          tableHeader: header && !form.headerOnce,
          cantSplit: !form.splitRows,
          children: cells.map((cell) => {
            const spec = typeof cell === 'string' ? { t: cell } : cell;
            return new TableCell({
              ...(spec.cs ? { columnSpan: spec.cs } : {}),
              ...(spec.rs ? { rowSpan: spec.rs } : {}),
              borders: { top: RULE, bottom: RULE, left: RULE, right: RULE },
              // "\n" in a cell's text: a new paragraph, as a person types Enter in the cell.
              // `n`: the paragraph is in the document's multilevel TT list at that level (Word writes the number).
              children: spec.t.split('\n').map(
                (text) =>
                  new Paragraph({
                    alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
                    ...('n' in spec && spec.n !== undefined ? { numbering: { reference: 'tt', level: spec.n } } : {}),
                    children: [new TextRun({ text, font: FONT, size: 24, bold: header })],
                  }),
              ),
            });
          }),
        }),
    );
  children.push(
    new Table({
      columnWidths: form.widths,
      width: { size: form.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      rows: [...tableRows(form.header, true), ...tableRows(form.rows, false)],
    }),
  );
  if (columns !== layout([...form.header, ...form.rows], columns).reduce((m, x) => Math.max(m, x.c + x.cs), 0)) throw new Error(`${form.file}: widths and cells disagree`);
  for (const text of form.after ?? ['Nơi nhận:', '- Như trên;', '- Lưu: VT.']) children.push(bodyLine(text));
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'tt',
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(doc);
}

/** The form as an Excel sheet: the lines above the table in column A, then the table with its merged cells. */
export async function formXlsx(form: PlanForm): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Phụ lục');
  const columns = form.widths.length;
  let top = 1;
  for (const text of form.before.filter((t) => !/^(Căn cứ|Theo đề nghị|Điều \d)/.test(t))) {
    sheet.getCell(top, 1).value = text;
    sheet.mergeCells(top, 1, top, columns);
    top += 1;
  }
  top += 1;
  const grid = layout([...form.header, ...form.rows], columns);
  for (const cell of grid) {
    sheet.getCell(top + cell.r, 1 + cell.c).value = cell.text;
    if (cell.rs > 1 || cell.cs > 1) sheet.mergeCells(top + cell.r, 1 + cell.c, top + cell.r + cell.rs - 1, 1 + cell.c + cell.cs - 1);
  }
  form.widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.round(w / 120)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What an import read for one row (the CLI's `selected.rows`, with the report's review lists). */
export interface ReadRow {
  row: number;
  code: string;
  lead: string[];
  coordinating: string[];
  deadlineKind: string;
  dates: string[];
}

export type Verdict = 'right' | 'reported' | 'wrong';

/**
 * Each expected task against what the import read: `right` when its lead, coordinators, deadline
 * kind and dates are what the plan means and everything it should report is reported; `reported`
 * when something is left to a person (an agency or a deadline listed for review) and nothing stored
 * is wrong; `wrong` when an agency or a date is stored that the plan does not say, or the task is
 * missing, or part of it is dropped without a word. Tasks the plan does not have are `extra`.
 */
export function scoreForm(
  form: PlanForm,
  read: { rows: ReadRow[]; unresolvedRows: number[]; unknownDeadlineRows: number[] },
  codesOf: (group: '@so' | '@xa') => string[],
): { verdicts: { code: string; verdict: Verdict; why: string }[]; extra: string[] } {
  const byCode = new Map(read.rows.map((r) => [r.code, r]));
  const expand = (list: string[]) => new Set(list.flatMap((x) => (x === '@so' || x === '@xa' ? codesOf(x) : [x])));
  const verdicts = form.expected.map((task) => {
    const got = byCode.get(task.code);
    if (!got) return { code: task.code, verdict: 'wrong' as const, why: 'task missing' };
    const lead = expand(task.lead);
    const coord = new Set([...expand(task.coord)].filter((c) => !lead.has(c)));
    // The rows whose review concerns this task: its own and those of the tasks it belongs to.
    const rowsOfTask = read.rows.filter((r) => task.code === r.code || task.code.startsWith(`${r.code}.`)).map((r) => r.row);
    const agencyReported = rowsOfTask.some((r) => read.unresolvedRows.includes(r));
    // A deadline waiting for an event ("chờ sự kiện") is listed in /kehoach for Sở Nội vụ to date: reported too.
    const deadlineReported = read.unknownDeadlineRows.includes(got.row) || (got.deadlineKind === 'event' && got.dates.length === 0);
    const wrongLead = got.lead.filter((c) => !lead.has(c));
    const wrongCoord = got.coordinating.filter((c) => !coord.has(c) && !lead.has(c));
    const datesOk = JSON.stringify(got.dates) === JSON.stringify(task.deadline.dates ?? []);
    const problems: string[] = [];
    if (wrongLead.length) problems.push(`lead stored wrongly: ${wrongLead.join(', ')}`);
    if (wrongCoord.length) problems.push(`coordinating stored wrongly: ${wrongCoord.slice(0, 5).join(', ')}${wrongCoord.length > 5 ? ` (+${wrongCoord.length - 5})` : ''}`);
    if (got.dates.length > 0 && !datesOk) problems.push(`dates ${got.dates.join(', ')} instead of ${(task.deadline.dates ?? []).join(', ') || 'none'}`);
    const missingLead = [...lead].filter((c) => !got.lead.includes(c));
    const missingCoord = [...coord].filter((c) => !got.coordinating.includes(c));
    const short: string[] = [];
    if (missingLead.length) short.push(`lead missing: ${missingLead.slice(0, 5).join(', ')}`);
    if (missingCoord.length) short.push(`coordinating missing: ${missingCoord.slice(0, 5).join(', ')}`);
    if (got.deadlineKind !== task.deadline.kind || !datesOk) short.push(`deadline ${got.deadlineKind} ${got.dates.join(', ')} instead of ${task.deadline.kind} ${(task.deadline.dates ?? []).join(', ')}`);
    if (task.review?.lead || task.review?.coord) if (!agencyReported) short.push('an agency the directory lacks is not reported');
    if (task.review?.deadline && !deadlineReported) short.push('the deadline is not reported');
    if (problems.length > 0) return { code: task.code, verdict: 'wrong' as const, why: problems.join('; ') };
    if (short.length === 0) return { code: task.code, verdict: 'right' as const, why: '' };
    // Short of the plan: acceptable only when what is short is reported for a person to settle.
    const agencyShort = missingLead.length > 0 || missingCoord.length > 0;
    const deadlineShort = got.deadlineKind !== task.deadline.kind || !datesOk;
    if ((!agencyShort || agencyReported) && (!deadlineShort || deadlineReported)) return { code: task.code, verdict: 'reported' as const, why: short.join('; ') };
    return { code: task.code, verdict: 'wrong' as const, why: `dropped without a word: ${short.join('; ')}` };
  });
  const expected = new Set(form.expected.map((t) => t.code));
  return { verdicts, extra: read.rows.filter((r) => !expected.has(r.code)).map((r) => r.code) };
}
