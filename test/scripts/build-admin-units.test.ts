import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAdminUnits, DATASET_DIR, OUTPUT } from '../../scripts/build-admin-units.js';

interface Units {
  licence: string;
  provinces: { code: string; name: string; formerNames: string[]; communes: [string, string, string][] }[];
}

const shipped = JSON.parse(readFileSync(OUTPUT, 'utf8')) as Units;

describe('data/admin-units.json (the official directory after 1/7/2025)', () => {
  // In CI ../shared is always beside the repository: a missing dataset is a failure there, not a skip.
  const present = existsSync(DATASET_DIR);
  it.runIf(present || process.env.CI)('is exactly what scripts/build-admin-units.ts makes from the dataset', () => {
    expect(present).toBe(true);
    expect(buildAdminUnits()).toBe(readFileSync(OUTPUT, 'utf8'));
    const source = JSON.parse(readFileSync(join(DATASET_DIR, 'vn_units.json'), 'utf8')) as { Code: string; Wards: unknown[] }[];
    for (const p of source) expect(shipped.provinces.find((s) => s.code === p.Code)?.communes).toHaveLength(p.Wards.length);
  });

  it('has 34 provinces, 3,321 communes, wards and special zones, 63 former provinces, and the MIT notice', () => {
    expect(shipped.provinces).toHaveLength(34);
    expect(shipped.provinces.reduce((n, p) => n + p.communes.length, 0)).toBe(3321);
    expect(shipped.provinces.find((p) => p.name === 'Hà Tĩnh')!.communes).toHaveLength(69);
    expect(new Set(shipped.provinces.flatMap((p) => p.formerNames).filter((n) => n !== 'Huế')).size).toBe(63);
    expect(shipped.licence).toContain('Copyright (c) 2021 Thang Le Quoc');
    const kinds = new Set(shipped.provinces.flatMap((p) => p.communes.map((c) => c[2])));
    expect([...kinds].sort()).toEqual(['dac_khu', 'phuong', 'xa']);
  });
});
