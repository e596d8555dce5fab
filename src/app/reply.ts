/**
 * The reply model: what a command returns and every transport renders.
 * Text is a list of parts; a string is plain text (newlines allowed), a Span carries one style.
 */
export interface Span {
  text: string;
  style: 'bold' | 'italic' | 'code';
}

export type RichText = (string | Span)[];

/**
 * One button (Telegram, local chat) or numbered line (Zalo); pressing it runs `command` as if typed.
 * A command fits every transport: at most CHOICE_COMMAND_BYTES bytes (refer to tasks by id, "t12").
 */
export interface Choice {
  label: string;
  command: string;
}

/** The most bytes a choice's command may take: Telegram's callback data limit, the strictest transport's. */
export const CHOICE_COMMAND_BYTES = 64;

/** A reply that no transport could render as built (a programming error, caught where replies are made). */
export class ReplyModelError extends Error {
  override name = 'ReplyModelError';
  constructor(
    readonly command: string,
    readonly bytes: number,
  ) {
    super(`choice command of ${bytes} bytes (limit ${CHOICE_COMMAND_BYTES}): ${command}`);
  }
}

/** Checks replies against the model's limits; throws ReplyModelError. Returns them for chaining. */
export function checkReplies(replies: Reply[]): Reply[] {
  for (const reply of replies) {
    for (const choice of (reply.choices ?? []).flat()) {
      const bytes = Buffer.byteLength(choice.command, 'utf8');
      if (bytes > CHOICE_COMMAND_BYTES) throw new ReplyModelError(choice.command, bytes);
    }
  }
  return replies;
}

export interface Attachment {
  kind: 'document' | 'photo';
  filename: string;
  mimeType: string;
  data: Buffer;
  caption?: string;
  /** A file kept in the store (a broadcast's attachment): the outbox keeps this reference, not the bytes. */
  ref?: string;
}

export interface Reply {
  text: RichText;
  /** Rows of choices; a platform without buttons numbers them in order. */
  choices?: Choice[][];
  attachments?: Attachment[];
}

/** Sent in place of a file that failed to go out several times, so the rest of the message is not held up. */
export const attachmentNote = (filename: string): string =>
  `📎 Không gửi được tệp “${filename}” qua nền tảng chat sau nhiều lần thử. Hãy xem tệp trên dondoc bằng máy tính hoặc đề nghị Sở Nội vụ gửi lại.`;

/** Bold text inside a reply. */
export const bold = (text: string): Span => ({ text, style: 'bold' });
/** Italic text inside a reply. */
export const italic = (text: string): Span => ({ text, style: 'italic' });
/** Monospace text (codes, commands to copy) inside a reply. */
export const code = (text: string): Span => ({ text, style: 'code' });

/** Joins lines of rich parts with newlines into one RichText. */
export function lines(...rows: (string | Span | (string | Span)[])[]): RichText {
  const out: RichText = [];
  rows.forEach((row, index) => {
    if (index > 0) out.push('\n');
    if (Array.isArray(row)) out.push(...row);
    else out.push(row);
  });
  return out;
}

/** A reply made of plain lines. */
export function textReply(...rows: (string | Span | (string | Span)[])[]): Reply {
  return { text: lines(...rows) };
}

/** The plain text of a reply, without styles; for logs, tests and platforms without markup. */
export function plainText(text: RichText): string {
  return text.map((part) => (typeof part === 'string' ? part : part.text)).join('');
}

/** A file size as officials read it: "350 KB", "1,2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}
