import { inflateRawSync } from 'node:zlib';

/** Limits for a document archive (.docx): only the parts the reader asks for are inflated, under this budget. */
export const DOCUMENT_ZIP_LIMITS = { maxEntries: 5_000, maxUnzippedBytes: 60 * 1024 * 1024 };

export type ZipEntriesProblem =
  | { code: 'not_zip' }
  /** An OLE compound file: an encrypted (password-protected) Office file, or an old .doc/.xls. */
  | { code: 'encrypted' }
  | { code: 'too_many_entries' }
  | { code: 'too_large_unzipped' };

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Reads the entries a reader wants from a ZIP archive by walking its central directory itself
 * (never trusting the end record's count), inflating only those entries with one running budget:
 * a zip bomb or a lying size stops after at most `maxUnzippedBytes` of work, and the parser
 * afterwards sees only what was inflated here. Encrypted entries and password-protected Office
 * files come back as `encrypted`.
 */
export function readZipEntries(
  data: Buffer,
  wanted: (name: string) => boolean,
  limits = DOCUMENT_ZIP_LIMITS,
): { ok: true; entries: Map<string, Buffer>; names: string[] } | { ok: false; problem: ZipEntriesProblem } {
  if (data.subarray(0, 8).equals(OLE_SIGNATURE)) return { ok: false, problem: { code: 'encrypted' } };
  const eocd = endOfCentralDirectory(data);
  if (eocd < 0) return { ok: false, problem: { code: 'not_zip' } };
  let at = data.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  const names: string[] = [];
  let budget = limits.maxUnzippedBytes;
  while (at + 46 <= data.length && data.readUInt32LE(at) === 0x02014b50) {
    if (names.length >= limits.maxEntries) return { ok: false, problem: { code: 'too_many_entries' } };
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const local = data.readUInt32LE(at + 42);
    const name = data.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    names.push(name);
    if (!wanted(name)) continue;
    if (flags & 1) return { ok: false, problem: { code: 'encrypted' } };
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) return { ok: false, problem: { code: 'not_zip' } };
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    let content: Buffer;
    if (method === 0) content = raw;
    else if (method === 8) {
      try {
        content = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          return { ok: false, problem: { code: 'too_large_unzipped' } };
        }
        return { ok: false, problem: { code: 'not_zip' } };
      }
    } else return { ok: false, problem: { code: 'not_zip' } };
    budget -= content.length;
    if (budget < 0) return { ok: false, problem: { code: 'too_large_unzipped' } };
    entries.set(name, content);
  }
  if (names.length === 0) return { ok: false, problem: { code: 'not_zip' } };
  return { ok: true, entries, names };
}

function endOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - 22 - 65_535);
  for (let i = data.length - 22; i >= lowest; i -= 1) if (data.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
