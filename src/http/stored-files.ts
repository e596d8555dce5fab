import type { Clock } from '../clock.js';
import { contentDisposition } from './image-links.js';
import type { HttpServer } from './server.js';
import type { Store } from '../store/store.js';
import { BROADCAST_FILE_REF_PREFIX as REF_PREFIX } from '../app/broadcast-service.js';
import type { Attachment } from '../app/reply.js';

export const FILE_PATH = '/tep/';
/** How long a broadcast file can be downloaded by link (Zalo recipients), counted from its upload. */
export const FILE_LINK_DAYS = 90;


const broadcastIdOf = (ref: string) => (ref.startsWith(REF_PREFIX) ? Number(ref.slice(REF_PREFIX.length)) : NaN);

/**
 * Files that live in the store (a broadcast's attachment): their bytes for the outbox (the last one
 * read is cached, as a broadcast sends the same file to every recipient), Telegram's file_id after
 * the first upload, and download links under an unguessable token for platforms that take links.
 */
export class StoredFiles {
  private cached: { ref: string; data: Buffer } | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly publicUrl?: string,
  ) {}

  /** The bytes behind a reference, or undefined if there is no such file. */
  load(ref: string): Buffer | undefined {
    if (this.cached?.ref === ref) return this.cached.data;
    const data = this.store.broadcasts.fileData(broadcastIdOf(ref));
    if (data) this.cached = { ref, data };
    return data;
  }

  telegramFileId(ref: string): string | undefined {
    return this.store.broadcasts.file(broadcastIdOf(ref))?.telegramFileId ?? undefined;
  }

  rememberTelegramFileId(ref: string, fileId: string): void {
    this.store.broadcasts.setTelegramFileId(broadcastIdOf(ref), fileId);
  }

  /** A public download link for a stored attachment, or null (no public URL configured, or not a stored file). */
  link(attachment: Attachment): string | null {
    if (!this.publicUrl || !attachment.ref) return null;
    const file = this.store.broadcasts.file(broadcastIdOf(attachment.ref));
    return file ? new URL(`${FILE_PATH}${file.linkToken}/${encodeURIComponent(file.fileName)}`, this.publicUrl).toString() : null;
  }

  mount(http: HttpServer): void {
    http.route('GET', `${FILE_PATH}*`, (_req, res, url) => {
      const token = url.pathname.slice(FILE_PATH.length).split('/')[0] ?? '';
      const file = token ? this.store.broadcasts.fileByToken(token) : undefined;
      const expired = file && new Date(file.createdAt).getTime() + FILE_LINK_DAYS * 86_400_000 < this.clock.now().getTime();
      const data = file && !expired ? this.store.broadcasts.fileData(file.broadcastId) : undefined;
      if (!file || !data) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Liên kết không đúng hoặc đã hết hạn (tệp thông báo được giữ ${FILE_LINK_DAYS} ngày). Hãy hỏi lại Sở Nội vụ.`);
        return;
      }
      res.writeHead(200, { 'content-type': file.mimeType, 'content-length': data.length, 'content-disposition': contentDisposition(file.fileName), 'cache-control': 'private, max-age=3600' });
      res.end(data);
    });
  }
}
