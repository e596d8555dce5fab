import { cleanCell } from './plan-table.js';
import { foldAligned, textKey } from './text-key.js';

/** An agency as the resolver needs it: its id, kind and every name it may be written as. */
export interface ResolvableAgency {
  id: number;
  kind: string;
  names: string[];
}

/** A phrase naming a group of agencies ("Các sở, ban, ngành") and the kinds it covers. */
export interface AgencyGroup {
  kinds: string[];
  phrases: string[];
}

export interface Resolution {
  /** Agency ids named by the cell, in registry order, without duplicates. */
  agencyIds: number[];
  /** Pieces of the cell that name no known agency or group, as written. */
  unresolved: string[];
}


interface Phrase {
  key: string;
  agencyIds: number[];
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9&]/.test(c);

/** Options of the resolver, all data (data/agency-groups.json, data/admin-units.json). */
export interface ResolverOptions {
  /** Leftover words that name nothing ("các", "có liên quan"): dropped, not reported. */
  noise?: string[];
  /** Province names, current and former, that qualify an agency ("Sở Nội vụ tỉnh Thanh Hóa"). */
  places?: string[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds the agencies a "Chủ trì" or "Phối hợp" cell names: full names, abbreviations and aliases
 * (case and diacritics ignored), several per cell (";", ",", "và", "phối hợp với", line breaks),
 * parenthetical notes dropped, and group phrases expanded to every agency of their kinds. Known
 * phrases are found first, longest first, so "Sở Kế hoạch và Đầu tư" is one agency and
 * "Các sở, ban, ngành" one group; only the text left over is split and reported.
 */
export class AgencyResolver {
  private readonly phrases: Phrase[];
  private readonly noise: Set<string>;
  private readonly order: Map<number, number>;
  private readonly qualifiers: RegExp[];

  constructor(agencies: ResolvableAgency[], groups: AgencyGroup[], options: ResolverOptions = {}) {
    const noise = options.noise ?? [];
    const byKey = new Map<string, Set<number>>();
    const add = (name: string, ids: number[]) => {
      const key = foldAligned(cleanCell(name).normalize('NFC')).trim();
      if (key.length < 2) return;
      const set = byKey.get(key) ?? new Set<number>();
      for (const id of ids) set.add(id);
      byKey.set(key, set);
    };
    for (const agency of agencies) for (const name of agency.names) add(name, [agency.id]);
    for (const group of groups) {
      const ids = agencies.filter((a) => group.kinds.includes(a.kind)).map((a) => a.id);
      for (const phrase of group.phrases) add(phrase, ids);
    }
    this.phrases = [...byKey.entries()]
      .map(([key, ids]) => ({ key, agencyIds: [...ids] }))
      .sort((a, b) => b.key.length - a.key.length);
    this.noise = new Set(noise.map((n) => textKey(n)));
    this.order = new Map(agencies.map((a, i) => [a.id, i]));
    // Qualifiers are not names: "tỉnh Thanh Hóa" after an agency, "khu vực XIII", "trên địa bàn tỉnh".
    // The place is blanked, "tỉnh" stays (it belongs to names such as "UBND tỉnh").
    const places = [...new Set((options.places ?? []).map((p) => foldAligned(p.normalize('NFC')).trim()).filter((p) => p.length > 1))]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex);
    this.qualifiers = [
      /\btren dia ban(?:\s+(?:toan\s+)?(?:tinh|thanh pho))?\b/g,
      /\bkhu vuc\s+(?:[ivxlc]+|\d+)\b/g,
      /\bkhu vuc\s*$/g,
    ];
    if (places.length > 0) this.qualifiers.push(new RegExp(`(?<=\\b(?:tinh|thanh pho|tp\\.?)\\s+)(?:${places.join('|')})(?![a-z0-9])`, 'g'));
  }

  /** Blanks the qualifiers of a cell (same length, so positions still match the text). */
  private dropQualifiers(text: string): string {
    let folded = foldAligned(text);
    let out = text;
    for (const pattern of this.qualifiers) {
      folded = folded.replace(pattern, (m, ...rest) => {
        const at = rest[rest.length - 2] as number;
        out = out.slice(0, at) + ' '.repeat(m.length) + out.slice(at + m.length);
        return ' '.repeat(m.length);
      });
    }
    return out;
  }

  /** Resolves one cell; an empty cell resolves to nothing and leaves nothing unresolved. */
  resolve(cell: string): Resolution {
    const text = this.dropQualifiers(
      cleanCell(cell)
        .normalize('NFC')
        .replace(/\([^)]*\)/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const folded = foldAligned(text);
    const claimed = new Array<boolean>(text.length).fill(false);
    const found = new Set<number>();
    for (const phrase of this.phrases) {
      let from = 0;
      for (;;) {
        const at = folded.indexOf(phrase.key, from);
        if (at < 0) break;
        const end = at + phrase.key.length;
        from = at + 1;
        if (isWordChar(folded[at - 1]) || isWordChar(folded[end])) continue;
        if (claimed.slice(at, end).some(Boolean)) continue;
        claimed.fill(true, at, end);
        for (const id of phrase.agencyIds) found.add(id);
      }
    }
    const leftover = [...text].map((c, i) => (claimed[i] ? ';' : c)).join('');
    // What no phrase claimed is split at separators (not at "và": an unknown name may contain it);
    // qualifiers such as "chủ trì đối với …" and "phối hợp với" are not names.
    const unresolved = leftover
      .split(/[;,\n+]/)
      .map((piece) => piece.replace(/^[\s\-–.:]+|[\s\-–.:]+$/g, '').replace(/^(và|va)\s+|\s+(và|va)$/gi, '').trim())
      .filter((piece) => piece !== '' && /\p{L}/u.test(piece))
      .filter((piece) => !this.noise.has(textKey(piece)) && !/^(chu tri|phoi hop)\b/.test(textKey(piece)));
    const agencyIds = [...found].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
    return { agencyIds, unresolved };
  }
}
