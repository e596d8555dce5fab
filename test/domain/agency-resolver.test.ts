import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/app/agency-registry.js';
import { loadAgencyGroups } from '../../src/app/province-data.js';
import { AgencyResolver } from '../../src/domain/agency-resolver.js';

const registry = readRegistry(join(process.cwd(), 'data', 'agencies.json'));
const groups = loadAgencyGroups(join(process.cwd(), 'data'));
const agencies = registry.agencies.map((a, id) => ({ id, kind: a.kind, names: [a.name, a.code, ...(a.shortName ? [a.shortName] : []), ...a.aliases] }));
const codeOf = (id: number) => registry.agencies[id]!.code;
const resolver = new AgencyResolver(agencies, groups.groups, groups);
const codes = (cell: string) => resolver.resolve(cell).agencyIds.map(codeOf);
const ofKind = (...kinds: string[]) => registry.agencies.filter((a) => kinds.includes(a.kind)).map((a) => a.code);

describe('agency resolution on real cells', () => {
  it.each([
    ['Sở Nội vụ', ['SNV']],
    ['Sở TTTT', ['STTTT']],
    ['VP UBND tỉnh', ['VPUBND']],
    ['Sở KH&CN', ['SKHCN']],
    ['Sở KH và ĐT', ['SKHDT']],
    ['Sở Kế hoạch và Đầu tư', ['SKHDT']],
    ['SỞ TƯ PHÁP', ['STP']],
    ['so tu phap', ['STP']],
    ['Sở Tài chính (TT Tư vấn dịch vụ tài chính)', ['STC']],
    // "các cơ quan đơn vị có liên quan" is the group of every sở, ban, ngành (Sở Tư pháp and VP UBND are among them).
    ['Sở Tư pháp, Văn phòng UBND tỉnh và các cơ quan đơn vị có liên quan', ofKind('so_ban_nganh')],
    ['Văn phòng UBND tỉnh phối hợp với Sở Thông tin và Truyền thông', ['VPUBND', 'STTTT']],
    ['Sở Nội vụ chủ trì đối với nhân rộng mô hình hay; Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến CCHC', ['SNV', 'SKHCN']],
    ['Sở Kế hoạch và Đầu tư, Sở Công Thương', ['SKHDT', 'SCT']],
    // "các cơ quan, đơn vị" names every agency a plan applies to: sở, central bodies and local governments.
    ['Sở Nội vụ; các cơ quan, đơn vị.', ofKind('so_ban_nganh', 'co_quan_tw', 'ubnd_huyen', 'ubnd_xa')],
  ])('%j → %j', (cell, expected) => {
    const result = resolver.resolve(cell);
    expect(result.unresolved).toEqual([]);
    expect(result.agencyIds.map(codeOf)).toEqual(expected);
  });

  it('expands group phrases to every agency of their kinds', () => {
    expect(codes('Các sở, ban, ngành')).toEqual(ofKind('so_ban_nganh'));
    expect(codes('UBND cấp huyện')).toEqual(ofKind('ubnd_huyen'));
    expect(codes('Các sở, ban, ngành; UBND cấp huyện')).toEqual(ofKind('so_ban_nganh', 'ubnd_huyen'));
    expect(codes('Sở, ngành tỉnh và UBND cấp huyện, cấp xã')).toEqual(ofKind('so_ban_nganh', 'ubnd_huyen', 'ubnd_xa'));
    expect(codes('Các cơ quan, đơn vị, địa phương')).toEqual(ofKind('so_ban_nganh', 'co_quan_tw', 'ubnd_huyen', 'ubnd_xa'));
    expect(codes('Các cơ quan liên quan')).toEqual(ofKind('so_ban_nganh'));
  });

  it('reports what it cannot resolve, as written, without splitting unknown names at "và"', () => {
    expect(resolver.resolve('Viện kiểm sát nhân dân, Tòa án nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp').unresolved).toEqual([
      'Viện kiểm sát nhân dân',
      'Tòa án nhân dân',
      'Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp',
    ]);
    const mixed = resolver.resolve('Ban Đổi mới và Phát triển doanh nghiệp; Sở Tài chính');
    expect(mixed.unresolved).toEqual(['Ban Đổi mới và Phát triển doanh nghiệp']);
    expect(mixed.agencyIds.map(codeOf)).toEqual(['STC']);
    expect(resolver.resolve('')).toEqual({ agencyIds: [], unresolved: [], successions: [], ceased: [] });
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
    const result = resolver.resolve(cell);
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
    const result = resolver.resolve(cell);
    expect(result.unresolved).toEqual([]);
    expect(result.agencyIds.map(codeOf)).toEqual(ofKind(...kinds));
  });

  it('still reports a real unknown name next to a qualifier', () => {
    expect(resolver.resolve('Hội Nông dân tỉnh Thanh Hóa').unresolved).toEqual(['Hội Nông dân tỉnh']);
    expect(resolver.resolve('Sở Nội vụ tỉnh Atlantis').unresolved).toEqual(['tỉnh Atlantis']);
  });
});
