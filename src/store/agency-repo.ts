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
}

export interface AgencyInput {
  code: string;
  name: string;
  shortName?: string | undefined;
  kind: string;
  parentCode?: string | undefined;
  isStanding?: boolean | undefined;
  aliases?: string[] | undefined;
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

  /** Inserts or updates an agency by code and replaces its aliases (its name and short name are always aliases). */
  upsert(input: AgencyInput, now: Date): Agency {
    const parentId = input.parentCode ? (this.byCode(input.parentCode)?.id ?? null) : null;
    prepared(this.db, 
        `INSERT INTO agencies (code, name, short_name, kind, parent_id, is_standing, created_at)
         VALUES (@code, @name, @shortName, @kind, @parentId, @isStanding, @now)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
           kind = excluded.kind, parent_id = excluded.parent_id, is_standing = excluded.is_standing, active = 1`,
      )
      .run({
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        kind: input.kind,
        parentId,
        isStanding: input.isStanding ? 1 : 0,
        now: now.toISOString(),
      });
    const agency = this.byCode(input.code);
    if (!agency) throw new Error(`agency ${input.code} vanished after upsert`);
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
