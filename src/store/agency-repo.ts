import { StoreInvariantError } from '../errors.js';
import { prepared, type Db } from './database.js';
import { textKey } from '../domain/text-key.js';

export interface AgencyKind {
  code: string;
  label: string;
  level: 'tinh' | 'huyen' | 'xa' | 'trung_uong';
  sortOrder: number;
}

export interface Agency {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: number | null;
  isStanding: boolean;
  active: boolean;
  /** The official code of a commune-level unit, if it is one. */
  officialCode: string | null;
  validFrom: string | null;
  /** The day it ceased; such an agency is inactive (never reminded) but older plans still name it. */
  validUntil: string | null;
  successorId: number | null;
}

export interface AgencyInput {
  code: string;
  name: string;
  shortName?: string | undefined;
  kind: string;
  parentCode?: string | undefined;
  isStanding?: boolean | undefined;
  aliases?: string[] | undefined;
  officialCode?: string | undefined;
  from?: string | undefined;
  until?: string | undefined;
}

interface AgencyRow {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  kind: string;
  parent_id: number | null;
  is_standing: number;
  active: number;
  official_code: string | null;
  valid_from: string | null;
  valid_until: string | null;
  successor_id: number | null;
}

const toAgency = (row: AgencyRow): Agency => ({
  id: row.id,
  code: row.code,
  name: row.name,
  shortName: row.short_name,
  kind: row.kind,
  parentId: row.parent_id,
  isStanding: row.is_standing === 1,
  active: row.active === 1,
  officialCode: row.official_code,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  successorId: row.successor_id,
});

/** SQL for agency kinds, agencies and their aliases. */
export class AgencyRepo {
  constructor(private readonly db: Db) {}

  /** Inserts or updates an agency kind (kinds are data: the registry file defines them). */
  upsertKind(kind: AgencyKind): void {
    prepared(this.db, 
        `INSERT INTO agency_kinds (code, label, level, sort_order) VALUES (?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET label = excluded.label, level = excluded.level, sort_order = excluded.sort_order`,
      )
      .run(kind.code, kind.label, kind.level, kind.sortOrder);
  }

  kinds(): AgencyKind[] {
    return prepared(this.db, 'SELECT code, label, level, sort_order AS sortOrder FROM agency_kinds ORDER BY sort_order, code')
      .all() as AgencyKind[];
  }

  /**
   * Inserts or updates an agency by code and replaces its aliases (its name and short name are always
   * aliases). It is active unless it ceased on or before `today` (`until`).
   */
  upsert(input: AgencyInput, now: Date, today = now.toISOString().slice(0, 10)): Agency {
    const parentId = input.parentCode ? (this.byCode(input.parentCode)?.id ?? null) : null;
    prepared(this.db, 
        `INSERT INTO agencies (code, name, short_name, kind, parent_id, is_standing, created_at, official_code, valid_from, valid_until, active)
         VALUES (@code, @name, @shortName, @kind, @parentId, @isStanding, @now, @officialCode, @from, @until, @active)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
           kind = excluded.kind, parent_id = excluded.parent_id, is_standing = excluded.is_standing, active = excluded.active,
           official_code = excluded.official_code, valid_from = excluded.valid_from, valid_until = excluded.valid_until`,
      )
      .run({
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        parentId,
        isStanding: input.isStanding ? 1 : 0,
        now: now.toISOString(),
        officialCode: input.officialCode ?? null,
        from: input.from ?? null,
        until: input.until ?? null,
        active: input.until !== undefined && input.until <= today ? 0 : 1,
      });
    const agency = this.byCode(input.code);
    if (!agency) throw new StoreInvariantError('agencies', input.code, 'vanished after upsert');
    prepared(this.db, 'DELETE FROM agency_aliases WHERE agency_id = ?').run(agency.id);
    const insertAlias = prepared(this.db, 
      'INSERT OR IGNORE INTO agency_aliases (agency_id, alias, alias_key) VALUES (?, ?, ?)',
    );
    const names = [input.name, input.shortName, input.code, ...(input.aliases ?? [])];
    for (const alias of names) {
      if (alias && alias.trim() !== '') insertAlias.run(agency.id, alias.trim(), textKey(alias));
    }
    return agency;
  }

  byCode(code: string): Agency | undefined {
    const row = prepared(this.db, 'SELECT * FROM agencies WHERE code = ? COLLATE NOCASE')
      .get(code) as AgencyRow | undefined;
    return row ? toAgency(row) : undefined;
  }

  byId(id: number): Agency | undefined {
    const row = prepared(this.db, 'SELECT * FROM agencies WHERE id = ?').get(id) as AgencyRow | undefined;
    return row ? toAgency(row) : undefined;
  }

  /** Agencies whose name, short name, code or alias folds to the same key as the text. */
  byAlias(text: string): Agency[] {
    const rows = prepared(this.db, 
        `SELECT DISTINCT a.* FROM agencies a JOIN agency_aliases x ON x.agency_id = a.id
         WHERE x.alias_key = ? AND a.active = 1 ORDER BY a.code`,
      )
      .all(textKey(text)) as AgencyRow[];
    return rows.map(toAgency);
  }

  /** The agency a person typed: its code, or a name or alias that names exactly one agency. */
  find(text: string): Agency | undefined {
    const byCode = this.byCode(text);
    if (byCode) return byCode;
    const found = this.byAlias(text);
    return found.length === 1 ? found[0] : undefined;
  }

  aliases(agencyId: number): string[] {
    return (
      prepared(this.db, 'SELECT alias FROM agency_aliases WHERE agency_id = ? ORDER BY alias').all(agencyId) as {
        alias: string;
      }[]
    ).map((row) => row.alias);
  }

  /** Points a ceased agency at the one its work went to (null: none). */
  setSuccessor(code: string, successorCode: string | null): void {
    const successor = successorCode ? (this.byCode(successorCode)?.id ?? null) : null;
    prepared(this.db, 'UPDATE agencies SET successor_id = ? WHERE code = ?').run(successor, code);
  }

  /** Marks every agency not in `codes` inactive (dropped from the registry file): history stays, reminders stop. */
  retireMissing(codes: string[]): number {
    const keep = new Set(codes.map((c) => c.toUpperCase()));
    const retire = prepared(this.db, 'UPDATE agencies SET active = 0 WHERE id = ?');
    let n = 0;
    for (const a of this.all()) {
      if (a.active && !keep.has(a.code.toUpperCase())) {
        retire.run(a.id);
        n += 1;
      }
    }
    return n;
  }

  /** Every agency, active or not: the plan importer reads older plans against it. */
  all(): Agency[] {
    return (prepared(this.db, 'SELECT * FROM agencies ORDER BY id').all() as AgencyRow[]).map(toAgency);
  }

  /** Active agencies, ordered by kind then name; optionally of one kind. */
  list(filter: { kind?: string } = {}): Agency[] {
    const rows = prepared(this.db, 
        `SELECT a.* FROM agencies a JOIN agency_kinds k ON k.code = a.kind
         WHERE a.active = 1 AND (@kind IS NULL OR a.kind = @kind)
         ORDER BY k.sort_order, a.name`,
      )
      .all({ kind: filter.kind ?? null }) as AgencyRow[];
    return rows.map(toAgency);
  }

  /** The standing agency for CCHC (Sở Nội vụ), if the registry marks one. */
  standing(): Agency | undefined {
    const row = prepared(this.db, 'SELECT * FROM agencies WHERE is_standing = 1 LIMIT 1').get() as AgencyRow | undefined;
    return row ? toAgency(row) : undefined;
  }

  count(): number {
    return (prepared(this.db, 'SELECT COUNT(*) AS n FROM agencies').get() as { n: number }).n;
  }
}
