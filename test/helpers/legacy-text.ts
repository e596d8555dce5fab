import iconv from 'iconv-lite';

const CP1258_TONES: Record<string, number> = { '\u0300': 0xcc, '\u0301': 0xec, '\u0303': 0xde, '\u0309': 0xd2, '\u0323': 0xf2 };

/**
 * Text as Windows writes it in Windows-1258 (cp1258): each letter's shape (â, ơ, ư, ă, đ) in one
 * byte and its tone as a separate combining byte after it, as "CSV (Windows)" saves Vietnamese.
 */
export function toCp1258(text: string): Buffer {
  const bytes: Buffer[] = [];
  for (const char of text.normalize('NFC')) {
    const marks = [...char.normalize('NFD')];
    const tone = marks.find((m) => m in CP1258_TONES);
    const shape = marks.filter((m) => m !== tone).join('').normalize('NFC');
    bytes.push(iconv.encode(shape, 'windows1258'));
    if (tone) bytes.push(Buffer.from([CP1258_TONES[tone]!]));
  }
  return Buffer.concat(bytes);
}
