import { cleanCell } from './plan-table.js';
import { foldAligned, textKey } from './text-key.js';

/** An agency as the resolver needs it: its id, kind, every name it may be written as, and its life. */
export interface ResolvableAgency {
  id: number;
  kind: string;
  names: string[];
  /** The day it started ("YYYY-MM-DD"); a group phrase in an older plan does not include it. */
  from?: string | null;
  /** The day it ceased: a plan dated from then on cannot assign it work. */
  until?: string | null;
  /** Where its work went: a cell naming it is assigned to the successor. */
  successorId?: number | null;
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
  /** Names of merged or abolished agencies, as written, and the agency now responsible. */
  successions: { text: string; agencyId: number; successorId: number }[];
  /** Names of agencies (or groups) that no longer existed on the plan's date: not assigned. */
  ceased: { text: string; until: string }[];
}

/** What a known phrase names: agencies (one, or a successor chain's end) or a group of kinds. */
interface Phrase {
  key: string;
  agencyIds: number[];
  kinds: string[];
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9&]/.test(c);

/** Options of the resolver, all data (data/agency-groups.json, data/admin-units.json). */
export interface ResolverOptions {
  /** Leftover words that name nothing ("các", "có liên quan"): dropped, not reported. */
  noise?: string[];
  /** Province names, current and former, that qualify an agency ("Sở Nội vụ tỉnh Thanh Hóa"). */
  places?: string[];
}

/** A document reference, with its date and issuer: "theo Quyết định số 2088/QĐ-UBND ngày 14/5/2021 của UBND tỉnh". */
const DOCUMENT_REFERENCE =
  /\b(?:theo\s+)?(?:quyet dinh|ke hoach|cong van|van ban|nghi quyet|thong bao|chi thi)\s+(?:so\s+)?\d+\/[a-z0-9?\-/]+(?:\s+ngay\s+\d{1,2}\/\d{1,2}\/\d{4})?(?:\s+cua\s+(?:chu tich\s+)?(?:ubnd|uy ban nhan dan|hdnd|tinh uy)(?:\s+(?:tinh|thanh pho))?)?/g;
/** Words after a group phrase that narrow it to some members only. */
const SUBSET_AFTER = /^\s*(?:duoc lua chon|duoc chon|dat chuan(?:\s+\S+){0,3}|thi diem|duoc kiem tra|trong diem|theo danh sach|co ten trong danh sach)/;

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

  private readonly agencies: Map<number, ResolvableAgency>;

  constructor(agencies: ResolvableAgency[], groups: AgencyGroup[], options: ResolverOptions = {}) {
    const noise = options.noise ?? [];
    this.agencies = new Map(agencies.map((a) => [a.id, a]));
    const byKey = new Map<string, { ids: Set<number>; kinds: Set<string> }>();
    const add = (name: string, ids: number[], kinds: string[]) => {
      const key = foldAligned(cleanCell(name).normalize('NFC')).trim();
      if (key.length < 2) return;
      const entry = byKey.get(key) ?? { ids: new Set<number>(), kinds: new Set<string>() };
      for (const id of ids) entry.ids.add(id);
      for (const kind of kinds) entry.kinds.add(kind);
      byKey.set(key, entry);
    };
    // Names and phrases with commas are also written without them ("UBND các xã phường đặc khu").
    const variants = (name: string) => (name.includes(',') ? [name, name.replace(/\s*,\s*/g, ' ')] : [name]);
    for (const agency of agencies) for (const name of agency.names) for (const v of variants(name)) add(v, [agency.id], []);
    for (const group of groups) for (const phrase of group.phrases) for (const v of variants(phrase)) add(v, [], group.kinds);
    this.phrases = [...byKey.entries()]
      .map(([key, e]) => ({ key, agencyIds: [...e.ids], kinds: [...e.kinds] }))
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

  /** True when the agency's work has gone to its successor by `today`. */
  private merged(agency: ResolvableAgency, today: string | undefined): boolean {
    return agency.successorId !== undefined && agency.successorId !== null && (today === undefined || (agency.until !== undefined && agency.until !== null && agency.until <= today));
  }

  /** The agency responsible today for work assigned to `id` (follows successors; stops at a loop). */
  private current(id: number, today: string | undefined): number {
    let at = id;
    for (let hops = 0; hops < 10; hops += 1) {
      const agency = this.agencies.get(at);
      if (!agency || !this.merged(agency, today)) return at;
      at = agency.successorId!;
    }
    return at;
  }

  /** Agencies of the kinds that existed on the plan's day: a group phrase means these (merged ones live on in their successors). */
  private members(kinds: string[], day: string | undefined, today: string | undefined): { ids: number[]; ceased: string | null } {
    const ofKinds = [...this.agencies.values()].filter((a) => kinds.includes(a.kind) && !this.merged(a, today));
    const alive = ofKinds.filter((a) => day === undefined || ((!a.from || a.from <= day) && (!a.until || day < a.until)));
    const ceased = alive.length === 0 && ofKinds.length > 0 && day !== undefined ? ofKinds.map((a) => a.until ?? '').filter(Boolean).sort().at(-1) ?? null : null;
    return { ids: alive.map((a) => a.id), ceased };
  }

  /**
   * Resolves one cell of a plan dated `on.planDay`, imported `on.today` ("YYYY-MM-DD"; omitted: every
   * agency counts and every succession applies). A name of an agency merged by today is assigned to
   * its successor (and said so); an agency or group that no longer existed on the plan's day is
   * reported, not assigned. An empty cell resolves to nothing.
   */
  resolve(cell: string, on: { planDay?: string; today?: string } = {}): Resolution {
    const day = on.planDay;
    const today = on.today;
    const text = this.dropQualifiers(
      cleanCell(cell)
        .normalize('NFC')
        .replace(/\([^)]*\)/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const folded = foldAligned(text);
    const claimed = new Array<boolean>(text.length).fill(false);
    // Text that names no agency although agency names stand in it: a document reference ("Tổ công tác
    // theo Quyết định số 2088/QĐ-UBND ngày 14/5/2021 của UBND tỉnh": UBND tỉnh issued it, it does not
    // do the task). No phrase may match inside; the words stay in what is reported.
    const shielded = new Array<boolean>(text.length).fill(false);
    for (const m of folded.matchAll(DOCUMENT_REFERENCE)) shielded.fill(true, m.index, m.index + m[0].length);
    const found = new Set<number>();
    const successions: Resolution['successions'] = [];
    const ceased: Resolution['ceased'] = [];
    for (const phrase of this.phrases) {
      let from = 0;
      for (;;) {
        const at = folded.indexOf(phrase.key, from);
        if (at < 0) break;
        const end = at + phrase.key.length;
        from = at + 1;
        if (isWordChar(folded[at - 1]) || isWordChar(folded[end])) continue;
        if (claimed.slice(at, end).some(Boolean) || shielded.slice(at, end).some(Boolean)) continue;
        // A group narrowed to some of its members ("Các UBND cấp xã đạt chuẩn NTM", "02 UBND cấp huyện
        // được lựa chọn") is not the whole group: reported for review, never expanded to all.
        if (phrase.kinds.length > 0 && (SUBSET_AFTER.test(folded.slice(end)) || /\d\s*$/.test(folded.slice(0, at)))) {
          const start = /(?:\d+\s*|cac\s+)*$/.exec(folded.slice(0, at))!.index;
          const stop = end + (SUBSET_AFTER.exec(folded.slice(end))?.[0].length ?? 0);
          shielded.fill(true, start, stop);
          continue;
        }
        claimed.fill(true, at, end);
        const written = text.slice(at, end);
        for (const id of phrase.agencyIds) {
          const agency = this.agencies.get(id)!;
          const now = this.current(id, today);
          if (now !== id) {
            found.add(now);
            successions.push({ text: written, agencyId: id, successorId: now });
          } else if (day !== undefined && agency.until && agency.until <= day) {
            ceased.push({ text: written, until: agency.until });
          } else {
            found.add(id);
          }
        }
        if (phrase.kinds.length > 0) {
          const group = this.members(phrase.kinds, day, today);
          for (const id of group.ids) found.add(id);
          if (group.ceased) ceased.push({ text: written, until: group.ceased });
        }
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
    return { agencyIds, unresolved, successions, ceased };
  }
}
