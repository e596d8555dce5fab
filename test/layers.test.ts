import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A message flows one way: transport → commands → app services → store → domain. Each layer may
 * import only the layers after it (a composition root, src/create-app.ts and src/cli.ts, wires them).
 */
const root = process.cwd();
const LAYERS: { dir: string; mayNotImport: string[] }[] = [
  { dir: 'src/domain', mayNotImport: ['commands/', 'src/app/', 'src/store/', 'src/transports/', 'src/http/', 'src/web/'] },
  // Document readers turn bytes into grids: they may use the domain (the header rules), nothing above it.
  { dir: 'src/documents', mayNotImport: ['commands/', 'src/app/', 'src/store/', 'src/transports/', 'src/http/', 'src/web/'] },
  { dir: 'src/store', mayNotImport: ['commands/', 'src/app/', 'src/transports/', 'src/http/', 'src/web/'] },
  { dir: 'src/app', mayNotImport: ['commands/', 'src/transports/telegram/', 'src/transports/zalo/', 'src/transports/local/', 'src/http/', 'src/web/'] },
  { dir: 'src/reports', mayNotImport: ['commands/', 'src/transports/', 'src/http/', 'src/web/'] },
  { dir: 'commands', mayNotImport: ['src/transports/telegram/', 'src/transports/zalo/', 'src/transports/local/', 'src/http/', 'src/web/'] },
];

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The repo-relative paths a file imports (relative specifiers only). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)'/gms)].map((m) => relative(root, join(root, file, '..', m[1]!)));
}

describe('layers', () => {
  for (const layer of LAYERS) {
    it(`${layer.dir} imports none of ${layer.mayNotImport.join(', ')}`, () => {
      const list = files(layer.dir);
      expect(list.length).toBeGreaterThan(3);
      const wrong = list.flatMap((f) => importsOf(f).filter((target) => layer.mayNotImport.some((p) => target.startsWith(p))).map((target) => `${f} → ${target}`));
      expect(wrong).toEqual([]);
    });
  }
});
