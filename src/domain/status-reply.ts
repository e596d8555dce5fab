import { civilDate, type CivilDate } from './civil-date.js';
import { parseDeadline } from './deadline-grammar.js';
import { foldAligned } from './text-key.js';

/** What a reply says, in the words of `npm run cli -- reply --json`. */
export type ReplyStatus = 'done' | 'progress' | 'problem' | 'extension' | 'unclear';

/** Why dondoc is not sure: it asks back instead of storing anything. */
export type ReplyDoubt =
  /** No status words at all ("2.5 ok nhé"). */
  | 'no_status'
  /** The reply names several tasks with different statuses ("2.5 xong, 2.6 đang làm"). */
  | 'mixed'
  /** A question, not a report ("2.5 xong chưa ạ?"). */
  | 'question'
  /** Says done and something that contradicts it ("xong nhưng còn vướng"). */
  | 'contradiction'
  /** Says the work has not started ("2.5 chưa thực hiện"), with no reason. */
  | 'not_started';

/** Everything one status reply says. */
export interface StatusReading {
  /** Task codes as typed ("2.5", "I.3.17", "NV 3.7" → "3.7"), in order, without duplicates. */
  codes: string[];
  status: ReplyStatus;
  progress: number | null;
  /** For an extension: the new date asked for. */
  date: CivilDate | null;
  reason: string | null;
  /** Document numbers given as evidence ("123/QĐ-UBND"). */
  evidence: string[];
  /** Set when status is "unclear". */
  doubt: ReplyDoubt | null;
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

// ---------------------------------------------------------------------------------------------
// Words, as folded text (no diacritics, lower case). Informal spellings officials use in chat are
// listed with the standard ones: "ko", "k", "hok" = không; "dc", "đc" = được; "ht" = hoàn thành.
// ---------------------------------------------------------------------------------------------

const NEGATORS = new Set(['chua', 'khong', 'ko', 'k', 'kh', 'khg', 'kg', 'hok', 'hong', 'chang', 'cha', 'chuaa', 'khongg', 'ch']);
/** Words that may stand between a negator and the verb it negates ("chưa làm xong", "không thể hoàn thành"). */
const NEGATION_GAP = 4;
const HEDGES = /\b(sap|gan|chuan bi|se|du kien|du tinh|phan dau|co gang|co ban|muon|can|de|nham|tiep tuc|dang|chu yeu|hau nhu|gan nhu|chua hoan toan|uoc|kha nang|hy vong|hi vong)\s+(?:\S+\s+){0,1}$/;
/** Completion verbs; "đã ban hành / phê duyệt / tổ chức / công bố" report a finished product (a document, a conference). */
const DONE = /\b(hoan thanh|hoan tat|da xong|xong xuoi|xong|ht|done|xog|hoan thanh xong|ket thuc|da (?:duoc (?:\S+ ){0,3})?(?:ban hanh|phe duyet|to chuc|cong bo))\b/g;
const PARTIAL_AFTER = /^\s*(?:(?:duoc|dc)\s+)?(?:mot phan|1 phan|phan|buoc|giai doan|dot|mot so|1 so|mot nua|nua|mot it|so bo|ban dau|du thao|khoang)\b/;
const PROGRESS = /\b(dang|tien do|cho ky|cho phe duyet|cho duyet|da trinh|hoan thien|thuc hien (?:duoc|dc)|lam (?:duoc|dc))\b/;
/** Work still under way in a clause of its own: "đã hoàn thành dự thảo, đang chờ UBND ký" is not done. */
const STILL_WORKING = /\b(dang|cho (?:\S+ ){0,3}(?:ky|phe duyet|duyet|ban hanh)|da trinh|dang trinh)\b/;
const PROBLEM = /\b(vuong mac|vuong|kho khan|bi vuong|gap kho|bat cap|thieu|khong the|chua the|khong kip|chua kip|chua co kinh phi|chua co huong dan|chua (?:duoc|dc) bo tri|chua (?:duoc|dc) cap|van de|vuot qua kha nang|tam dung|tam hoan|tam ngung|dung thuc hien|ngung thuc hien)\b/;
/** Lateness is a problem unless the same clause says the work is done ("hoàn thành trễ hạn" is done, late). */
const LATE = /\b(tre han|qua han|cham tien do|bi cham|cham tre|cham)\b/;
const NEGATED_PROBLEM = /\b(khong|ko|k|kh|khg|hok|hong|chua|chang)\s+(?:co\s+|gap\s+|bi\s+|phat sinh\s+|con\s+)*(?:gi\s+)?(vuong mac|vuong|kho khan|van de|bat cap)(?:\s+gi)?\b/g;
const EXTENSION = /\b(xin gia han|de nghi gia han|gia han|xin lui han|lui han|lui thoi han|lui thoi gian|keo dai thoi gian|dieu chinh thoi gian|xin them thoi gian|them thoi gian|xin lui|keo dai thoi han|xin dieu chinh thoi han|dieu chinh thoi han|xin hoan|hoan lai)\b/;
const NEGATED_EXTENSION = /\b(khong|ko|k|chua|khong can|ko can|k can)\s+(?:can\s+|xin\s+|de nghi\s+)?(gia han|lui han|them thoi gian)\b/g;
/** "chưa ban hành", "không tổ chức được": the product is not there, so the work is not done. */
const NEGATED_PRODUCT = /\b(?:chua|khong|ko|k|van chua)\s+(?:(?:the|duoc|dc)\s+(?:\S+\s+){0,3})?(?:ban hanh|phe duyet|to chuc|cong bo)\b/;
const NOT_STARTED = /\b(chua|khong|ko|k)\s+(?:the\s+)?(?:bat dau|thuc hien|trien khai|lam)\b/;
/** "vì", "do", "lý do": but not the "độ" of "tiến độ" nor the "vị" of "đơn vị" (the same letters once folded). */
const REASON_MARK =
  /(?:^|[\s,(])(?:boi vi|tai vi|ly do(?: la)?|nguyen nhan(?: la)?|(?<!\b(?:tien|muc|che|thai|trinh|toc|nhiet|cap|chuan|khi|sau|o)\s)do|(?<!\b(?:don|dia|hoc|chuc|tu|hang|thu|vi)\s)vi)\s*[:]?\s+(?=\S)/;
const QUESTION = /\?\s*$|\bphai khong\b|\bthe nao\b|\bra sao\b|\b(?:duoc|dc) khong\b|\bco (?:duoc|dc) khong\b/;
const CODE =
  /(?<![\p{L}0-9./])(?:(nv|nhiem vu|ma|viec|muc|task)\s*(?:so\s*)?[.:#]?\s*)?((?:[ivx]{1,4}\.)?(?:[a-z]\.)?\d{1,2}(?:\.\d{1,2}){0,3}(?:\.[a-z])?|(?:[ivx]{1,4}\.)?\d{1,2}\.[a-z])(?![\p{L}0-9]|[./]\d|\s*%|\s*(?:ngay|thang|tuan|nam|phan tram|trieu|nghin|ty|dong|lan|buoc|van ban|ho so|tthc|gio|h)\b)/gu;
const CODE_SEPARATORS = /^[\s,;&+\-–]*(?:(?:va|voi)[\s,]*)?$/;
/** Words before a number that make it something else than a task code ("bước 1", "giai đoạn 2", "số 15"). */
const NOT_A_CODE_BEFORE = /\b(buoc|giai doan|phan|dot|lan|quy|thang|nam|ngay|tuan|khoan|diem|muc tieu|chi tieu|tang|hon|tren|duoi|khoang|con|thu|luc)\s*$/;

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

/** Dates typed in chat: "30/9", "30/9/2024", "30-9-2024", "ngày 30 tháng 9 (năm 2024)". */
function findDates(key: string): { day: number; month: number; year: number | null; span: Span }[] {
  const out: { day: number; month: number; year: number | null; span: Span }[] = [];
  for (const m of key.matchAll(/(?<![0-9.])(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}|\d{2}))?(?![0-9%])/g)) {
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : null;
    out.push({ day: Number(m[1]), month: Number(m[2]), year, span: { start: m.index, end: m.index + m[0].length } });
  }
  for (const m of key.matchAll(/\bngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?/g)) {
    out.push({ day: Number(m[1]), month: Number(m[2]), year: m[3] ? Number(m[3]) : null, span: { start: m.index, end: m.index + m[0].length } });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function findPercents(key: string): { value: number; span: Span }[] {
  return [...key.matchAll(/(\d{1,4})\s*(?:%|phan tram\b)/g)].map((m) => ({ value: Number(m[1]), span: { start: m.index, end: m.index + m[0].length } }));
}

interface CodeHit {
  code: string;
  start: number;
  end: number;
}

function findCodes(key: string): CodeHit[] {
  const hits: CodeHit[] = [];
  for (const m of key.matchAll(CODE)) {
    const prefixed = m[1] !== undefined;
    const raw = m[2]!;
    const at = m.index + m[0].length - raw.length;
    const before = key.slice(Math.max(0, at - 16), at);
    if (!prefixed && NOT_A_CODE_BEFORE.test(before)) continue;
    // A bare number is a code only when prefixed ("NV 5") or first in the message ("5 xong").
    if (!raw.includes('.') && !prefixed && key.slice(0, m.index).replace(/\b(da|vang|em|anh|chi|bao cao|xin|kinh|gui|so|ben|phong|don vi|co quan)\b/g, '').trim() !== '') continue;
    hits.push({ code: normaliseCode(raw), start: prefixed ? m.index : at, end: at + raw.length });
  }
  return hits;
}

function normaliseCode(raw: string): string {
  return raw.toUpperCase();
}

/** A reply's statements in one scope (the text about one group of codes). */
interface Signals {
  done: boolean;
  negatedDone: boolean;
  hedgedDone: boolean;
  progress: boolean;
  problem: boolean;
  extension: boolean;
  notStarted: boolean;
  reasonMark: boolean;
  stillWorking: boolean;
  /** "2.5 xong chưa?": asks, does not report. */
  question: boolean;
  /** "xong nhưng chưa có quyết định": something said to be missing after a contrast word. */
  missingAfterContrast: boolean;
}

/** Splits into clauses at punctuation and contrast words, where a negation stops. */
function clauses(key: string): string[] {
  return key.split(/[,;.!?\n]|\s[-–]\s|\b(?:nhung|tuy nhien|con|va)\b/);
}

function readSignals(scope: string): Signals {
  const s: Signals = {
    done: false,
    negatedDone: false,
    hedgedDone: false,
    progress: false,
    problem: false,
    extension: false,
    notStarted: false,
    reasonMark: false,
    stillWorking: false,
    question: false,
    missingAfterContrast: false,
  };
  if (/\b(?:nhung|tuy nhien|song)\s+(?:van\s+)?(?:chua|khong|ko|k|con thieu|thieu)\b/.test(scope)) s.missingAfterContrast = true;
  const withoutNegatedProblems = scope.replace(NEGATED_PROBLEM, (m) => ' '.repeat(m.length));
  const withoutNegatedExtensions = withoutNegatedProblems.replace(NEGATED_EXTENSION, (m) => ' '.repeat(m.length));
  for (const clause of clauses(withoutNegatedExtensions)) {
    for (const m of clause.matchAll(DONE)) {
      const before = clause.slice(0, m.index).trim().split(/\s+/).filter(Boolean);
      const window = before.slice(-NEGATION_GAP);
      const after = clause.slice(m.index + m[0].length);
      const negatedBefore = window.some((w) => NEGATORS.has(w));
      // "hoàn thành không được", "xong không nổi": a negation right after the verb.
      // "hoàn thành không được", "xong chưa đạt yêu cầu": a negation right after the verb.
      const negatedAfter = /^\s*(?:(?:het|duoc|dc|kip|roi)\s+)?(?:khong|ko|k|chua|chang)\b(?!\s+(?:co\s+)?(?:vuong|kho khan|van de))/.test(after);
      const question = /^\s*(?:(?:roi|het|duoc|dc)\s+)?(?:chua|khong|ko|k|hay chua)\s*(?:a|vay|nhi|the|em|anh|chi)?\s*$/.test(after);
      if (question) s.question = true;
      if (negatedBefore || negatedAfter || question) {
        s.negatedDone = true;
        continue;
      }
      if (HEDGES.test(clause.slice(0, m.index)) || PARTIAL_AFTER.test(after)) {
        s.hedgedDone = true;
        continue;
      }
      s.done = true;
    }
    if (PROGRESS.test(clause)) s.progress = true;
    if (STILL_WORKING.test(clause) && !clause.match(DONE)) s.stillWorking = true;
    if (PROBLEM.test(clause) || (LATE.test(clause) && clause.match(DONE) === null)) s.problem = true;
    if (EXTENSION.test(clause)) s.extension = true;
    if (NOT_STARTED.test(clause)) s.notStarted = true;
    if (NEGATED_PRODUCT.test(clause)) s.negatedDone = true;
  }
  if (REASON_MARK.test(scope)) s.reasonMark = true;
  return s;
}

function decide(s: Signals, percent: number | null): { status: ReplyStatus; doubt: ReplyDoubt | null } {
  if (s.extension) return { status: 'extension', doubt: null };
  if (s.question) return { status: 'unclear', doubt: 'question' };
  const notDone = s.negatedDone || s.hedgedDone;
  if (notDone) {
    // "không hoàn thành được vì thiếu kinh phí" is a problem; "chưa xong, đang làm 60%" is progress.
    if (s.problem || (s.negatedDone && s.reasonMark && !s.progress && percent === null)) return { status: 'problem', doubt: null };
    return { status: 'progress', doubt: null };
  }
  if (s.done) {
    if (percent !== null && percent < 100) return { status: 'progress', doubt: null };
    if (s.problem || s.missingAfterContrast) return { status: 'unclear', doubt: 'contradiction' };
    if (s.stillWorking) return { status: 'progress', doubt: null };
    return { status: 'done', doubt: null };
  }
  if (s.problem) return { status: 'problem', doubt: null };
  if (s.notStarted) return s.reasonMark ? { status: 'problem', doubt: null } : { status: 'unclear', doubt: 'not_started' };
  if (s.progress || percent !== null) return { status: 'progress', doubt: null };
  return { status: 'unclear', doubt: 'no_status' };
}

const PARTICLES = /(?:[\s,.;:!-]+(?:ạ|a|nhé|nhe|nha|nhá|ah|à|đó|nhé ạ|rồi|roi|r|luôn|ạh))+[\s.!]*$/iu;

/** The reason as typed (with diacritics): after "vì", "do", "lý do", or after the problem word / a colon. */
function findReason(text: string, key: string, status: ReplyStatus, evidence: string[]): string | null {
  if (status === 'done' || status === 'unclear') return null;
  let at = -1;
  const mark = REASON_MARK.exec(key);
  if (mark) at = mark.index + mark[0].length;
  if (at < 0 && status === 'problem') {
    const word = /\b(vuong mac|vuong|kho khan|gap kho khan)\b\s*(?:la\s+)?[:\-–]?\s*/.exec(key);
    if (word && key.slice(word.index + word[0].length).trim() !== '') at = word.index + word[0].length;
    else {
      const other = /\b(thieu|khong the|chua the|chua co|chua duoc)\b/.exec(key);
      if (other) at = other.index;
    }
  }
  if (at < 0) {
    const colon = /[:–]\s*|\s-\s*/.exec(key);
    if (colon && status !== 'progress') at = colon.index + colon[0].length;
  }
  if (at < 0) return null;
  let reason = text.slice(at).trim().replace(PARTICLES, '').replace(/^[:\-–,.\s]+|[\s,.;]+$/g, '').trim();
  for (const e of evidence) if (status !== 'problem' && reason.includes(e)) return null;
  if (reason === '' || !/\p{L}/u.test(reason)) return null;
  if (reason.length > 500) reason = `${reason.slice(0, 499)}…`;
  return reason;
}

type Outcome = { ok: true; value: StatusReading } | { ok: false; error: StatusReplyProblem };

/**
 * Reads a status reply as a focal point writes it in chat, with or without diacritics, informal
 * spelling and polite particles: "2.5 xong", "Dạ NV 3.7 đã hoàn thành - QĐ số 123/QĐ-UBND ạ",
 * "II.3.2 chưa hoàn thành, đang làm 60%", "2.4 vướng: chưa có kinh phí", "gia hạn 1.6 đến 30/9
 * vì chờ hướng dẫn của Bộ", "2.5, 2.6 xong". Negation and hedges are read ("chưa xong", "sắp
 * xong", "không hoàn thành được vì …"): a reply whose completion verb is negated is never done.
 * When unsure it says "unclear" with the doubt, so the chat asks back. Pure.
 */
export function readStatusReply(raw: string, today: CivilDate): Outcome {
  const typed = raw.normalize('NFC').replace(/[\u00a0\u200b\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  if (typed === '') return { ok: false, error: { code: 'empty' } };
  if (typed.length > MAX_REPLY_LENGTH) return { ok: false, error: { code: 'too_long', length: typed.length } };
  // Emoji and other symbols outside the basic plane say nothing about status; they would also shift positions.
  const text = typed.replace(/[\u{10000}-\u{10FFFF}]/gu, ' ').replace(/\s+/g, ' ').trim();
  const evidence = findEvidence(text);
  const folded = foldAligned(text);
  let key = blank(folded, evidence.spans);
  const dates = findDates(key);
  const percents = findPercents(key);
  key = blank(key, [...dates.map((d) => d.span), ...percents.map((p) => p.span)]);
  const codeHits = findCodes(key);
  if (codeHits.length === 0) return { ok: false, error: { code: 'no_code' } };
  const codes = [...new Set(codeHits.map((h) => h.code))];
  const bare = blank(key, codeHits);

  // Codes next to each other ("2.5, 2.6 và 2.7") form one group; each group's statement runs to the next group.
  const groups: { start: number; end: number }[] = [];
  for (const hit of codeHits) {
    const last = groups[groups.length - 1];
    if (last && CODE_SEPARATORS.test(key.slice(last.end, hit.start))) last.end = hit.end;
    else groups.push({ start: hit.start, end: hit.end });
  }
  const percent = percents.length > 0 ? percents[percents.length - 1]!.value : null;
  if (percent !== null && percent > 100) return { ok: false, error: { code: 'bad_progress', value: percent } };

  const question = QUESTION.test(folded);
  const readings = groups.map((group, index) => {
    const from = index === 0 ? 0 : group.start;
    const to = groups[index + 1]?.start ?? bare.length;
    const scope = bare.slice(from, to);
    const scopePercents = percents.filter((p) => p.span.start >= from && p.span.start < to);
    const scopePercent = scopePercents.length > 0 ? scopePercents[scopePercents.length - 1]!.value : null;
    return decide(readSignals(scope), scopePercent);
  });
  let { status, doubt } = readings[0]!;
  if (readings.some((r) => r.status !== status)) {
    status = 'unclear';
    doubt = 'mixed';
  }
  // The invariant, checked on the whole reply: a negated completion anywhere means not done.
  if (status === 'done' && readSignals(bare).negatedDone) {
    status = 'unclear';
    doubt = 'contradiction';
  }
  if (question && status !== 'extension') {
    status = 'unclear';
    doubt = 'question';
  }

  let date: CivilDate | null = null;
  if (status === 'extension') {
    const found = extensionDate(text, blank(key, codeHits), dates, today);
    if (!found.ok) return { ok: false, error: found.error.code === 'no_date' ? { code: 'no_date', taskCode: codes[0]! } : found.error };
    date = found.date;
  }
  const progress = status === 'done' ? 100 : status === 'progress' || status === 'problem' ? percent : null;
  const reason = findReason(text, blank(key, codeHits), status, evidence.values);
  return { ok: true, value: { codes, status, progress, date, reason, evidence: evidence.values, doubt: status === 'unclear' ? doubt : null } };
}

function extensionDate(
  text: string,
  key: string,
  dates: { day: number; month: number; year: number | null; span: Span }[],
  today: CivilDate,
): { ok: true; date: CivilDate } | { ok: false; error: StatusReplyProblem } {
  const todayYear = Number(today.slice(0, 4));
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
    if (candidate < today) return { ok: false, error: { code: 'past_date', date: candidate } };
    if (Number(candidate.slice(0, 4)) > Number(today.slice(0, 4)) + MAX_EXTENSION_YEARS) return { ok: false, error: { code: 'far_date', date: candidate } };
    return { ok: true, date: candidate };
  }
  // "đến cuối tháng 9", "sang quý III", "đến hết năm": the deadline grammar reads the rest.
  for (const tail of key.matchAll(/\b(?:den|toi|sang|lui|keo dai|gia han)\s+(?:den\s+|toi\s+)?(?:het\s+|cuoi\s+)?((?:thang|quy|nam|\d)[^,;.]*)/g)) {
    const words = text.slice(tail.index + tail[0].length - tail[1]!.length, tail.index + tail[0].length);
    const reading = parseDeadline(words.replace(/\s+(vì|vi|do|lý do|ly do)\s.*$/iu, ''), { year: todayYear });
    if (reading.kind === 'due' && reading.dates.length === 1) {
      let candidate = reading.dates[0]!;
      if (candidate < today && !/\d{4}/.test(words)) candidate = `${todayYear + 1}${candidate.slice(4)}`;
      if (candidate < today) return { ok: false, error: { code: 'past_date', date: candidate } };
      if (Number(candidate.slice(0, 4)) > Number(today.slice(0, 4)) + MAX_EXTENSION_YEARS) return { ok: false, error: { code: 'far_date', date: candidate } };
      return { ok: true, date: candidate };
    }
  }
  return { ok: false, error: { code: 'no_date', taskCode: '' } };
}

/** The record the status service stores for one task of a reading (done/progress/problem/extension only). */
export function toTaskReply(reading: StatusReading, code: string): ParsedStatusReply | null {
  const status = ({ done: 'done', progress: 'in_progress', problem: 'blocked', extension: 'extension_requested' } as const)[reading.status as Exclude<ReplyStatus, 'unclear'>];
  if (!status) return null;
  return {
    code,
    status,
    progress: reading.status === 'done' ? 100 : reading.progress,
    reason: reading.reason,
    evidence: reading.evidence.length > 0 ? reading.evidence.join(', ') : null,
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
