/**
 * Reads the document's own header — the letterhead and title block that Nghị định 30/2020/NĐ-CP
 * lays out above every administrative document — from the blocks before the task table: the
 * number ("Số: 45/KH-UBND"), place and date ("Hà Tĩnh, ngày 08 tháng 01 năm 2026"), the issuing
 * agency (the letterhead's agency lines, "ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH"), the kind ("KẾ HOẠCH",
 * "QUYẾT ĐỊNH") and the title under it. With or without diacritics; a part that is not printed,
 * blank (a draft's "ngày   tháng 01 năm 2026") or impossible stays null: never guessed.
 */
import { civilDate, type CivilDate } from '../domain/civil-date.js';
import { foldAligned, textKey } from '../domain/text-key.js';

/** The header as printed; each part null when the document does not say it. */
export interface DocumentHeader {
  /** "45/KH-UBND" */
  number: string | null;
  /** "Hà Tĩnh" (the place before ", ngày …") */
  place: string | null;
  date: CivilDate | null;
  /** The issuing agency as printed: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ NỘI VỤ". */
  issuer: string | null;
  kind: 'Kế hoạch' | 'Quyết định' | null;
  /** The kind line and the title lines under it: "KẾ HOẠCH Cải cách hành chính năm 2026". */
  title: string | null;
}

export const EMPTY_HEADER: DocumentHeader = { number: null, place: null, date: null, issuer: null, kind: null, title: null };

type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; grid: string[][] };

/** The national motto of the letterhead's right column: never part of the agency or the title. */
const MOTTO = [/cong hoa xa hoi chu nghia viet nam/, /doc lap\s*-\s*tu do\s*-\s*hanh phuc/];
const KINDS: [RegExp, DocumentHeader['kind']][] = [
  [/^ke hoach\b/, 'Kế hoạch'],
  [/^quyet dinh\b/, 'Quyết định'],
];
/** A line that starts the name of an agency (the letterhead may name the superior body first). */
const AGENCY_HEAD = /^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|so|ban|van phong|bo|thanh tra|cuc|chi cuc|trung tam|tinh uy|thanh uy|dang uy|hoi dong|kho bac|cong an|bao hiem)\b/;
/** The body begins: no header line comes after these. */
const BODY_START = /^(?:can cu|thuc hien|kinh gui|i\.|phan i\b|muc dich|noi nhan)/;
/** The authority line under a Quyết định's title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"). */
const AUTHORITY = /^(?:chu tich|giam doc|truong ban|uy ban nhan dan|ubnd|tm\.|kt\.)/;
const NUMBER = /^so\s*:?\s*(\d{1,6}\s*(?:\/\s*\d{4}\s*)?\/\s*[a-z0-9]+(?:\s*[-–]\s*[a-z0-9&]+)*)/;
const LONE_NUMBER = /^\d{1,6}(?:\/\d{4})?\/[a-z]+[a-z0-9]*(?:[-–][a-z0-9&]+)+$/;
const DATE = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\b/;
const DATE_WORDS = /\bngay\b[^,;]*\bthang\b[^,;]*\bnam\b/;

const isCapitals = (line: string) => /\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line);
const isRule = (line: string) => /^[\s\-_–—=.*~]*$/.test(line);

interface Line {
  text: string;
  /** In a table (the letterhead) rather than a paragraph. */
  table: boolean;
  /** Empty, or only a rule drawn with dashes or underscores: ends a title. */
  blank: boolean;
}

/** The lines of the blocks, in reading order: a table's cells row by row, each cell's lines in turn; the national motto cut out. */
function linesOf(blocks: Block[]): Line[] {
  const lines: Line[] = [];
  for (const block of blocks) {
    const texts = block.kind === 'paragraph' ? [block.text] : block.grid.flatMap((row) => row);
    for (const text of texts) {
      for (const raw of text.split('\n')) {
        const line = withoutMotto(raw);
        lines.push({ text: line, table: block.kind === 'table', blank: isRule(line) });
      }
    }
  }
  return lines;
}

/** Cuts the national motto out of a line (a PDF puts the letterhead's two columns on one line). */
function withoutMotto(line: string): string {
  let out = line.normalize('NFC');
  for (const motto of MOTTO) {
    const match = motto.exec(foldAligned(out));
    if (match) out = `${out.slice(0, match.index)} ${out.slice(match.index + match[0].length)}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The kind a line opens with, when it is written in capitals ("KẾ HOẠCH", "QUYET DINH"), and the length of that word. */
function kindOf(line: string): { kind: NonNullable<DocumentHeader['kind']>; length: number } | null {
  const folded = foldAligned(line);
  for (const [pattern, kind] of KINDS) {
    const match = pattern.exec(folded);
    if (match && kind && isCapitals(line.slice(0, match[0].length))) return { kind, length: match[0].length };
  }
  return null;
}

/** Reads the header from the blocks before the task table (paragraphs and the letterhead table). */
export function readDocumentHeader(blocks: Block[]): DocumentHeader {
  const header: DocumentHeader = { ...EMPTY_HEADER };
  const lines = linesOf(blocks);
  const bodyAt = lines.findIndex((l) => BODY_START.test(textKey(l.text)));
  const searched = bodyAt >= 0 ? bodyAt : Math.min(lines.length, 60);
  // The kind line: "KẾ HOẠCH" or "QUYẾT ĐỊNH" in capitals, alone or followed by the title, before the body.
  let kindAt = -1;
  for (let i = 0; i < searched; i += 1) {
    const kind = kindOf(lines[i]!.text);
    if (kind && !NUMBER.test(foldAligned(lines[i]!.text))) {
      kindAt = i;
      header.kind = kind.kind;
      break;
    }
  }
  // The letterhead is what comes before the kind line (without one: the first lines before the body).
  // The "(Kèm theo …)" line of a Phụ lục is another document's number and date, never the letterhead's.
  const appendixLines = new Set(appendixRange(lines));
  const letterhead = mergeWrappedNumber(lines.slice(0, kindAt >= 0 ? kindAt : Math.min(searched, 20)).filter((l) => !l.blank && !appendixLines.has(l)));
  const agencyLines: string[] = [];
  let agencyDone = false;
  letterhead.forEach((line, i) => {
    let text = line.text;
    const folded = foldAligned(text);
    const number = NUMBER.exec(folded);
    if (number) {
      const start = number.index + number[0].length - number[1]!.length;
      if (!header.number) header.number = text.slice(start, number.index + number[0].length).replace(/\s+/g, '');
      text = `${text.slice(0, number.index)} ${text.slice(number.index + number[0].length)}`.trim();
      agencyDone = true;
    } else if (!header.number && LONE_NUMBER.test(folded.replace(/\s+/g, ''))) {
      header.number = text.replace(/\s+/g, '');
      agencyDone = true;
      return;
    }
    const key = foldAligned(text);
    const date = DATE_WORDS.exec(key);
    if (date) {
      agencyDone = true;
      const parts = DATE.exec(key);
      if (parts && !header.date) header.date = civilDate(Number(parts[3]), Number(parts[2]), Number(parts[1]));
      const before = text.slice(0, date.index).replace(/[,\s]+$/, '').trim();
      // The place stands before ", ngày …" on the same line, or alone on the line above, ending in a comma.
      const above = letterhead[i - 1]?.text.trim() ?? '';
      const place = before !== '' ? before : /,$/.test(above) && !isCapitals(above) ? above.replace(/,$/, '').trim() : '';
      if (place && !header.place && !/\d/.test(place)) header.place = place;
      return;
    }
    if (!agencyDone && text !== '' && isCapitals(text)) agencyLines.push(text);
  });
  header.issuer = readAcross(agencyLines) ? null : issuerOf(agencyLines);
  if (kindAt >= 0) header.title = titleFrom(lines, kindAt);
  // A Phụ lục issued as a file of its own has no letterhead: the line under its title says which
  // document it goes with ("(Kèm theo Kế hoạch số 123/KH-UBND ngày 15/01/2026 của UBND tỉnh …)").
  if (header.number === null && header.date === null && header.issuer === null) {
    const appendix = appendixOf(lines);
    if (appendix) {
      header.number = appendix.number;
      header.date = appendix.date;
      header.issuer = appendix.issuer;
      header.kind ??= appendix.kind;
    }
  }
  return header;
}

const MOTTO_WORDS = ['cong', 'hoa', 'xa', 'hoi', 'chu', 'nghia', 'viet', 'nam'];

/**
 * True when the letterhead's lines hold the words of "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in order but not
 * together: the two columns were read across ("ỦY CỘNG", "BAN HÒA", …), so no line is one column's.
 */
function readAcross(lines: string[]): boolean {
  const tokens = textKey(lines.join(' ')).split(' ');
  let next = 0;
  for (const token of tokens) if (token === MOTTO_WORDS[next]) next += 1;
  return next === MOTTO_WORDS.length && !` ${tokens.join(' ')} `.includes(` ${MOTTO_WORDS.join(' ')} `);
}

/**
 * "Số:" with its number wrapped over the next lines of a narrow column ("Số:" / "45/KH-" / "UBND"): one line
 * "Số: 45/KH-UBND". A line is joined to the next only while it visibly goes on (ends in ":", "-" or "/").
 */
function mergeWrappedNumber(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i]!;
    if (/^so\s*:?/.test(foldAligned(line.text)) && !NUMBER.test(foldAligned(line.text))) {
      let text = line.text.trim();
      let j = i;
      while (j + 1 < lines.length && j - i < 3 && /[:/\-–]$/.test(text)) {
        j += 1;
        text = /:$/.test(text) ? `${text} ${lines[j]!.text.trim()}` : `${text}${lines[j]!.text.trim()}`;
      }
      if (NUMBER.test(foldAligned(text))) {
        line = { ...line, text };
        i = j;
      }
    }
    out.push(line);
  }
  return out;
}

/** "(Kèm theo …", "(Ban hành kèm theo …": the line under a Phụ lục's title naming the document it belongs to. */
const APPENDIX_START = /^\(?\s*(?:ban hanh\s+)?kem theo\b/;
const APPENDIX_KIND: [RegExp, DocumentHeader['kind']][] = [
  [/^\s*ke hoach\b/, 'Kế hoạch'],
  [/^\s*quyet dinh\b/, 'Quyết định'],
];
const APPENDIX_NUMBER = /\bso\s*:?\s*(\d{1,6}\s*(?:\/\s*\d{4}\s*)?\/\s*[a-z0-9]+(?:\s*[-–]\s*[a-z0-9&]+)*)/;
/** "ngày 15/01/2026", "ngày 15-01-2026", "ngày 15.01.2026" or "ngày 15 tháng 01 năm 2026". */
const APPENDIX_DATE = /\bngay\s+(?:(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))\b/;
/** The issuer after "của", up to ")" or "về …": an agency ("UBND tỉnh …", "Sở Nội vụ") or the head who signs for it ("Chủ tịch UBND tỉnh …"). */
const APPENDIX_ISSUER = /\bcua\s+(.+?)\s*(?:\)|[,;]|\s(?:ve|ve viec|ban hanh|phe duyet)\s|$)/;

/** The "(Kèm theo …)" line and the lines it goes on over, to the closing parenthesis (at most three more); none when there is no such line. */
function appendixRange(lines: Line[]): Line[] {
  const at = lines.findIndex((l) => APPENDIX_START.test(foldAligned(l.text)));
  if (at < 0) return [];
  const range = [lines[at]!];
  for (let i = at + 1; i < lines.length && i <= at + 3 && !range.some((l) => l.text.includes(')')); i += 1) range.push(lines[i]!);
  return range;
}

/**
 * Number, date, issuer and kind of the document a Phụ lục goes with, from its "(Kèm theo …)" line
 * (over up to three lines in a PDF, to the closing parenthesis): each part null when the line
 * leaves it out or blank (a draft's "số      /KH-UBND ngày   /01/2026") or the date is impossible.
 * Undefined when there is no such line before the task table. A number mentioned in any other
 * sentence ("Thực hiện Kế hoạch số …") is not this document's.
 */
function appendixOf(lines: Line[]): Pick<DocumentHeader, 'number' | 'date' | 'issuer' | 'kind'> | undefined {
  const range = appendixRange(lines);
  if (range.length === 0) return undefined;
  let text = range.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
  const closing = text.indexOf(')');
  if (closing >= 0) text = text.slice(0, closing + 1);
  const folded = foldAligned(text);
  const after = folded.replace(APPENDIX_START, '');
  const kind = APPENDIX_KIND.find(([pattern]) => pattern.test(after))?.[1] ?? null;
  const number = APPENDIX_NUMBER.exec(folded);
  const numberText = number ? text.slice(number.index + number[0].length - number[1]!.length, number.index + number[0].length).replace(/\s+/g, '') : null;
  const date = APPENDIX_DATE.exec(folded);
  const day = date ? (date[1] ? civilDate(Number(date[4]), Number(date[3]), Number(date[1])) : civilDate(Number(date[7]), Number(date[6]), Number(date[5]))) : null;
  const issuerMatch = APPENDIX_ISSUER.exec(folded);
  const issuerText = issuerMatch ? text.slice(issuerMatch.index + issuerMatch[0].indexOf(issuerMatch[1]!), issuerMatch.index + issuerMatch[0].indexOf(issuerMatch[1]!) + issuerMatch[1]!.length).trim() : '';
  const issuer = issuerText !== '' && (AGENCY_HEAD.test(textKey(issuerText)) || /^chu tich\b/.test(textKey(issuerText))) ? issuerText : null;
  return { number: numberText, date: day, issuer, kind };
}

/**
 * The issuing agency: the last agency name among the letterhead's capital lines (the first may be
 * its superior body: "UBND TỈNH HÀ TĨNH / SỞ NỘI VỤ"). A name starts at a line that opens with an
 * agency word (ỦY BAN NHÂN DÂN, SỞ, BAN, VĂN PHÒNG …) and goes on over at most two more lines
 * ("TỈNH HÀ TĨNH"); capital lines that name no agency ("PHỤ LỤC") are not an issuer.
 */
function issuerOf(lines: string[]): string | null {
  // A head word may be wrapped over lines in a narrow column ("ỦY / BAN / NHÂN / DÂN"): it is looked for at
  // each line's start in the text from there on; the lines it covers are not heads of their own. The name
  // goes on over the lines after its head, up to 8 more words ("TỈNH HÀ TĨNH", however wrapped).
  const words = (line: string) => textKey(line).split(' ').filter(Boolean).length;
  const names: { lines: string[]; extra: number }[] = [];
  let headUntil = -1;
  lines.forEach((line, i) => {
    const current = names[names.length - 1];
    if (i <= headUntil) {
      current!.lines.push(line);
      return;
    }
    const head = AGENCY_HEAD.exec(textKey(lines.slice(i).join(' ')));
    if (head) {
      let left = head[0].split(' ').length;
      let j = i;
      while (j < lines.length && (left -= words(lines[j]!)) > 0) j += 1;
      headUntil = j;
      names.push({ lines: [line], extra: 0 });
      return;
    }
    if (current && current.extra + words(line) <= 8) {
      current.lines.push(line);
      current.extra += words(line);
    }
  });
  const last = names[names.length - 1];
  const name = last ? last.lines.join(' ').replace(/\s+/g, ' ').trim() : null;
  // Words of the national motto inside the name: two columns were read across; unknown beats wrong.
  if (name && /\b(?:cong hoa|chu nghia|doc lap|tu do|hanh phuc)\b/.test(textKey(name))) return null;
  return name;
}

/**
 * The kind line and the title lines under it, up to a blank line or rule, a table, the authority line
 * or the body; a line starting with "STT" / "TT" is the header of a table printed without borders
 * (read from a PDF as lines), no title.
 */
function titleFrom(lines: Line[], kindAt: number): string | null {
  const first = lines[kindAt]!;
  const parts = [first.text];
  for (let i = kindAt + 1; i < lines.length && parts.length < 5; i += 1) {
    const line = lines[i]!;
    const key = textKey(line.text);
    if (line.blank || line.table !== first.table || BODY_START.test(key) || AUTHORITY.test(key) || /^(?:phu luc|so\s*:|s?tt\b)/.test(key)) break;
    parts.push(line.text);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
