import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const UNIT = 'deploy/dondoc.service';

/** The unit's directives by section, each key with all its values (a key may repeat, e.g. ReadWritePaths). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`not a directive: ${line}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

const systemdAnalyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the systemd unit (deploy/dondoc.service)', () => {
  const unit = parseUnit(readFileSync(UNIT, 'utf8'));
  const service = unit.get('Service')!;
  const one = (key: string) => {
    expect(service.get(key), key).toHaveLength(1);
    return service.get(key)![0]!;
  };

  it('runs dondoc as npm start does (the Node version guard first), as its own user, with its settings from an EnvironmentFile', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
    // npm start is "node <args>"; the unit calls node by its absolute path with the same arguments.
    expect(one('ExecStart')).toBe(start.replace(/^node /, '/usr/bin/node '));
    expect(one('User')).toBe('dondoc');
    expect(one('Group')).toBe('dondoc');
    expect(one('EnvironmentFile')).toBe('/etc/dondoc/dondoc.env');
    expect(one('Restart')).toBe('on-failure');
    expect(one('KillSignal')).toBe('SIGTERM');
  });

  it('is hardened: no new privileges, the file system read-only except the data directory (where the database lives), a private /tmp', () => {
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('PrivateTmp')).toBe('yes');
    // DONDOC_DB_PATH defaults to data/dondoc.sqlite and /coquan writes data/agencies.json, under WorkingDirectory.
    expect(service.get('ReadWritePaths')).toContain(`${one('WorkingDirectory')}/data`);
    // V8 compiles code at run time: MemoryDenyWriteExecute would kill node.
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
    expect(unit.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it.skipIf(!systemdAnalyze)('passes systemd-analyze verify with no warning at all (an unknown key or a bad value is only a warning to systemd)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-unit-'));
    try {
      copyFileSync(UNIT, join(dir, 'dondoc.service'));
      const good = spawnSync('systemd-analyze', ['verify', join(dir, 'dondoc.service')], { encoding: 'utf8' });
      expect(good.stderr + good.stdout).toBe('');
      expect(good.status).toBe(0);
      // The check itself sees a mistake: the same unit with a misspelt key is reported.
      writeFileSync(join(dir, 'typo.service'), readFileSync(UNIT, 'utf8').replace('Restart=on-failure', 'Restartt=on-failure'));
      const typo = spawnSync('systemd-analyze', ['verify', join(dir, 'typo.service')], { encoding: 'utf8' });
      expect(typo.stderr).toContain("Unknown key 'Restartt'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
