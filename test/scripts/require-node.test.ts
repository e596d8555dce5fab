import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const guardPath = new URL('../../scripts/require-node.cjs', import.meta.url).pathname;
const { nodeVersionProblem } = createRequire(import.meta.url)(guardPath) as {
  nodeVersionProblem: (version: string) => string | null;
};

describe('the Node.js version guard before npm start and npm run cli (scripts/require-node.cjs)', () => {
  it('stops Node 20 and older with one Vietnamese line naming the running version and what to install', () => {
    // Node 20 reached end of life on 30/4/2026 and cannot load better-sqlite3 13 (Node-API 10).
    const line = nodeVersionProblem('20.20.2');
    expect(line).toBe(
      'dondoc cần Node.js 22 LTS (từ 22.14) hoặc 24 LTS, máy này đang chạy Node.js 20.20.2: hãy cài Node.js 24 LTS (https://nodejs.org/en/download) rồi chạy lại.',
    );
    expect(line).not.toContain('\n');
    expect(nodeVersionProblem('18.20.8')).toContain('đang chạy Node.js 18.20.8');
    expect(nodeVersionProblem('12.22.12')).not.toBeNull();
  });

  it('stops Node 22 before 22.14: Node-API 10, which better-sqlite3 13 is built for, came in 22.14', () => {
    expect(nodeVersionProblem('22.0.0')).not.toBeNull();
    expect(nodeVersionProblem('22.13.1')).not.toBeNull();
  });

  it('lets Node 22.14+, 24 and later through', () => {
    for (const version of ['22.14.0', '22.23.5', '23.6.0', '24.0.0', '24.22.3', '26.12.1']) {
      expect(nodeVersionProblem(version), version).toBeNull();
    }
  });

  it('preloaded in a process on this (supported) Node, says nothing and lets the entry run', () => {
    const run = spawnSync(process.execPath, ['--require', guardPath, '-e', 'process.stdout.write("chạy tiếp")'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('chạy tiếp');
  });
});
