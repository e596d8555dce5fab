import type { Choice, Reply, RichText, Span } from '../app/reply.js';

type Part = string | Span;

/** Escapes text for Telegram's HTML parse mode (and any HTML page): &, < and > only, as Telegram requires. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const HTML_TAGS: Record<Span['style'], string> = { bold: 'b', italic: 'i', code: 'code' };

/** Renders one line's parts as HTML; every tag opens and closes on the line, so lines can be split freely. */
export function renderHtmlLine(parts: Part[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      const tag = HTML_TAGS[part.style];
      return `<${tag}>${escapeHtml(part.text)}</${tag}>`;
    })
    .join('');
}

/** Renders one line's parts as plain text (platforms without markup). */
export function renderPlainLine(parts: Part[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : part.text)).join('');
}

/** Cuts rich text into lines, splitting styled spans that contain newlines. */
export function toLines(text: RichText): Part[][] {
  const result: Part[][] = [[]];
  for (const part of text) {
    const value = typeof part === 'string' ? part : part.text;
    const pieces = value.split('\n');
    pieces.forEach((piece, index) => {
      if (index > 0) result.push([]);
      if (piece === '') return;
      result[result.length - 1]!.push(typeof part === 'string' ? piece : { text: piece, style: part.style });
    });
  }
  return result;
}

/** Splits a too-long line into lines that each render within the limit, breaking at spaces where possible. */
function breakLine(parts: Part[], limit: number, render: (parts: Part[]) => string): Part[][] {
  const out: Part[][] = [];
  let current: Part[] = [];
  const fits = (candidate: Part[]) => render(candidate).length <= limit;
  for (const part of parts) {
    const style = typeof part === 'string' ? undefined : part.style;
    const make = (text: string): Part => (style ? { text, style } : text);
    let rest = typeof part === 'string' ? part : part.text;
    while (rest !== '') {
      if (fits([...current, make(rest)])) {
        current.push(make(rest));
        break;
      }
      // Largest prefix of `rest` that still fits on the current line (binary search on length).
      let low = 0;
      let high = rest.length;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (fits([...current, make(rest.slice(0, mid))])) low = mid;
        else high = mid - 1;
      }
      if (low === 0) {
        if (current.length === 0) throw new Error('message limit too small to hold one character');
        out.push(current);
        current = [];
        continue;
      }
      let cut = low;
      const space = rest.lastIndexOf(' ', low);
      if (space > low / 2) cut = space + 1;
      // Never cut a UTF-16 surrogate pair (emoji) in half.
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff && cut > 1) cut -= 1;
      current.push(make(rest.slice(0, cut)));
      out.push(current);
      current = [];
      rest = rest.slice(cut);
    }
  }
  out.push(current);
  return out;
}

/**
 * Renders rich text and splits it into messages of at most `limit` characters, on line boundaries
 * (a single line longer than the limit is broken at a space). Telegram: 4096, Zalo: 2000.
 */
export function splitMessage(text: RichText, limit: number, render: (parts: Part[]) => string): string[] {
  const rendered: string[] = [];
  for (const line of toLines(text)) {
    if (render(line).length <= limit) rendered.push(render(line));
    else for (const piece of breakLine(line, limit, render)) rendered.push(render(piece));
  }
  const chunks: string[] = [];
  let current: string | undefined;
  for (const line of rendered) {
    if (current === undefined) current = line;
    else if (current.length + 1 + line.length <= limit) current += `\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== undefined) chunks.push(current);
  const nonEmpty = chunks.map((chunk) => chunk.replace(/\s+$/, '')).filter((chunk) => chunk !== '');
  return nonEmpty.length > 0 ? nonEmpty : [];
}

/** "1", "1 hoặc 2", "1, 2 hoặc 3", "từ 1 đến 9": how to ask for a numbered answer in Vietnamese. */
export function numberRange(count: number): string {
  if (count <= 1) return 'số 1';
  if (count === 2) return '1 hoặc 2';
  if (count <= 4) return `${Array.from({ length: count - 1 }, (_, i) => i + 1).join(', ')} hoặc ${count}`;
  return `một số từ 1 đến ${count}`;
}

/** The choices of a reply in the order a numbered list shows them. */
export function flattenChoices(choices: Choice[][] | undefined): Choice[] {
  return (choices ?? []).flat();
}

/** The numbered list that replaces buttons on platforms without them (Zalo, plain text). */
export function numberedChoicesText(choices: Choice[]): string {
  if (choices.length === 0) return '';
  const rows = choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  return `${rows.join('\n')}\nTrả lời ${numberRange(choices.length)} để chọn.`;
}

/** What a platform without buttons or markup (Zalo) shows for a reply: plain messages within the limit. */
export function renderPlainMessages(reply: Reply, limit: number): string[] {
  const choices = flattenChoices(reply.choices);
  const parts = [...reply.text];
  if (choices.length > 0) parts.push(`\n${numberedChoicesText(choices)}`);
  for (const attachment of reply.attachments ?? []) {
    parts.push(`\n📎 ${attachment.filename}: tệp đính kèm chưa gửi được qua nền tảng này; hãy mở bằng Telegram hoặc trang trò chuyện của dondoc.`);
  }
  return splitMessage(parts, limit, renderPlainLine);
}
