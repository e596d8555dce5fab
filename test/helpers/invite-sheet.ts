import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { readZipEntries } from '../../src/documents/zip-entries.js';

// jsqr is CommonJS whose types declare an ES default export; under Node's interop the default is the module object, which carries the function as `.default` too.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;

/**
 * What a printed invite sheet (.docx) shows: the text of each page (one section per agency) and
 * every QR code decoded back from its PNG the way a phone camera would read it (jsQR).
 */
export function readInviteSheet(docx: Buffer): { pages: string[]; qrLinks: string[] } {
  const zip = readZipEntries(docx, (name) => name === 'word/document.xml' || name.startsWith('word/media/'));
  if (!zip.ok) throw new Error(`not a .docx: ${zip.problem.code}`);
  const xml = zip.entries.get('word/document.xml')!.toString('utf8');
  const text = (chunk: string) => [...chunk.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<\/w:p>/g)].map((m) => (m[1] === undefined ? '\n' : m[1])).join('').replace(/&amp;/g, '&').replace(/&quot;/g, '"').trim();
  const pages = xml.split('</w:sectPr>').slice(0, -1).map(text);
  const qrLinks = [...zip.entries].filter(([name]) => name.startsWith('word/media/')).map(([name, png]) => {
    const image = PNG.sync.read(png);
    const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    if (!found) throw new Error(`${name}: no QR code found`);
    return found.data;
  });
  return { pages, qrLinks };
}
