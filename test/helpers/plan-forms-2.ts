import { AlignmentType, BorderStyle, Document, LevelFormat, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { layout, type FormCell, type PlanForm } from './plan-forms.js';

/**
 * Plan forms, round 2: tables in the shapes 2025–2026 provincial CCHC plans take after the merger
 * (two-tier government: the province's sở and ban, UBND các xã, phường; merged departments such as
 * Sở Nông nghiệp và Môi trường, Sở Khoa học và Công nghệ, Sở Dân tộc và Tôn giáo), in forms the
 * first set (test/helpers/plan-forms.ts) does not have: Word's multilevel numbering "1." / "a)" /
 * "-" with a parent row and a top-level task after its sub-tasks, typed "a)" and "-" sub-tasks
 * mixed, "Không" in a coordinating cell, "Sản phẩm" before the agencies and a "Ghi chú" naming an
 * agency, lead and coordinators in one cell, recurring deadlines "Trước ngày 30/6 hằng năm", and a
 * table continued in a second Word table under its repeated header. Built by
 * scripts/make-plan-forms.ts into test/fixtures/plans/forms2/ (.docx, and .pdf by LibreOffice).
 * Expectations are written from what each row means (the `why` says why where it is not plain).
 */
export interface PlanForm2 extends PlanForm {
  /** Word's multilevel list for the TT column (cells with `n`), level by level; default none. */
  levels?: { format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string }[];
  /** The table ends before this row (index into `rows`) and goes on in a second Word table under the same header. */
  continueAt?: number;
  /** Paragraphs between the two tables (Word joins two tables with nothing between them). */
  between?: string[];
}

const SO = '@so';
const XA = '@xa';
const due = (...dates: string[]) => ({ kind: 'due' as const, dates });
const ONGOING = { kind: 'ongoing' as const, dates: [] };
const yearly = (date: string) => ({ kind: 'recurring' as const, dates: [date] });
const NATIONAL = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc';
const LETTERHEAD = (number: string, dateLine: string) => ({ left: 'ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH', right: NATIONAL, number, dateLine });

/**
 * 1. The TT column numbered by Word, one multilevel list: "1." for a task, "a)" for its sub-tasks,
 * "-" (a bullet level) under a sub-task; no Roman areas. "1." names nobody: the parent of its a)
 * and b). The "2." after them is a task of the top level, not a third child of "1." — the known
 * bug this form was written for ("2." coded "1.2").
 */
const AUTO_PARENT: PlanForm2 = {
  file: 'tu-dong-danh-so-cha-con',
  about: 'TT đánh số tự động "1." / "a)" / "-", dòng cha không có cơ quan, "Không" ở cột phối hợp',
  year: 2026,
  letterhead: LETTERHEAD('Số: 18/KH-UBND', 'Hà Tĩnh, ngày 16 tháng 01 năm 2026'),
  before: ['KẾ HOẠCH', 'Cải cách hành chính tỉnh Hà Tĩnh năm 2026', 'Phụ lục', 'NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026'],
  header: [['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm']],
  widths: [800, 5200, 2300, 2500, 1800, 1400],
  levels: [
    { format: LevelFormat.DECIMAL, text: '%1.' },
    { format: LevelFormat.LOWER_LETTER, text: '%2)' },
    { format: LevelFormat.BULLET, text: '-' },
  ],
  rows: [
    [{ t: '', n: 0 }, 'Ban hành các kế hoạch triển khai công tác cải cách hành chính năm 2026', '', '', '', ''],
    [{ t: '', n: 1 }, 'Kế hoạch kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', 'Văn phòng UBND tỉnh', 'Quý I/2026', 'Kế hoạch'],
    [{ t: '', n: 1 }, 'Kế hoạch tuyên truyền cải cách hành chính', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Nội vụ', 'Tháng 3/2026', 'Kế hoạch'],
    [{ t: '', n: 0 }, 'Tổ chức Hội nghị triển khai nhiệm vụ cải cách hành chính năm 2026', 'Sở Nội vụ', 'Không', 'Tháng 3/2026', 'Hội nghị'],
    [{ t: '', n: 0 }, 'Nâng cao chất lượng giải quyết thủ tục hành chính', '', '', '', ''],
    [{ t: '', n: 1 }, 'Rà soát, đơn giản hóa thủ tục hành chính nội bộ', 'Văn phòng UBND tỉnh', 'Các sở, ban, ngành', 'Quý III/2026', 'Phương án đơn giản hóa'],
    [{ t: '', n: 1 }, 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'Sở Khoa học và Công nghệ', 'UBND các xã, phường', 'Năm 2026', 'Dữ liệu số'],
    [{ t: '', n: 2 }, 'Số hóa hồ sơ đất đai', 'Sở Nông nghiệp và Môi trường', 'UBND các xã, phường', 'Quý II/2026', ''],
    [{ t: '', n: 2 }, 'Số hóa hồ sơ hộ tịch', 'Sở Tư pháp', 'UBND các xã, phường', 'Quý IV/2026', ''],
    [{ t: '', n: 0 }, 'Đánh giá, xếp loại chất lượng cán bộ, công chức năm 2026', 'Sở Nội vụ', 'Không có', 'Trước 15/12/2026', 'Báo cáo'],
  ],
  expected: [
    { code: '1.a', lead: ['SNV'], coord: ['VPUBND'], deadline: due('2026-03-31'), why: '"1." names nobody: the parent of a) and b), not a task' },
    { code: '1.b', lead: ['SVHTTDL'], coord: ['SNV'], deadline: due('2026-03-31') },
    { code: '2', lead: ['SNV'], coord: [], deadline: due('2026-03-31'), why: '"2." is at the list\'s first level, a sibling of "1.", not its child; "Không": no coordinating agency, nothing to report' },
    { code: '3.a', lead: ['VPUBND'], coord: [SO], deadline: due('2026-09-30') },
    { code: '3.b', lead: ['SKHCN'], coord: [XA], deadline: due('2026-12-31') },
    { code: '3.b.1', lead: ['SNNMT'], coord: [XA], deadline: due('2026-06-30'), why: 'a "-" under b) is a part of b)' },
    { code: '3.b.2', lead: ['STP'], coord: [XA], deadline: due('2026-12-31') },
    { code: '4', lead: ['SNV'], coord: [], deadline: due('2026-12-15'), why: '"Không có": none' },
  ],
};

/**
 * 2. Roman areas typed in the TT cell with their title beside it, tasks "1", "2", sub-tasks typed
 * "a)", "b)" and "-" mixed: dashes under a task with a lead (each its own deadline), a dash under
 * "a)"; "-" and "Không" in a coordinating cell (nobody); Sở Dân tộc và Tôn giáo.
 */
const TYPED_MIXED: PlanForm2 = {
  file: 'la-ma-a-b-gach',
  about: 'Mục La Mã, nhiệm vụ con "a)", "b)" và "-" gõ tay xen nhau, "-" và "Không" ở cột phối hợp',
  year: 2026,
  letterhead: LETTERHEAD('Số: 22/KH-UBND', 'Hà Tĩnh, ngày 20 tháng 01 năm 2026'),
  before: ['KẾ HOẠCH', 'Cải cách hành chính năm 2026', 'Phụ lục', 'NHIỆM VỤ CỤ THỂ'],
  header: [['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời hạn', 'Sản phẩm']],
  widths: [800, 5400, 2300, 2600, 1700, 1200],
  rows: [
    ['I', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', '', '', '', ''],
    ['1', 'Xây dựng, ban hành Kế hoạch cải cách hành chính năm 2026', 'Sở Nội vụ', 'Các sở, ban, ngành; UBND các xã, phường', 'Quý I/2026', 'Kế hoạch'],
    ['2', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', '-', 'Quý II, III/2026', 'Báo cáo'],
    ['-', 'Kiểm tra tại các sở, ngành', '', '', 'Quý II/2026', ''],
    ['-', 'Kiểm tra tại UBND các xã, phường', '', 'UBND các xã, phường', 'Quý III/2026', ''],
    ['3', 'Tuyên truyền cải cách hành chính', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Nội vụ', 'Thường xuyên', 'Tin, bài'],
    ['II', 'CẢI CÁCH THỂ CHẾ', '', '', '', ''],
    ['1', 'Rà soát văn bản quy phạm pháp luật', '', '', '', ''],
    ['a)', 'Rà soát văn bản do HĐND tỉnh ban hành', 'Sở Tư pháp', 'Các sở, ban, ngành', 'Quý II/2026', 'Báo cáo'],
    ['-', 'Rà soát văn bản lĩnh vực đất đai, môi trường', 'Sở Nông nghiệp và Môi trường', 'Sở Tư pháp', 'Quý II/2026', ''],
    ['b)', 'Rà soát văn bản do UBND tỉnh ban hành', 'Sở Tư pháp', 'Văn phòng UBND tỉnh', 'Quý III/2026', 'Báo cáo'],
    ['2', 'Theo dõi tình hình thi hành pháp luật', 'Sở Tư pháp', 'Không', 'Năm 2026', 'Báo cáo'],
    ['III', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', ''],
    ['1', 'Thực hiện thủ tục hành chính lĩnh vực dân tộc, tôn giáo trên môi trường điện tử', 'Sở Dân tộc và Tôn giáo', 'Sở KH&CN', 'Quý IV/2026', ''],
    ['2', 'Triển khai Đề án 06 về dữ liệu dân cư, định danh và xác thực điện tử', 'Công an tỉnh', 'Các sở, ngành; UBND các xã, phường', 'Thường xuyên', ''],
  ],
  expected: [
    { code: 'I.1', lead: ['SNV'], coord: [SO, XA], deadline: due('2026-03-31') },
    { code: 'I.2', lead: ['SNV'], coord: [], deadline: due('2026-06-30', '2026-09-30'), why: '"-" alone in the coordinating cell: nobody' },
    { code: 'I.2.1', lead: ['SNV'], coord: [], deadline: due('2026-06-30'), why: 'a dash takes its task\'s lead, its own deadline' },
    { code: 'I.2.2', lead: ['SNV'], coord: [XA], deadline: due('2026-09-30') },
    { code: 'I.3', lead: ['SVHTTDL'], coord: ['SNV'], deadline: ONGOING },
    { code: 'II.1.a', lead: ['STP'], coord: [SO], deadline: due('2026-06-30'), why: '"1" names nobody: the parent of a) and b)' },
    { code: 'II.1.a.1', lead: ['SNNMT'], coord: ['STP'], deadline: due('2026-06-30'), why: 'the dash under a) is a part of a)' },
    { code: 'II.1.b', lead: ['STP'], coord: ['VPUBND'], deadline: due('2026-09-30') },
    { code: 'II.2', lead: ['STP'], coord: [], deadline: due('2026-12-31'), why: '"Không": no coordinating agency' },
    { code: 'III.1', lead: ['SDTTG'], coord: ['SKHCN'], deadline: due('2026-12-31') },
    { code: 'III.2', lead: ['CAT'], coord: [SO, XA], deadline: ONGOING },
  ],
};

/**
 * 3. "Nội dung công việc", then "Sản phẩm" before the agencies, and a "Ghi chú" column whose notes
 * name agencies and conditions (never read as coordinators or deadlines); areas "I. …" merged across
 * the table; deadlines "Tháng 6/2026", "Trước ngày 30/6 hằng năm", "Quý III/2026".
 */
const PRODUCT_NOTES: PlanForm2 = {
  file: 'noi-dung-san-pham-ghi-chu',
  about: 'Cột "Nội dung công việc", "Sản phẩm" trước cột cơ quan, "Ghi chú" có tên cơ quan',
  year: 2026,
  letterhead: LETTERHEAD('Số: 35/KH-UBND', 'Hà Tĩnh, ngày 03 tháng 02 năm 2026'),
  before: ['KẾ HOẠCH', 'Cải cách tổ chức bộ máy và chế độ công vụ năm 2026', 'Phụ lục', 'DANH MỤC CÔNG VIỆC'],
  header: [['TT', 'Nội dung công việc', 'Sản phẩm', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Ghi chú']],
  widths: [600, 4400, 1500, 2300, 2400, 1800, 1800],
  rows: [
    [{ t: 'I. CẢI CÁCH TỔ CHỨC BỘ MÁY', cs: 7 }],
    ['1', 'Rà soát, sắp xếp tổ chức bên trong các cơ quan chuyên môn thuộc UBND tỉnh sau hợp nhất', 'Đề án', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Tháng 6/2026', 'Phối hợp với Ban Tổ chức Tỉnh ủy'],
    ['2', 'Kiện toàn tổ chức bộ máy các đơn vị sự nghiệp trực thuộc Sở Nông nghiệp và Môi trường', 'Quyết định', 'Sở Nông nghiệp và Môi trường', 'Sở Nội vụ', 'Quý III/2026', ''],
    ['3', 'Báo cáo tình hình tổ chức bộ máy, biên chế', 'Báo cáo', 'Các sở, ban, ngành; UBND các xã, phường', 'Không', 'Trước ngày 30/6 hằng năm', 'Gửi Sở Nội vụ tổng hợp'],
    [{ t: 'II. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ', cs: 7 }],
    ['1', 'Tuyển dụng công chức cấp xã năm 2026', 'Kết quả tuyển dụng', 'Sở Nội vụ', 'UBND các xã, phường', 'Quý III/2026', 'Sau khi được giao biên chế'],
    ['2', 'Bồi dưỡng kiến thức công tác dân tộc, tôn giáo cho công chức cấp xã', 'Lớp bồi dưỡng', 'Sở Dân tộc và Tôn giáo', 'Sở Nội vụ', 'Tháng 9/2026', 'Kinh phí do Sở Tài chính bố trí'],
    ['3', 'Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức', 'Báo cáo', 'Sở Nội vụ', 'Các sở, ban, ngành; UBND các xã, phường', 'Trước ngày 15/12 hằng năm', ''],
  ],
  expected: [
    { code: 'I.1', lead: ['SNV'], coord: [SO], deadline: due('2026-06-30'), why: 'the Ghi chú names Ban Tổ chức Tỉnh ủy in a note: not a coordinator read from the Phối hợp column' },
    { code: 'I.2', lead: ['SNNMT'], coord: ['SNV'], deadline: due('2026-09-30') },
    { code: 'I.3', lead: [SO, XA], coord: [], deadline: yearly('2026-06-30'), why: 'every year by 30/6; "Không": nobody coordinates' },
    { code: 'II.1', lead: ['SNV'], coord: [XA], deadline: due('2026-09-30'), why: 'the note is a condition, not the deadline' },
    { code: 'II.2', lead: ['SDTTG'], coord: ['SNV'], deadline: due('2026-09-30') },
    { code: 'II.3', lead: ['SNV'], coord: [SO, XA], deadline: yearly('2026-12-15') },
  ],
};

/**
 * 4. Lead and coordinators in one "Cơ quan thực hiện" cell, in the words 2026 plans use: "Sở Nội vụ
 * chủ trì, phối hợp các sở, ngành", "… chủ trì, phối hợp với Thuế tỉnh và Kho bạc Nhà nước khu vực
 * XIII", "… chủ trì; UBND các xã, phường phối hợp", "Chủ trì: …; Phối hợp: …".
 */
const ROLES_ONE_CELL: PlanForm2 = {
  file: 'chu-tri-phoi-hop-mot-o',
  about: 'Chủ trì và phối hợp trong một ô "Cơ quan thực hiện"',
  year: 2026,
  letterhead: LETTERHEAD('Số: 41/KH-UBND', 'Hà Tĩnh, ngày 05 tháng 02 năm 2026'),
  before: ['KẾ HOẠCH', 'Nâng cao Chỉ số cải cách hành chính năm 2026', 'Phụ lục', 'PHÂN CÔNG NHIỆM VỤ'],
  header: [['STT', 'Nhiệm vụ', 'Cơ quan thực hiện', 'Thời gian thực hiện', 'Sản phẩm']],
  widths: [700, 5400, 4300, 1900, 1700],
  rows: [
    ['1', 'Tổ chức kiểm tra công tác cải cách hành chính năm 2026', 'Sở Nội vụ chủ trì, phối hợp các sở, ngành', 'Quý II/2026', 'Báo cáo kết quả kiểm tra'],
    ['2', 'Đẩy mạnh thanh toán không dùng tiền mặt trong thu ngân sách', 'Sở Tài chính chủ trì, phối hợp với Thuế tỉnh và Kho bạc Nhà nước khu vực XIII', 'Năm 2026', ''],
    ['3', 'Xây dựng, cập nhật cơ sở dữ liệu đất đai', 'Sở Nông nghiệp và Môi trường chủ trì; UBND các xã, phường phối hợp', 'Quý IV/2026', 'Cơ sở dữ liệu'],
    ['4', 'Liên thông thủ tục hành chính cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', 'Chủ trì: Sở Y tế; Phối hợp: Bảo hiểm xã hội tỉnh, Công an tỉnh', 'Quý III/2026', ''],
    ['5', 'Tuyên truyền cải cách hành chính tại cơ sở', 'UBND các xã, phường', 'Thường xuyên', 'Tin, bài'],
    ['6', 'Phát triển các nền tảng số dùng chung của tỉnh', 'Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh và các cơ quan liên quan', 'Năm 2026', 'Nền tảng số'],
  ],
  expected: [
    { code: '1', lead: ['SNV'], coord: [SO], deadline: due('2026-06-30') },
    { code: '2', lead: ['STC'], coord: ['THUE', 'KBNN'], deadline: due('2026-12-31') },
    { code: '3', lead: ['SNNMT'], coord: [XA], deadline: due('2026-12-31') },
    { code: '4', lead: ['SYT'], coord: ['BHXH', 'CAT'], deadline: due('2026-09-30') },
    { code: '5', lead: [XA], coord: [], deadline: ONGOING },
    { code: '6', lead: ['SKHCN'], coord: ['VPUBND'], deadline: due('2026-12-31'), review: { coord: true }, why: 'which bodies are "liên quan" only the plan knows: reported' },
  ],
};

/**
 * 5. A table that goes on in a second Word table (the office pasted the rest of the plan from another
 * file) under its header repeated and its row of column numbers: area II's tasks 3 and 4 continue in
 * the second table, then area III.
 */
const CONTINUED: PlanForm2 = {
  file: 'bang-noi-tiep',
  about: 'Bảng nối tiếp sang bảng Word thứ hai, lặp lại tiêu đề và dòng số cột',
  year: 2026,
  letterhead: LETTERHEAD('Số: 47/KH-UBND', 'Hà Tĩnh, ngày 09 tháng 02 năm 2026'),
  before: ['KẾ HOẠCH', 'Xây dựng chính quyền số phục vụ cải cách hành chính năm 2026', 'Phụ lục', 'NHIỆM VỤ'],
  header: [['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành'], ['(1)', '(2)', '(3)', '(4)', '(5)']],
  widths: [800, 6200, 2500, 2800, 1900],
  continueAt: 7,
  between: [''],
  rows: [
    [{ t: 'I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', cs: 5 }],
    ['1', 'Cung cấp dịch vụ công trực tuyến toàn trình', 'Văn phòng UBND tỉnh', 'Các sở, ban, ngành', 'Quý II/2026'],
    ['2', 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại cấp xã', 'UBND các xã, phường', 'Sở Khoa học và Công nghệ', 'Năm 2026'],
    [{ t: 'II. XÂY DỰNG CHÍNH QUYỀN SỐ', cs: 5 }],
    ['1', 'Nâng cấp Trung tâm dữ liệu tỉnh', 'Sở Khoa học và Công nghệ', 'Không', 'Quý III/2026'],
    ['2', 'Triển khai hệ thống quản lý văn bản liên thông đến cấp xã', 'Văn phòng UBND tỉnh', 'UBND các xã, phường', 'Tháng 6/2026'],
    // The second table starts here, under the header repeated.
    ['3', 'Xây dựng cơ sở dữ liệu chuyên ngành nông nghiệp và môi trường', 'Sở Nông nghiệp và Môi trường', 'Sở Khoa học và Công nghệ', 'Quý IV/2026'],
    ['4', 'Bảo đảm an toàn thông tin mạng', 'Công an tỉnh', 'Sở Khoa học và Công nghệ', 'Thường xuyên'],
    [{ t: 'III. CẢI CÁCH TÀI CHÍNH CÔNG', cs: 5 }],
    ['1', 'Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập', 'Sở Tài chính', 'Các sở, ban, ngành', 'Quý I/2026'],
  ],
  expected: [
    { code: 'I.1', lead: ['VPUBND'], coord: [SO], deadline: due('2026-06-30') },
    { code: 'I.2', lead: [XA], coord: ['SKHCN'], deadline: due('2026-12-31') },
    { code: 'II.1', lead: ['SKHCN'], coord: [], deadline: due('2026-09-30') },
    { code: 'II.2', lead: ['VPUBND'], coord: [XA], deadline: due('2026-06-30') },
    { code: 'II.3', lead: ['SNNMT'], coord: ['SKHCN'], deadline: due('2026-12-31'), why: 'the second table continues area II' },
    { code: 'II.4', lead: ['CAT'], coord: ['SKHCN'], deadline: ONGOING },
    { code: 'III.1', lead: ['STC'], coord: [SO], deadline: due('2026-03-31') },
  ],
};

/**
 * 6. Areas "I.", "II." across the table with parts "1.", "2." under them also across the table,
 * tasks "1.1", "1.2" under each part, and a lead merged down over the tasks it covers; "Hằng quý"
 * in a 2026 plan.
 */
const GROUPS_TWO_LEVELS: PlanForm2 = {
  file: 'nhom-hai-cap-gop-hang',
  about: 'Nhóm La Mã và nhóm "1." đều kéo ngang bảng, nhiệm vụ "1.1", ô chủ trì gộp dọc',
  year: 2026,
  letterhead: LETTERHEAD('Số: 52/KH-UBND', 'Hà Tĩnh, ngày 12 tháng 02 năm 2026'),
  before: ['KẾ HOẠCH', 'Thực hiện nhiệm vụ cải cách hành chính năm 2026', 'Phụ lục', 'NHIỆM VỤ, GIẢI PHÁP'],
  header: [['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm']],
  widths: [800, 5400, 2300, 2600, 1700, 1400],
  rows: [
    [{ t: 'I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', cs: 6 }],
    [{ t: '1. Kiểm soát thủ tục hành chính', cs: 6 }],
    ['1.1', 'Công bố danh mục thủ tục hành chính sau sắp xếp bộ máy', { t: 'Văn phòng UBND tỉnh', rs: 2 }, 'Các sở, ban, ngành', 'Quý I/2026', 'Quyết định công bố'],
    ['1.2', 'Rà soát, đơn giản hóa thủ tục hành chính', 'Các sở, ban, ngành', 'Quý III/2026', 'Phương án'],
    [{ t: '2. Thực hiện cơ chế một cửa, một cửa liên thông', cs: 6 }],
    ['2.1', 'Vận hành Trung tâm Phục vụ hành chính công tỉnh', 'Văn phòng UBND tỉnh', 'Không', 'Thường xuyên', ''],
    ['2.2', 'Báo cáo tình hình giải quyết thủ tục hành chính', 'UBND các xã, phường', 'Không', 'Hằng quý', 'Báo cáo'],
    [{ t: 'II. CẢI CÁCH TÀI CHÍNH CÔNG', cs: 6 }],
    [{ t: '1. Quản lý ngân sách', cs: 6 }],
    ['1.1', 'Công khai dự toán ngân sách nhà nước năm 2026', 'Sở Tài chính', 'Không', 'Tháng 3/2026', ''],
    ['1.2', 'Quản lý thu ngân sách đối với hoạt động thương mại điện tử', 'Thuế tỉnh', 'Sở Công Thương', 'Năm 2026', ''],
  ],
  expected: [
    { code: 'I.1.1', lead: ['VPUBND'], coord: [SO], deadline: due('2026-03-31') },
    { code: 'I.1.2', lead: ['VPUBND'], coord: [SO], deadline: due('2026-09-30'), why: 'the lead cell is merged down over 1.1 and 1.2' },
    { code: 'I.2.1', lead: ['VPUBND'], coord: [], deadline: ONGOING },
    { code: 'I.2.2', lead: [XA], coord: [], deadline: { kind: 'recurring', dates: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'] } },
    { code: 'II.1.1', lead: ['STC'], coord: [], deadline: due('2026-03-31') },
    { code: 'II.1.2', lead: ['THUE'], coord: ['SCT'], deadline: due('2026-12-31') },
  ],
};

/**
 * 7. Typed numbers without areas: a parent "1." (nobody assigned) with its "1.1", "1.2", then "2."
 * with dashes under it and "+" under a dash (1. › - › +), "Không" in a coordinating cell, a report
 * every quarter by the departments and the communes.
 */
const PARENT_DECIMAL_PLUS: PlanForm2 = {
  file: 'cha-con-thap-phan-dau-cong',
  about: 'Dòng cha "1." với "1.1", "1.2", rồi "2." có "-" và "+" lồng nhau',
  year: 2026,
  letterhead: LETTERHEAD('Số: 58/KH-UBND', 'Hà Tĩnh, ngày 16 tháng 02 năm 2026'),
  before: ['KẾ HOẠCH', 'Kiểm tra công tác cải cách hành chính năm 2026', 'Phụ lục', 'NỘI DUNG THỰC HIỆN'],
  header: [['TT', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành']],
  widths: [800, 6000, 2700, 2800, 1800],
  rows: [
    ['1.', 'Ban hành các kế hoạch triển khai Kế hoạch cải cách hành chính năm 2026', '', '', ''],
    ['1.1', 'Kế hoạch kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', 'Văn phòng UBND tỉnh', 'Quý I/2026'],
    ['1.2', 'Kế hoạch tuyên truyền cải cách hành chính', 'Sở Văn hóa, Thể thao và Du lịch', 'Không', 'Tháng 3/2026'],
    ['2.', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Quý II, III/2026'],
    ['-', 'Kiểm tra chuyên đề về kiểm soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Nội vụ', 'Quý II/2026'],
    ['+', 'Tại Sở Xây dựng', '', '', ''],
    ['+', 'Tại Sở Công Thương', '', '', 'Quý III/2026'],
    ['-', 'Kiểm tra tại UBND các xã, phường', '', 'UBND các xã, phường', 'Quý III/2026'],
    ['3.', 'Báo cáo kết quả cải cách hành chính', 'Các sở, ban, ngành; UBND các xã, phường', 'Không', 'Hằng quý'],
  ],
  expected: [
    { code: '1.1', lead: ['SNV'], coord: ['VPUBND'], deadline: due('2026-03-31'), why: '"1." names nobody: the parent of 1.1 and 1.2' },
    { code: '1.2', lead: ['SVHTTDL'], coord: [], deadline: due('2026-03-31') },
    { code: '2', lead: ['SNV'], coord: [SO], deadline: due('2026-06-30', '2026-09-30'), why: '"2." is the sibling of "1.", not a third 1.x' },
    { code: '2.1', lead: ['VPUBND'], coord: ['SNV'], deadline: due('2026-06-30') },
    { code: '2.1.1', lead: ['VPUBND'], coord: ['SNV'], deadline: due('2026-06-30'), why: 'a "+" under the dash is a part of it and takes its lead, coordinators and deadline; "Sở Xây dựng" is where the inspection goes, not an agency cell' },
    { code: '2.1.2', lead: ['VPUBND'], coord: ['SNV'], deadline: due('2026-09-30') },
    { code: '2.2', lead: ['SNV'], coord: [XA], deadline: due('2026-09-30'), why: 'the second dash is back under "2.": its lead' },
    { code: '3', lead: [SO, XA], coord: [], deadline: { kind: 'recurring', dates: ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'] } },
  ],
};

/**
 * 8. Groups without a number, in sentence case, across the table ("Nhiệm vụ trọng tâm", "Nhiệm vụ
 * thường xuyên"), tasks numbered again from 1 under each: the groups are read as areas (coded N1,
 * N2, as the import names an unlabelled area), never glued onto the task above.
 */
const UNNUMBERED_GROUPS: PlanForm2 = {
  file: 'nhom-khong-so-thu-tu',
  about: 'Nhóm không đánh số, chữ thường, kéo ngang bảng; nhiệm vụ đánh số lại từ 1',
  year: 2026,
  letterhead: LETTERHEAD('Số: 63/KH-UBND', 'Hà Tĩnh, ngày 20 tháng 02 năm 2026'),
  before: ['KẾ HOẠCH', 'Thực hiện nhiệm vụ cải cách hành chính năm 2026', 'Phụ lục', 'DANH MỤC NHIỆM VỤ'],
  header: [['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện']],
  widths: [700, 6200, 2500, 3000, 1800],
  rows: [
    [{ t: 'Nhiệm vụ trọng tâm', cs: 5 }],
    ['1', 'Xây dựng Đề án vị trí việc làm trong các cơ quan hành chính sau sắp xếp', 'Sở Nội vụ', 'Sở Tài chính', 'Tháng 6/2026'],
    ['2', 'Rà soát, sửa đổi quy định về phân cấp, ủy quyền cho UBND các xã, phường', 'Sở Tư pháp', 'Các sở, ban, ngành', 'Quý III/2026'],
    [{ t: 'Nhiệm vụ thường xuyên', cs: 5 }],
    ['1', 'Cập nhật, công khai thủ tục hành chính trên Cổng Dịch vụ công quốc gia', 'Văn phòng UBND tỉnh', 'Các sở, ban, ngành; UBND các xã, phường', 'Thường xuyên'],
    ['2', 'Báo cáo kết quả thực hiện cải cách hành chính năm', 'Các sở, ban, ngành', 'Không', 'Trước ngày 15/12 hằng năm'],
  ],
  expected: [
    { code: 'N1.1', lead: ['SNV'], coord: ['STC'], deadline: due('2026-06-30') },
    { code: 'N1.2', lead: ['STP'], coord: [SO], deadline: due('2026-09-30') },
    { code: 'N2.1', lead: ['VPUBND'], coord: [SO, XA], deadline: ONGOING, why: 'the second group restarts the numbers: its own area' },
    { code: 'N2.2', lead: [SO], coord: [], deadline: yearly('2026-12-15') },
  ],
};

export const PLAN_FORMS_2: PlanForm2[] = [AUTO_PARENT, TYPED_MIXED, PRODUCT_NOTES, ROLES_ONE_CELL, CONTINUED, GROUPS_TWO_LEVELS, PARENT_DECIMAL_PLUS, UNNUMBERED_GROUPS];

/** The forms also written as .xlsx: typed numbers only (a sheet has no Word numbering), read as a sheet whose rows may be wrapped. */
export const XLSX_FORMS_2 = ['la-ma-a-b-gach', 'noi-dung-san-pham-ghi-chu', 'chu-tri-phoi-hop-mot-o', 'nhom-hai-cap-gop-hang', 'cha-con-thap-phan-dau-cong', 'nhom-khong-so-thu-tu'];

const FONT = 'Times New Roman';
const line = (text: string, bold = false, size = 26) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: text.split('\n').map((part, i) => new TextRun({ text: part, bold, font: FONT, size, break: i > 0 ? 1 : 0 })) });
const bodyLine = (text: string) => new Paragraph({ children: [new TextRun({ text, font: FONT, size: 26 })] });
const RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** The form as a Word file (the `docx` library): letterhead, the ruled task table (two tables when `continueAt`), its own multilevel list. */
export function form2Docx(form: PlanForm2): Promise<Buffer> {
  const columns = form.widths.length;
  if (columns !== layout([...form.header, ...form.rows], columns).reduce((m, x) => Math.max(m, x.c + x.cs), 0)) throw new Error(`${form.file}: widths and cells disagree`);
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
  for (const text of form.before) children.push(text === text.toLocaleUpperCase('vi') || text === 'Phụ lục' ? line(text, true) : bodyLine(text));
  const tableRows = (rows: FormCell[][], header: boolean) =>
    rows.map(
      (cells) =>
        new TableRow({
          tableHeader: header,
          cantSplit: true,
          children: cells.map((cell) => {
            const spec = typeof cell === 'string' ? { t: cell } : cell;
            return new TableCell({
              ...(spec.cs ? { columnSpan: spec.cs } : {}),
              ...(spec.rs ? { rowSpan: spec.rs } : {}),
              borders: { top: RULE, bottom: RULE, left: RULE, right: RULE },
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
  const table = (rows: FormCell[][]) =>
    new Table({ columnWidths: form.widths, width: { size: form.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, rows: [...tableRows(form.header, true), ...tableRows(rows, false)] });
  if (form.continueAt === undefined) children.push(table(form.rows));
  else {
    children.push(table(form.rows.slice(0, form.continueAt)));
    for (const text of form.between ?? ['']) children.push(bodyLine(text));
    children.push(table(form.rows.slice(form.continueAt)));
  }
  for (const text of form.after ?? ['Nơi nhận:', '- Như trên;', '- Lưu: VT.']) children.push(bodyLine(text));
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'tt',
          levels: (form.levels ?? [{ format: LevelFormat.DECIMAL, text: '%1.' }]).map((l, level) => ({ level, format: l.format, text: l.text, alignment: AlignmentType.LEFT })),
        },
      ],
    },
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
