import { civilDate, type CivilDate } from './civil-date.js';
import { textKey } from './text-key.js';

/** What a focal point's line of text says about one task. */
export interface ParsedStatusReply {
  /** The task code as typed ("2.5", "I.3.17", "NV 3.7" → "3.7"). */
  code: string;
  status: 'done' | 'in_progress' | 'blocked' | 'extension_requested';
  progress: number | null;
  reason: string | null;
  /** A document number given as evidence ("123/QĐ-UBND"). */
  evidence: string | null;
  /** For an extension: the new date asked for. */
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
  | { code: 'past_date'; date: CivilDate };

export const MAX_REPLY_LENGTH = 1000;

/** Status words as folded text (no diacritics), longest first within each status. */
const STATUS_WORDS: [ParsedStatusReply['status'], RegExp][] = [
  ['extension_requested', /\b(xin gia han|de nghi gia han|gia han|lui han|xin lui han)\b/],
  ['done', /\b(da hoan thanh|hoan thanh|da xong|xong|ht|done)\b/],
  ['blocked', /\b(vuong mac|vuong|kho khan|bi vuong|chua the|chua lam duoc|chua thuc hien duoc)\b/],
  ['in_progress', /\b(dang thuc hien|dang trien khai|dang lam|dang xu ly|da dat|dat|tien do)\b|\d{1,3}\s*%/],
];

const CODE = /(?:^|\s|:)(?:nv\.?\s*|nhiem vu\s*|ma\s*)?((?:[ivxl]+\.)?(?:[a-z]\.)?\d{1,2}(?:\.\d{1,2}){0,3}(?:\.[a-zđ])?)(?=$|\s|[:,;.\-–])/;

/**
 * Reads a status reply written in chat, with or without diacritics: "2.5 xong", "NV 3.7 đã hoàn
 * thành - QĐ số 123/QĐ-UBND", "2.3 đang làm 60%", "2.4 vướng: chưa có kinh phí", "gia hạn 1.6 đến
 * 30/9 vì chờ hướng dẫn của Bộ". Pure; expected problems come back as values.
 */
export function parseStatusReply(
  raw: string,
  today: CivilDate,
): { ok: true; value: ParsedStatusReply } | { ok: false; error: StatusReplyProblem } {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return { ok: false, error: { code: 'empty' } };
  if (text.length > MAX_REPLY_LENGTH) return { ok: false, error: { code: 'too_long', length: text.length } };
  const key = textKey(text);
  const codeMatch = CODE.exec(key);
  if (!codeMatch) return { ok: false, error: { code: 'no_code' } };
  const code = codeMatch[1]!.toUpperCase().replace(/^([IVXL]+)\./, '$1.');
  const statusHit = STATUS_WORDS.map(([status, pattern]) => ({ status, at: pattern.exec(key) })).filter((h) => h.at);
  if (statusHit.length === 0) return { ok: false, error: { code: 'no_status', taskCode: code } };
  // An extension request wins over the words inside its reason ("gia hạn … vì chưa xong").
  const status = statusHit.find((h) => h.status === 'extension_requested')?.status ?? statusHit.sort((a, b) => a.at!.index - b.at!.index)[0]!.status;

  // A document number has letters after its slash ("123/QĐ-UBND", "15/2024/NĐ-CP"); "30/9" is a date.
  const evidence = /(\d{1,5}\/(?:\d{4}\/)?\p{L}[\p{L}0-9]*(?:-[\p{L}0-9]+)*)/u.exec(text)?.[1] ?? null;
  const percent = /(\d{1,3})\s*%/.exec(key);
  let progress: number | null = percent ? Number(percent[1]) : null;
  if (progress !== null && progress > 100) return { ok: false, error: { code: 'bad_progress', value: progress } };
  if (status === 'done') progress = 100;

  let requestedDate: CivilDate | null = null;
  if (status === 'extension_requested') {
    const date = /(?:den|toi|sang|den ngay|toi ngay)?\s*(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?/.exec(key.replace(evidence ? textKey(evidence) : '\u0000', ''));
    if (!date) return { ok: false, error: { code: 'no_date', taskCode: code } };
    const day = Number(date[1]);
    const month = Number(date[2]);
    let year = date[3] ? Number(date[3]) : Number(today.slice(0, 4));
    let candidate = civilDate(year, month, day);
    if (!candidate) return { ok: false, error: { code: 'bad_date', text: `${date[1]}/${date[2]}${date[3] ? `/${date[3]}` : ''}` } };
    if (!date[3] && candidate < today) {
      year += 1;
      candidate = civilDate(year, month, day);
      if (!candidate) return { ok: false, error: { code: 'bad_date', text: `${date[1]}/${date[2]}` } };
    }
    if (candidate < today) return { ok: false, error: { code: 'past_date', date: candidate } };
    requestedDate = candidate;
  }

  // The reason: what follows "vì", "do", ":" or "-" (kept as typed, with diacritics).
  let reason: string | null = null;
  const because = /\s(?:vì|vi|do|lý do|ly do)\s+(.+)$/iu.exec(text) ?? /[:\-–]\s*(.+)$/u.exec(text);
  if (because && (status === 'blocked' || status === 'extension_requested' || status === 'in_progress')) reason = because[1]!.trim();
  if (reason && evidence && reason.includes(evidence) && status !== 'blocked') reason = null;
  return { ok: true, value: { code, status, progress, reason, evidence, requestedDate } };
}
