import { describe, expect, it } from 'vitest';
import type { ReviewReason } from '../../src/domain/agency-resolver.js';
import { NOW, codeOf, ofKind, resolver } from '../helpers/agency-directory.js';

/**
 * Held-out-style lead / coordinating cells, written for this test in the ways 2026 plans write them
 * (spelling, diacritics or none, word order, abbreviations, "&", old names, groups, lists after a kind
 * word, narrowing phrases, bodies outside the directory), each with what it means and why. Closed
 * world (issue 27 item 7): a cell is "right" when exactly the agencies it names are found and nothing
 * is left over; "reported" when what cannot be placed is left to the admin with a reason (the agencies
 * it does name are still found); "wrong" when any agency it does not name would be stored.
 * `agencies` lists codes, or `kind:<code>` for every agency in force of that kind.
 */
interface Case {
  cell: string;
  agencies: string[];
  review?: ReviewReason[];
  propose?: string[];
  why: string;
}

const SO = ['kind:so_ban_nganh'];
const XA = ['kind:ubnd_xa'];

const CASES: Case[] = [
  // One agency, as printed and as typed.
  { cell: 'Sở Nội vụ', agencies: ['SNV'], why: 'the standing agency, full name' },
  { cell: 'SỞ NỘI VỤ', agencies: ['SNV'], why: 'capitals' },
  { cell: 'So Noi vu', agencies: ['SNV'], why: 'no diacritics' },
  { cell: 'Sở Nội Vụ tỉnh Hà Tĩnh', agencies: ['SNV'], why: 'province qualifier, odd capitals' },
  { cell: 'Sở Tài chính', agencies: ['STC'], why: 'full name' },
  { cell: 'Sở KH&ĐT', agencies: ['STC'], why: 'pre-merger abbreviation: Kế hoạch và Đầu tư merged into Tài chính on 1/3/2025' },
  { cell: 'Sở Kế hoạch và Đầu tư', agencies: ['STC'], why: 'pre-merger name, successor assigned' },
  { cell: 'So Ke hoach va Dau tu', agencies: ['STC'], why: 'pre-merger name without diacritics' },
  { cell: 'Sở GD & ĐT', agencies: ['SGDDT'], why: '"&" with spaces for "và"' },
  { cell: 'Sở Giáo dục & Đào tạo', agencies: ['SGDDT'], why: '"&" inside the full name' },
  { cell: 'Sở Văn hóa, Thể thao & Du lịch', agencies: ['SVHTTDL'], why: '"&" in a name with commas' },
  { cell: 'Sở Văn hoá Thể thao và Du lịch', agencies: ['SVHTTDL'], why: 'other tone placement, commas dropped' },
  { cell: 'Sở NN & MT', agencies: ['SNNMT'], why: 'abbreviation with spaced "&"' },
  { cell: 'Sở Tài nguyên và Môi trường', agencies: ['SNNMT'], why: 'merged into Nông nghiệp và Môi trường' },
  { cell: 'Sở Thông tin và Truyền thông', agencies: ['SKHCN'], why: 'merged into Khoa học và Công nghệ' },
  { cell: 'Sở LĐ-TB&XH', agencies: ['SNV'], why: 'merged into Nội vụ' },
  { cell: 'Văn phòng Ủy ban nhân dân tỉnh', agencies: ['VPUBND'], why: 'full name of VP UBND' },
  { cell: 'VP UBND tỉnh', agencies: ['VPUBND'], why: 'abbreviation' },
  { cell: 'Công an tỉnh', agencies: ['CAT'], why: 'central body in the province' },
  { cell: 'Cục Thuế tỉnh', agencies: ['THUE'], why: 'renamed Thuế tỉnh on 1/7/2025' },
  { cell: 'UBND phường Thành Sen', agencies: ['X18073'], why: 'one ward by name' },
  { cell: 'Ủy ban nhân dân xã Thạch Hà', agencies: ['X18562'], why: 'one commune, full title' },
  { cell: 'Xã Cẩm Xuyên', agencies: ['X18673'], why: 'commune without "UBND"' },
  // Several agencies.
  { cell: 'Sở Nội vụ; Sở Tư pháp', agencies: ['SNV', 'STP'], why: 'semicolon' },
  { cell: 'Sở Tài chính, Sở Xây dựng và Sở Công Thương', agencies: ['STC', 'SCT', 'SXD'], why: 'comma and "và"' },
  { cell: 'Sở Nội vụ\nSở Y tế', agencies: ['SNV', 'SYT'], why: 'line break in the cell' },
  { cell: 'Sở Nội vụ Sở Tư pháp', agencies: ['SNV', 'STP'], why: 'separator lost in extraction: two names side by side' },
  { cell: 'Văn phòng UBND tỉnh phối hợp với Sở Khoa học và Công nghệ', agencies: ['SKHCN', 'VPUBND'], why: '"phối hợp với" joins two agencies' },
  // A list after a kind word names those only.
  { cell: 'Các Sở: Nội vụ, Tư pháp và Tài chính', agencies: ['SNV', 'STP', 'STC'], why: 'issue 27: a list after "Các Sở:" is those three, not every department' },
  { cell: 'Các sở: Y tế, Giáo dục và Đào tạo', agencies: ['SGDDT', 'SYT'], why: '"và" inside a listed name is kept with it' },
  { cell: 'Các sở Nội vụ, Tài chính, Xây dựng', agencies: ['SNV', 'STC', 'SXD'], why: 'a list without a colon' },
  { cell: 'Các Sở: Văn hóa, Thể thao và Du lịch; Công Thương', agencies: ['SCT', 'SVHTTDL'], why: 'a listed name with a comma' },
  { cell: 'Các sở: Kế hoạch và Đầu tư, Tư pháp', agencies: ['STC', 'STP'], why: 'an old name in the list goes to its successor' },
  { cell: 'UBND các xã: Thạch Hà, Lộc Hà', agencies: ['X18562', 'X18568'], why: 'a list of communes names two communes, not all' },
  { cell: 'Các Sở: Nội vụ, Hạ tầng số', agencies: ['SNV'], review: ['unknown'], propose: ['Sở Hạ tầng số'], why: 'an unknown listed department is reported and proposed with its kind word' },
  // Whole groups.
  { cell: 'Các sở, ban, ngành', agencies: SO, why: 'the whole group' },
  { cell: 'Cac so, ban, nganh', agencies: SO, why: 'the whole group, no diacritics' },
  { cell: 'UBND các xã, phường', agencies: XA, why: 'every commune and ward' },
  { cell: 'UBND cấp xã', agencies: XA, why: 'every commune-level UBND' },
  { cell: 'Sở Nội vụ; UBND các xã, phường, đặc khu', agencies: ['SNV', ...XA], why: 'an agency and a whole group' },
  { cell: 'Chủ tịch UBND các xã, phường', agencies: XA, why: 'the chairs of every commune: the communes answer' },
  { cell: 'Các Sở: NV, TP', agencies: ['SNV', 'STP'], why: 'abbreviations in a list after "Các Sở:"' },
  { cell: 'Sở Y tế, các bệnh viện', agencies: ['SYT'], review: ['outside'], why: 'hospitals are not in the directory' },
  { cell: 'Sở Nội vụ tham mưu UBND tỉnh', agencies: ['SNV'], review: ['outside'], why: 'Sở Nội vụ advises UBND tỉnh: UBND tỉnh does not do the task' },
  { cell: 'UBND các xã, phường theo phân cấp', agencies: [], review: ['narrowed'], why: 'only those the devolution names' },
  { cell: 'Thủ trưởng các sở, ban, ngành', agencies: SO, why: 'the heads of every department: the departments answer' },
  // Related, narrowed, outside: reported, never expanded.
  { cell: 'Các cơ quan có liên quan', agencies: [], review: ['related'], why: '"có liên quan": only a person knows which' },
  { cell: 'Sở Tài chính và các đơn vị liên quan', agencies: ['STC'], review: ['related'], why: 'Sở Tài chính is named; the related units are not' },
  { cell: 'Các sở, ngành có liên quan', agencies: [], review: ['related'], why: 'a group narrowed by "có liên quan"' },
  { cell: 'Các sở có thủ tục hành chính', agencies: [], review: ['narrowed'], why: 'only the departments with procedures: a person must say which' },
  { cell: 'Các sở, ban, ngành có TTHC; UBND cấp xã', agencies: XA, review: ['narrowed'], why: 'the narrowed group is reported, the whole one expanded' },
  { cell: 'Các sở, ngành khác', agencies: [], review: ['narrowed'], why: '"khác": the others, relative to someone unnamed' },
  { cell: 'Các sở, ban, ngành (trừ Sở Nội vụ)', agencies: [], review: ['narrowed'], why: 'an exception narrows the group; Sở Nội vụ inside it is not assigned' },
  { cell: 'Công an tỉnh (trừ Công an cấp xã)', agencies: ['CAT'], review: ['narrowed'], why: 'Công an tỉnh is named; the exception is shown for a look' },
  { cell: 'Các sở, ngành theo chức năng, nhiệm vụ được giao', agencies: [], review: ['narrowed'], why: 'which departments it concerns depends on their functions' },
  { cell: 'Trạm Y tế các xã, phường', agencies: [], review: ['outside'], why: 'issue 27: a commune body that is not its UBND is not every UBND' },
  { cell: 'Công an các xã, phường', agencies: [], review: ['outside'], why: 'police of communes are not the communes\' UBND' },
  { cell: 'Công an xã Cẩm Xuyên', agencies: [], review: ['outside'], why: 'the commune police (outside the directory, issue 27), not UBND xã Cẩm Xuyên' },
  { cell: 'Các trường học trên địa bàn', agencies: [], review: ['outside'], why: 'schools are outside the directory' },
  { cell: 'Các doanh nghiệp', agencies: [], review: ['outside'], why: 'enterprises are outside the directory' },
  { cell: 'Các đơn vị trực thuộc Sở Y tế', agencies: [], review: ['outside'], why: 'units under Sở Y tế (hospitals, centres), not the department' },
  { cell: '02 UBND cấp xã được chọn', agencies: [], review: ['narrowed'], why: 'two communes to be chosen' },
  // Bodies the directory lacks: reported and proposed, never created silently.
  { cell: 'Ban Quản lý Khu kinh tế tỉnh', agencies: [], review: ['unknown'], propose: ['Ban Quản lý Khu kinh tế tỉnh'], why: 'a board under UBND tỉnh that the template lacks' },
  { cell: 'Sở Nội vụ, Tỉnh đoàn', agencies: ['SNV'], review: ['unknown'], propose: ['Tỉnh đoàn'], why: 'a mass organisation' },
  { cell: 'Hội Liên hiệp Phụ nữ tỉnh', agencies: [], review: ['unknown'], propose: ['Hội Liên hiệp Phụ nữ tỉnh'], why: 'a mass organisation' },
  { cell: 'Trung tâm Chuyển đổi số tỉnh', agencies: [], review: ['unknown'], propose: ['Trung tâm Chuyển đổi số tỉnh'], why: 'a provincial centre' },
  // A level, not one body: one such body per place, so nothing to add as one agency (a new-user trial was offered
  // "Thêm Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp").
  { cell: 'Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp', agencies: [], review: ['outside'], why: 'the Front committee of each level: as many as there are places' },
  { cell: 'Sở Tư pháp; Hội Nông dân cấp xã', agencies: ['STP'], review: ['outside'], why: 'the farmers\' association of each commune' },
  { cell: 'UBMTTQ VN cung cap', agencies: [], review: ['outside'], why: '"cùng cấp" typed without tone marks, at the end of the cell' },
  { cell: 'Công ty cung cấp dịch vụ bưu chính', agencies: [], review: ['unknown'], propose: ['Công ty cung cấp dịch vụ bưu chính'], why: '"cung cấp" (to supply) inside a company\'s name is not a level' },
  { cell: 'Sở KHCN & các sở, ngành', agencies: ['SKHCN', ...SO], why: 'a spaced "&" joins an agency and a whole group' },
  { cell: 'Sở Tài chính (đối với nội dung kinh phí)', agencies: ['STC'], review: ['narrowed'], why: 'Sở Tài chính for one part of the task: kept, the part shown for a look' },
  { cell: 'UBND tỉnh chỉ đạo; Sở Nội vụ tham mưu', agencies: ['UBNDT', 'SNV'], why: 'role words (chỉ đạo, tham mưu) are not names' },
  { cell: 'cac so: noi vu, tai chinh', agencies: ['SNV', 'STC'], why: 'a list after a kind word, typed without diacritics' },
  { cell: 'Các cơ quan, đơn vị, địa phương có liên quan', agencies: [], review: ['related'], why: 'the widest group narrowed by "có liên quan"' },
  { cell: 'Sở Ngoai vu', agencies: ['SNGV'], why: 'optional department, partly unaccented' },
  { cell: 'Sở NV', agencies: ['SNV'], why: 'short abbreviation in the directory' },
  { cell: 'STP', agencies: ['STP'], why: 'the code itself' },
];

const expand = (codes: string[]) => codes.flatMap((c) => (c.startsWith('kind:') ? ofKind(c.slice(5)) : [c]));

describe('agency cells held out: exactly what each cell names, the rest reported with a reason', () => {
  it.each(CASES.map((c) => [c.cell, c] as const))('%j', (_cell, c) => {
    const result = resolver.resolve(c.cell, NOW);
    expect(new Set(result.agencyIds.map(codeOf)), c.why).toEqual(new Set(expand(c.agencies)));
    expect(result.review.map((r) => r.reason), c.why).toEqual(c.review ?? []);
    expect(result.review.flatMap((r) => (r.propose ? [r.propose] : [])), c.why).toEqual(c.propose ?? []);
  });

  it('figures: every cell right or reported, none wrong', () => {
    let right = 0;
    let reported = 0;
    let wrong = 0;
    for (const c of CASES) {
      const result = resolver.resolve(c.cell, NOW);
      const got = result.agencyIds.map(codeOf);
      const expected = new Set(expand(c.agencies));
      if (got.some((code) => !expected.has(code))) wrong += 1;
      else if (result.unresolved.length > 0) reported += 1;
      else if (got.length === expected.size) right += 1;
      else wrong += 1;
    }
    console.log(`agency cells: ${CASES.length} — resolved right ${right}, reported ${reported}, wrong ${wrong}`);
    expect(wrong).toBe(0);
  });
});
