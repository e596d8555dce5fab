/**
 * Runs the whole suite several times in a row with two CPU-burning processes beside it, the way a
 * loaded 2-core CI machine treats it; a test that depends on timing fails here first.
 *   npm run test:stress            10 rounds of `vitest run`
 *   npm run test:stress -- 3       3 rounds
 *   npm run test:stress -- --alone each test file alone, once (no test may depend on another's state)
 * Prints one line per round and a closing "N passed, N failed" line; exits 1 if any round failed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const alone = args.includes('--alone');
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);

function burn(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'browser' ? [] : testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

function vitest(files: string[]): { ok: boolean; summary: string; seconds: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...files], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const output = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const summary = /Tests\s+(.+)/.exec(output)?.[1]?.trim() ?? 'no summary';
  if (result.status !== 0) process.stderr.write(output.split('\n').filter((l) => /FAIL|×|Error/.test(l)).slice(0, 20).join('\n') + '\n');
  return { ok: result.status === 0, summary, seconds: (Date.now() - started) / 1000 };
}

const burners = [burn(), burn()];
let passed = 0;
let failed = 0;
try {
  const runs = alone ? testFiles('test').map((f) => [f]) : Array.from({ length: rounds }, () => [] as string[]);
  runs.forEach((files, i) => {
    const { ok, summary, seconds } = vitest(files);
    if (ok) passed += 1;
    else failed += 1;
    process.stdout.write(`${alone ? files[0] : `round ${i + 1}/${rounds}`}: ${ok ? 'ok' : 'FAILED'} — ${summary} (${seconds.toFixed(0)} s)\n`);
  });
} finally {
  for (const b of burners) b.kill('SIGKILL');
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
