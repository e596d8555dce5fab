/**
 * Vietnamese text from before Unicode, as old CSV and Excel files still carry it: a CSV saved in
 * Windows-1258 (cp1258: base letters and separate tone marks), and the "byte fonts" of the 1990s —
 * TCVN3 (ABC, the .VnTime fonts: one byte per letter) and VNI (VNI-Times: a letter then a byte for
 * its marks) — whose text reads as "Së Néi vô" or "Sôû Noäi vuï" when the font is lost. Each is
 * recognised by how Vietnamese the decoded text is (letters of the Vietnamese alphabet, at most one
 * tone per word) and converted to Unicode, or refused with the encoding named; text with U+FFFD
 * (already broken) is refused. cp1258 and TCVN3 bytes are decoded by iconv-lite; VNI by the table
 * below (no maintained library has it).
 */
import iconv from 'iconv-lite';

export type LegacyEncoding = 'windows-1258' | 'tcvn3' | 'vni';

/** How each encoding is named to a person. */
export const ENCODING_NAMES: Record<LegacyEncoding, string> = { 'windows-1258': 'Windows-1258 (cp1258)', tcvn3: 'TCVN3 (ABC, phông .VnTime)', vni: 'VNI (phông VNI-Times)' };

export type EncodingProblem =
  /** Not UTF-8 and none of the legacy encodings reads as Vietnamese. */
  | { code: 'unknown_encoding' }
  /** Most likely `encoding`, but `bad` characters would not convert: refused rather than stored wrong. */
  | { code: 'unconvertible'; encoding: LegacyEncoding; bad: number }
  /** The text already holds U+FFFD: it was broken before it reached dondoc. */
  | { code: 'replacement_characters' };

const TONES = '\u0300\u0301\u0303\u0309\u0323';
const SHAPES = '\u0302\u0306\u031b';
/** Punctuation a Vietnamese table may hold beside letters (typographic quotes and dashes, the no-break space). */
const ALLOWED = new Set([...'“”‘’–—…•°№\u00a0']);

function isVietnameseLetter(char: string): boolean {
  if (char === 'đ' || char === 'Đ') return true;
  // Decomposed: a Latin letter, at most one shape mark (â, ă, ơ) and one tone, in either order (ệ is e, dot below, circumflex).
  const [base, ...marks] = [...char.normalize('NFD')];
  if (!/^[a-zA-Z]$/.test(base!)) return false;
  const shapes = marks.filter((m) => SHAPES.includes(m)).length;
  const tones = marks.filter((m) => TONES.includes(m)).length;
  return shapes + tones === marks.length && shapes <= 1 && tones <= 1;
}

const TONED = new RegExp(`[${TONES}]`);

/**
 * How far a text is from Vietnamese: characters outside the Vietnamese alphabet (other Latin
 * letters, symbols, stray combining marks, U+FFFD, control characters) plus words with two tones
 * (a syllable has one). 0 for real Vietnamese text.
 */
export function foreignness(text: string): number {
  let score = 0;
  let tones = 0;
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      if (code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') score += 1;
      // A word ends at anything but a letter.
      if (!((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))) {
        if (tones > 1) score += 1;
        tones = 0;
      }
      continue;
    }
    const kind = charKind(char);
    if (kind === 'foreign') score += 1;
    if (kind === 'toned') tones += 1;
    if (kind === 'other') {
      if (tones > 1) score += 1;
      tones = 0;
    }
  }
  return score + (tones > 1 ? 1 : 0);
}

const KINDS = new Map<string, 'letter' | 'toned' | 'foreign' | 'other'>();
/** A non-ASCII character: a Vietnamese letter (with a tone or not), a foreign one, or a sign that ends a word. */
function charKind(char: string): 'letter' | 'toned' | 'foreign' | 'other' {
  let kind = KINDS.get(char);
  if (kind) return kind;
  const code = char.codePointAt(0)!;
  if (isVietnameseLetter(char)) kind = TONED.test(char.normalize('NFD')) ? 'toned' : 'letter';
  // Letters outside the Vietnamese alphabet, stray marks, and the Latin-1 signs byte fonts show as ("¸", "µ", "®").
  else if (!ALLOWED.has(char) && (/[\p{L}\p{M}\p{Cc}\ufffd]/u.test(char) || (code >= 0xa0 && code <= 0xbf))) kind = 'foreign';
  else kind = 'other';
  if (KINDS.size < 10_000) KINDS.set(char, kind);
  return kind;
}

// VNI: a vowel, then one byte for its marks (cp1252 letters); ô, ö, ñ … alone are ơ, ư, đ ….
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN_BASE: Record<string, string> = { ô: 'ơ', Ô: 'Ơ', ö: 'ư', Ö: 'Ư' };
const VNI_MARKS: Record<string, string> = {};
for (const [lower, marks] of [
  ['ù', '\u0301'], ['ø', '\u0300'], ['û', '\u0309'], ['õ', '\u0303'], ['ï', '\u0323'],
  ['â', CIRCUMFLEX], ['á', CIRCUMFLEX + '\u0301'], ['à', CIRCUMFLEX + '\u0300'], ['å', CIRCUMFLEX + '\u0309'], ['ã', CIRCUMFLEX + '\u0303'], ['ä', CIRCUMFLEX + '\u0323'],
  ['ê', BREVE], ['é', BREVE + '\u0301'], ['è', BREVE + '\u0300'], ['ú', BREVE + '\u0309'], ['ü', BREVE + '\u0303'], ['ë', BREVE + '\u0323'],
] as const) {
  VNI_MARKS[lower] = marks;
  VNI_MARKS[lower.toUpperCase()] = marks;
}
const VNI_LETTERS: Record<string, string> = { ...HORN_BASE, ñ: 'đ', Ñ: 'Đ', æ: 'ỉ', Æ: 'Ỉ', ó: 'ĩ', Ó: 'Ĩ', ò: 'ị', Ò: 'Ị', î: 'ỵ', Î: 'Ỵ' };
const VNI_PATTERN = new RegExp(`([aAeEoOuUyYôÔöÖ])([${Object.keys(VNI_MARKS).join('')}])|([${Object.keys(VNI_LETTERS).join('')}])`, 'g');

/** VNI text (as a cp1252 reading shows it: "Sôû Noäi vuï") to Unicode ("Sở Nội vụ"). */
export function vniToUnicode(text: string): string {
  return text
    .replace(VNI_PATTERN, (_all, base: string | undefined, marks: string | undefined, letter: string | undefined) =>
      letter ? VNI_LETTERS[letter]! : (HORN_BASE[base!] ?? base!) + VNI_MARKS[marks!]!,
    )
    .normalize('NFC');
}

/** The characters cp1252 has a byte for (what a byte font's text can be made of). */
const CP1252 = new Set([...iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'windows1252')].filter((c) => c !== '\ufffd'));
const inCp1252 = (char: string) => CP1252.has(char);

/**
 * TCVN3 text as a cp1252 reading shows it ("Së Néi vô") to Unicode; characters cp1252 has no byte
 * for (typed in a Unicode font beside the old one) are kept as they are.
 */
function tcvn3FromText(text: string): string {
  let out = '';
  let run = '';
  for (const char of text) {
    if (inCp1252(char)) run += char;
    else {
      out += iconv.decode(iconv.encode(run, 'windows1252'), 'tcvn') + char;
      run = '';
    }
  }
  return (out + iconv.decode(iconv.encode(run, 'windows1252'), 'tcvn')).normalize('NFC');
}

/**
 * Decodes a table file's bytes to Unicode text: UTF-8 (with or without BOM), else Windows-1258,
 * TCVN3 or VNI bytes, whichever reads as Vietnamese; UTF-8 text that is TCVN3 or VNI seen through
 * cp1252 ("Së Néi vô") is converted as well. `encoding` says what was converted (null: UTF-8 as is).
 */
export function decodeVietnamese(data: Buffer): { ok: true; text: string; encoding: LegacyEncoding | null } | { ok: false; problem: EncodingProblem } {
  const body = data.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? data.subarray(3) : data;
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    utf8 = null;
  }
  if (utf8 !== null) return fixFontText(utf8);
  const readings = (
    [
      ['windows-1258', iconv.decode(body, 'windows1258').normalize('NFC')],
      ['tcvn3', iconv.decode(body, 'tcvn').normalize('NFC')],
      ['vni', vniToUnicode(iconv.decode(body, 'windows1252'))],
    ] as [LegacyEncoding, string][]
  )
    .map(([encoding, text]) => ({ encoding, text, score: foreignness(text) }))
    .sort((a, b) => a.score - b.score);
  const [best, next] = readings as [(typeof readings)[number], (typeof readings)[number]];
  if (best.score === 0) return { ok: true, text: best.text, encoding: best.encoding };
  // Some characters would not convert: name the likeliest encoding, store nothing.
  if (best.score * 4 <= next.score) return { ok: false, problem: { code: 'unconvertible', encoding: best.encoding, bad: best.score } };
  return { ok: false, problem: { code: 'unknown_encoding' } };
}

/**
 * Cells of any table (CSV or XLSX) whose text is TCVN3 or VNI seen through cp1252 are converted
 * when the conversion reads as Vietnamese and the text as it stands does not; U+FFFD is refused.
 */
export function fixFontText(text: string): { ok: true; text: string; encoding: LegacyEncoding | null } | { ok: false; problem: EncodingProblem } {
  if (text.includes('\ufffd')) return { ok: false, problem: { code: 'replacement_characters' } };
  const score = foreignness(text);
  if (score === 0) return { ok: true, text, encoding: null };
  const candidates = [
    { encoding: 'tcvn3' as const, text: tcvn3FromText(text) },
    { encoding: 'vni' as const, text: vniToUnicode(text) },
  ]
    .map((c) => ({ ...c, score: foreignness(c.text) }))
    .sort((a, b) => a.score - b.score);
  const best = candidates[0]!;
  // Converted only when that reads as Vietnamese and clearly better than the text as it stands
  // (a name with an "ø" or a "½" in a note is left alone).
  if (best.score === 0 && score >= 3) return { ok: true, text: best.text, encoding: best.encoding };
  // Clearly TCVN3 or VNI, but some characters would not convert: refused rather than stored as "Së Néi vô".
  if (score >= 10 && best.score * 4 <= score) return { ok: false, problem: { code: 'unconvertible', encoding: best.encoding, bad: best.score } };
  return { ok: true, text, encoding: null };
}

/**
 * The cells of a table, each converted when the table as a whole is TCVN3 or VNI text seen through
 * cp1252 (fixFontText decides on all the cells together); any U+FFFD refuses the table.
 */
export function fixFontRows(rows: string[][]): { ok: true; rows: string[][]; encoding: LegacyEncoding | null } | { ok: false; problem: EncodingProblem } {
  const whole = fixFontText(rows.map((row) => row.join('\t')).join('\n'));
  if (!whole.ok) return whole;
  if (whole.encoding === null) return { ok: true, rows, encoding: null };
  const convert = whole.encoding === 'vni' ? vniToUnicode : tcvn3FromText;
  return { ok: true, rows: rows.map((row) => row.map((cell) => (cell === '' ? cell : convert(cell)))), encoding: whole.encoding };
}
