import { SaxesParser } from 'saxes';

/** What a reader does with each piece of an XML part, in document order. */
export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Thrown for an XML part that is not well-formed or carries a DTD (entity tricks are refused, never expanded). */
export class XmlRefused extends Error {}

/**
 * Walks one XML part with saxes (a non-validating streaming parser: it never fetches external
 * entities) and refuses any DOCTYPE outright, so a "billion laughs" part costs nothing.
 */
export function walkXml(xml: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('doctype', () => {
    throw new XmlRefused('DOCTYPE in an OOXML part');
  });
  parser.on('error', (error) => {
    throw new XmlRefused(error.message);
  });
  parser.on('opentag', (tag) => {
    handlers.open(tag.name, tag.attributes as Record<string, string>);
    if (tag.isSelfClosing) handlers.close(tag.name);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) handlers.close(tag.name);
  });
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  parser.write(xml).close();
}
