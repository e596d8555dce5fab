import { join } from 'node:path';
import { readRegistry } from '../../src/app/agency-registry.js';
import { loadAgencyGroups } from '../../src/app/province-data.js';
import { AgencyResolver } from '../../src/domain/agency-resolver.js';

/**
 * The shipped directory (data/agencies.json: Hà Tĩnh as it stands in 2026) and a resolver over it,
 * ids being positions in the file: for tests that read agency cells without a database.
 */
export const registry = readRegistry(join(process.cwd(), 'data', 'agencies.json'));
const groups = loadAgencyGroups(join(process.cwd(), 'data'));
export const idOf = new Map(registry.agencies.map((a, id) => [a.code, id]));
const agencies = registry.agencies.map((a, id) => ({
  id,
  kind: a.kind,
  names: [a.name, a.code, ...(a.shortName ? [a.shortName] : []), ...a.aliases],
  from: a.from ?? null,
  until: a.until ?? null,
  successorId: a.successor ? idOf.get(a.successor)! : null,
}));
export const codeOf = (id: number) => registry.agencies[id]!.code;
export const resolver = new AgencyResolver(agencies, groups.groups, groups);
/** A plan of 2026 imported today. */
export const NOW = { planDay: '2026-01-01', today: '2026-11-23' };
/** Agencies in force of the kinds (a group phrase in a 2026 plan means these). */
export const ofKind = (...kinds: string[]) => registry.agencies.filter((a) => kinds.includes(a.kind) && a.until === undefined).map((a) => a.code);
