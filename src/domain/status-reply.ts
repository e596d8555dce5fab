import { civilDate, endOfMonth, endOfQuarter, type CivilDate } from './civil-date.js';
import { parseDeadline } from './deadline-grammar.js';
import { LEXICON, MAX_PHRASE, type Role } from './reply-lexicon.js';
import { CONTENT_WORDS } from './reply-vocabulary.js';
import { foldAligned } from './text-key.js';

/** What a reply says, in the words of `npm run cli -- reply --json`. */
export type ReplyStatus = 'done' | 'progress' | 'problem' | 'extension' | 'unclear';

/** Why dondoc is not sure: it asks back instead of storing anything. */
export type ReplyDoubt =
  /** No status words at all ("2.5 ok nhé"). */
  | 'no_status'
  /** The reply names several tasks with different statuses ("2.5 xong, 2.6 đang làm"): see `items`. */
  | 'mixed'
  /** A question, not a report ("2.5 xong chưa ạ?"). */
  | 'question'
  /** Says done and something that contradicts it ("xong nhưng còn vướng"). */
  | 'contradiction'
  /** Says the work has not started ("2.5 chưa thực hiện"), with no reason. */
  | 'not_started'
  /** A hedge or hearsay around the status ("chắc xong rồi", "nghe nói đã xong"). */
  | 'hedged';

/** What one group of codes in a reply says ("2.5 xong rồi, còn 2.6 thì chưa" has two items). */
export interface ReplyItem {
  codes: string[];
  status: ReplyStatus;
  progress: number | null;
  /** For an extension: the new date asked for. */
  date: CivilDate | null;
  reason: string | null;
  doubt: ReplyDoubt | null;
  /**
   * Done, but not a plain, fully explained done statement: the chat asks the member to confirm
   * ("Ghi nhận 2.5 đã hoàn thành?") before storing it.
   */
  confirm: boolean;
}

/** Everything one status reply says. */
export interface StatusReading {
  /** Task codes as typed ("2.5", "I.3.17", "NV 3.7" → "3.7"), in order, without duplicates. */
  codes: string[];
  /** The status every item shares; "unclear" with doubt "mixed" when the items differ. */
  status: ReplyStatus;
  progress: number | null;
  /** For an extension: the new date asked for. */
  date: CivilDate | null;
  reason: string | null;
  /** Document numbers given as evidence ("123/QĐ-UBND"). */
  evidence: string[];
  /** Set when status is "unclear". */
  doubt: ReplyDoubt | null;
  /** True when any done item must be confirmed before it is stored. */
  confirm: boolean;
  /** Words of the reply that no construction of the grammar explains, as typed. */
  unexplained: string[];
  /** One entry per group of codes, each with its own status. */
  items: ReplyItem[];
}

/** What one task's reply records, as the status service stores it. */
export interface ParsedStatusReply {
  code: string;
  status: 'done' | 'in_progress' | 'blocked' | 'extension_requested';
  progress: number | null;
  reason: string | null;
  evidence: string | null;
  requestedDate: CivilDate | null;
}

export type StatusReplyProblem =
  | { code: 'empty' }
  | { code: 'too_long'; length: number }
  | { code: 'no_code' }
  | { code: 'no_status'; taskCode: string }
  | { code: 'bad_progress'; value: number }
  | { code: 'bad_date'; text: string }
  | { code: 'no_date'; taskCode: string }
  | { code: 'past_date'; date: CivilDate }
  /** An extension more than MAX_EXTENSION_YEARS ahead: a typo ("9999"), not a plan. */
  | { code: 'far_date'; date: CivilDate };

/** How far ahead an extension may go; anything later is read as a typo and asked again. */
export const MAX_EXTENSION_YEARS = 10;

export const MAX_REPLY_LENGTH = 1000;

const CODE =
  /(?<![\p{L}0-9./])(?:(nv|nhiem vu|ma|viec|muc|task|y)\s*(?:so\s*)?[.:#]?\s*)?((?:[ivx]{1,4}\.)?(?:[a-z]\.)?\d{1,2}(?:\.\d{1,2}){0,3}(?:\.[a-z])?|(?:[ivx]{1,4}\.)?\d{1,2}\.[a-z])(?![\p{L}0-9]|[./]\d|\s*%|\s*(?:ngay|thang|tuan(?! sau| toi| nay)|nam|phan tram|trieu|nghin|ty|dong|lan|buoc|van ban|ho so|tthc|gio|h)\b)/gu;
const CODE_SEPARATORS = /^[\s,;&+\-–]*(?:(?:va|voi|vs)[\s,]*)?$/;
/** Words before a number that make it something else than a task code ("bước 1", "giai đoạn 2", "số 15"). */
const NOT_A_CODE_BEFORE = /\b(buoc|giai doan|phan|dot|lan|quy|thang|nam|ngay|tuan|khoan|diem|muc tieu|chi tieu|tang|hon|tren|duoi|khoang|con|thu|luc)\s*$/;

/** Before a dotted number, fewer words rule out a code: "còn 2.6 thì chưa" names task 2.6. */
const NOT_A_DOTTED_CODE_BEFORE = /\b(buoc|giai doan|phan|dot|lan|quy|thang|nam|ngay|tuan|khoan|diem|muc tieu|chi tieu|tang|hon|tren|duoi|khoang|luc)\s*$/;

interface Span {
  start: number;
  end: number;
}

const blank = (key: string, spans: Span[]) => {
  let out = key;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
};

/** Document numbers: a slash followed by letters ("123/QĐ-UBND", "15/2024/NĐ-CP"); "30/9" is a date. */
function findEvidence(text: string): { values: string[]; spans: Span[] } {
  const values: string[] = [];
  const spans: Span[] = [];
  for (const m of text.matchAll(/(?<![\p{L}0-9])\d{1,5}\/(?:\d{4}\/)?\p{L}[\p{L}0-9]*(?:-[\p{L}0-9]+)*/gu)) {
    values.push(m[0]);
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return { values: [...new Set(values)], spans };
}

/**
 * Agency abbreviations joined by "&" or a hyphen ("Sở KH&CN", "GD&ĐT", "LĐ-TB&XH", "VH-TT", "NN&PTNT") and "đ/c"
 * (đồng chí): one name each. Their letters are no words — "KH" is not "không", "CN" is not unexplained.
 */
function findNames(text: string, taken: Span[]): Token[] {
  const out: Token[] = [];
  const free = (start: number, end: number) => !taken.some((s) => start < s.end && end > s.start);
  for (const m of text.matchAll(/(?<![\p{L}\d&])\p{L}{1,6}(?:\s?&\s?\p{L}{1,6})+(?:-\p{L}{1,6}(?:\s?&\s?\p{L}{1,6})*)*(?![\p{L}\d&])|(?<![\p{L}\d-])\p{Lu}{1,4}(?:-\p{Lu}{1,4}(?:&\p{Lu}{1,4})*)+(?![\p{L}\d-])/gu)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    out.push({ type: 'phrase', key: 'agency', raw: m[0], role: 'neutral', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(/(?<!\p{L})đ\/c(?!\p{L})/giu)) {
    if (free(m.index, m.index + 3)) out.push({ type: 'phrase', key: 'dong chi', raw: m[0], role: 'neutral', start: m.index, end: m.index + 3 });
  }
  return out;
}

interface DateHit {
  day: number;
  month: number;
  year: number | null;
  span: Span;
}

/** Dates typed in chat: "30/9", "30/9/2024", "30-9-2024", "ngày 30 tháng 9 (năm 2024)". */
function findDates(key: string): DateHit[] {
  const out: DateHit[] = [];
  for (const m of key.matchAll(/(?<![0-9.])(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}|\d{2}))?(?![0-9%])/g)) {
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : null;
    out.push({ day: Number(m[1]), month: Number(m[2]), year, span: { start: m.index, end: m.index + m[0].length } });
  }
  for (const m of key.matchAll(/\bngay (\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?(?![0-9])/g)) {
    out.push({ day: Number(m[1]), month: Number(m[2]), year: m[3] ? Number(m[3]) : null, span: { start: m.index, end: m.index + m[0].length } });
  }
  for (const m of key.matchAll(/\b(?:ngay )?(\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?(?![0-9])/g)) {
    out.push({ day: Number(m[1]), month: Number(m[2]), year: m[3] ? Number(m[3]) : null, span: { start: m.index, end: m.index + m[0].length } });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * A date still to come: with its year, after today; without one, within the next two months ("20/12" said on 4/12).
 * A yearless day further ahead is last year's ("xong ngày 2/12" said in June).
 */
function isAhead(hit: DateHit, today: CivilDate): boolean {
  const year = Number(today.slice(0, 4));
  if (hit.year !== null) return (civilDate(hit.year, hit.month, hit.day) ?? '') > today;
  // "15/1" said in December is next January's.
  return [year, year + 1].some((y) => {
    const date = civilDate(y, hit.month, hit.day);
    return date !== null && date > today && (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000 <= 62;
  });
}

/**
 * "được 1/2", "xong 2/3", "khoảng 1/3": a fraction of the work, not a date. A number over a larger
 * one, without a year, after a word of amount; "đến 1/2" or a lone "1/2" stays a date.
 */
function isFraction(key: string, hit: DateHit): boolean {
  if (hit.year !== null) return false;
  // "xong 12/15 xã", "15/15 phường": there is no month 13 or more — a count over its total.
  if (hit.month > 12) return hit.day <= hit.month;
  if (hit.day >= hit.month || hit.month > 10) return false;
  const before = key.slice(Math.max(0, hit.span.start - 24), hit.span.start);
  return /\b(?:duoc|dc|xong|hoan thanh|ht|lam|khoang|dat|moi|chi|tam|gan|hon|qua|mot|chung)\s*$/.test(before);
}

/**
 * A fraction said as an amount done ("được 3/4", "xong 1/2 khối lượng", "đạt 2/3 kế hoạch"): that share as a
 * percent (75, 50, 67). After a word of approximation ("khoảng", "gần", "hơn") it stays a fraction without a figure.
 */
function fractionPercent(key: string, hit: DateHit): number | null {
  const before = key.slice(Math.max(0, hit.span.start - 24), hit.span.start);
  return /\b(?:duoc|dc|xong|hoan thanh|ht|lam|dat)\s*$/.test(before) ? Math.round((100 * hit.day) / hit.month) : null;
}

function findPercents(key: string): { value: number; span: Span }[] {
  return [...key.matchAll(/(\d{1,4})\s*(?:%|phan tram\b)/g)].map((m) => ({ value: Number(m[1]), span: { start: m.index, end: m.index + m[0].length } }));
}

interface CodeHit {
  code: string;
  start: number;
  end: number;
}

function findCodes(key: string, text: string): CodeHit[] {
  const hits: CodeHit[] = [];
  for (const m of key.matchAll(CODE)) {
    // "mã 2.5" names the task; "mà 2.5", "giá mà 2.5" is a conjunction before it (key and text are aligned).
    const prefixed = m[1] !== undefined && !(m[1] === 'ma' && /^mà/iu.test(text.slice(m.index, m.index + 2)));
    const raw = m[2]!;
    const at = m.index + m[0].length - raw.length;
    const before = key.slice(Math.max(0, at - 16), at);
    if (!prefixed && (raw.includes('.') ? NOT_A_DOTTED_CODE_BEFORE : NOT_A_CODE_BEFORE).test(before)) continue;
    // A bare number is a code only when prefixed ("NV 5") or first in the message ("5 xong").
    if (!raw.includes('.') && !prefixed && key.slice(0, m.index).replace(/\b(da|vang|em|anh|chi|bao cao|xin|kinh|gui|so|ben|phong|don vi|co quan)\b/g, '').trim() !== '') continue;
    hits.push({ code: raw.toUpperCase(), start: prefixed ? m.index : at, end: at + raw.length });
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Tokens: every piece of the reply is a code group, a date, a percent, a fraction, a document
// number, a punctuation mark or a word; words are grouped into the lexicon's phrases.
// ---------------------------------------------------------------------------------------------

type Token =
  | { type: 'codes'; codes: string[]; start: number; end: number }
  | { type: 'date' | 'percent' | 'fraction' | 'evidence' | 'number'; start: number; end: number; value?: number }
  | { type: 'punct'; mark: string; start: number; end: number }
  | { type: 'phrase'; key: string; raw: string; role: Role | null; start: number; end: number };

/** Which role wins when a phrase has several: the ones that can only weaken a "done" first. */
const PRECEDENCE: Role[] = [
  'extension',
  'problem',
  'returned',
  'counterfactual',
  'hearsay',
  'rhetorical',
  'not_yet',
  'not',
  'fraction',
  'future',
  'hedge',
  'question',
  'late',
  'progress',
  'done',
  'product',
  'reason',
  'contrast',
  'perfect',
  'work',
  'time',
  'noun',
  'neutral',
];

/** Words whose diacritics decide their part: "à" asks, "ạ" is polite; "nửa" is half, "nữa" is more. */
const BY_SPELLING: Record<string, Role> = {
  à: 'question',
  ạ: 'neutral',
  a: 'neutral',
  hả: 'question',
  hở: 'question',
  hử: 'question',
  họ: 'neutral',
  chứ: 'question',
  chú: 'neutral',
  chủ: 'neutral',
  nhỉ: 'question',
  đâu: 'rhetorical',
  đầu: 'time',
  đó: 'neutral',
  đấy: 'neutral',
  dạ: 'neutral',
  đã: 'perfect',
  chờ: 'progress',
  đợi: 'progress',
  cho: 'neutral',
  nửa: 'fraction',
  nữa: 'neutral',
  muộn: 'late',
  bí: 'problem',
  kẹt: 'problem',
  kết: 'neutral',
  lỗi: 'problem',
  lời: 'neutral',
  tắc: 'problem',
  dừng: 'problem',
  đúng: 'neutral',
  dời: 'extension',
  muốn: 'future',
  hỏng: 'problem',
  hông: 'not',
  hổng: 'not',
  tới: 'time',
  tôi: 'neutral',
  tối: 'time',
  còn: 'fraction',
  mà: 'contrast',
  sao: 'question',
  // "éo xong", "đếch xong": a rude "không".
  éo: 'not',
  đéo: 'not',
  đếch: 'not',
  // "em cố xong", "ráng xong": trying to finish, still to come.
  cố: 'future',
  ráng: 'future',
  // "anh A bảo xong rồi", "sếp bảo là đã hoàn thành": someone else's word (báo, "reports", stays neutral).
  bảo: 'hearsay',
  // "15 bộ hồ sơ" (a set), "cái 2.5 ấy" (that one): no status ("bỏ", dropped, is not these).
  bộ: 'neutral',
  ấy: 'neutral',
};

const roleOf = (roles: Role[]): Role => PRECEDENCE.find((r) => roles.includes(r))!;

/**
 * Phrases that fold alike but are other words when typed with their marks: "dở dang" (half done) is not "do đang"
 * (because … is under way: "chưa thực hiện được do đang chờ sáp nhập"). Typed without marks they stay the phrase.
 */
const NOT_THE_PHRASE: Record<string, RegExp> = {
  'do dang': /^do đang$/iu,
  // "à không" takes back what was just said; "ạ, không có vướng mắc" is politeness and a denial.
  'a khong': /^ạ/iu,
};

/** Every single word of the lexicon and of the content words: what a telex leftover may stand for. */
const KNOWN_WORDS: ReadonlySet<string> = new Set([...[...LEXICON.keys()].flatMap((k) => k.split(' ')), ...CONTENT_WORDS]);

/**
 * A word typed with the telex keys left in, when the keyboard did not convert them: "dax" (đã), "ddax" (đã),
 * "chuwa"/"chuaw" (chưa), "rooif" (rồi), "hoanf thanhf" (hoàn thành), "lafm" (làm), "ddang" (đang). The marks are
 * dropped (dd→d, aa/aw→a, ee→e, oo/ow→o, uw→u, a tone key s f r x j at the end or before the final consonant) and the result must be a known
 * word of three letters or more typed as at least four, so "ks" or "dx" never become "k" or "d".
 */
function untelex(word: string): string | null {
  if (word.length < 3) return null;
  const plain = word
    .replace(/^dd/, 'd')
    .replace(/([aeo])\1/g, '$1')
    .replace(/([aou])w/g, '$1')
    .replace(/w([a-z])/g, '$1')
    .replace(/(?<=[a-z]{2})[sfrxj]$|(?<=[aeiouy])[sfrxj](?=(?:ch|ng|nh|[cmnpt])$)/, '');
  const dropped = plain === word ? null : plain;
  if (dropped === null || dropped.length < 2) return null;
  return KNOWN_WORDS.has(dropped) ? dropped : null;
}

function tokenize(text: string, key: string, specials: Token[]): Token[] {
  const tokens: Token[] = [...specials];
  // Specials are blanked with a mark, not spaces, so a phrase never runs across a code or a date.
  let covered = key;
  for (const t of specials) covered = covered.slice(0, t.start) + '#'.repeat(t.end - t.start) + covered.slice(t.end);
  const pieces: { word: string; raw: string; start: number; end: number }[] = [];
  const flush = () => {
    for (let i = 0; i < pieces.length; ) {
      let matched = false;
      for (let n = Math.min(MAX_PHRASE, pieces.length - i); n >= 1 && !matched; n -= 1) {
        const run = pieces.slice(i, i + n);
        const phrase = run.map((p) => p.word).join(' ');
        const roles = LEXICON.get(phrase);
        if (!roles && n > 1) continue;
        const start = run[0]!.start;
        const end = run[run.length - 1]!.end;
        const raw = text.slice(start, end);
        if (n > 1 && NOT_THE_PHRASE[phrase]?.test(raw)) continue;
        let role: Role | null = roles ? roleOf(roles) : null;
        if (n === 1) role = BY_SPELLING[raw.toLowerCase()] ?? role ?? (CONTENT_WORDS.has(phrase) ? 'noun' : null);
        tokens.push({ type: 'phrase', key: phrase, raw, role, start, end });
        i += n;
        matched = true;
      }
    }
    pieces.length = 0;
  };
  for (const m of covered.matchAll(/[a-z]+|\d+(?:[.,]\d+)*|[?!,;.:\n]|(?<=\s)[-–](?=\s)|\S/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (/^[a-z]+$/.test(m[0])) {
      // "xongg", "chuaaa", "rồiii": a letter held down is the same word.
      const squeezed = m[0].replace(/([a-z])\1+$/, '$1');
      const known = LEXICON.has(m[0]) || CONTENT_WORDS.has(m[0]);
      const word = known ? m[0] : LEXICON.has(squeezed) ? squeezed : (untelex(m[0]) ?? m[0]);
      pieces.push({ word, raw: text.slice(start, end), start, end });
      continue;
    }
    flush();
    if (/^\d/.test(m[0])) tokens.push({ type: 'number', start, end, value: /^\d+$/.test(m[0]) ? Number(m[0]) : NaN });
    else if (/^[?!,;.:\n\-–]$/.test(m[0])) tokens.push({ type: 'punct', mark: m[0], start, end });
    // Brackets, quotes and other symbols say nothing.
  }
  flush();
  tokens.sort((a, b) => a.start - b.start);
  // "KH 45/KH-SNV", "QĐ số 12/QĐ-UBND": a word before a document number names its type ("KH" is not "không").
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    const numbered = next?.type === 'evidence' || (next?.type === 'phrase' && next.key === 'so' && after?.type === 'evidence');
    if (t.type === 'phrase' && numbered && LEXICON.get(t.key)?.includes('noun')) t.role = 'noun';
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Scopes: each group of codes with the clauses that speak of it.
// ---------------------------------------------------------------------------------------------

const CLAUSE_MARKS = new Set([',', ';', '.', '!', '?', ':', '\n', '-', '–']);
const CLAUSE_WORDS = new Set(['nhung', 'tuy nhien', 'song', 'con', 'nhung ma', 'the nhung', 'con lai']);

function scopes(tokens: Token[]): { codes: string[]; tokens: Token[] }[] {
  // Clauses: split at punctuation and contrast words (which open the next clause).
  const clauses: Token[][] = [[]];
  for (const t of tokens) {
    const last = clauses[clauses.length - 1]!;
    if (t.type === 'punct' && CLAUSE_MARKS.has(t.mark)) {
      last.push(t);
      clauses.push([]);
    } else if (t.type === 'phrase' && CLAUSE_WORDS.has(t.key) && last.length > 0) {
      clauses.push([t]);
    } else {
      last.push(t);
    }
  }
  // Within a clause, a second code group opens a scope of its own; a clause without codes joins
  // the scope before it (or the first one, when it comes before any code).
  const out: { codes: string[]; tokens: Token[] }[] = [];
  let leading: Token[] = [];
  for (const clause of clauses) {
    const groups = clause.filter((t) => t.type === 'codes');
    if (groups.length === 0) {
      if (out.length === 0) leading.push(...clause);
      else out[out.length - 1]!.tokens.push(...clause);
      continue;
    }
    let current: { codes: string[]; tokens: Token[] } | null = null;
    let before: Token[] = [...leading];
    leading = [];
    // "đã hoàn thành 1.1, 1.2 và đang thực hiện 1.3": where the verbs come before their codes, "và" and a status
    // between two groups open the next one's words.
    let verbFirst = false;
    let since: Token[] = [];
    for (const t of clause) {
      if (t.type === 'codes') {
        if (current === null) verbFirst = saysStatus(before);
        else if (verbFirst && since[0]?.type === 'phrase' && ['va', 'voi'].includes(since[0].key) && saysStatus(since)) {
          current.tokens.splice(current.tokens.length - since.length, since.length);
          before = since;
        }
        current = { codes: t.codes, tokens: [...before, t] };
        before = [];
        since = [];
        out.push(current);
      } else if (current) {
        current.tokens.push(t);
        since.push(t);
      } else before.push(t);
    }
  }
  // A scope that says nothing of status ("2.5 (mã II.2.5) xong") shares the next one's words.
  const merged: { codes: string[]; tokens: Token[] }[] = [];
  for (let i = 0; i < out.length; i += 1) {
    const scope = out[i]!;
    const next = out[i + 1];
    // Only within a clause: "2.5 ok, 2.6 đang làm" or "2.6 cũng thế nhưng 2.7 thì chưa" says nothing of 2.5 / 2.6's state.
    const last = scope.tokens[scope.tokens.length - 1]!;
    const first = next?.tokens[0];
    const boundary = (last.type === 'punct' && CLAUSE_MARKS.has(last.mark)) || (first?.type === 'phrase' && CLAUSE_WORDS.has(first.key));
    if (next && !saysStatus(scope.tokens) && !boundary) {
      next.codes = [...scope.codes, ...next.codes];
      next.tokens = [...scope.tokens, ...next.tokens];
      continue;
    }
    merged.push(scope);
  }
  return merged;
}

const STATUS_ROLES = new Set<Role>(['done', 'product', 'progress', 'problem', 'extension', 'not_yet', 'not', 'rhetorical', 'future', 'hedge', 'hearsay', 'counterfactual', 'fraction', 'returned', 'question', 'late']);

function saysStatus(tokens: Token[]): boolean {
  return tokens.some((t) => (t.type === 'phrase' && t.role !== null && STATUS_ROLES.has(t.role)) || t.type === 'percent' || t.type === 'fraction' || (t.type === 'punct' && t.mark === '?'));
}

// ---------------------------------------------------------------------------------------------
// Constructions over a scope's phrases.
// ---------------------------------------------------------------------------------------------

type Phrase = Extract<Token, { type: 'phrase' }>;

const NEGATORS = new Set(['chua', 'khong', 'ko', 'k', 'kh', 'khg', 'kg', 'hok', 'hong', 'chang', 'cha', 'khum', 'hem', 'van chua', 'cung chua', 'con chua', 'khong he', 'chua he']);
const PROBLEM_WORDS = new Set(['vuong mac', 'vuong', 'kho khan', 'van de', 'bat cap', 'tro ngai', 'gi vuong', 'gap kho khan', 'bi vuong']);
const NEG_FILLERS = new Set(['co', 'gap', 'bi', 'phat sinh', 'con', 'xay ra', 'gi', 'co gi', 'ca']);
const EXT_WORDS = new Set(['gia han', 'lui han', 'them thoi gian', 'xin gia han', 'xin lui', 'lui', 'xin them thoi gian', 'xin lui han', 'de nghi gia han']);
/** Times that may be still to come: beside a bare done verb they leave it a forecast ("cuối tuần xong"). */
const OPEN_TIMES = new Set(['nay', 'hom nay', 'sau', 'cuoi thang', 'cuoi nam', 'cuoi quy', 'dau thang', 'dau quy', 'dau nam', 'trong thang', 'trong quy', 'trong nam', 'truoc tet', 'sau tet', 'tet']);
/** "cuối", "trong", "đầu" open a time only before its unit: "cuối tuần", "trong tuần" ("trong 3 nhiệm vụ" is none). */
const OPEN_BEFORE_UNIT = new Set(['cuoi', 'trong', 'dau']);
const TIME_UNITS = new Set(['tuan', 'thang', 'nam', 'quy', 'ngay', 'hom nay', 'tuan nay', 'thang nay']);
/** Times past: "xong hôm qua", "xong tuần trước". */
const PAST_TIMES = new Set(['hom qua', 'hom kia', 'chieu qua', 'tuan truoc', 'thang truoc', 'quy truoc', 'nam truoc', 'bua qua', 'tuan roi', 'thang roi', 'vua', 'vua moi', 'vua xong', 'lau', 'lau roi']);

/** After a negated verb, a word that makes it "cannot": "không hoàn thành được", "ko xong kịp", "không nổi". */
const CANNOT = new Set(['duoc', 'dc', 'kip', 'noi', 'the']);
/** Phrases that deny the ability to finish: "không thể", "chưa kịp". */
const CANNOT_PHRASES = new Set(['khong the', 'chua the', 'ko the', 'k the', 'khong kip', 'chua kip', 'kho']);
/** Phrases of work that, negated, say it has not started: "chưa thực hiện được", "chưa làm được". */
const STARTED_PHRASES = new Set(['thuc hien duoc', 'lam duoc', 'trien khai duoc', 'bat dau', 'bd', 'lam gi', 'co gi', 'ai', 'co ai']);
/** Waiting for someone's act: "chờ (lãnh đạo) ký", "cho duyet" — written without diacritics, "cho" is that. */
const AWAITED = new Set(['ky', 'duyet', 'phe duyet', 'y kien', 'ket qua', 'tham dinh', 'ban hanh', 'xem xet', 'xac nhan', 'thong qua', 'cho y kien']);

/** Progress phrases that say only "could": a share must follow for them to say the work is under way. */
const ABILITY = new Set(['lam duoc', 'thuc hien duoc']);
/** Verbs that "chưa" after them asks about ("nộp chưa", "báo cáo chưa"), besides the done and work verbs. */
const ASKED_VERBS = new Set(['bao cao', 'bao', 'duyet']);
/** Other people whose word a reply passes on ("sếp bảo", "anh A báo"); "em", "bên em", "phòng em" are the sender. */
const HEARSAY_SUBJECTS = new Set(['sep', 'lanh dao', 'ho', 'truong phong', 'pho phong', 'giam doc', 'pho giam doc', 'chu tich', 'pho chu tich', 'anh', 'chi', 'co', 'chu', 'thay', 'ben', 'nguoi ta', 'can bo', 'chuyen vien']);
/** Subjects of a following clause: "xong em báo" = once finished, I report. */
const PRONOUNS = new Set(['em', 'e', 'toi', 'tui', 'minh', 'chung em', 'chung toi', 'ben em', 'anh', 'chi']);
/** Verbs that pass on someone's word: "X báo", "X nói là", "X cho biết", "X xác nhận". */
const SAYING = new Set(['bao', 'bao la', 'noi', 'noi la', 'cho biet', 'xac nhan']);
/** Words that open an agency's name: "Sở KH&CN", "UBND xã Tân Lập", "phòng Tư pháp", "VP UBND tỉnh", "P. Tư pháp". */
const AGENCY_HEAD = /^(?:so|ubnd|uy ban|xa|phuong|phong|van phong|vp|trung tam|chi cuc|huyen|dac khu|thi tran|p|cong an|kho bac)(?: |$)/;
/** Between a head and a verb of saying, words that end a name: "đối thoại với doanh nghiệp xong" names no one. */
const NOT_A_NAME = new Set(['voi', 'cua', 'cho', 'thi', 'la', 'va', 'ma', 'nhung', 've', 'tai', 'theo', 'qua', 'len', 'vao', 'ra', 'o', 'tren', 'sau', 'truoc', 'nay', 'do', 'day', 'het', 'cac', 'nhung', 'moi', 'tung']);
/** The sender speaking of their own unit: "bên em", "đơn vị em", "Sở KH&CN (đơn vị em)". */
const SENDER = new Set(['em', 'e', 'toi', 'tui', 'minh', 'chung em', 'chung toi', 'ben em', 'ben minh', 'ben toi', 'phong em', 'don vi', 'don vi em', 'co quan em', 'so em', 'xa em', 'phuong em']);

/** "Sở …", "xã …", "sếp", "anh …", "đ/c …": a word that names an agency or a person other than the sender ("số" is a number). */
function isSubjectHead(p: Phrase): boolean {
  if (HEARSAY_SUBJECTS.has(p.key) || p.key === 'dong chi') return true;
  return AGENCY_HEAD.test(p.key) && !/^số/iu.test(p.raw);
}

/** Where the letter's own heading ("Kính gửi Sở Nội vụ, UBND xã … báo cáo") ends: the sender names itself there. */
function introSpan(tokens: Token[], leadingIntro: boolean): number {
  if (!leadingIntro) return -1;
  return tokens.find((t) => t.type === 'codes')?.start ?? -1;
}

/**
 * An agency named as the one that finished ("Sở KH&CN đã hoàn thành 2.4", "xã Tân Lập xong 1.3"): the sender may
 * speak for it or of it, so the done is confirmed before it is stored. Not the letter's heading, not a passive
 * ("đã được UBND tỉnh phê duyệt"), not the sender's own unit ("Sở KH&CN (đơn vị em)", "bên em").
 */
function agencyDoer(tokens: Token[], verbs: Phrase[], intro: number): boolean {
  return verbs.some((verb) => {
    if (verb.start < intro) return false;
    let i = tokens.indexOf(verb) - 1;
    while (i >= 0 && tokens[i]!.type === 'phrase' && ['da', 'cung', 'deu', 'vua', 'moi', 'thi'].includes((tokens[i] as Phrase).key)) i -= 1;
    const before = tokens[i + 1];
    if (!before || before === verb) {
      const head = subjectBefore(tokens, verb, true);
      return head !== null && !passiveBefore(tokens, head);
    }
    const head = subjectBefore(tokens, before as Phrase, true);
    return head !== null && !passiveBefore(tokens, head);
  });
}

/** "được UBND tỉnh phê duyệt", "bị Sở trả lại": the agency is the agent of a passive, not the one reporting. */
function passiveBefore(tokens: Token[], head: Phrase): boolean {
  const prev = tokens[tokens.indexOf(head) - 1];
  return prev?.type === 'phrase' && ['duoc', 'da duoc', 'dc', 'bi', 'gui', 've', 'len', 'cho', 'voi', 'cua', 'tai'].includes(prev.key);
}

/** The punctuation mark right after a phrase, if any. */
function nextMark(tokens: Token[], p: Phrase): string | null {
  const next = tokens[tokens.indexOf(p) + 1];
  return next?.type === 'punct' ? next.mark : null;
}

/**
 * The one who speaks before a verb of saying: a head ("Sở", "xã", "sếp", "anh") and up to four name words right
 * before it ("Sở KH&CN", "xã Tân Hiệp", "đ/c Hùng VP", "P. Tư pháp"), none of them the sender ("bên em", "đơn vị").
 * For the formal "báo cáo" only an agency speaks ("anh báo cáo" is the sender addressing).
 */
function subjectBefore(tokens: Token[], verb: Phrase, agencyOnly: boolean): Phrase | null {
  let i = tokens.indexOf(verb) - 1;
  for (let steps = 0; i >= 0 && steps < 6; steps += 1, i -= 1) {
    const t = tokens[i]!;
    // "P. Tư pháp": the period of an abbreviated head.
    if (t.type === 'punct' && t.mark === '.' && tokens[i - 1]?.type === 'phrase' && /^(?:p|vp|s)$/.test((tokens[i - 1] as Phrase).key)) continue;
    if (t.type !== 'phrase') return null;
    if (SENDER.has(t.key) || NOT_A_NAME.has(t.key)) return null;
    if (t.role !== null && !['neutral', 'noun', 'time'].includes(t.role) && !(t.role === 'hearsay' && t.key === 'ben')) return null;
    const head = agencyOnly ? AGENCY_HEAD.test(t.key) && !/^số/iu.test(t.raw) : isSubjectHead(t);
    if (head) {
      // "bên em", "của em" before the head make it the sender's own ("em bên Sở KH&CN").
      const before = tokens[i - 1];
      if (before?.type === 'phrase' && SENDER.has(before.key)) return null;
      return t;
    }
  }
  return null;
}

interface ScopeReading {
  status: ReplyStatus;
  doubt: ReplyDoubt | null;
  confirm: boolean;
  percent: number | null;
  reasonAt: number | null;
  unexplained: Phrase[];
}

/** After "Vướng mắc:" in a report form, what says "none": negators and the fillers around them. */
const NONE_FILLERS = new Set(['co', 'gi', 'ca', 'a', 'nhe', 'nha', 'het', 'them', 'nua', 'dau', 'y', 'phat sinh']);

/**
 * The report form's "nothing to report": "Khó khăn, vướng mắc: không", "Vướng mắc: không có gì ạ",
 * "vướng mắc: 0", "0 vướng mắc". Only when the clause holds nothing else — "Vướng mắc: không có kinh
 * phí" names a problem (the lack of funds) and stays one.
 */
function markNoneReported(tokens: Token[], roleAt: Map<Phrase, Role | 'neg_problem' | 'neg_ext' | 'awaited' | 'intro'>): void {
  const isProblem = (t: Token | undefined): t is Phrase => t?.type === 'phrase' && PROBLEM_WORDS.has(t.key);
  const isZero = (t: Token | undefined) => t?.type === 'number' && t.value === 0;
  for (let i = 0; i < tokens.length; i += 1) {
    // "0 vướng mắc"
    if (isZero(tokens[i]) && isProblem(tokens[i + 1])) {
      roleAt.set(tokens[i + 1] as Phrase, 'neg_problem');
      continue;
    }
    if (!isProblem(tokens[i])) continue;
    // A run of labels: "Khó khăn, vướng mắc", "khó khăn và vướng mắc".
    const labels: Phrase[] = [tokens[i] as Phrase];
    let j = i + 1;
    for (;;) {
      if (isProblem(tokens[j])) {
        labels.push(tokens[j] as Phrase);
        j += 1;
      } else if (j + 1 < tokens.length && ((tokens[j]!.type === 'punct' && (tokens[j] as { mark: string }).mark === ',') || (tokens[j]!.type === 'phrase' && (tokens[j] as Phrase).key === 'va')) && isProblem(tokens[j + 1])) {
        if (tokens[j]!.type === 'phrase') labels.push(tokens[j] as Phrase);
        labels.push(tokens[j + 1] as Phrase);
        j += 2;
      } else break;
    }
    const colon = tokens[j];
    if (colon?.type !== 'punct' || ![':', '-', '–'].includes(colon.mark)) continue;
    // The answer runs to the clause's end (a sentence mark, a comma or a semicolon, or the scope's end).
    let k = j + 1;
    const answer: Token[] = [];
    while (k < tokens.length && !(tokens[k]!.type === 'punct' && ['.', ';', ',', '\n', '!'].includes((tokens[k] as { mark: string }).mark))) answer.push(tokens[k++]!);
    // A phrase of the lexicon may span words ("không có", "có gì"): each of its words must say "none".
    const words = answer.flatMap((t) => (t.type === 'phrase' ? t.key.split(' ') : [null]));
    const none =
      (answer.length === 1 && isZero(answer[0])) ||
      (words.length > 0 && words.every((w) => w !== null && (NEGATORS.has(w) || NONE_FILLERS.has(w))) && words.some((w) => w !== null && NEGATORS.has(w)));
    if (!none) continue;
    for (const p of [...labels, ...answer.filter((t): t is Phrase => t.type === 'phrase')]) roleAt.set(p, 'neg_problem');
    i = k - 1;
  }
}

/** Reads one scope closed-world: every phrase is placed, or it is unexplained. */
function readScope(tokens: Token[], leadingIntro: boolean): ScopeReading {
  const phrases = tokens.filter((t): t is Phrase => t.type === 'phrase');
  const used = new Set<Phrase>();
  const roleAt = new Map<Phrase, Role | 'neg_problem' | 'neg_ext' | 'awaited' | 'intro'>();
  for (const p of phrases) if (p.role) roleAt.set(p, p.role);

  // "không phải X mà (là) Y": X is what is denied, Y what is said — X's words say nothing ("không phải chưa xong mà là
  // chưa làm" has not started; "không phải không xong, mà xong muộn" is done).
  for (let i = 0; i + 1 < phrases.length; i += 1) {
    if (!/^(khong|ko|k|kh|chang|cha) phai( la)?$/.test(phrases[i]!.key)) continue;
    // The corrective "mà" has the statement after it; a closing "mà" ("xong rồi mà") only insists.
    const but = phrases.findIndex((p, j) => j > i + 1 && (p.key === 'ma' || p.key === 'ma la') && phrases.slice(j + 1).some((q) => q.role !== null && STATUS_ROLES.has(q.role)));
    if (but < 0) continue;
    for (const p of phrases.slice(i, but + 1)) roleAt.set(p, 'neutral');
    i = but;
  }
  // "không phải (là) chưa xong": denying a denial — both negations drop and the verb stands.
  for (let i = 0; i + 1 < phrases.length; i += 1) {
    if (roleAt.get(phrases[i]!) === 'neutral') continue;
    const next = phrases[i + 1]!;
    if (/^(khong|ko|k|kh|chang|cha) phai( la)?$/.test(phrases[i]!.key) && next.start - phrases[i]!.end <= 2 && (next.role === 'not_yet' || next.key === 'khong' || next.key === 'ko')) {
      roleAt.set(phrases[i]!, 'neutral');
      roleAt.set(next, 'neutral');
      // "… chưa xong đâu": the "đâu" of that clause stresses the denial, it does not deny the verb again.
      const stop = tokens.find((t) => t.type === 'punct' && CLAUSE_MARKS.has(t.mark) && t.start >= next.end)?.start ?? Infinity;
      for (const q of phrases.slice(i + 2)) if (q.start < stop && q.key === 'dau') roleAt.set(q, 'neutral');
    }
  }
  // "không chỉ xong mà còn vượt chỉ tiêu": "mà còn" (but also) after "không chỉ" adds, it leaves nothing undone.
  const notOnly = phrases.findIndex((p) => ['khong chi', 'ko chi', 'k chi', 'khong nhung'].includes(p.key));
  if (notOnly >= 0) {
    for (let i = notOnly + 1; i + 1 < phrases.length; i += 1) {
      if (phrases[i]!.key === 'ma' && phrases[i + 1]!.key === 'con') {
        roleAt.set(phrases[i]!, 'neutral');
        roleAt.set(phrases[i + 1]!, 'neutral');
      }
    }
  }
  // "còn 2.6 thì …", "còn II.3.1 thì xong rồi": "còn" just before a task code turns to it ("as for"), it is no remainder.
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.type === 'phrase' && t.key === 'con' && tokens[i + 1]!.type === 'codes') roleAt.set(t, 'neutral');
  }
  // "sếp bao la xong r", "anh Hùng báo xong rồi", "bên Sở nói …", "Sở KH&CN báo 2.4 xong", "xã Tân Hiệp báo …", "đ/c Hùng VP
  // báo …": another person's or agency's word, whether typed báo or bảo. The sender's own unit ("bên em báo") is not.
  const intro = introSpan(tokens, leadingIntro);
  for (let i = 0; i < phrases.length; i += 1) {
    const verb = phrases[i]!;
    const formal = verb.key === 'bao cao' || verb.key === 'xin bao cao';
    if (!SAYING.has(verb.key) && !formal) continue;
    // Not a request to the one addressed ("chị báo giúp em"), nor the letter's own heading ("Sở Tư pháp báo cáo:").
    if (['giup', 'giup em', 'ho', 'dum', 'gium'].includes(phrases[i + 1]?.key ?? '')) continue;
    if (verb.start < intro || (formal && nextMark(tokens, verb) === ':')) continue;
    const subject = subjectBefore(tokens, verb, formal);
    if (subject) roleAt.set(verb, 'hearsay');
  }
  // "Theo VP UBND tỉnh thì …", "theo anh Tuấn, …": by someone else's account.
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.type !== 'phrase' || t.key !== 'theo' || t.start < intro) continue;
    const run = tokens.slice(i + 1, i + 7);
    const close = run.findIndex((u) => (u.type === 'phrase' && u.key === 'thi') || (u.type === 'punct' && u.mark === ','));
    if (close > 0 && run.slice(0, close).every((u) => u.type === 'phrase' && !PRONOUNS.has(u.key)) && isSubjectHead(run[0] as Phrase)) roleAt.set(t, 'hearsay');
  }
  // A sender's introduction before the first code ("Sở Tư pháp báo cáo:", "Kính gửi Sở Nội vụ,").
  if (leadingIntro) {
    for (const t of tokens) {
      if (t.type === 'codes') break;
      if (t.type === 'phrase' && (t.role === null || t.role === 'neutral' || t.role === 'noun' || t.role === 'time')) roleAt.set(t, 'intro');
    }
  }

  // "không có vướng mắc gì", "ko vướng gì", "không có đề xuất gì thêm": a negated problem is a clean report.
  for (let i = 0; i < phrases.length; i += 1) {
    const r = phrases[i]!.role;
    if (!NEGATORS.has(phrases[i]!.key) && r !== 'not' && r !== 'not_yet') continue;
    let j = i + 1;
    while (j < phrases.length && NEG_FILLERS.has(phrases[j]!.key)) j += 1;
    let end = -1;
    // "hoàn thành, không phát sinh": nothing arose — the clause ends there.
    const clauseEnds = (p: Phrase) => j === phrases.length || tokens.some((t) => t.type === 'punct' && CLAUSE_MARKS.has(t.mark) && t.start >= p.end && t.end <= phrases[j]!.start);
    if (j === i + 2 && phrases[i + 1]!.key === 'phat sinh' && clauseEnds(phrases[i + 1]!)) end = j;
    else if (j < phrases.length && PROBLEM_WORDS.has(phrases[j]!.key)) {
      // "không có khó khăn vướng mắc", "không khó khăn, vướng mắc gì": the whole run of problem words is denied.
      end = j + 1;
      while (end < phrases.length && (PROBLEM_WORDS.has(phrases[end]!.key) || (phrases[end]!.key === 'va' && PROBLEM_WORDS.has(phrases[end + 1]?.key ?? '')))) end += 1;
    }
    else {
      // "không có <nouns> gì": nothing of that kind.
      const gi = phrases.slice(j, j + 4).findIndex((p) => p.key === 'gi');
      if (gi > 0 && phrases.slice(j, j + gi).every((p) => p.role === null || p.role === 'noun' || p.role === 'neutral' || p.role === 'problem')) end = j + gi;
      else if (gi === 0 && j > i + 1) end = j;
    }
    if (end > 0) {
      let k = end;
      while (k < phrases.length && ['gi', 'them', 'ca', 'nua', 'dau', 'het'].includes(phrases[k]!.key)) k += 1;
      for (let x = i; x < k; x += 1) roleAt.set(phrases[x]!, 'neg_problem');
      i = k - 1;
      continue;
    }
    // "không cần gia hạn (đâu)", "ko xin gia hạn": no extension asked.
    let e = i + 1;
    while (e < phrases.length && ['can', 'xin', 'de nghi', 'phai'].includes(phrases[e]!.key)) e += 1;
    if (e < phrases.length && (EXT_WORDS.has(phrases[e]!.key) || phrases[e]!.role === 'extension')) {
      let k = e + 1;
      while (k < phrases.length && ['dau', 'nua', 'them', 'a'].includes(phrases[k]!.key)) k += 1;
      for (let x = i; x < k; x += 1) roleAt.set(phrases[x]!, 'neg_ext');
      i = k - 1;
    }
  }
  markNoneReported(tokens, roleAt);
  // "chờ lãnh đạo ký", "cho UBND duyet": waiting for an act is work under way.
  for (let i = 0; i < phrases.length; i += 1) {
    if (phrases[i]!.key !== 'cho') continue;
    const window = phrases.slice(i + 1, i + 5);
    const act = window.findIndex((p) => AWAITED.has(p.key));
    if (act >= 0) {
      roleAt.set(phrases[i]!, 'awaited');
      roleAt.set(window[act]!, 'awaited');
    }
  }

  // A reason clause ("vì …", "do …", "lý do: …") runs to the end of the scope: its words are the reason.
  let reasonAt: number | null = null;
  const reasonIndex = phrases.findIndex((p) => roleAt.get(p) === 'reason' && phrases.indexOf(p) < phrases.length - 1);
  if (reasonIndex >= 0) {
    reasonAt = phrases[reasonIndex]!.start;
    for (const p of phrases.slice(reasonIndex)) used.add(p);
  }
  const active = phrases.filter((p) => !used.has(p));
  const has = (role: string) => active.some((p) => roleAt.get(p) === role);
  const percentTokens = tokens.flatMap((t) => (t.type === 'percent' && t.value !== undefined ? [t.value] : []));
  const percent = percentTokens.length > 0 ? percentTokens[percentTokens.length - 1]! : null;
  // "3 trên 4 hồ sơ": a share of the work said in words.
  const fractionTyped = tokens.some((t, i) => t.type === 'fraction' || (t.type === 'number' && tokens[i + 1]?.type === 'phrase' && (tokens[i + 1] as Phrase).key === 'tren' && tokens[i + 2]?.type === 'number'));

  // Completion: a done verb, or a product verb after "đã"/"đã được" in the same scope ("đã ban hành kế hoạch").
  let done = has('done');
  const productDone = active.some(
    (p, i) =>
      roleAt.get(p) === 'product' &&
      (active.slice(Math.max(0, i - 5), i).some((q) => roleAt.get(q) === 'perfect' && (q.key === 'da' || q.key === 'da duoc') && q.raw.toLowerCase() !== 'dạ') || ['roi', 'r', 'oy', 'xong'].includes(active[i + 1]?.key ?? '')),
  );
  if (productDone) done = true;

  const negIdx = active.findIndex((p) => roleAt.get(p) === 'not' || roleAt.get(p) === 'not_yet');
  const neg = negIdx >= 0;
  const notYet = has('not_yet');
  // "2.5 xong chưa ạ", "đã hoàn thành chưa em": a negator closing the sentence after the verb asks.
  // Only when the negator follows the verb directly ("xong (rồi) chưa"), not "xong tuần trước mà chưa".
  const significant = active.filter((p) => !['neutral', 'intro'].includes(String(roleAt.get(p))));
  const lastSignificant = reasonAt === null ? significant[significant.length - 1] : undefined;
  const beforeLast = significant.slice(0, -1).reverse().find((p) => roleAt.get(p) !== 'perfect');
  const tailQuestion =
    done &&
    lastSignificant !== undefined &&
    (roleAt.get(lastSignificant) === 'not' || roleAt.get(lastSignificant) === 'not_yet' || lastSignificant.key === 'hay chua') &&
    beforeLast !== undefined &&
    (roleAt.get(beforeLast) === 'done' || roleAt.get(beforeLast) === 'product');
  // "xong chưa", "nộp chưa", "đã báo cáo chưa ạ", "hỏi lại 2.5 xong chưa rồi báo": "chưa" right after the verb, not
  // before another one ("làm chưa xong"), asks — the statement puts it first ("chưa xong").
  const verbAsked = tokens.some((t, i) => {
    const next = tokens[i + 1];
    if (t.type !== 'phrase' || next?.type !== 'phrase' || !['chua', 'chx', 'ch', 'chuaa'].includes(next.key)) return false;
    const role = roleAt.get(t);
    // "báo cáo", "báo" are also nouns ("còn phần báo cáo chưa"): they ask only after "đã".
    const prev = tokens[i - 1];
    const askedVerb = ASKED_VERBS.has(t.key) && prev?.type === 'phrase' && roleAt.get(prev) === 'perfect';
    if (!(role === 'done' || role === 'product' || role === 'work' || askedVerb)) return false;
    const after = tokens[i + 2];
    return !(after?.type === 'phrase' && ['done', 'product', 'work', 'progress', 'problem', 'fraction'].includes(String(roleAt.get(after))));
  });
  const question = has('question') || tailQuestion || verbAsked || tokens.some((t) => t.type === 'punct' && t.mark === '?');
  const cannotPhrase = active.some((p) => CANNOT_PHRASES.has(p.key));
  // "không hoàn thành được", "ko xong kịp": the word of ability follows the negated verb closely ("không phải đã
  // xong, mới được một nửa" says no "cannot").
  const sameClause = (a: Span, b: Span) => !tokens.some((t) => t.type === 'punct' && CLAUSE_MARKS.has(t.mark) && t.start >= a.end && t.end <= b.start);
  const cannot = cannotPhrase || active.some((p, i) => roleAt.get(p) === 'not' && active.slice(i + 1, i + 4).some((q) => CANNOT.has(q.key) && sameClause(p, q)));
  const notStarted = active.some(
    (p, i) =>
      (roleAt.get(p) === 'not' || roleAt.get(p) === 'not_yet' || ['dau co', 'lam gi co', 'nao co', 'co dau'].includes(p.key)) &&
      active.slice(i + 1, i + 3).some((q) => roleAt.get(q) === 'work' || STARTED_PHRASES.has(q.key)) &&
      !active.slice(i + 1, i + 4).some((q) => roleAt.get(q) === 'done'),
  );
  const reversal = neg || cannotPhrase || has('rhetorical') || has('future') || has('fraction') || fractionTyped || has('counterfactual') || has('returned');
  // "làm được 60%" is work under way; "làm được rồi" with no share says only that it could be done: asked.
  const abilityOnly = active.filter((p) => roleAt.get(p) === 'progress').every((p) => ABILITY.has(p.key)) && !has('awaited');
  const progressWords = (has('progress') && !(abilityOnly && percent === null && !has('fraction') && !fractionTyped && !neg)) || has('awaited');
  // Late is a problem unless the work is said to go on after it ("quá hạn nhưng đang làm"; "đang chậm tiến độ" stays
  // one): dondoc knows the lateness itself.
  const lateAt = active.findIndex((p) => roleAt.get(p) === 'late');
  const goesOn = lateAt >= 0 && active.slice(lateAt + 1).some((p) => roleAt.get(p) === 'progress' || roleAt.get(p) === 'awaited');
  const problem = has('problem') || (has('late') && !done && !goesOn);
  // "em sẽ triển khai", "tuần sau bắt đầu làm": a start still to come is not work under way.
  const startToCome = has('future') && active.some((p) => roleAt.get(p) === 'work' || p.key === 'bat dau') && !progressWords && percent === null && !has('fraction') && !fractionTyped;
  // "đến 20/12 mới xong", "sang năm mới xong": "mới" between a time to come and the verb says only then.
  // "xong liền", "làm xong ngay", "xong sớm thôi" closing the clause: done at once from now ("chờ em xíu, xong liền")
  // as much as done already — asked. ("xong ngay 20/12", "xong ngay từ đầu tháng" go on and stay as they were.)
  const atOnce = tokens.some((t, i) => {
    const next = tokens[i + 1];
    if (t.type !== 'phrase' || roleAt.get(t) !== 'done' || next?.type !== 'phrase' || !['ngay', 'lien', 'ngay thoi', 'lien thoi'].includes(next.key)) return false;
    const rest = tokens.slice(i + 2);
    const end = rest.findIndex((u) => u.type === 'punct' && CLAUSE_MARKS.has(u.mark));
    return (end < 0 ? rest : rest.slice(0, end)).every((u) => u.type === 'phrase' && ['neutral', 'perfect'].includes(String(roleAt.get(u))) && !['roi', 'r', 'oy'].includes(u.key));
  });
  // "2 tuần nữa xong", "mấy ngày nữa", "ít hôm nữa": a span of time and "nữa" (more) is a time to come.
  const later = active.some((p, i) => p.key === 'nua' && i > 0 && /(?:^| )(?:ngay|tuan|thang|hom|bua|nam|quy|gio|phut|tieng|lat|chut|ti)$/.test(active[i - 1]!.key));
  const onlyThen = tokens.some((t, i) => {
    const next = tokens[i + 1];
    if (t.type !== 'phrase' || t.key !== 'moi' || next?.type !== 'phrase' || roleAt.get(next) !== 'done') return false;
    const clauseStart = tokens.slice(0, i).findLastIndex((u) => u.type === 'punct' && CLAUSE_MARKS.has(u.mark));
    return tokens.slice(clauseStart + 1, i).some((u) => u.type === 'date' || (u.type === 'phrase' && roleAt.get(u) === 'future'));
  });
  const unexplained = phrases.filter((p) => p.role === null && !roleAt.has(p) && !used.has(p));
  // "mai mới bắt đầu làm", "thứ 2 mới triển khai": a time to come before "mới" and the start — not begun yet.
  const startsLater = tokens.some((t, i) => {
    const next = tokens[i + 1];
    const start = t.type === 'phrase' && (t.key === 'moi bat dau' || (t.key === 'moi' && next?.type === 'phrase' && (roleAt.get(next) === 'work' || next.key === 'bat dau')));
    return start && tokens.slice(0, i).some((u) => u.type === 'date' || (u.type === 'phrase' && roleAt.get(u) === 'future'));
  });

  // "2.5 xong thì em báo", "xong rồi thì tốt", "mà xong thì …", "xong rồi mới gửi được": a done verb
  // followed in its clause by "thì" or "mới" and more words is a condition or a wish (once / if it
  // is done, …), not a report that it is. ("2.5 thì xong rồi": "thì" before the verb marks the topic.)
  const conditional = (() => {
    let afterDone = false;
    // "mà xong …", "nếu xong …": the verb itself is the condition ("2.4 mà xong trước Tết là may").
    let ifDone = false;
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i]!;
      if (t.type === 'punct' && CLAUSE_MARKS.has(t.mark)) afterDone = ifDone = false;
      if (t.type !== 'phrase' || used.has(t)) continue;
      const role = roleAt.get(t);
      if (role === 'done' || role === 'product') {
        afterDone = true;
        const prev = tokens[i - 1];
        if (prev?.type === 'phrase' && ['ma', 'neu', 'neu ma', 'neu nhu'].includes(prev.key)) ifDone = true;
        // "xong em báo", "họp xong em làm 2.5", "xong 2.4 em đi họp": a subject and a verb right after the verb
        // (nothing but the thing finished between) make it "once … is finished, I will …".
        let j = i + 1;
        while (j < tokens.length && (tokens[j]!.type === 'codes' || (tokens[j]!.type === 'phrase' && [null, 'noun', 'neutral'].includes(roleAt.get(tokens[j] as Phrase) ?? null) && !PRONOUNS.has((tokens[j] as Phrase).key)))) j += 1;
        const subject = tokens[j];
        const verb = tokens[j + 1];
        if (j - i <= 3 && subject?.type === 'phrase' && PRONOUNS.has(subject.key) && verb?.type === 'phrase' && (['product', 'work', 'done'].includes(String(roleAt.get(verb))) || ASKED_VERBS.has(verb.key) || ['di', 'di hop'].includes(verb.key))) return true;
      } else if (afterDone && (t.key === 'thi' || t.key === 'moi' || t.key === 'khi' || t.key === 'roi se' || (ifDone && t.key === 'la'))) {
        // "xong rồi sẽ làm 2.5" (then I will), "xong khi có QĐ" (once there is): a sequence or a condition.
        if (t.key === 'roi se') return true;
        const rest = tokens.slice(i + 1);
        // "2.4 xong thì 2.5 mới làm được": the clause goes on in the next task's words.
        if (rest.length === 0) return true;
        const end = rest.findIndex((u) => u.type === 'punct' && CLAUSE_MARKS.has(u.mark));
        if ((end < 0 ? rest : rest.slice(0, end)).some((u) => u.type === 'phrase' && !['a', 'nhe', 'nha', 'ah'].includes(u.key))) return true;
      }
    }
    return false;
  })();

  const reading = (status: ReplyStatus, doubt: ReplyDoubt | null = null, confirm = false): ScopeReading => ({ status, doubt, confirm, percent, reasonAt, unexplained });
  if (has('extension')) return reading('extension');
  if (question) return reading('unclear', 'question');
  if (has('hearsay')) return reading('unclear', 'hedged');
  if (done) {
    if (conditional && !neg && !has('rhetorical')) return progressWords ? reading('progress') : reading('unclear', 'hedged');
    if (onlyThen || later) return reading('progress');
    if (atOnce) return reading('unclear', 'hedged');
    // "chưa hoàn thành do chưa được bố trí kinh phí", "không xong vì thiếu người": not finished, and why — an obstacle.
    if (cannot || (neg && reasonAt !== null)) return reading('problem');
    // "2.4 hoàn thành - nhầm, 2.5 mới hoàn thành", "em báo nhầm": the done is taken back, and what is true instead is
    // not said of this task (unless a denial, a part or work under way says it).
    if (active.some((p) => ['nham', 'nham la', 'bao nham'].includes(p.key)) && !neg && !has('fraction') && !fractionTyped && !progressWords && !has('returned')) return reading('unclear', 'hedged');
    if (has('counterfactual') || has('returned')) return reading('progress');
    if (problem) return neg || has('future') ? reading('problem') : reading('unclear', 'contradiction');
    // "chắc mai xong", "hy vọng tuần sau xong": whatever the hedge, the finish is still to come.
    if (has('hedge') && !neg) return has('future') ? reading('progress') : reading('unclear', 'hedged');
    // "2.4 xong, còn lại chưa": the rest of 2.4, or the other tasks? Only the sender knows (was stored in progress).
    const rest = active.some((p) => p.key === 'con lai');
    if (rest && !active.some((p) => roleAt.get(p) === 'fraction' && !['con lai', 'con'].includes(p.key)) && !fractionTyped && percent === null && !progressWords) return reading('unclear', 'hedged');
    if (reversal || progressWords) return reading('progress');
    if (percent !== null && percent < 100) return reading('progress');
    // "2.4 cuối tuần xong", "xong trong tuần", "hôm nay xong", "xong sau": a bare verb beside a time that may be still to
    // come is as much a forecast as a report — asked. "Đã" or "rồi" ("hôm nay xong rồi"), or a past time ("hôm qua",
    // "từ …"), settle it.
    const perfect = active.some((p) => roleAt.get(p) === 'perfect' && p.raw.toLowerCase() !== 'dạ') || active.some((p) => ['xong roi', 'da xong', 'hoan thanh roi', 'xong xuoi', 'hoan tat'].includes(p.key));
    const openTime = active.some((p, i) => OPEN_TIMES.has(p.key) || (OPEN_BEFORE_UNIT.has(p.key) && TIME_UNITS.has(active[i + 1]?.key ?? ''))) && !active.some((p) => p.key === 'tu' || PAST_TIMES.has(p.key));
    if (openTime && !perfect) return reading('unclear', 'hedged');
    const verbs = active.filter((p) => roleAt.get(p) === 'done' || roleAt.get(p) === 'product');
    return reading('done', null, unexplained.length > 0 || reasonAt !== null || agencyDoer(tokens, verbs, intro));
  }
  if (problem || cannot || (notStarted && reasonAt !== null)) return reading('problem');
  if (startsLater || ((notStarted || startToCome) && !progressWords)) return reading('unclear', 'not_started');
  if (has('hedge') && !progressWords && percent === null) return reading('unclear', 'hedged');
  if (percent === 100 && !reversal && !progressWords) {
    // "đạt 100%", "được 100% kế hoạch": the whole of it reached, said in words; a bare "100%" is confirmed.
    const stated = tokens.some((t, i) => t.type === 'percent' && t.value === 100 && tokens[i - 1]?.type === 'phrase' && ['dat', 'duoc', 'dc', 'da dat'].includes((tokens[i - 1] as Phrase).key));
    return reading('done', null, !stated || unexplained.length > 0);
  }
  if (progressWords || percent !== null || has('fraction') || fractionTyped || has('future') || has('returned') || has('counterfactual')) return reading('progress');
  if (notYet || has('rhetorical')) return reading('progress');
  return reading('unclear', 'no_status');
}

const PARTICLES = /(?:[\s,.;:!-]+(?:ạ|a|nhé|nhe|nha|nhá|ah|à|đó|nhé ạ|rồi|roi|r|luôn|ạh))+[\s.!]*$/iu;

/** The reason as typed (with diacritics): after "vì", "do", "lý do", or after the problem word / a colon. */
function findReason(text: string, key: string, status: ReplyStatus, evidence: string[], reasonAt: number | null, scope: Span): string | null {
  if (status === 'done' || status === 'unclear') return null;
  let at = reasonAt !== null ? reasonAt + (/^(?:boi vi|tai vi|ly do la|ly do|nguyen nhan la|nguyen nhan|do la|vi|do)/.exec(key.slice(reasonAt))?.[0].length ?? 0) : -1;
  const local = key.slice(scope.start, scope.end);
  if (at < 0 && status === 'problem') {
    const word = /\b(vuong mac|vuong|kho khan|gap kho khan)\b\s*(?:la\s+)?[:\-–]?\s*/.exec(local);
    if (word && local.slice(word.index + word[0].length).trim() !== '') at = scope.start + word.index + word[0].length;
    else {
      const other = /\b(thieu|khong the|chua the|chua co|chua duoc)\b/.exec(local);
      if (other) at = scope.start + other.index;
    }
  }
  if (at < 0 && status !== 'progress') {
    const colon = /[:–]\s*|\s-\s*/.exec(local);
    if (colon) at = scope.start + colon.index + colon[0].length;
  }
  if (at < 0) return null;
  let reason = text.slice(at, scope.end).trim().replace(PARTICLES, '').replace(/^[:\-–,.\s]+|[\s,.;]+$/g, '').trim();
  for (const e of evidence) if (status !== 'problem' && reason.includes(e)) return null;
  if (reason === '' || !/\p{L}/u.test(reason)) return null;
  if (reason.length > 500) reason = `${reason.slice(0, 499)}…`;
  return reason;
}

type Outcome = { ok: true; value: StatusReading } | { ok: false; error: StatusReplyProblem };

/**
 * Reads a status reply as a focal point writes it in chat, closed-world: every word is part of a
 * construction the grammar knows (a code, a status phrase, a date, a document number, a particle
 * or politeness word, a reason clause after "vì/do/lý do"), or it is unexplained. Negation
 * anywhere in a task's clauses, rhetorical "đâu", the future, hedges, hearsay, counterfactuals,
 * fractions, "sent back" and questions all keep the reply from being "done": it gives the weaker
 * reading it is sure of, or "unclear" with the doubt, so the chat asks back. A done reading that
 * is not a plain, fully explained statement carries `confirm`. Pure.
 */
export function readStatusReply(raw: string, today: CivilDate): Outcome {
  // A line break ends a clause ("2.5 - xong⏎2.6 - đang làm"): it is kept, other spacing is one space.
  const typed = raw
    .normalize('NFC')
    .replace(/[\u00a0\u200b\ufeff]/g, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim()
    // A list's own numbering ("1/ 2.4 xong⏎2/ 2.5 chưa", "1. …", "a) …", "…; 2) …") names no task: "1" was read as one.
    // ("P. Tư pháp" is an abbreviated name: a letter numbers a list only with ")" or "/".)
    .replace(/(^|\n)(?:\d{1,2}[).\/]|[a-zđ][)\/]) (?=\S)/giu, '$1')
    .replace(/(; ?)(?:\d{1,2}|[a-zđ])[)\/] (?=\S)/giu, '$1');
  if (typed === '') return { ok: false, error: { code: 'empty' } };
  if (typed.length > MAX_REPLY_LENGTH) return { ok: false, error: { code: 'too_long', length: typed.length } };
  // Emoji and other symbols outside the basic plane say nothing about status; they would also shift positions.
  // A check mark (✅ ✔️ ☑️) says done, but never plainly: such a reply is confirmed before it is stored.
  const checkMark = /[\u2705\u2714\u2611]/u.test(typed);
  const text = typed.replace(/[\u2705\u2714\u2611]\ufe0f?/gu, ' xong ').replace(/[\u{10000}-\u{10FFFF}]/gu, ' ').replace(/[\u2600-\u27bf]/gu, ' ').replace(/[^\S\n]+/g, ' ').replace(/ ?\n\s*/g, '\n').trim();
  const evidence = findEvidence(text);
  // Folding turns a line break into a space; the reader keeps it as the clause mark it is.
  const folded = [...foldAligned(text)].map((c, i) => (text[i] === '\n' ? '\n' : c)).join('');
  let key = blank(folded, evidence.spans);
  const allDates = findDates(key);
  const allFractions = allDates.filter((d) => isFraction(key, d));
  const dates = allDates.filter((d) => !allFractions.includes(d));
  // "được 3/4" is read as 75%: a share of the work done, stated; other fractions keep no figure.
  const shares = allFractions.flatMap((d) => {
    const value = fractionPercent(key, d);
    return value === null ? [] : [{ value, span: d.span, hit: d }];
  });
  const fractions = allFractions.filter((d) => !shares.some((s) => s.hit === d));
  // "đã số hóa được 850/1000 hồ sơ", "xong 12/15 xã": a count over a larger one that no date can be — a share.
  const counts = [...key.matchAll(/(?<![\d/.])(\d{1,5})\s*\/\s*(\d{1,5})(?![\d/])/g)].flatMap((m) => {
    const [done, all] = [Number(m[1]), Number(m[2])];
    // "tháng 1/2027" is a month of a year.
    if (all === 0 || done > all || (done <= 31 && all <= 12) || (done <= 12 && all >= 1900 && all <= 2100) || allDates.some((d) => d.span.start < m.index + m[0].length && d.span.end > m.index)) return [];
    const before = key.slice(Math.max(0, m.index - 24), m.index);
    const stated = /\b(?:duoc|dc|xong|hoan thanh|ht|lam|dat)\s*$/.test(before);
    return [{ value: stated ? Math.round((100 * done) / all) : null, span: { start: m.index, end: m.index + m[0].length } }];
  });
  const percents = [...findPercents(key), ...shares.map(({ value, span }) => ({ value, span })), ...counts.flatMap((c) => (c.value === null ? [] : [{ value: c.value, span: c.span }]))].sort((a, b) => a.span.start - b.span.start);
  const countFractions = counts.filter((c) => c.value === null).map((c) => c.span);
  key = blank(key, [...allDates.map((d) => d.span), ...percents.map((p) => p.span), ...countFractions]);
  // "cả 2.5 lẫn 2.6": "lẫn" (and also) folds like "lần" (times), which keeps a number from being a code.
  for (const m of text.matchAll(/(?<!\p{L})lẫn(?!\p{L})/giu)) key = `${key.slice(0, m.index)}voi${key.slice(m.index + 3)}`;
  const codeHits = findCodes(key, text);
  if (codeHits.length === 0) return { ok: false, error: { code: 'no_code' } };
  const codes = [...new Set(codeHits.map((h) => h.code))];
  const percentValues = percents.map((p) => p.value);
  if (percentValues.some((v) => v > 100)) return { ok: false, error: { code: 'bad_progress', value: percentValues.find((v) => v > 100)! } };

  // Codes next to each other ("2.5, 2.6 và 2.7") form one group.
  const groups: { codes: string[]; start: number; end: number }[] = [];
  for (const hit of codeHits) {
    const last = groups[groups.length - 1];
    // "1.1 100%, 1.2 50%": a percent or a date between two codes keeps them apart.
    const between = [...allDates.map((d) => d.span), ...percents.map((p) => p.span)].some((sp) => last !== undefined && sp.start >= last.end && sp.end <= hit.start);
    if (last && !between && CODE_SEPARATORS.test(key.slice(last.end, hit.start))) {
      last.end = hit.end;
      if (!last.codes.includes(hit.code)) last.codes.push(hit.code);
    } else groups.push({ codes: [hit.code], start: hit.start, end: hit.end });
  }
  const specials: Token[] = [
    ...groups.map((g) => ({ type: 'codes' as const, codes: g.codes, start: g.start, end: g.end })),
    ...dates.map((d) => ({ type: 'date' as const, start: d.span.start, end: d.span.end })),
    ...fractions.map((d) => ({ type: 'fraction' as const, start: d.span.start, end: d.span.end })),
    ...countFractions.map((sp) => ({ type: 'fraction' as const, start: sp.start, end: sp.end })),
    ...percents.map((p) => ({ type: 'percent' as const, start: p.span.start, end: p.span.end, value: p.value })),
    ...evidence.spans.map((s) => ({ type: 'evidence' as const, start: s.start, end: s.end })),
  ];
  specials.push(...findNames(text, specials));
  const tokens = tokenize(text, blank(folded, evidence.spans), specials);
  const parts = scopes(tokens);
  const leadingIntro = introBeforeFirstCode(tokens);

  const items: ReplyItem[] = [];
  const unexplained: string[] = [];
  for (const [index, part] of parts.entries()) {
    const scope = readScope(part.tokens, index === 0 && leadingIntro);
    for (const p of scope.unexplained) unexplained.push(p.raw);
    const span = { start: part.tokens[0]!.start, end: part.tokens[part.tokens.length - 1]!.end };
    // "2.4 kế hoạch là 20/12 xong", "xong ngày 28/12": work is not finished on a day still to come — a forecast or a
    // deadline beside the done, which only the sender can settle: asked.
    if (scope.status === 'done' && dates.some((d) => d.span.start >= span.start && d.span.end <= span.end && isAhead(d, today))) {
      Object.assign(scope, { status: 'unclear', doubt: 'hedged', confirm: false });
    }
    let date: CivilDate | null = null;
    if (scope.status === 'extension') {
      const found = extensionDate(text, key, dates.filter((d) => d.span.start >= span.start && d.span.end <= span.end), today, span);
      if (!found.ok) return { ok: false, error: found.error.code === 'no_date' ? { code: 'no_date', taskCode: part.codes[0]! } : found.error };
      date = found.date;
    }
    const progress = scope.status === 'done' ? 100 : scope.status === 'progress' || scope.status === 'problem' ? scope.percent : null;
    items.push({
      codes: part.codes,
      status: scope.status,
      progress,
      date,
      reason: findReason(text, key, scope.status, evidence.values, scope.reasonAt, span),
      doubt: scope.status === 'unclear' ? scope.doubt : null,
      confirm: scope.status === 'done' && scope.confirm,
    });
  }
  // "Trừ 2.5, 2.6 2.7 xong hết", "ngoài 2.5 ra thì 2.6, 2.7 xong rồi": a task set apart from the rest turns
  // the words round for it, and where the exception ends is for the sender to say. Nothing is stored: asked.
  if (setsApart(text)) {
    for (const item of items) Object.assign(item, { status: 'unclear', progress: null, date: null, doubt: 'hedged', confirm: false });
  }
  const mixed = items.some((i) => i.status !== items[0]!.status);
  // Several tasks with different states: each done among them is confirmed before it is stored, unless the message
  // is a plain list, each task named first and its words after it ("2.5 xong rồi, 2.6 thì chưa", "2.5 - xong⏎2.6 -
  // đang làm"): then no word can belong to another task than the one before it.
  if (mixed && !parts.every(codeLed)) for (const item of items) if (item.status === 'done') item.confirm = true;
  // An unexplained word anywhere in the message keeps every done in it from being plain; so does a correction in
  // another task's words ("2.4 xong r, nhầm 2.5 chứ": which one is finished is for the sender to confirm).
  const correction = tokens.find((t) => t.type === 'phrase' && ['nham', 'nham la', 'bao nham', 'go nham', 'dinh chinh'].includes(t.key));
  for (const [i, item] of items.entries()) {
    const end = parts[i]!.tokens[parts[i]!.tokens.length - 1]!.end;
    if (item.status === 'done' && (unexplained.length > 0 || checkMark || (correction !== undefined && end <= correction.start))) item.confirm = true;
  }
  const first = items[0]!;
  const value: StatusReading = {
    codes,
    status: mixed ? 'unclear' : first.status,
    progress: mixed ? null : first.progress,
    date: mixed ? null : first.date,
    reason: mixed ? null : (items.find((i) => i.reason !== null)?.reason ?? null),
    evidence: evidence.values,
    doubt: mixed ? 'mixed' : first.doubt,
    confirm: items.some((i) => i.confirm),
    unexplained: [...new Set(unexplained)],
    items,
  };
  return { ok: true, value };
}

const CODE_AHEAD = String.raw`\s*(?:(?:nv|nhiệm vụ|nhiem vu|việc|viec|mục|muc)\.?\s*)?[0-9IVX]`;
/** "trừ 2.5", "ngoại trừ NV 2.5", "không kể 2.5", "ngoài 2.5 ra", "except 2.5": a task set apart from the others named. */
const SETS_APART = new RegExp(
  String.raw`(?<!\p{L})(?:(?:ngoại |ngoai )?(?:trừ|tru)(?: ra)?|không kể|khong ke|ko kể|ko ke|except)${CODE_AHEAD}|(?<!\p{L})(?:ngoài|ngoai)${CODE_AHEAD}[^\n]{0,40}?(?<!\p{L})ra(?!\p{L})|(?:tất cả|tat ca|hết|het|toàn bộ|toan bo)[^\n]{0,30}?(?<!\p{L})(?:trừ|tru|ngoại trừ|ngoai tru)(?!\p{L})`,
  'iu',
);

/** Does the message set a task apart from the rest ("trừ 2.5", "ngoài 2.5 ra", "tất cả xong trừ 2.5")? */
export function setsApart(text: string): boolean {
  return SETS_APART.test(text);
}

/**
 * A part of a message that names one group of codes before any word of status ("2.6 thì chưa", "còn 2.6 đang làm";
 * not "xong 2.5 rồi", not "2.5 … 2.6 xong" where two groups share the words).
 */
function codeLed(part: { tokens: Token[] }): boolean {
  const at = part.tokens.findIndex((t) => t.type === 'codes');
  if (part.tokens.filter((t) => t.type === 'codes').length !== 1) return false;
  // "còn 2.6 thì chưa": "còn" just before the code turns to it.
  const before = part.tokens.slice(0, at).filter((t, i, all) => !(t.type === 'phrase' && t.key === 'con' && i === all.length - 1));
  return !saysStatus(before);
}

/** True when the message opens with a sender or address clause before its first code ("Sở Tư pháp báo cáo:"). */
function introBeforeFirstCode(tokens: Token[]): boolean {
  const before: Token[] = [];
  for (const t of tokens) {
    if (t.type === 'codes') break;
    before.push(t);
  }
  const words = before.filter((t): t is Phrase => t.type === 'phrase').map((t) => t.key);
  const endsWithColon = before.some((t) => t.type === 'punct' && (t.mark === ':' || t.mark === ','));
  return words.length > 0 && (words.includes('bao cao') || words.includes('kinh gui') || words.includes('xin bao cao') || endsWithColon) && !before.some((t) => t.type === 'phrase' && t.role !== null && STATUS_ROLES.has(t.role));
}

function checkExtension(candidate: CivilDate, today: CivilDate): { ok: true; date: CivilDate } | { ok: false; error: StatusReplyProblem } {
  if (candidate < today) return { ok: false, error: { code: 'past_date', date: candidate } };
  if (Number(candidate.slice(0, 4)) > Number(today.slice(0, 4)) + MAX_EXTENSION_YEARS) return { ok: false, error: { code: 'far_date', date: candidate } };
  return { ok: true, date: candidate };
}

function extensionDate(text: string, key: string, dates: DateHit[], today: CivilDate, scope: Span): { ok: true; date: CivilDate } | { ok: false; error: StatusReplyProblem } {
  const todayYear = Number(today.slice(0, 4));
  const todayMonth = Number(today.slice(5, 7));
  const first = dates[0];
  if (first) {
    let year = first.year ?? todayYear;
    const shown = text.slice(first.span.start, first.span.end).trim();
    let candidate = civilDate(year, first.month, first.day);
    if (!candidate) return { ok: false, error: { code: 'bad_date', text: shown } };
    if (first.year === null && candidate < today) {
      year += 1;
      candidate = civilDate(year, first.month, first.day);
      if (!candidate) return { ok: false, error: { code: 'bad_date', text: shown } };
    }
    return checkExtension(candidate, today);
  }
  const local = key.slice(scope.start, scope.end);
  // Relative targets: "sang quý sau", "đến tháng sau", "đến cuối tháng", "hết năm", "sang năm".
  const quarter = Math.ceil(todayMonth / 3);
  if (/\b(?:quy sau|quy toi)\b/.test(local)) {
    const q = quarter === 4 ? 1 : quarter + 1;
    return checkExtension(endOfQuarter(quarter === 4 ? todayYear + 1 : todayYear, q), today);
  }
  // "thứ 6 tuần sau", "thứ hai tuần tới": that weekday of the next week (Monday to Sunday).
  const weekday = /\b(?:thu\s+(2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|(chu nhat|cn))\s+(?:cua\s+)?tuan\s+(?:sau|toi)\b/.exec(local);
  if (weekday) {
    // Thứ hai (2) is Monday … thứ bảy (7) Saturday, chủ nhật Sunday.
    const names: Record<string, number> = { '2': 0, hai: 0, '3': 1, ba: 1, '4': 2, tu: 2, '5': 3, nam: 3, '6': 4, sau: 4, '7': 5, bay: 5 };
    const offset = weekday[2] ? 6 : names[weekday[1]!]!;
    const now = new Date(`${today}T00:00:00Z`);
    const monday = new Date(now.getTime() - ((now.getUTCDay() + 6) % 7) * 86_400_000 + 7 * 86_400_000);
    return checkExtension(new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10), today);
  }
  if (/\b(?:thang sau|thang toi)\b/.test(local)) {
    const m = todayMonth === 12 ? 1 : todayMonth + 1;
    return checkExtension(endOfMonth(todayMonth === 12 ? todayYear + 1 : todayYear, m), today);
  }
  if (/\b(?:cuoi|het)\s+thang(?:\s+nay)?\b(?!\s+\S*\d|\s+(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|gieng|chap))/.test(local)) return checkExtension(endOfMonth(todayYear, todayMonth), today);
  if (/\b(?:cuoi|het)\s+nam(?:\s+nay)?\b(?!\s+(?:sau|toi|\d))/.test(local)) return checkExtension(`${todayYear}-12-31`, today);
  // "đến cuối tháng 9", "sang quý III", "hết tháng 1 năm sau": the deadline grammar reads the rest.
  for (const tail of local.matchAll(/\b(?:den|toi|sang|lui|keo dai|gia han|cham lai|thoi gian)\s+(?:den\s+|toi\s+)?(?:het\s+|cuoi\s+)?((?:thang|quy|nam|\d)[^,;.]*)/g)) {
    const from = scope.start + tail.index + tail[0].length - tail[1]!.length;
    let words = text.slice(from, scope.start + tail.index + tail[0].length);
    words = words.replace(/\s+(vì|vi|do|lý do|ly do|bởi vì|boi vi|tại vì|tai vi)\s.*$/iu, '');
    // "năm sau" / "năm tới" are the year after today's (the deadline grammar reads them against the plan's year).
    words = words.replace(/\bn[aă]m\s+(?:sau|t[oớ]i)\b/giu, `năm ${todayYear + 1}`);
    const reading = parseDeadline(words, { year: todayYear });
    if (reading.kind === 'due' && reading.dates.length === 1) {
      let candidate = reading.dates[0]!;
      if (candidate < today && !/\d{4}/.test(words)) candidate = `${todayYear + 1}${candidate.slice(4)}`;
      return checkExtension(candidate, today);
    }
  }
  return { ok: false, error: { code: 'no_date', taskCode: '' } };
}

/** The record the status service stores for one task of a reading (done/progress/problem/extension only). */
export function toTaskReply(reading: Pick<StatusReading, 'status' | 'progress' | 'reason' | 'date'> & { evidence?: string[] }, code: string, evidence: string[] = reading.evidence ?? []): ParsedStatusReply | null {
  const status = ({ done: 'done', progress: 'in_progress', problem: 'blocked', extension: 'extension_requested' } as const)[reading.status as Exclude<ReplyStatus, 'unclear'>];
  if (!status) return null;
  return {
    code,
    status,
    progress: reading.status === 'done' ? 100 : reading.progress,
    reason: reading.reason,
    evidence: evidence.length > 0 ? evidence.join(', ') : null,
    requestedDate: reading.date,
  };
}

/**
 * The single-task form used where the task is already known (buttons, the pending "new date" answer):
 * reads the reply and gives the one record, or the problem to word.
 */
export function parseStatusReply(raw: string, today: CivilDate): { ok: true; value: ParsedStatusReply } | { ok: false; error: StatusReplyProblem } {
  const read = readStatusReply(raw, today);
  if (!read.ok) return read;
  const code = read.value.codes[0]!;
  const record = toTaskReply(read.value, code);
  if (!record) return { ok: false, error: { code: 'no_status', taskCode: code } };
  return { ok: true, value: record };
}
