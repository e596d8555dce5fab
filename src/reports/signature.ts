/**
 * The signature block and "Nơi nhận" of an agency's report as an admin types them, checked against
 * what Nghị định 30/2020/NĐ-CP allows (Điều 13 and Phụ lục I, II.8: "TM." only for a collective body
 * such as an Ủy ban nhân dân; "KT.", "TL.", "TUQ." followed by the title of the one who signs;
 * the title in capitals; II.11: "Nơi nhận" ends with "Lưu: VT"). Pure: the service stores the result.
 */
import { readPersonName } from '../domain/person-name.js';
import { err, ok, type Result } from '../domain/result.js';

export type SignatureError = { code: string; message: string };

/** Kinds of agency that sign as a collective body ("TM. ỦY BAN NHÂN DÂN"). */
const COLLECTIVE_KINDS = new Set(['ubnd_tinh', 'ubnd_huyen', 'ubnd_xa']);
/** The signing words of Điều 13, as written before the title. */
const PREFIXES = ['TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'] as const;
const MAX_LINE = 60;
const MAX_RECIPIENTS = 20;

const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi-VN');

/**
 * The signer's title, its lines split at "/" or a new line ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"), written
 * in capitals; refused: no line, more than three, a line too long or without letters, "KT."/"TL."/
 * "TUQ." with nothing under it, "TM." for an agency that is not a collective body, a prefix on the
 * last line, three lines not opening with "TM.".
 */
export function readSignerTitle(typed: string, agencyKind: string): Result<string[], SignatureError> {
  const lines = typed
    .split(/[/\n]/)
    .map((l) => upper(l).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    // "KT GIÁM ĐỐC", "kt.giám đốc" → "KT. GIÁM ĐỐC"
    .map((l) => l.replace(/^(TM|KT|TL|TUQ|Q)\.?\s*(?=\p{L})/u, '$1. '));
  const example = 'ví dụ: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC';
  if (lines.length === 0) return err({ code: 'empty', message: `chưa có chức vụ người ký (${example})` });
  if (lines.length > 3) return err({ code: 'too_many', message: `chức vụ người ký có nhiều nhất 3 dòng (${example})` });
  for (const line of lines) {
    if (!/\p{L}{2}/u.test(line) || /\d/.test(line) || line.length > MAX_LINE) return err({ code: 'bad_line', message: `dòng “${line}” không phải một chức vụ (${example})` });
  }
  const prefixOf = (line: string) => PREFIXES.find((p) => line.startsWith(`${p} `)) ?? null;
  const last = lines.at(-1)!;
  if (prefixOf(last)) return err({ code: 'dangling', message: `sau “${last}” cần dòng chức vụ của người ký, ${example}` });
  if (lines.some((l) => prefixOf(l) === 'TM.') && !COLLECTIVE_KINDS.has(agencyKind))
    return err({ code: 'collective', message: '“TM.” (thay mặt) chỉ dùng cho tập thể như Ủy ban nhân dân; sở, ngành ký “KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC” hoặc “GIÁM ĐỐC”' });
  if (lines.length === 3 && prefixOf(lines[0]!) !== 'TM.') return err({ code: 'three_lines', message: 'ba dòng chỉ dùng khi ký thay mặt tập thể, ví dụ TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' });
  if (lines.length === 2 && !prefixOf(lines[0]!)) return err({ code: 'two_lines', message: `dòng đầu của chức vụ hai dòng bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. (${example})` });
  return ok(lines);
}

/** The signer's full name, as readPersonName reads a name (kept as typed, never re-cased). */
export function readSignerName(typed: string): Result<string, SignatureError> {
  const read = readPersonName(typed);
  if (read.ok) return ok(read.value);
  return err({ code: 'name', message: `họ tên người ký “${typed.trim()}” không đọc được (cần họ và tên, chỉ chữ cái), ví dụ Nguyễn Văn An` });
}

/**
 * "Nơi nhận": items separated by ";" or new lines, each without its leading dash and final
 * punctuation; "Lưu: VT" added last when the list does not file a copy itself. Refused: no item,
 * more than 20, an item without letters or longer than 150 characters.
 */
export function readRecipients(typed: string): Result<string[], SignatureError> {
  const items = typed
    .normalize('NFC')
    .split(/[;\n]/)
    .map((x) => x.replace(/\s+/g, ' ').trim().replace(/^[-–•+]\s*/, '').replace(/[.;,]+$/, '').trim())
    .filter(Boolean);
  const example = 'ví dụ: Như trên; UBND tỉnh; Bộ Nội vụ';
  if (items.length === 0) return err({ code: 'empty', message: `chưa có nơi nhận nào (${example})` });
  if (items.length > MAX_RECIPIENTS) return err({ code: 'too_many', message: `nhiều nhất ${MAX_RECIPIENTS} nơi nhận` });
  for (const item of items) if (!/\p{L}{2}/u.test(item) || item.length > 150) return err({ code: 'bad_item', message: `“${item}” không phải một nơi nhận (${example})` });
  const filed = items.filter((x) => /^lưu\b/iu.test(x));
  const rest = items.filter((x) => !/^lưu\b/iu.test(x));
  return ok([...rest, ...(filed.length > 0 ? filed : ['Lưu: VT'])]);
}
