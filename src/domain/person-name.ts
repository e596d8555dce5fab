import { err, ok, type Result } from './result.js';

/** The longest full name accepted (the longest Vietnamese names, with a middle name or two, are about 40). */
export const NAME_MAX_CHARS = 60;

/** Why a typed full name is refused. */
export type PersonNameError =
  | { code: 'empty' }
  | { code: 'one_word' }
  | { code: 'too_long'; max: number }
  /** Characters no name holds (digits, symbols, emoji), each once, in the order typed. */
  | { code: 'bad_characters'; chars: string[] };

// A word of a name: letters (any script, with their tone marks), joined by an apostrophe or a hyphen
// inside the word — "H'Hen Niê", "Ksor H’Ble" (Ê Đê, Gia Rai names) as well as "Nguyễn Thị Hoa".
const WORD = /^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u;
const ALLOWED = /[\p{L}\p{M}'’\- ]/u;

/**
 * A full name as a person types it for themself ("họ tên"), made tidy — one NFC form (keyboards send
 * Vietnamese tone marks composed or not), single spaces — or why it is refused: nothing typed, a
 * single word (a given name alone is not a full name), longer than NAME_MAX_CHARS, or characters no
 * name holds. Letter case is kept as typed: dondoc does not guess how a name is written.
 */
export function readPersonName(typed: string): Result<string, PersonNameError> {
  const name = typed.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (name === '') return err({ code: 'empty' });
  const bad = [...new Set([...name].filter((c) => !ALLOWED.test(c)))];
  if (bad.length > 0) return err({ code: 'bad_characters', chars: bad });
  const words = name.split(' ');
  // Only an apostrophe or hyphen at the edge of a word is left (e.g. "Hoa -"): not a name's spelling.
  const stray = words.filter((w) => !WORD.test(w));
  if (stray.length > 0) return err({ code: 'bad_characters', chars: [...new Set(stray.join('').replace(/[\p{L}\p{M}]/gu, ''))] });
  if (words.length < 2) return err({ code: 'one_word' });
  if ([...name].length > NAME_MAX_CHARS) return err({ code: 'too_long', max: NAME_MAX_CHARS });
  return ok(name);
}
