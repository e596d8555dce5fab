import { inflateRawSync } from 'node:zlib';

/** Limits for an .xlsx (a ZIP archive) before a spreadsheet library is let near it. */
export const ZIP_LIMITS = { maxEntries: 2_000, maxUnzippedBytes: 50 * 1024 * 1024 };

export type ZipProblem = { code: 'not_zip' } | { code: 'too_many_entries'; entries: number } | { code: 'too_large_unzipped'; bytes: number };

/**
 * Reads a ZIP archive's central directory and inflates every entry with a running budget, so an
 * archive that would unpack past ZIP_LIMITS (a "zip bomb": a few MB holding gigabytes of zeros, or
 * sizes it lies about) is refused after at most that many bytes of work. Returns the unpacked
 * entries by name.
 */
export function unzipGuarded(data: Buffer, limits = ZIP_LIMITS): { ok: true; value: { entries: Map<string, Buffer> } } | { ok: false; error: ZipProblem } {
  const eocd = findEndOfCentralDirectory(data);
  if (eocd < 0) return { ok: false, error: { code: 'not_zip' } };
  const count = data.readUInt16LE(eocd + 10);
  const directoryOffset = data.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) return { ok: false, error: { code: 'too_many_entries', entries: count } };
  const entries = new Map<string, Buffer>();
  let budget = limits.maxUnzippedBytes;
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return { ok: false, error: { code: 'not_zip' } };
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const declared = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const skip = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + skip;
    if (declared > budget) return { ok: false, error: { code: 'too_large_unzipped', bytes: limits.maxUnzippedBytes - budget + declared } };
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) return { ok: false, error: { code: 'not_zip' } };
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    let content: Buffer;
    if (method === 0) content = raw;
    else if (method === 8) {
      try {
        // The budget, not the declared size, bounds the work: a lying header cannot get past it.
        content = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          return { ok: false, error: { code: 'too_large_unzipped', bytes: limits.maxUnzippedBytes + 1 } };
        }
        return { ok: false, error: { code: 'not_zip' } };
      }
    } else return { ok: false, error: { code: 'not_zip' } };
    budget -= content.length;
    if (budget < 0) return { ok: false, error: { code: 'too_large_unzipped', bytes: limits.maxUnzippedBytes - budget } };
    entries.set(name, content);
  }
  return { ok: true, value: { entries } };
}

function findEndOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - 22 - 65_535);
  for (let i = data.length - 22; i >= lowest; i -= 1) if (data.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
