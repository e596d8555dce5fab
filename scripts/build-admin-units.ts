/**
 * Builds data/admin-units.json, the province directory dondoc ships, from the official list of
 * administrative units after 1/7/2025 in ../shared/datasets/vn-admin-units-2025/ (MIT, © 2021 Thang
 * Le Quoc; the notice travels with the file). Run: `npm run build-admin-units`. A test checks that
 * the script reproduces the shipped file byte for byte and that every count matches the dataset.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DATASET_DIR = join(ROOT, '..', 'shared', 'datasets', 'vn-admin-units-2025');
export const OUTPUT = join(ROOT, 'data', 'admin-units.json');

interface SourceUnit {
  Code: string;
  Name: string;
  FullName: string;
  AdministrativeUnitShortName: string;
  Wards?: SourceUnit[];
}

/**
 * The 63 provinces before 1/7/2025 and the province each became part of (Nghị quyết 202/2025/QH15
 * on the arrangement of provincial units, in force 12/6/2025, effective 1/7/2025). Older plans and
 * agency cells still name them ("Sở Nội vụ tỉnh Sóc Trăng").
 */
const FORMER_PROVINCES: Record<string, string[]> = {
  '01': ['Hà Nội'],
  '04': ['Cao Bằng'],
  '08': ['Tuyên Quang', 'Hà Giang'],
  '11': ['Điện Biên'],
  '12': ['Lai Châu'],
  '14': ['Sơn La'],
  '15': ['Lào Cai', 'Yên Bái'],
  '19': ['Thái Nguyên', 'Bắc Kạn'],
  '20': ['Lạng Sơn'],
  '22': ['Quảng Ninh'],
  '24': ['Bắc Ninh', 'Bắc Giang'],
  '25': ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'],
  '31': ['Hải Phòng', 'Hải Dương'],
  '33': ['Hưng Yên', 'Thái Bình'],
  '37': ['Ninh Bình', 'Hà Nam', 'Nam Định'],
  '38': ['Thanh Hóa'],
  '40': ['Nghệ An'],
  '42': ['Hà Tĩnh'],
  '44': ['Quảng Trị', 'Quảng Bình'],
  '46': ['Thừa Thiên Huế', 'Huế'],
  '48': ['Đà Nẵng', 'Quảng Nam'],
  '51': ['Quảng Ngãi', 'Kon Tum'],
  '52': ['Gia Lai', 'Bình Định'],
  '56': ['Khánh Hòa', 'Ninh Thuận'],
  '66': ['Đắk Lắk', 'Phú Yên'],
  '68': ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'],
  '75': ['Đồng Nai', 'Bình Phước'],
  '79': ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
  '80': ['Tây Ninh', 'Long An'],
  '82': ['Đồng Tháp', 'Tiền Giang'],
  '86': ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'],
  '91': ['An Giang', 'Kiên Giang'],
  '92': ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'],
  '96': ['Cà Mau', 'Bạc Liêu'],
};

const KIND: Record<string, string> = { 'Xã': 'xa', 'Phường': 'phuong', 'Đặc khu': 'dac_khu', 'Tỉnh': 'tinh', 'Thành phố': 'thanh_pho' };

/** The derived file as text (stable key order, one commune per line so diffs stay readable). */
export function buildAdminUnits(datasetDir = DATASET_DIR): string {
  const source = JSON.parse(readFileSync(join(datasetDir, 'vn_units.json'), 'utf8')) as SourceUnit[];
  const licence = readFileSync(join(datasetDir, 'LICENSE'), 'utf8').trim();
  const provinces = source.map((p) => {
    const kind = KIND[p.AdministrativeUnitShortName];
    if (!kind) throw new Error(`unknown province kind ${p.AdministrativeUnitShortName}`);
    const former = FORMER_PROVINCES[p.Code];
    if (!former) throw new Error(`no former-province row for ${p.Code} ${p.Name}`);
    const communes = (p.Wards ?? []).map((w) => {
      const k = KIND[w.AdministrativeUnitShortName];
      if (!k) throw new Error(`unknown unit kind ${w.AdministrativeUnitShortName}`);
      return [w.Code, w.Name, k];
    });
    return { code: p.Code, name: p.Name, fullName: p.FullName, kind, formerNames: former, communes };
  });
  const head = {
    $comment:
      'Đơn vị hành chính sau 1/7/2025 (34 tỉnh, thành phố; 3.321 xã, phường, đặc khu), dựng bằng scripts/build-admin-units.ts từ ../shared/datasets/vn-admin-units-2025 (nguồn: thanglequoc/vietnamese-provinces-database, theo Nghị quyết 202/2025/QH15 và các nghị quyết sắp xếp đơn vị hành chính cấp xã năm 2025). formerNames: các tỉnh trước 1/7/2025 nay thuộc tỉnh này. Không sửa tay: chạy lại npm run build-admin-units.',
    licence,
  };
  const lines = [
    '{',
    `  "$comment": ${JSON.stringify(head.$comment)},`,
    `  "licence": ${JSON.stringify(head.licence)},`,
    '  "provinces": [',
    provinces
      .map((p) =>
        [
          '    {',
          `      "code": ${JSON.stringify(p.code)}, "name": ${JSON.stringify(p.name)}, "fullName": ${JSON.stringify(p.fullName)}, "kind": ${JSON.stringify(p.kind)},`,
          `      "formerNames": ${JSON.stringify(p.formerNames)},`,
          '      "communes": [',
          p.communes.map((c) => `        ${JSON.stringify(c)}`).join(',\n'),
          '      ]',
          '    }',
        ].join('\n'),
      )
      .join(',\n'),
    '  ]',
    '}',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OUTPUT, buildAdminUnits());
  process.stdout.write(`Đã ghi ${OUTPUT}\n`);
}
