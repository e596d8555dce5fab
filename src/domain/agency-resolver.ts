import { cleanCell, namesNobody } from './plan-table.js';
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

/**
 * Why a piece of a cell is left to a person: `unknown` names no agency of the directory (with
 * `propose` when it reads as one body's name, to add as a new agency); `related` says "có liên quan"
 * (which agencies are related only a person knows); `narrowed` is a group cut down ("các sở có thủ tục
 * hành chính", "trừ …", "khác"); `outside` is a kind of body the directory does not hold (schools,
 * enterprises, police of communes, a unit under an agency).
 */
export type ReviewReason = 'unknown' | 'related' | 'narrowed' | 'outside';

/** A piece of a cell a person must look at, as written, and why. */
export interface ReviewItem {
  text: string;
  reason: ReviewReason;
  /** The name to offer as a new agency (never added without the admin's word). */
  propose?: string;
}

export interface Resolution {
  /** Agency ids named by the cell, in registry order, without duplicates. */
  agencyIds: number[];
  /** Pieces of the cell that name no known agency or group, as written (the texts of `review`). */
  unresolved: string[];
  /** The same pieces with the reason each is left to a person. */
  review: ReviewItem[];
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
/**
 * Words after a group phrase that narrow it to some members only ("được lựa chọn", "có thủ tục hành
 * chính", "khác", "trừ …", "có liên quan", "thuộc UBND huyện" — a body below the province's, whose
 * own departments and communes the directory does not list): the group is then not expanded. Those ending in a word
 * that takes an object ("trừ", "liên quan đến", "đối với") run to the end of the list item.
 */
const SUBSET_AFTER =
  /^\s*(?:duoc lua chon|duoc chon|duoc giao|duoc phan cong|dat chuan(?:\s+[^\s,;]+){0,3}|thi diem|duoc kiem tra|trong diem|theo danh sach|co ten trong danh sach|(?:co\s+)?lien quan(?:\s+den)?|co\s+(?:thu tuc hanh chinh|tthc|dich vu cong|nhiem vu|chuc nang)|khac\b|(?:ngoai\s+)?tru\b|khong bao gom|theo chuc nang|theo linh vuc|theo phan cap|theo tham quyen|thuoc dien|chi\b(?!\s+dao)|(?:truc\s+)?thuoc\b(?!\s+(?:(?:ubnd|uy ban nhan dan)\s+)?tinh\b)|ap dung|thuc hien|tham gia|co\b|doi voi\b)/;
/**
 * A level word right after an agency's name — "Văn phòng UBND xã", "Thanh tra huyện", "Bảo hiểm xã hội
 * huyện", "Thuế cơ sở", "Thanh tra Sở" — names that level's namesake (the commune's office, the
 * district's inspectorate, a department's inspectorate), a body the directory does not hold.
 */
const LOWER_LEVEL_AFTER = /^\s*(?:xa|huyen|phuong|thi tran|thi xa|co so|lien huyen|so(?=\s*(?:$|[;,.:)\n])))(?![a-z0-9&])/;
/** An exception ("trừ Công an cấp xã", "không bao gồm …"): nothing inside it is assigned. */
const EXCEPTION = /\b(?:ngoai\s+)?tru\b[^;\n]*|\bkhong (?:bao )?gom\b[^;\n]*/g;
/** A parenthesis that changes who is meant (an exception, "chỉ", "riêng"): kept, not dropped as a note. */
const NARROWING_NOTE = /\b(?:tru|khong bao gom|khong gom|chi(?! dao)|rieng|doi voi|lien quan)\b/;
/** Words that may stand right before an agency or group name without being part of another body's name. */
const CONNECTORS = new Set(['va', 'voi', 'cac', 'cung', 'doc', 'truong', 'dao', 'tich', 'tri', 'hop', 'la', 'gom', 'cua']);
/** A piece that reads as the name of one body: offered as a new agency. */
const BODY_HEAD =
  /^(?:so|ban|trung tam|chi cuc|cuc|van phong|phong|hoi|doan|lien doan|uy ban|ubnd|mat tran|dai|bao|vien|quy|kho bac|thanh tra|bao hiem|cong an|bo chi huy|toa an|vien kiem sat|cong ty|tong cong ty|ngan hang|benh vien|tinh doan|hoi dong|thue|hai quan|ky tuc|truong)\b/;
/** Kinds of bodies the directory does not hold: public service units, enterprises, schools, consultants. */
const OUTSIDE = /\b(?:don vi su nghiep|doanh nghiep|truong hoc|co so giao duc|don vi tu van|to chuc dao tao|benh vien)\b/;
/** Head words that are a whole name by themselves. */
const SELF_NAMED = /^(?:tinh doan|thanh doan)$/;
/**
 * A level, not a body: "Ủy ban MTTQ Việt Nam cùng cấp", "Hội Nông dân cấp xã", "Công an cấp huyện" name one body
 * per place (as many as there are communes), so no single agency can be proposed. "cùng cấp" is told from
 * "cung cấp" (to supply) by its tone mark; without marks only at the end of the piece.
 */
const LEVEL_OF = /(?:^|\s)cùng cấp(?:$|\s)|(?:^|\s)cung cap$|(?:^|\s)cap (?:xa|huyen|tinh|co so|tren|duoi)$/;
/** Marks of a plural or kind of body ("các trường", "những doanh nghiệp"): a group outside the directory. */
const PLURAL = /(?:^|\s)(?:cac|nhung|tat ca|toan bo)\s/;

/**
 * Folded text in which "tru" stands only for "trừ" (an exception, or "tru" unmarked) and "chi" only
 * for "chỉ" (only): "lưu trữ", "cư trú", "trụ sở", "Chi cục", "chi nhánh" fold to the same letters
 * and are masked, so they are not read as "trừ …" or "chỉ …".
 */
function exceptKey(text: string): string {
  const folded = foldAligned(text);
  return folded
    .replace(/\btru\b/g, (m: string, at: number) => (/^tr[ừu]$/iu.test(text.slice(at, at + 3)) ? m : 'trx'))
    .replace(/\bchi\b/g, (m: string, at: number) => (/^chỉ$/iu.test(text.slice(at, at + 3)) ? m : 'chx'));
}

/**
 * Classifies a piece left over from a cell (folded text decides; the piece is kept as written).
 * `inside`: a known name stood inside it ("Công an xã Cẩm Xuyên", "Trạm Y tế các xã").
 */
function reviewOf(piece: string, forced?: ReviewReason | 'inside'): ReviewItem {
  const key = textKey(piece);
  if (/\blien quan\b/.test(key)) return { text: piece, reason: 'related' };
  if (forced === 'narrowed' || /\b(?:khac|tru|khong bao gom|duoc giao|duoc chon|duoc lua chon|co thu tuc|co tthc|theo chuc nang|dat chuan|thi diem|duoc kiem tra|co quan chu tri|doi voi|chi(?! so))\b/.test(exceptKey(piece.normalize('NFC'))) || /^\d+\s/.test(key)) {
    return { text: piece, reason: 'narrowed' };
  }
  if (LEVEL_OF.test(piece.normalize('NFC').toLowerCase().trim()) || LEVEL_OF.test(key)) return { text: piece, reason: 'outside' };
  if (PLURAL.test(` ${key} `) || forced === 'outside' || (!BODY_HEAD.test(key) && OUTSIDE.test(key)) || /^cong an (?:cap )?(?:xa|phuong|dac khu)\b/.test(key)) return { text: piece, reason: 'outside' };
  // One body's name (a head word and a name after it) is offered as a new agency; "UBND" alone is not a name.
  const named = BODY_HEAD.exec(key);
  if (named && (key.length > named[0].length + 1 || SELF_NAMED.test(key))) return { text: piece, reason: 'unknown', propose: piece };
  return { text: piece, reason: forced === 'inside' ? 'outside' : 'unknown' };
}

/**
 * True when a plan's issuer (its letterhead: "ỦY BAN NHÂN DÂN HUYỆN CAN LỘC", "UBND XÃ CẨM XUYÊN",
 * "UBND HUYỆN … / PHÒNG NỘI VỤ") is a district or a commune: the group phrases of its plan ("UBND các
 * xã, thị trấn", "các cơ quan chuyên môn") name that issuer's own bodies, which the province's
 * directory does not hold. "Thành phố …" is left out: it is a province or a former district.
 */
export function issuedBelowProvince(issuer: string | null | undefined): boolean {
  if (!issuer) return false;
  const key = textKey(issuer);
  return !/\b(?:ubnd|uy ban nhan dan)\s+tinh\b/.test(key) && /\b(?:ubnd|uy ban nhan dan)\s+(?:huyen|quan|thi xa|xa|phuong|thi tran|dac khu)\b/.test(key);
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

  private readonly agencies: Map<number, ResolvableAgency>;
  /** Names after a kind word ("nội vụ" → "Sở Nội vụ"), per kind word, longest first; ambiguous ones left out. */
  private readonly bare: Map<string, [string, string][]>;

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
    // Names and phrases with commas are also written without them ("UBND các xã phường đặc khu"), and
    // "và" as "&" ("Sở GD & ĐT", "Sở Văn hóa, Thể thao & Du lịch"); a cell's "&" is written without spaces.
    const variants = (name: string) => {
      const base = name.replace(/\s*&\s*/g, '&');
      const out = new Set([base, base.replace(/\s+và\s+/gi, '&'), base.replace(/&/g, ' và ')]);
      for (const v of [...out]) if (v.includes(',')) out.add(v.replace(/\s*,\s*/g, ' '));
      return [...out];
    };
    for (const agency of agencies) for (const name of agency.names) for (const v of variants(name)) add(v, [agency.id], []);
    for (const group of groups) for (const phrase of group.phrases) for (const v of variants(phrase)) add(v, [], group.kinds);
    this.phrases = [...byKey.entries()]
      .map(([key, e]) => ({ key, agencyIds: [...e.ids], kinds: [...e.kinds] }))
      .sort((a, b) => b.key.length - a.key.length);
    this.noise = new Set(noise.map((n) => textKey(n)));
    // A list after a kind word ("Các sở: Nội vụ, Tư pháp", "UBND các xã: Thạch Hà, Lộc Hà") names
    // agencies without their kind word: each is known by its name after it.
    const bare = new Map<string, Map<string, string | null>>([['so', new Map()], ['xa', new Map()]]);
    for (const agency of agencies) {
      for (const name of agency.names) {
        const key = foldAligned(cleanCell(name).normalize('NFC').replace(/\s*&\s*/g, '&')).trim();
        const m = /^(so|ubnd (?:xa|phuong|dac khu)|(?:xa|phuong|dac khu)) (.{2,})$/.exec(key);
        if (!m) continue;
        const table = bare.get(m[1]!.startsWith('so') ? 'so' : 'xa')!;
        const before = table.get(m[2]!);
        table.set(m[2]!, before === undefined || before === agency.names[0] ? agency.names[0]! : null);
      }
    }
    this.bare = new Map([...bare].map(([k, t]) => [k, [...t].filter((e): e is [string, string] => e[1] !== null).sort((a, b) => b[0].length - a[0].length)]));
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
   * Rewrites a list after a kind word as full names: "Các Sở: Nội vụ, Tư pháp và Tài chính" → "Sở Nội
   * vụ; Sở Tư pháp; Sở Tài chính" — those three, not every department. Without a colon, a list only
   * when a known name follows ("Các sở Nội vụ, Tài chính"). An item not known keeps the kind word, to
   * be reported as written.
   */
  private expandLists(text: string): string {
    const folded = foldAligned(text);
    const head = /(^|[;\n]|\b(?:va|voi)\s)\s*(?:(cac\s+so(?:\s*,\s*(?:ban\s*,\s*)?nganh)?)|((?:ubnd\s+)?cac\s+(?:xa|phuong)(?:\s*,\s*(?:xa|phuong|dac khu|thi tran))*))\s*(:?)\s*/g;
    for (const m of folded.matchAll(head)) {
      const kind = m[2] ? 'so' : 'xa';
      const start = m.index + m[1]!.length;
      let p = m.index + m[0].length;
      const names = this.bare.get(kind)!;
      const at = (q: number) => names.find(([key]) => folded.startsWith(key, q) && !isWordChar(folded[q + key.length]));
      const full = (q: number) => this.phrases.find((ph) => ph.agencyIds.length > 0 && folded.startsWith(ph.key, q) && !isWordChar(folded[q + ph.key.length]));
      if (m[4] !== ':' && !at(p)) continue;
      // The list ends at ";" or a line break, unless what follows is another name of the list ("Các Sở:
      // Văn hóa, Thể thao và Du lịch; Công Thương").
      let stop = p;
      for (;;) {
        const next = /[;\n]/.exec(folded.slice(stop));
        if (!next) {
          stop = folded.length;
          break;
        }
        stop += next.index;
        const after = stop + /^[;\n\s]*/.exec(folded.slice(stop))![0].length;
        if (!at(after) || full(after)) break;
        stop = after;
      }
      const items: string[] = [];
      while (p < stop) {
        const skip = /^(?:[\s,;\n]+|va\s+)+/.exec(folded.slice(p, stop));
        if (skip) {
          p += skip[0].length;
          continue;
        }
        const known = full(p);
        const short = known ? undefined : at(p);
        if (known) {
          items.push(text.slice(p, p + known.key.length));
          p += known.key.length;
        } else if (short) {
          items.push(short[1]);
          p += short[0].length;
        } else {
          const end = /,|\s+va\s+|$/.exec(folded.slice(p, stop))!;
          const piece = text.slice(p, p + end.index).trim();
          items.push(kind === 'so' && !/^s[ởo]\b/i.test(piece) ? `Sở ${piece}` : piece);
          p += Math.max(end.index, 1);
        }
      }
      return this.expandLists(`${text.slice(0, start)}${items.join('; ')}${text.slice(stop)}`);
    }
    return text;
  }

  /**
   * Resolves one cell of a plan dated `on.planDay`, imported `on.today` ("YYYY-MM-DD"; omitted: every
   * agency counts and every succession applies). A name of an agency merged by today is assigned to
   * its successor (and said so); an agency or group that no longer existed on the plan's day is
   * reported, not assigned. An empty cell resolves to nothing. Closed world: a group expands only when
   * the whole phrase is a known group; narrowed, "có liên quan", a name inside another body's name
   * ("Trạm Y tế các xã", "Công an xã …") and every word left over are reported with a reason.
   * `issuedBelowProvince` (see issuedBelowProvince()): no group phrase is expanded, each is reported as narrowed.
   */
  resolve(cell: string, on: { planDay?: string; today?: string; issuedBelowProvince?: boolean } = {}): Resolution {
    const day = on.planDay;
    const today = on.today;
    if (namesNobody(cell)) return { agencyIds: [], unresolved: [], review: [], successions: [], ceased: [] };
    const listed = this.expandLists(
      cleanCell(cell)
        .normalize('NFC')
        // "&" between spaces joins two names or words ("Sở KHCN & các sở, ngành", "Sở GD & ĐT"): "và".
        .replace(/\s+&\s+/g, ' và ')
        .replace(/\s*&\s*/g, '&')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    // A note in brackets is dropped ("Sở Tài chính (TT Tư vấn dịch vụ tài chính)"); one that narrows
    // ("(trừ Công an cấp xã)", "(chỉ …)") stays in the text, brackets blanked, to be reported.
    const opened = listed.replace(/\(([^)]*)\)?/g, (m: string, inner: string) =>
      NARROWING_NOTE.test(exceptKey(inner)) ? ` ${inner}${m.endsWith(')') && m.length > inner.length + 1 ? ' ' : ''}` : ' '.repeat(m.length),
    );
    const text = this.dropQualifiers(opened);
    const folded = foldAligned(text);
    const claimed = new Array<boolean>(text.length).fill(false);
    // Text that names no agency although agency names stand in it: a document reference ("Tổ công tác
    // theo Quyết định số 2088/QĐ-UBND ngày 14/5/2021 của UBND tỉnh": UBND tỉnh issued it, it does not
    // do the task), an exception ("trừ Sở Nội vụ"). No phrase may match inside; the words are reported.
    const shielded = new Array<boolean>(text.length).fill(false);
    for (const m of folded.matchAll(DOCUMENT_REFERENCE)) shielded.fill(true, m.index, m.index + m[0].length);
    // Spans reported whole (a narrowed group, a name inside another body's name), with their reason.
    const spans: { start: number; stop: number; reason: ReviewReason | 'inside' }[] = [];
    const guarded = exceptKey(text);
    for (const m of guarded.matchAll(EXCEPTION)) {
      shielded.fill(true, m.index, m.index + m[0].length);
      spans.push({ start: m.index, stop: m.index + m[0].length, reason: 'narrowed' });
    }
    // Pass 1: known phrases, longest first, never overlapping.
    const matches: { at: number; end: number; phrase: Phrase }[] = [];
    for (const phrase of this.phrases) {
      let from = 0;
      for (;;) {
        const at = folded.indexOf(phrase.key, from);
        if (at < 0) break;
        const end = at + phrase.key.length;
        from = at + 1;
        if (isWordChar(folded[at - 1]) || isWordChar(folded[end])) continue;
        if (claimed.slice(at, end).some(Boolean) || shielded.slice(at, end).some(Boolean)) continue;
        claimed.fill(true, at, end);
        matches.push({ at, end, phrase });
      }
    }
    matches.sort((a, b) => a.at - b.at);
    // Pass 2, in reading order: a group narrowed to some members, or a name that is part of a longer
    // name of another body, is not assigned; the span is reported whole.
    const kept: typeof matches = [];
    const separatorBefore = (at: number): number => {
      let q = at;
      while (q > 0 && !/[;,:+\n(]/.test(folded[q - 1]!) && !kept.some((k) => k.end === q)) q -= 1;
      return q;
    };
    for (const [index, m] of matches.entries()) {
      const before = folded.slice(0, m.at).trimEnd();
      const lastWord = /([a-z0-9&]+)$/.exec(before)?.[1];
      const afterKept = kept.some((k) => folded.slice(k.end, m.at).trim() === '');
      const attached = before !== '' && !afterKept && lastWord !== undefined && !CONNECTORS.has(lastWord) && !/^\d+$/.test(lastWord);
      const subset = m.phrase.kinds.length > 0 ? SUBSET_AFTER.exec(guarded.slice(m.end)) : null;
      // A plan issued by a district or a commune: its groups are that issuer's own bodies ("UBND các xã,
      // thị trấn" of the district), not the province's.
      const counted = m.phrase.kinds.length > 0 && (/\d\s*(?:cac\s+)?$/.test(before) || on.issuedBelowProvince === true);
      // A level word that starts another name ("VP UBND tỉnh Xã Cẩm Xuyên", two lines of one cell) is that name.
      const level = m.phrase.kinds.length === 0 ? LOWER_LEVEL_AFTER.exec(folded.slice(m.end)) : null;
      // "Thanh tra Sở Nội vụ", "Văn phòng Sở Tư pháp": a unit of the agency named next, not the province's inspectorate or office.
      const unitOf = /^(?:thanh tra|van phong)$/.test(m.phrase.key) && matches[index + 1] !== undefined && folded.slice(m.end, matches[index + 1]!.at).trim() === '';
      const below = (level !== null && !matches.some((k) => k.at === m.end + level[0].length - level[0].trimStart().length)) || unitOf;
      if (!attached && !subset && !counted && !below) {
        kept.push(m);
        continue;
      }
      claimed.fill(false, m.at, m.end);
      const start = attached ? separatorBefore(m.at) : /(?:\d+\s*|cac\s+)*$/.exec(folded.slice(0, m.at))!.index;
      let stop = m.end + (subset?.[0].length ?? (below && level ? level[0].length : 0));
      if (subset && /(?:tru|den|voi|gom|nang|vuc|cap|quyen|dien|co|thuoc|chi)$/.test(subset[0])) {
        // A narrowing that takes an object ("trừ …", "theo chức năng, nhiệm vụ …") runs to the end of
        // the list item: the next ";", line or known name.
        const next = matches[index + 1]?.at ?? folded.length;
        const end = /[;\n]/.exec(folded.slice(stop));
        stop = Math.max(stop, Math.min(next, end ? stop + end.index : folded.length));
      }
      shielded.fill(true, start, stop);
      spans.push({ start, stop, reason: subset || counted ? 'narrowed' : below && !attached ? 'outside' : 'inside' });
    }
    const found = new Set<number>();
    const successions: Resolution['successions'] = [];
    const ceased: Resolution['ceased'] = [];
    for (const { at, end, phrase } of kept) {
      if (shielded.slice(at, end).some(Boolean)) {
        claimed.fill(false, at, end);
        continue;
      }
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
    const trim = (piece: string) => piece.replace(/^[\s\-–.:,;]+|[\s\-–.:,;]+$/g, '').replace(/^(và|va)\s+|\s+(và|va)$/gi, '').trim();
    const review: { at: number; item: ReviewItem }[] = [];
    // Spans first, merged where they touch, as written.
    spans.sort((a, b) => a.start - b.start);
    const merged: typeof spans = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span.start <= last.stop) {
        last.stop = Math.max(last.stop, span.stop);
        if (span.reason === 'narrowed') last.reason = 'narrowed';
      } else merged.push({ ...span });
    }
    const inSpan = new Array<boolean>(text.length).fill(false);
    for (const span of merged) {
      inSpan.fill(true, span.start, span.stop);
      const piece = trim(text.slice(span.start, span.stop).replace(/\s+/g, ' '));
      if (piece !== '' && /\p{L}/u.test(piece)) review.push({ at: span.start, item: reviewOf(piece, span.reason) });
    }
    const leftover = [...text].map((c, i) => (claimed[i] || inSpan[i] ? ';' : c)).join('');
    // What no phrase claimed is split at separators (not at "và": an unknown name may contain it);
    // qualifiers such as "chủ trì đối với …" and "phối hợp với" are not names. Kind words before a
    // "liên quan" piece belong to it ("Cơ quan, đơn vị liên quan" is one phrase).
    // "… và các …" starts a new piece: "Bộ Khoa học và Công nghệ và các đơn vị liên quan" is two.
    const pieces = [...foldAligned(leftover).matchAll(/(?:[^;,\n+](?!va cac\s))*[^;,\n+]/g)].map((m) => ({ at: m.index, piece: leftover.slice(m.index, m.index + m[0].length) }));
    const merged2: { at: number; end: number }[] = [];
    for (const { at, piece } of pieces) {
      const last = merged2.at(-1);
      const lastKey = last ? textKey(leftover.slice(last.at, last.end)) : '';
      if (last && /lien quan/.test(textKey(piece)) && /^(?:(?:cac|co quan|don vi|so|ban|nganh|dia phuong|to chuc)\s*)+$/.test(lastKey) && leftover[last.end] === ',') last.end = at + piece.length;
      else merged2.push({ at, end: at + piece.length });
    }
    merged2
      .map(({ at, end }) => ({ at, piece: trim(leftover.slice(at, end)) }))
      .filter(({ piece }) => piece !== '' && /\p{L}/u.test(piece))
      .filter(({ piece }) => !this.noise.has(textKey(piece)) && !/^(chu tri|phoi hop|chi dao|tham muu)\b/.test(textKey(piece)))
      .forEach(({ at, piece }) => review.push({ at, item: reviewOf(piece) }));
    const items = review.sort((a, b) => a.at - b.at).map((r) => r.item);
    const agencyIds = [...found].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
    return { agencyIds, unresolved: items.map((r) => r.text), review: items, successions, ceased };
  }
}
