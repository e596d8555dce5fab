import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegistry } from '../../src/app/agency-registry.js';
import { loadAgencyGroups } from '../../src/app/province-data.js';
import { AgencyResolver } from '../../src/domain/agency-resolver.js';

const registry = readRegistry(join(process.cwd(), 'data', 'agencies.json'));
const groups = loadAgencyGroups(join(process.cwd(), 'data'));
const agencies = registry.agencies.map((a, id) => ({ id, kind: a.kind, names: [a.name, a.code, ...(a.shortName ? [a.shortName] : []), ...a.aliases] }));
const codeOf = (id: number) => registry.agencies[id]!.code;
const resolver = new AgencyResolver(agencies, groups.groups, groups.noise);
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
    ['Sở Tư pháp, Văn phòng UBND tỉnh và các cơ quan đơn vị có liên quan', null],
    ['Văn phòng UBND tỉnh phối hợp với Sở Thông tin và Truyền thông', ['VPUBND', 'STTTT']],
    ['Sở Nội vụ chủ trì đối với nhân rộng mô hình hay; Sở Khoa học và Công nghệ chủ trì đối với áp dụng các sáng kiến CCHC', ['SNV', 'SKHCN']],
    ['Sở Kế hoạch và Đầu tư, Sở Công Thương', ['SKHDT', 'SCT']],
    ['Sở Nội vụ; các cơ quan, đơn vị.', null],
  ])('%j → %j', (cell, expected) => {
    const result = resolver.resolve(cell);
    expect(result.unresolved).toEqual([]);
    if (expected) expect(result.agencyIds.map(codeOf)).toEqual(expected);
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
    expect(resolver.resolve('')).toEqual({ agencyIds: [], unresolved: [] });
  });
});
