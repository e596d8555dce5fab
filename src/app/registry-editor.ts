import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock } from '../clock.js';
import { civilDateOf, type CivilDate } from '../domain/civil-date.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Store } from '../store/store.js';
import type { Actor } from './privacy-service.js';
import { applyRegistry, registrySchema, registryText, type Registry } from './agency-registry.js';

export type RegistryEditError =
  | { code: 'unknown_kind'; kind: string; kinds: string[] }
  | { code: 'bad_code'; agencyCode: string }
  | { code: 'duplicate_code'; agencyCode: string }
  | { code: 'unknown_agency'; agencyCode: string }
  | { code: 'standing'; agencyCode: string }
  | { code: 'already_ceased'; agencyCode: string; until: string }
  | { code: 'bad_successor'; agencyCode: string }
  | { code: 'invalid'; message: string };

/**
 * Changes the province's directory from chat (add, rename, retire an agency): the registry file
 * (data/agencies.json) stays the one source of truth, so the change is written there (validated,
 * atomically) and applied to the database in one transaction; a restart keeps it.
 */
export class RegistryEditor {
  constructor(
    private readonly store: Store,
    private readonly path: string,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  private read(): { json: Record<string, unknown>; registry: Registry } {
    const json = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>;
    return { json, registry: registrySchema.parse(json) };
  }

  /** Validates, writes (temp file, then rename) and applies the new registry; the change goes to the audit log. */
  private save(json: Record<string, unknown>, registry: Registry, actor: Actor, change: Record<string, unknown>): Result<Registry, RegistryEditError> {
    const parsed = registrySchema.safeParse(registry);
    if (!parsed.success) return err({ code: 'invalid', message: parsed.error.issues[0]?.message ?? 'danh bạ không hợp lệ' });
    const head = Object.fromEntries(Object.entries(json).filter(([k]) => k.startsWith('$')));
    const text = registryText(head, parsed.data);
    const temp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(temp, text);
    renameSync(temp, this.path);
    const now = this.clock.now();
    applyRegistry(this.store, parsed.data, now, this.timeZone);
    this.store.audit.append({ actorMemberId: actor.memberId, via: actor.via, action: 'agency_change', target: `agency:${String(change.code)}`, detail: change }, now);
    return ok(parsed.data);
  }

  /** Adds an agency of a known kind under a new code (2–20 capitals, digits or _). */
  add(kind: string, code: string, name: string, actor: Actor): Result<Registry, RegistryEditError> {
    const { json, registry } = this.read();
    const upper = code.toUpperCase();
    if (!registry.kinds.some((k) => k.code === kind)) return err({ code: 'unknown_kind', kind, kinds: registry.kinds.map((k) => k.code) });
    if (!/^[A-Z0-9_]{2,20}$/.test(upper)) return err({ code: 'bad_code', agencyCode: code });
    if (registry.agencies.some((a) => a.code === upper)) return err({ code: 'duplicate_code', agencyCode: upper });
    const today = civilDateOf(this.clock.now(), this.timeZone);
    registry.agencies.push({ code: upper, name, kind, aliases: [], from: today });
    return this.save(json, registry, actor, { op: 'add', code: upper, kind, name });
  }

  /** Renames an agency; the old name stays an alias, so older plans still name it. */
  rename(code: string, name: string, actor: Actor): Result<Registry, RegistryEditError> {
    const { json, registry } = this.read();
    const agency = registry.agencies.find((a) => a.code === code.toUpperCase());
    if (!agency) return err({ code: 'unknown_agency', agencyCode: code });
    const from = agency.name;
    if (agency.name !== name && !agency.aliases.includes(agency.name)) agency.aliases.push(agency.name);
    agency.name = name;
    return this.save(json, registry, actor, { op: 'rename', code: agency.code, from, to: name });
  }

  /** Retires an agency from a day (default today), optionally handing its work to a successor. */
  retire(code: string, until: CivilDate | null, successorCode: string | null, actor: Actor): Result<Registry, RegistryEditError> {
    const { json, registry } = this.read();
    const agency = registry.agencies.find((a) => a.code === code.toUpperCase());
    if (!agency) return err({ code: 'unknown_agency', agencyCode: code });
    if (agency.isStanding) return err({ code: 'standing', agencyCode: agency.code });
    if (agency.until) return err({ code: 'already_ceased', agencyCode: agency.code, until: agency.until });
    if (successorCode !== null) {
      const successor = registry.agencies.find((a) => a.code === successorCode.toUpperCase());
      if (!successor || successor.until || successor.code === agency.code) return err({ code: 'bad_successor', agencyCode: successorCode });
      agency.successor = successor.code;
    }
    agency.until = until ?? civilDateOf(this.clock.now(), this.timeZone);
    return this.save(json, registry, actor, { op: 'retire', code: agency.code, until: agency.until, successor: agency.successor ?? null });
  }
}
