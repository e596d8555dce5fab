import { walkXml } from '../xml-walker.js';

/** A paragraph style's list (List Number, a heading numbered by its style): numId and level, after basedOn. */
export type StyleNumbering = Map<string, { numId: string; ilvl: number }>;

/** Reads word/styles.xml for the numbering that paragraph styles carry (absent: none). */
export function readStyleNumbering(xml: string | undefined): StyleNumbering {
  const own = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  if (xml) {
    let style: { numId?: string; ilvl?: number; basedOn?: string } | undefined;
    let inParagraphProps = false;
    walkXml(xml, {
      open(name, a) {
        if (name === 'w:style') {
          style = a['w:type'] === 'paragraph' ? {} : undefined;
          if (style) own.set(a['w:styleId'] ?? '', style);
        } else if (!style) return;
        else if (name === 'w:basedOn') style.basedOn = a['w:val'];
        else if (name === 'w:pPr') inParagraphProps = true;
        else if (inParagraphProps && name === 'w:numId') style.numId = a['w:val'];
        else if (inParagraphProps && name === 'w:ilvl') style.ilvl = Number(a['w:val'] ?? 0);
      },
      close(name) {
        if (name === 'w:style') style = undefined;
        else if (name === 'w:pPr') inParagraphProps = false;
      },
      text() {},
    });
  }
  const resolved: StyleNumbering = new Map();
  for (const id of own.keys()) {
    let numId: string | undefined;
    let ilvl: number | undefined;
    const seen = new Set<string>();
    for (let at: string | undefined = id; at && !seen.has(at); at = own.get(at)?.basedOn) {
      seen.add(at);
      const s = own.get(at);
      numId ??= s?.numId;
      ilvl ??= s?.ilvl;
    }
    if (numId) resolved.set(id, { numId, ilvl: ilvl ?? 0 });
  }
  return resolved;
}
