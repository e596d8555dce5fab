import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { HttpServer } from './server.js';

export const IMAGE_PATH = '/hinh/';
export const DOWNLOAD_PATH = '/tai/';

/** "Báo cáo năm 2024.xlsx" → a header value browsers and Zalo's viewer read with the Vietnamese name. */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

interface Held {
  data: Buffer;
  mimeType: string;
  filename: string | null;
  expires: number;
}

/**
 * Charts and files made for one reply (an Excel export), served by dondoc's own HTTP server under
 * unguessable, expiring links for platforms that take links instead of uploads (Zalo). Held in
 * memory: a link dies with the process or after the TTL (default 7 days).
 */
export class ImageLinks {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 7 * 86_400_000,
  ) {}

  private hold(entry: Omit<Held, 'expires'>): string {
    const now = this.clock.now().getTime();
    for (const [token, held] of this.held) if (held.expires < now) this.held.delete(token);
    const token = randomBytes(16).toString('base64url');
    this.held.set(token, { ...entry, expires: now + this.ttlMs });
    return token;
  }

  /** Stores an image; returns its path ("/hinh/<128-bit token>.png"). */
  add(png: Buffer): string {
    return `${IMAGE_PATH}${this.hold({ data: png, mimeType: 'image/png', filename: null })}.png`;
  }

  /** Stores a file; returns its path ("/tai/<128-bit token>/<name>"), downloaded under its own name. */
  addFile(data: Buffer, filename: string, mimeType: string): string {
    return `${DOWNLOAD_PATH}${this.hold({ data, mimeType, filename })}/${encodeURIComponent(filename)}`;
  }

  mount(http: HttpServer): void {
    for (const prefix of [IMAGE_PATH, DOWNLOAD_PATH]) {
      http.route('GET', `${prefix}*`, (_req, res, url) => {
        const token = url.pathname.slice(prefix.length).replace(/\.png$/, '').split('/')[0] ?? '';
        const held = this.held.get(token);
        if (!held || held.expires < this.clock.now().getTime() || (prefix === IMAGE_PATH) !== (held.filename === null)) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Liên kết đã hết hạn. Hãy gửi lại lệnh cho dondoc để nhận liên kết mới.');
          return;
        }
        res.writeHead(200, {
          'content-type': held.mimeType,
          'cache-control': 'private, max-age=3600',
          'content-length': held.data.length,
          ...(held.filename ? { 'content-disposition': contentDisposition(held.filename) } : {}),
        });
        res.end(held.data);
      });
    }
  }
}
