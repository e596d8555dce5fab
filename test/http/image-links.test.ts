import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/clock.js';
import { ImageLinks } from '../../src/http/image-links.js';
import { HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';

let http: HttpServer;
afterEach(async () => {
  await http.close();
});

describe('expiring image links', () => {
  it('serves an image under an unguessable path until it expires, then answers 404', async () => {
    const clock = new FakeClock('2024-07-01T00:00:00Z');
    const links = new ImageLinks(clock, 60_000);
    http = new HttpServer(createLogger('silent'));
    links.mount(http);
    const { port } = await http.listen('127.0.0.1', 0);
    const path = links.add(Buffer.from('\x89PNG fake'));
    expect(path).toMatch(/^\/hinh\/[A-Za-z0-9_-]{22}\.png$/);
    expect(links.add(Buffer.from('x'))).not.toBe(path);
    const ok = await fetch(`http://127.0.0.1:${port}${path}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`http://127.0.0.1:${port}/hinh/khong-co.png`)).status).toBe(404);
    clock.advance(61_000);
    expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
  });
});
