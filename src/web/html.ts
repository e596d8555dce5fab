/**
 * The dashboard's HTML template: a tagged template that escapes every value by default. Only a
 * value already made by `html` (an `Html`) goes in as it is, so a task title, an agency name or a
 * query parameter can never become markup. No library: the whole rule is these 30 lines, tested
 * in test/web/html.test.ts.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeText(String(value));
}

/** Builds HTML: strings and numbers are escaped, arrays are joined, null/undefined/booleans print nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Text the code itself wrote (the stylesheet): put in as it is. Never pass data from users or the database. */
export function raw(text: string): Html {
  return new Html(text);
}
