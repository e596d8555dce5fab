import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registrySchema } from '../../src/app/agency-registry.js';
import { loadAdminUnits } from '../../src/app/province-data.js';
import { buildProvinceRegistry, findProvince, loadProvinceTemplate, registryCounts } from '../../src/app/province-setup.js';

const data = join(process.cwd(), 'data');
const units = loadAdminUnits(data);
const template = loadProvinceTemplate(data);
// The official dataset when it is beside the repository (always in CI); otherwise the shipped copy,
// which test/scripts/build-admin-units.test.ts checks against the dataset.
const datasetFile = join(process.cwd(), '..', 'shared', 'datasets', 'vn-admin-units-2025', 'vn_units.json');
const dataset: { Code: string; Name: string; Wards: { Code: string }[] }[] = existsSync(datasetFile)
  ? JSON.parse(readFileSync(datasetFile, 'utf8'))
  : units.provinces.map((p) => ({ Code: p.code, Name: p.name, Wards: p.communes.map(([code]) => ({ Code: code })) }));
const dir = mkdtempSync(join(tmpdir(), 'dondoc-province-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, DONDOC_DB_PATH: join(dir, 'unused.sqlite'), DONDOC_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('province init for every province of 2026', () => {
  it.each(dataset.map((p) => [p.Name, p.Code, p.Wards.length] as const))('%s (%s): every commune, ward and special zone, a valid registry', (name, code, count) => {
    const match = findProvince(units, name);
    expect(match.kind).toBe('found');
    if (match.kind !== 'found') return;
    expect(match.province.code).toBe(code);
    const registry = buildProvinceRegistry(template, match.province);
    expect(registrySchema.safeParse(registry).success).toBe(true);
    const communes = registry.agencies.filter((a) => a.kind === 'ubnd_xa');
    expect(communes).toHaveLength(count);
    // Official codes, and the kind of unit in the name.
    const source = dataset.find((p) => p.Code === code)!.Wards;
    expect(communes.map((c) => c.officialCode).sort()).toEqual(source.map((w) => w.Code).sort());
    expect(registryCounts(registry)).toMatchObject({ communes: count, departments: 15 });
    expect(registry.agencies.filter((a) => a.isStanding).map((a) => a.name)).toEqual(['Sở Nội vụ']);
  });
});

describe('finding a province the way people type it', () => {
  it.each([
    ['Thanh Hoá', '38'],
    ['Thanh Hóa', '38'],
    ['thanh hoa', '38'],
    ['Tỉnh Thanh Hóa', '38'],
    ['TP Hồ Chí Minh', '79'],
    ['Thành phố Hồ Chí Minh', '79'],
    ['tp.hcm', '79'],
    ['Khánh Hòa', '56'],
    ['Thành phố Huế', '46'],
    ['HÀ TĨNH', '42'],
    ['Hà Tĩnh'.normalize('NFD'), '42'],
  ])('%j → %s', (typed, code) => {
    const match = findProvince(units, typed);
    expect(match.kind).toBe('found');
    if (match.kind === 'found') expect(match.province.code).toBe(code);
  });

  it('maps a former province to the one it joined, and lists the closest names for a wrong one', () => {
    const former = findProvince(units, 'Sóc Trăng');
    expect(former).toMatchObject({ kind: 'former', former: 'Sóc Trăng', province: { name: 'Cần Thơ' } });
    expect(findProvince(units, 'Quang Binh')).toMatchObject({ kind: 'former', province: { name: 'Quảng Trị' } });
    const wrong = findProvince(units, 'Ha Tinn');
    expect(wrong).toEqual({ kind: 'none', suggestions: expect.arrayContaining(['Hà Tĩnh']) });
    if (wrong.kind === 'none') expect(wrong.suggestions[0]).toBe('Hà Tĩnh');
  });
});

describe('npm run cli -- province', () => {
  it('lists the 34 provinces', () => {
    const result = cli('province', 'list', '--json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as { name: string; communes: number }[];
    expect(rows).toHaveLength(34);
    expect(rows.reduce((n, r) => n + r.communes, 0)).toBe(3321);
  });

  it('writes agencies.json with --json counts, and never overwrites an edited file without --force', () => {
    const file = join(dir, 'agencies.json');
    const first = cli('province', 'init', 'Hà Tĩnh', '--file', file, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ province: 'Tỉnh Hà Tĩnh', agencies: 89, departments: 15, communes: 69, backup: null });
    // Unedited: another province may replace it.
    expect(cli('province', 'init', 'Nghệ An', '--file', file, '--json').code).toBe(0);
    const edited = readFileSync(file, 'utf8').replace('"Sở TP"', '"Sở TP", "STP Nghệ An"');
    writeFileSync(file, edited);
    const refused = cli('province', 'init', 'Hà Tĩnh', '--file', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('đã được sửa tay');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    const forced = cli('province', 'init', 'Hà Tĩnh', '--file', file, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(edited);
    expect(readFileSync(file, 'utf8')).toContain('"province": "Tỉnh Hà Tĩnh"');
  });

  it('refuses an unknown province with the closest names', () => {
    const result = cli('province', 'init', 'Atlantis', '--file', join(dir, 'x.json'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/không có tỉnh, thành phố “Atlantis”\. Gần nhất: /);
  });

  it('refuses another province while the database tracks the demo province, keeps a .bak of the file it replaces', () => {
    // New-user trial: on the demo's database (Hà Tĩnh, 69 communes), `province init "Nghệ An"` overwrote the
    // shipped data/agencies.json without a copy, and the next CLI call retired the 69 communes, unannounced.
    // The CLI runs as an operator runs it, from a project folder of its own (data/ copied, so the real one stays).
    const home = mkdtempSync(join(dir, 'home-'));
    cpSync(data, join(home, 'data'), { recursive: true, filter: (src) => !/\.sqlite/.test(src) && !src.endsWith('.bak') });
    symlinkSync(join(process.cwd(), 'node_modules'), join(home, 'node_modules'));
    const db = join(home, 'dondoc.sqlite');
    const at = (...args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src', 'cli.ts'), ...args], {
        cwd: home,
        env: { ...process.env, DONDOC_DB_PATH: db, DONDOC_LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const live = join(home, 'data', 'agencies.json');
    const shipped = readFileSync(live, 'utf8');
    expect(at('demo', 'reset').code).toBe(0);
    const activeCommunes = () => (JSON.parse(at('agencies', '--json').out) as { kind: string }[]).filter((a) => a.kind === 'ubnd_xa').length;
    expect(activeCommunes()).toBe(69);

    const refused = at('province', 'init', 'Nghệ An');
    expect(refused.code).toBe(2);
    // It names what holds the data (the database, the province, its communes) and the two ways on.
    expect(refused.err).toContain(`cơ sở dữ liệu ${db} đang theo dõi các cơ quan của Tỉnh Hà Tĩnh (69 xã, phường, đặc khu)`);
    expect(refused.err).toContain('Chưa ghi gì');
    expect(refused.err).toContain('--switch-province');
    expect(refused.err).toContain('DONDOC_DB_PATH');
    expect(readFileSync(live, 'utf8')).toBe(shipped);
    expect(existsSync(`${live}.bak`)).toBe(false);
    // The next CLI call still finds every commune tracked.
    expect(activeCommunes()).toBe(69);

    // The same province again changes nothing in the database: no question asked.
    expect(at('province', 'init', 'Hà Tĩnh', '--json').code).toBe(0);

    const switched = at('province', 'init', 'Nghệ An', '--switch-province', '--json');
    expect(switched.code).toBe(0);
    expect(JSON.parse(switched.out)).toMatchObject({ province: 'Tỉnh Nghệ An', backup: `${live}.bak` });
    expect(readFileSync(`${live}.bak`, 'utf8')).toBe(shipped);
    expect(readFileSync(live, 'utf8')).toContain('"province": "Tỉnh Nghệ An"');
  });
});
