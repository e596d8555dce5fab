import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuedBelowProvince } from '../../src/domain/agency-resolver.js';
import { NOW, codeOf, idOf, ofKind, registry, resolver } from '../helpers/agency-directory.js';

const resolve = (cell: string, on: { planDay?: string; today?: string } = NOW) => resolver.resolve(cell, on);
const codes = (cell: string) => resolve(cell).agencyIds.map(codeOf);

describe('agency resolution on real cells', () => {
  it.each([
    ['Sở Nội vụ', ['SNV']],
    // Merged departments are resolved to the department doing their work today.
    ['Sở TTTT', ['SKHCN']],
    ['VP UBND tỉnh', ['VPUBND']],
    ['Sở KH&CN', ['SKHCN']],
    ['Sở KH và ĐT', ['STC']],
    ['Sở Kế hoạch và Đầu tư', ['STC']],
    ['SỞ TƯ PHÁP', ['STP']],
    ['so tu phap', ['STP']],
    ['Sở Tài chính (TT Tư vấn dịch vụ tài chính)', ['STC']],
    ['Văn phòng UBND tỉnh phối hợp với Sở Thông tin và Truyền thông', ['SKHCN', 'VPUBND']],
    ['Sở Nội vụ chủ trì đối với nhân rộng mô hình hay; Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến CCHC', ['SNV', 'SKHCN']],
    ['Sở Kế hoạch và Đầu tư, Sở Công Thương', ['STC', 'SCT']],
    // "các cơ quan, đơn vị" names every agency a plan applies to: sở, central bodies and local governments.
    ['Sở Nội vụ; các cơ quan, đơn vị.', ofKind('so_ban_nganh', 'co_quan_tw', 'ubnd_huyen', 'ubnd_xa')],
  ])('%j → %j', (cell, expected) => {
    const result = resolve(cell);
    expect(result.unresolved).toEqual([]);
    expect(result.agencyIds.map(codeOf)).toEqual(expected);
  });

  it('expands group phrases to every agency of their kinds', () => {
    expect(codes('Các sở, ban, ngành')).toEqual(ofKind('so_ban_nganh'));
    expect(codes('UBND cấp huyện')).toEqual(ofKind('ubnd_huyen'));
    expect(codes('Các sở, ban, ngành; UBND cấp huyện')).toEqual(ofKind('so_ban_nganh', 'ubnd_huyen'));
    expect(codes('Sở, ngành tỉnh và UBND cấp huyện, cấp xã')).toEqual(ofKind('so_ban_nganh', 'ubnd_huyen', 'ubnd_xa'));
    expect(codes('Các cơ quan, đơn vị, địa phương')).toEqual(ofKind('so_ban_nganh', 'co_quan_tw', 'ubnd_huyen', 'ubnd_xa'));
  });

  it('never expands "có liên quan": which agencies are related only a person knows (issue 27 item 7)', () => {
    // Before, "các cơ quan đơn vị có liên quan" meant every department: fifteen owners stored on a guess.
    const named = resolve('Sở Tư pháp, Văn phòng UBND tỉnh và các cơ quan đơn vị có liên quan');
    expect(named.agencyIds.map(codeOf)).toEqual(['STP', 'VPUBND']);
    expect(named.review).toEqual([{ text: 'các cơ quan đơn vị có liên quan', reason: 'related' }]);
    expect(resolve('Các cơ quan liên quan')).toMatchObject({ agencyIds: [], review: [{ text: 'Các cơ quan liên quan', reason: 'related' }] });
  });

  it('reports what it cannot resolve, as written, without splitting unknown names at "và"', () => {
    expect(resolve('Viện kiểm sát nhân dân, Tòa án nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp').unresolved).toEqual([
      'Viện kiểm sát nhân dân',
      'Tòa án nhân dân',
      'Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp',
    ]);
    const mixed = resolve('Ban Đổi mới và Phát triển doanh nghiệp; Sở Tài chính');
    expect(mixed.unresolved).toEqual(['Ban Đổi mới và Phát triển doanh nghiệp']);
    expect(mixed.agencyIds.map(codeOf)).toEqual(['STC']);
    expect(resolve('')).toEqual({ agencyIds: [], unresolved: [], review: [], successions: [], ceased: [] });
  });
});

describe('how post-2025 plans and real cells write agencies', () => {
  it.each([
    // A province or region qualifier is not a name and not a leftover to review.
    ['Sở Nội vụ tỉnh Thanh Hóa', ['SNV']],
    ['Sở Nội vụ tỉnh Thanh Hoá', ['SNV']],
    ['SỞ NỘI VỤ TỈNH THANH HOÁ', ['SNV']],
    ['UBND tỉnh Hà Tĩnh', ['UBNDT']],
    ['Văn phòng UBND tỉnh Khánh Hoà', ['VPUBND']],
    ['Sở Tư pháp tỉnh Sóc Trăng', ['STP']],
    ['Kho bạc Nhà nước khu vực XIII', ['KBNN']],
    ['Kho bạc Nhà nước Khu vực 6', ['KBNN']],
    ['Bảo hiểm xã hội tỉnh Thừa Thiên Huế', ['BHXH']],
    ['Công an tỉnh, Bảo hiểm xã hội trên địa bàn tỉnh', ['CAT', 'BHXH']],
    ['Sở Tài chính thành phố Hồ Chí Minh', ['STC']],
    // Tone-mark placement and decomposed (NFD) text.
    ['Sở Khoa học và Công nghệ'.normalize('NFD'), ['SKHCN']],
    ['Sở Văn hoá, Thể thao và Du lịch', ['SVHTTDL']],
    ['Sở Văn hóa, Thể thao và Du lịch', ['SVHTTDL']],
  ])('%j → %j, nothing to review', (cell, expected) => {
    const result = resolve(cell);
    expect(result.unresolved).toEqual([]);
    expect(result.agencyIds.map(codeOf)).toEqual(expected);
  });

  it.each([
    ['UBND các xã, phường', ['ubnd_xa']],
    ['Ủy ban nhân dân các xã, phường, đặc khu', ['ubnd_xa']],
    ['UBND các xã, phường, đặc khu', ['ubnd_xa']],
    ['Các xã, phường, đặc khu', ['ubnd_xa']],
    ['UBND cấp xã', ['ubnd_xa']],
    ['UBND các xã, phường, thị trấn', ['ubnd_xa']],
    ['Các sở, ngành, địa phương', ['so_ban_nganh', 'ubnd_huyen', 'ubnd_xa']],
    ['Các sở, ban, ngành; UBND các xã, phường', ['so_ban_nganh', 'ubnd_xa']],
    ['Các cơ quan Trung ương đóng trên địa bàn tỉnh', ['co_quan_tw']],
    ['Các sở, ngành của tỉnh', ['so_ban_nganh']],
  ])('group phrase %j expands to the kinds %j', (cell, kinds) => {
    const result = resolve(cell);
    expect(result.unresolved).toEqual([]);
    expect(result.agencyIds.map(codeOf)).toEqual(ofKind(...kinds));
  });

  it('still reports a real unknown name next to a qualifier', () => {
    expect(resolve('Hội Nông dân tỉnh Thanh Hóa').unresolved).toEqual(['Hội Nông dân tỉnh']);
    expect(resolve('Sở Nội vụ tỉnh Atlantis').unresolved).toEqual(['tỉnh Atlantis']);
  });
});

describe('the 2025 reorganisation: successors and agencies that ceased', () => {
  const template = JSON.parse(readFileSync(join(process.cwd(), 'data', 'province-template.json'), 'utf8')) as {
    abolished: { code: string; name: string; shortName?: string; until: string; successor?: string }[];
  };

  it.each(template.abolished.filter((a) => a.successor).map((a) => [a.name, a.shortName ?? a.name, a.successor!, a.until] as const))(
    '%j (and %j) → %s since %s, said so',
    (name, short, successor, until) => {
      for (const cell of [name, short]) {
        const result = resolve(cell);
        expect(result.agencyIds.map(codeOf)).toEqual([successor]);
        expect(result.successions.map((s) => codeOf(s.successorId))).toEqual([successor]);
        expect(registry.agencies[result.successions[0]!.agencyId]!.until).toBe(until);
        expect(result.unresolved).toEqual([]);
      }
    },
  );

  it('keeps a merged department as itself while it still exists (a 2024 plan read in 2024)', () => {
    const in2024 = { planDay: '2024-01-01', today: '2024-06-24' };
    expect(resolve('Sở TTTT', in2024)).toMatchObject({ agencyIds: [idOf.get('STTTT')], successions: [] });
    expect(resolve('Các sở, ban, ngành', in2024).agencyIds.map(codeOf)).toEqual(expect.arrayContaining(['STTTT', 'SKHDT', 'SNV']));
  });

  it('reports districts in a plan dated after 1/7/2025, keeps them as history in an older one', () => {
    expect(resolve('UBND cấp huyện')).toMatchObject({ agencyIds: [], ceased: [{ text: 'UBND cấp huyện', until: '2025-07-01' }] });
    expect(resolve('Các sở, ban, ngành; UBND cấp huyện').agencyIds.map(codeOf)).toEqual(ofKind('so_ban_nganh'));
    const older = resolve('UBND cấp huyện', { planDay: '2024-01-01', today: '2026-11-23' });
    expect(older).toMatchObject({ ceased: [], unresolved: [] });
    expect(older.agencyIds.map(codeOf)).toEqual(['HUYEN_CU']);
  });

  it('expands a group to the agencies in force, never to a merged one', () => {
    const sở = codes('Các sở, ban, ngành');
    expect(sở).toEqual(ofKind('so_ban_nganh'));
    expect(sở).toEqual(expect.arrayContaining(['SNV', 'SNNMT', 'SDTTG', 'VPUBND']));
    for (const merged of ['STTTT', 'SKHDT', 'SGTVT', 'SLDTBXH', 'SNNPTNT', 'STNMT', 'BDT']) expect(sở).not.toContain(merged);
    expect(codes('Các cơ quan Trung ương')).toEqual(['CAT', 'THUE', 'KBNN', 'BHXH']);
    expect(codes('UBND các xã, phường, đặc khu')).toHaveLength(69);
  });
});

describe("a district's or a commune's own bodies are not the province's (test/documents/plan-forms.test.ts)", () => {
  it('does not expand a group narrowed to the bodies of a district or a commune ("thuộc UBND huyện")', () => {
    for (const cell of ['Các cơ quan, đơn vị thuộc UBND huyện', 'Các cơ quan chuyên môn thuộc UBND huyện', 'Các cơ quan, đơn vị trực thuộc UBND xã']) {
      const result = resolve(cell, { planDay: '2024-01-01', today: NOW.today });
      expect(result.agencyIds).toEqual([]);
      expect(result.review.map((r) => r.reason)).toEqual(['narrowed']);
    }
    // The province's own bodies are still the group.
    expect(codes('Các cơ quan chuyên môn thuộc UBND tỉnh')).toEqual(ofKind('so_ban_nganh'));
  });

  it('reports every group phrase of a plan issued by a district or a commune, and still assigns the names it knows', () => {
    const on = { planDay: '2024-01-01', today: NOW.today, issuedBelowProvince: true };
    const result = resolver.resolve('Phòng Tư pháp; UBND các xã, thị trấn; Sở Nội vụ', on);
    expect(result.agencyIds.map(codeOf)).toEqual(['SNV']);
    expect(result.review.map((r) => [r.text, r.reason])).toEqual([
      ['Phòng Tư pháp', 'unknown'],
      ['UBND các xã, thị trấn', 'narrowed'],
    ]);
  });

  it.each([
    ['ỦY BAN NHÂN DÂN HUYỆN CAN LỘC', true],
    ['UBND HUYỆN CAN LỘC PHÒNG NỘI VỤ', true],
    ['ỦY BAN NHÂN DÂN XÃ CẨM XUYÊN', true],
    ['UBND PHƯỜNG THÀNH SEN', true],
    ['ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', false],
    ['UBND TỈNH HÀ TĨNH SỞ NỘI VỤ', false],
    // A "thành phố" is a province today or was a district: not decided from the name.
    ['ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ TĨNH', false],
  ])('issuer %j is below the province: %j', (issuer, below) => {
    expect(issuedBelowProvince(issuer)).toBe(below);
  });
});

describe('a body of a lower level named like a provincial one is not that agency', () => {
  it.each([
    // The commune's or district's office, inspectorate, branches: namesakes the directory does not hold.
    ['Văn phòng UBND xã', 'Văn phòng UBND xã'],
    ['Văn phòng UBND huyện', 'Văn phòng UBND huyện'],
    ['Thanh tra huyện', 'Thanh tra huyện'],
    ['Bảo hiểm xã hội huyện', 'Bảo hiểm xã hội huyện'],
    ['Kho bạc Nhà nước huyện', 'Kho bạc Nhà nước huyện'],
    ['Thuế cơ sở', 'Thuế cơ sở'],
    // A department's own inspectorate is a unit of it, not Thanh tra tỉnh, nor the department itself.
    ['Thanh tra Sở Nội vụ', 'Thanh tra Sở Nội vụ'],
    ['Thanh tra Sở', 'Thanh tra Sở'],
  ])('%j assigns nobody and is reported as outside the directory', (cell, piece) => {
    const result = resolve(cell);
    expect(result.agencyIds).toEqual([]);
    expect(result.review).toEqual([{ text: piece, reason: 'outside' }]);
  });

  it('still reads a commune named on the next line of the cell after a provincial agency', () => {
    expect(codes('VP UBND tỉnh\nXã Cẩm Xuyên')).toEqual(['VPUBND', 'X18673']);
  });
});

describe('"trừ" and "chỉ" are told from words of the same letters', () => {
  it.each([
    // "cư trú", "trụ sở", "Lưu trữ", "Chi cục" fold to "tru" / "chi": a note about a field or a unit, not an exception.
    ['Công an tỉnh (lĩnh vực cư trú)', ['CAT'], []],
    ['Sở Xây dựng (lĩnh vực nhà ở, trụ sở)', ['SXD'], []],
    ['Sở Nội vụ (Chi cục Văn thư - Lưu trữ)', ['SNV'], []],
    ['Sở Nội vụ; Trung tâm Lưu trữ lịch sử tỉnh', ['SNV'], [['Trung tâm Lưu trữ lịch sử tỉnh', 'unknown']]],
    ['Chi cục Thống kê', [], [['Chi cục Thống kê', 'unknown']]],
    // The real words still narrow, and "chỉ" after a group keeps it from expanding to every member.
    ['Các sở, ban, ngành (trừ Sở Nội vụ)', [], [['Các sở, ban, ngành trừ Sở Nội vụ', 'narrowed']]],
    ['Các sở (chỉ các sở có TTHC)', [], [['Các sở chỉ các sở có TTHC', 'narrowed']]],
    ['UBND các xã, phường (chỉ các xã đạt chuẩn)', [], [['UBND các xã, phường chỉ các xã đạt chuẩn', 'narrowed']]],
  ])('%j → %j, reported %j', (cell, expected, reported) => {
    const result = resolve(cell);
    expect(result.agencyIds.map(codeOf)).toEqual(expected);
    expect(result.review.map((r) => [r.text, r.reason])).toEqual(reported);
  });

  it('keeps "chỉ đạo" a role word: "Các sở, ban, ngành chỉ đạo" is every department', () => {
    expect(codes('Các sở, ban, ngành chỉ đạo')).toEqual(ofKind('so_ban_nganh'));
  });
});

describe('a cell that says nobody (test/documents/plan-forms-2.test.ts)', () => {
  // "Không", "Không có" in a Phối hợp cell: the plan says no agency coordinates — nothing to assign,
  // nothing for a person to look at. A dash alone is the same blank mark.
  it.each(['Không', 'không', 'Không có', 'KHÔNG CÓ', 'Không.', '-', '–', '—'])('%j names nobody and reports nothing', (cell) => {
    const result = resolve(cell);
    expect(result.agencyIds).toEqual([]);
    expect(result.review).toEqual([]);
  });

  it.each([
    // The word inside a real cell is not the whole cell: what it names is still read or reported.
    ['Không có cơ quan nào ngoài Sở Nội vụ', 'reported'],
    // "x" in an agency column is no "none": a tick mark whose meaning the column decides, left to a person.
    ['x', 'reported'],
    // An unmarked "khong" is not read as "Không" (closed world: diacritics decide).
    ['Khong ro', 'reported'],
  ])('%j is not taken for "nobody"', (cell) => {
    expect(resolve(cell).review.length).toBeGreaterThan(0);
  });
});
