/**
 * The "Căn cứ" of a report: the plan in force cited from its own document (Nghị định 30/2020,
 * Phụ lục I, II.6.b: type, number, date, issuer, title), as stored at import (migration 0021,
 * src/documents/header-reader.ts) or set by `npm run cli -- plan doc`. A part that is not known stays
 * null and the report shows a "[bổ sung]" blank: never a guess. Also reads and checks the values an
 * admin types to set or correct them.
 */
import { parseTypedDay, type CivilDate } from '../domain/civil-date.js';
import { err, ok, type Result } from '../domain/result.js';
import { textKey } from '../domain/text-key.js';
import type { Plan, PlanDocument } from '../store/plan-repo.js';

/** One plan as the report cites it; each part null when dondoc does not know it. */
export interface PlanCitation {
  kind: string | null;
  number: string | null;
  date: CivilDate | null;
  issuer: string | null;
  /** The trích yếu after the kind: "cải cách hành chính năm 2026". */
  subject: string | null;
}

/** The kinds of document a plan is published by, as header-reader names them. */
export const PLAN_DOC_KINDS = ['Kế hoạch', 'Quyết định'] as const;

/** A document number as printed after "Số:": "45/KH-UBND", "12/2026/QĐ-UBND", "163/KH-SNV". */
const DOC_NUMBER = /^\d{1,6}(?:\/\d{4})?\/[\p{Lu}\d&]+(?:-[\p{Lu}\d&]+)*$/u;

/** The kind a number's symbol states (KH → Kế hoạch, QĐ → Quyết định): read off the number, not guessed. */
function kindOfNumber(number: string | null): string | null {
  const symbol = number?.split('/').at(-1)?.split('-')[0];
  return symbol === 'KH' ? 'Kế hoạch' : symbol === 'QĐ' ? 'Quyết định' : null;
}

const isCapitals = (text: string) => /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);

/** The title without its kind word ("KẾ HOẠCH Cải cách …" → "cải cách …"); kept as printed when in capitals. */
function subjectOf(title: string | null): string | null {
  if (!title) return null;
  let rest = title.normalize('NFC').trim();
  for (const kind of PLAN_DOC_KINDS) {
    const words = kind.split(' ').length;
    const head = rest.split(/\s+/).slice(0, words).join(' ');
    if (textKey(head) === textKey(kind)) rest = rest.split(/\s+/).slice(words).join(' ');
  }
  rest = rest.replace(/^[\s:–-]+/, '');
  if (rest === '') return null;
  if (isCapitals(rest)) return rest;
  const first = rest.split(/\s/)[0]!;
  // "Cải cách …" → "cải cách …"; an abbreviation ("CCHC", "UBND") keeps its capitals.
  return isCapitals(first) && first.length > 1 ? rest : rest[0]!.toLowerCase() + rest.slice(1);
}

/**
 * How the report cites a plan. `agencyName` turns an issuer printed in capitals ("ỦY BAN NHÂN DÂN
 * TỈNH HÀ TĨNH") into the directory's name of that agency when the directory knows it by that name;
 * otherwise the issuer is cited as printed.
 */
export function citationOf(plan: Plan, agencyName: (printed: string) => string | null = () => null): PlanCitation {
  const issuer = plan.docIssuer ? (isCapitals(plan.docIssuer) ? (agencyName(plan.docIssuer) ?? plan.docIssuer) : plan.docIssuer) : null;
  return { kind: plan.docKind ?? kindOfNumber(plan.documentNo), number: plan.documentNo, date: plan.docDate, issuer, subject: subjectOf(plan.docTitle) };
}

/** What an admin sets on a plan's document: a field absent is left alone, null clears it. */
export type PlanDocumentPatch = Partial<PlanDocument & { documentNo: string | null }>;

/** Why a typed value is refused, worded for the person who typed it. */
export type PlanDocumentError = { code: string; message: string };

/**
 * Reads the values typed for a plan's document (number, date dd/mm/yyyy or yyyy-mm-dd, issuer,
 * kind, title; each optional) into a patch, or says which one is wrong and what to type instead.
 * `clear` names fields to forget (back to unknown).
 */
export function readPlanDocumentPatch(
  typed: { number?: string | undefined; date?: string | undefined; issuer?: string | undefined; kind?: string | undefined; title?: string | undefined },
  clear: string[] = [],
): Result<PlanDocumentPatch, PlanDocumentError> {
  const patch: PlanDocumentPatch = {};
  const fields: Record<string, keyof PlanDocumentPatch> = { number: 'documentNo', date: 'docDate', issuer: 'docIssuer', kind: 'docKind', title: 'docTitle' };
  for (const name of clear) {
    const field = fields[name];
    if (!field) return err({ code: name, message: `không có trường “${name}” để xoá; dùng number, date, issuer, kind hoặc title` });
    if (typed[name as keyof typeof typed] !== undefined) return err({ code: name, message: `vừa đặt vừa xoá “${name}”` });
    patch[field] = null;
  }
  const tidy = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (typed.number !== undefined) {
    const number = tidy(typed.number).replace(/\s*([/-])\s*/g, '$1').toUpperCase();
    if (!DOC_NUMBER.test(number)) return err({ code: 'number', message: `số hiệu “${typed.number}” không đúng dạng số/ký hiệu, ví dụ 45/KH-UBND hoặc 12/2026/QĐ-UBND` });
    patch.documentNo = number;
  }
  if (typed.date !== undefined) {
    const text = tidy(typed.date);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const day = iso ? parseTypedDay(`${iso[3]}/${iso[2]}/${iso[1]}`) : parseTypedDay(text);
    if (!day || day < '2000-01-01' || day > '2100-12-31') return err({ code: 'date', message: `ngày “${typed.date}” không có thật hoặc sai dạng; gõ ngày/tháng/năm, ví dụ 08/01/2026` });
    patch.docDate = day;
  }
  if (typed.issuer !== undefined) {
    const issuer = tidy(typed.issuer);
    if (!/\p{L}{2}/u.test(issuer) || issuer.length > 200) return err({ code: 'issuer', message: `cơ quan ban hành “${typed.issuer}” không đọc được; gõ tên như in trên văn bản, ví dụ “UBND tỉnh Hà Tĩnh”` });
    patch.docIssuer = issuer;
  }
  if (typed.kind !== undefined) {
    const kind = PLAN_DOC_KINDS.find((k) => textKey(k) === textKey(typed.kind!));
    if (!kind) return err({ code: 'kind', message: `loại văn bản “${typed.kind}” không có; dùng ${PLAN_DOC_KINDS.map((k) => `“${k}”`).join(' hoặc ')}` });
    patch.docKind = kind;
  }
  if (typed.title !== undefined) {
    const title = tidy(typed.title);
    if (!/\p{L}{2}/u.test(title) || title.length > 300) return err({ code: 'title', message: `tiêu đề “${typed.title}” không đọc được; gõ trích yếu như in trên văn bản, ví dụ “Kế hoạch cải cách hành chính năm 2026”` });
    patch.docTitle = title;
  }
  if (Object.keys(patch).length === 0) return err({ code: '', message: 'chưa có gì để đặt: thêm --number, --date, --issuer, --kind, --title hoặc --clear' });
  return ok(patch);
}
