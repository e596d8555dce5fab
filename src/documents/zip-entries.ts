/**
 * The one guard in front of every ZIP-based file dondoc reads (.docx, .xlsx): it walks the archive's
 * central directory itself, checks that it is exactly what the end record announces (the count,
 * the place and the size, no ZIP64, no bytes before the archive) — so a parser that trusts either
 * the end record or the directory (JSZip, under exceljs, reads the directory until its signature
 * stops) sees the entries the guard saw, no more — and inflates the entries asked for under one
 * running budget, whatever sizes they declare.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  maxUnzippedBytes: number;
}

/** Limits for a document archive (.docx): only the parts the reader asks for are inflated, under this budget. */
export const DOCUMENT_ZIP_LIMITS: ZipLimits = { maxEntries: 5_000, maxUnzippedBytes: 60 * 1024 * 1024 };
/** Limits for a workbook (.xlsx): every entry is inflated, as the spreadsheet library will, under this budget. */
export const SPREADSHEET_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxUnzippedBytes: 50 * 1024 * 1024 };

export type ZipEntriesProblem =
  | { code: 'not_zip' }
  /** An OLE compound file: an encrypted (password-protected) Office file, or an old .doc/.xls. */
  | { code: 'encrypted' }
  | { code: 'too_many_entries' }
  | { code: 'too_large_unzipped' }
  /**
   * The end record and the central directory disagree (an under-counted or over-counted end
   * record, a directory that does not end where the end record begins, data before the archive,
   * ZIP64 fields): a parser could read entries the guard did not.
   */
  | { code: 'inconsistent' };

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const END = 0x06054b50;

interface DirectoryEntry {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  local: number;
}

/**
 * Reads the entries a reader wants from a ZIP archive, after checking the whole central directory
 * against the end record; the wanted entries are inflated with one running budget, so a zip bomb
 * or a lying size stops after at most `maxUnzippedBytes` of work. Encrypted entries and
 * password-protected Office files come back as `encrypted`.
 */
export function readZipEntries(
  data: Buffer,
  wanted: (name: string) => boolean,
  limits: ZipLimits = DOCUMENT_ZIP_LIMITS,
): { ok: true; entries: Map<string, Buffer>; names: string[] } | { ok: false; problem: ZipEntriesProblem } {
  if (data.subarray(0, 8).equals(OLE_SIGNATURE)) return { ok: false, problem: { code: 'encrypted' } };
  const directory = readDirectory(data, limits);
  if (!directory.ok) return directory;
  const entries = new Map<string, Buffer>();
  let budget = limits.maxUnzippedBytes;
  for (const entry of directory.entries) {
    if (!wanted(entry.name)) continue;
    if (entry.flags & 1) return { ok: false, problem: { code: 'encrypted' } };
    const { local } = entry;
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL) return { ok: false, problem: { code: 'not_zip' } };
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + entry.compressed);
    let content: Buffer;
    if (entry.method === 0) content = raw;
    else if (entry.method === 8) {
      try {
        // The budget, not the declared size, bounds the work: a lying header cannot get past it.
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
    entries.set(entry.name, content);
  }
  return { ok: true, entries, names: directory.entries.map((e) => e.name) };
}

/** The central directory, walked entry by entry from where the end record says it starts, and checked against that record. */
function readDirectory(data: Buffer, limits: ZipLimits): { ok: true; entries: DirectoryEntry[] } | { ok: false; problem: ZipEntriesProblem } {
  const eocd = endOfCentralDirectory(data);
  if (eocd < 0) return { ok: false, problem: { code: 'not_zip' } };
  const disk = data.readUInt16LE(eocd + 4);
  const directoryDisk = data.readUInt16LE(eocd + 6);
  const onDisk = data.readUInt16LE(eocd + 8);
  const total = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const offset = data.readUInt32LE(eocd + 16);
  // ZIP64 markers or a multi-disk archive: no plan file needs them, and a parser would read other records.
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== total || total === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    return { ok: false, problem: { code: 'inconsistent' } };
  }
  // The directory ends where the end record begins: no bytes before the archive shift the offsets.
  if (offset + size !== eocd) return { ok: false, problem: { code: total === 0 && size === 0 ? 'not_zip' : 'inconsistent' } };
  const entries: DirectoryEntry[] = [];
  let at = offset;
  while (at + 46 <= data.length && data.readUInt32LE(at) === CENTRAL) {
    if (entries.length >= limits.maxEntries) return { ok: false, problem: { code: 'too_many_entries' } };
    const nameLength = data.readUInt16LE(at + 28);
    entries.push({
      name: data.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressed: data.readUInt32LE(at + 20),
      local: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  if (entries.length === 0) return { ok: false, problem: { code: 'not_zip' } };
  // Every entry walked is one the end record counts, and the walk ends exactly at the end record.
  if (entries.length !== total || at !== eocd) return { ok: false, problem: { code: 'inconsistent' } };
  return { ok: true, entries };
}

function endOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - 22 - 65_535);
  for (let i = data.length - 22; i >= lowest; i -= 1) if (data.readUInt32LE(i) === END) return i;
  return -1;
}
