import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readZipEntries } from '../../src/documents/zip-entries.js';

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('reading only the parts a document reader asks for, under a budget', () => {
  it('inflates the wanted entries only and lists every name', async () => {
    const data = await zipOf({ 'word/document.xml': '<w:document/>', 'word/media/image1.png': 'x'.repeat(10_000) });
    const read = readZipEntries(data, (name) => name === 'word/document.xml');
    expect(read.ok && [...read.entries.keys()]).toEqual(['word/document.xml']);
    // jszip also writes the folders as entries.
    expect(read.ok && read.names.filter((n) => !n.endsWith('/')).sort()).toEqual(['word/document.xml', 'word/media/image1.png']);
  });

  it('stops a part that inflates past the budget (a zip bomb), whatever sizes the archive declares', async () => {
    // 200 KB of zeros compresses to a few hundred bytes; the budget here is 50 KB.
    const data = await zipOf({ 'word/document.xml': '0'.repeat(200_000) });
    expect(readZipEntries(data, () => true, { maxEntries: 10, maxUnzippedBytes: 50_000 })).toEqual({ ok: false, problem: { code: 'too_large_unzipped' } });
  });

  it('walks the central directory itself and refuses an end record that under- or over-counts it, before inflating anything', async () => {
    const data = await zipOf({ a: '1', b: '2', 'word/document.xml': '0'.repeat(200_000) });
    const eocd = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const total = data.readUInt16LE(eocd + 10);
    for (const count of [1, total - 1, total + 1]) {
      const lying = Buffer.from(data);
      lying.writeUInt16LE(count, eocd + 8);
      lying.writeUInt16LE(count, eocd + 10);
      // Refused as inconsistent even with a budget the hidden entry fits in: a parser could read entries the guard did not.
      expect(readZipEntries(lying, () => true, { maxEntries: 10, maxUnzippedBytes: 1_000_000 })).toEqual({ ok: false, problem: { code: 'inconsistent' } });
    }
    expect(readZipEntries(data, () => true, { maxEntries: 10, maxUnzippedBytes: 1_000_000 }).ok).toBe(true);
  });

  it('refuses bytes before the archive (a parser would shift every offset by them) and ZIP64 markers', async () => {
    const data = await zipOf({ 'word/document.xml': '<w:document/>' });
    expect(readZipEntries(Buffer.concat([Buffer.from('MZ prefix'), data]), () => true)).toEqual({ ok: false, problem: { code: 'inconsistent' } });
    const zip64 = Buffer.from(data);
    const eocd = zip64.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    zip64.writeUInt32LE(0xffffffff, eocd + 16);
    expect(readZipEntries(zip64, () => true)).toEqual({ ok: false, problem: { code: 'inconsistent' } });
  });

  it('refuses an encrypted entry and an OLE container (a password-protected Office file)', async () => {
    const data = await zipOf({ 'word/document.xml': '<w:document/>' });
    const central = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    data.writeUInt16LE(data.readUInt16LE(central + 8) | 1, central + 8);
    expect(readZipEntries(data, () => true)).toEqual({ ok: false, problem: { code: 'encrypted' } });
    expect(readZipEntries(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), () => true)).toEqual({ ok: false, problem: { code: 'encrypted' } });
    expect(readZipEntries(Buffer.from('không phải zip'), () => true)).toEqual({ ok: false, problem: { code: 'not_zip' } });
  });
});
