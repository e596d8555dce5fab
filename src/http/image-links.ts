import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { HttpServer } from './server.js';

export const IMAGE_PATH = '/hinh/';

/**
 * Chart images served by dondoc's own HTTP server under unguessable, expiring links, for platforms
 * whose sendPhoto takes a URL (Zalo). Held in memory: a link dies with the process or after the TTL
 * (default 7 days).
 */
export class ImageLinks {
  private readonly images = new Map<string, { png: Buffer; expires: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 7 * 86_400_000,
  ) {}

  /** Stores an image; returns its path ("/hinh/<128-bit token>.png"). */
  add(png: Buffer): string {
    const now = this.clock.now().getTime();
    for (const [token, image] of this.images) if (image.expires < now) this.images.delete(token);
    const token = randomBytes(16).toString('base64url');
    this.images.set(token, { png, expires: now + this.ttlMs });
    return `${IMAGE_PATH}${token}.png`;
  }

  mount(http: HttpServer): void {
    http.route('GET', `${IMAGE_PATH}*`, (_req, res, url) => {
      const token = url.pathname.slice(IMAGE_PATH.length).replace(/\.png$/, '');
      const image = this.images.get(token);
      if (!image || image.expires < this.clock.now().getTime()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Liên kết đã hết hạn.');
        return;
      }
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'private, max-age=3600', 'content-length': image.png.length });
      res.end(image.png);
    });
  }
}
