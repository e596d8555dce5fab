import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const seeds = join(process.cwd(), '..', 'shared', 'seeds');

describe('scripts/convert-seeds.ts', () => {
  // In CI ../shared is always beside the repository: there a missing seed folder fails, it is not skipped.
  it.runIf(existsSync(seeds) || process.env.CI)('rebuilds the shipped CSV plans byte for byte from the seed texts', () => {
    expect(existsSync(seeds)).toBe(true);
    const work = mkdtempSync(join(tmpdir(), 'dondoc-convert-'));
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/convert-seeds.ts', seeds, work], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      for (const name of ['ha-tinh-2024-phu-luc', 'soc-trang-163-phu-luc-2', 'soc-trang-163-phu-luc-3']) {
        expect(readFileSync(join(work, `${name}.csv`), 'utf8')).toBe(
          readFileSync(join(process.cwd(), 'data', 'plans', `${name}.csv`), 'utf8'),
        );
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
