/**
 * Which words of a cell OCR read that the admin should look at before confirming, though they are
 * not doubtful enough to hold a task back (ocr-reader's MIN_WORD_CONFIDENCE does that): a word read
 * with confidence under REVIEW_CONFIDENCE, or one that cannot be a Vietnamese syllable nor an
 * abbreviation ("tcủa", "IIH", "Iàm") — tesseract reports such misreads confidently. Nothing is
 * changed: the words are only named in the import preview.
 */
import { possibleSyllable } from '../../domain/vietnamese-syllable.js';

/** A word of a cell as read: its text and tesseract's confidence (0–100; 100 where counted in the pixels). */
export interface ReadWord {
  text: string;
  confidence: number;
}

/**
 * A word read with confidence under this is named in the preview. Measured on the four scan
 * fixtures, in task names and headings (523 words): of the 1,015 words read right (all cells) 985
 * score 90 or more; the misreads that pass MIN_WORD_CONFIDENCE score 76–94 ("quyển" for "quyền" 76,
 * "QUYỂN" 82, 88, 92). Under 90: 10 words named, 7 of them misread (the 3 others "THỂ" 89, 89 and
 * "chất" 79); under 92 it would be 17 (8 misread), under 94 47 (10).
 */
export const REVIEW_CONFIDENCE = 90;

/** Punctuation a word may carry at either end: brackets, quotes, a full stop, a comma, a colon. */
const EDGES = /^[("“‘'[]+|[)"”’'\].,;:!?…]+$/gu;
const ROMAN = /^[IVXL]+$/;

/**
 * Whether `word` (as OCR read it, with its punctuation) is certainly not what a printed plan says:
 * a part (between "-", "/", "&") that is no Vietnamese syllable, nor a Roman numeral, nor an
 * abbreviation in capitals without tone marks ("UBND", "TTHC", "HĐND"), nor a brand written in mixed
 * case without Vietnamese marks ("VNeID", "IoT"). Numbers and anything with a digit are not judged
 * here (deadlines and labels have their own checks). Roman numerals followed by letters ("IIH",
 * "IIL") are misread Roman numerals ("III").
 */
export function certainlyMisread(word: string): boolean {
  // Signs plans print alone: a bullet, a percent, a dash, the end mark "./.".
  if (/^(?:\.\/\.|[%+•–—-])$/u.test(word)) return false;
  const bare = word.normalize('NFC').replace(/\.\/\.$/u, '').replace(EDGES, '');
  if (bare === '' || /\d/u.test(bare)) return false;
  return bare.split(/[-–/&]/u).some((part) => {
    if (part === '') return false;
    // A letter alone is a point of a legal reference ("điểm b khoản 1"); capitals with stops an abbreviation ("TP.HCM").
    if (/^[a-zđ]$/u.test(part) || /^[A-ZĐ]+(?:\.[A-ZĐ]+)+$/u.test(part)) return false;
    if (/[^\p{L}]/u.test(part)) return true;
    if (possibleSyllable(part)) return false;
    const marked = /[\u0300-\u036f]/u.test(part.normalize('NFD').replace(/Đ|đ/gu, ''));
    if (part === part.toUpperCase()) {
      if (ROMAN.test(part)) return false;
      if (/^I{2,}/u.test(part)) return true;
      return marked;
    }
    // Mixed case inside the word ("VNeID", "iGate"): a name or brand, unless it carries Vietnamese marks.
    if (/\p{Lu}/u.test(part.slice(1))) return marked;
    return true;
  });
}

/** A sub-task's label at the start of a cell ("a)", "đ.", "-"): judged by the label checks, not here. */
const LABEL = /^([a-zđ][).]|[-+•])$/u;

/** The words of a cell the preview names for checking: read with confidence under REVIEW_CONFIDENCE, or certainly misread. */
export function wordsToCheck(words: ReadWord[]): ReadWord[] {
  return words.filter((w, i) => !(i === 0 && LABEL.test(w.text)) && (w.confidence < REVIEW_CONFIDENCE || certainlyMisread(w.text)));
}
