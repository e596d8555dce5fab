import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer, readBody, sendJson } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { waitFor } from '../helpers/wait.js';

let http: HttpServer;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await http.close();
});

/** A raw client that sends `text` and never finishes its request; tracks when the server closes it. */
function slowClient(port: number, text: string): { closed: () => boolean; answer: () => string } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let closed = false;
  let answer = '';
  socket.on('connect', () => socket.write(text));
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  return { closed: () => closed, answer: () => answer };
}

describe('the HTTP server under slow and piled-up webhook connections (#28)', () => {
  it('caps connections, times out partial headers and partial bodies, and logs a summary instead of a line per connection', async () => {
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
    // The production limits scaled down (10 s headers, 30 s request, 128 connections) so the test runs in seconds.
    http = new HttpServer(logger, { headersTimeoutMs: 600, requestTimeoutMs: 1_200, maxConnections: 40, logIntervalMs: 60_000 });
    http.route('POST', '/telegram/webhook', async (req, res) => {
      await readBody(req);
      sendJson(res, 200, { ok: true });
    });
    const { port } = await http.listen('127.0.0.1', 0);

    // 300 clients that open a webhook request and stop in the middle of its headers (slowloris).
    const partialHeaders = Array.from({ length: 300 }, () => slowClient(port, 'POST /telegram/webhook HTTP/1.1\r\nHost: dondoc\r\nContent-Type: appl'));
    // Over the cap of 40 open connections, the rest are closed as they arrive (the old server kept all 300).
    expect(await waitFor(() => partialHeaders.filter((c) => c.closed()).length >= 260, 2_000, 10)).toBe(true);
    // The 40 let in are answered 408 and closed once the header time is up (the old server: 60 s).
    expect(await waitFor(() => partialHeaders.every((c) => c.closed()), 3_000, 10)).toBe(true);
    expect(partialHeaders.filter((c) => c.answer().startsWith('HTTP/1.1 408')).length).toBe(40);

    // Clients that send whole headers and then only part of the body are cut off at the request time.
    const partialBodies = Array.from({ length: 20 }, () =>
      slowClient(port, 'POST /telegram/webhook HTTP/1.1\r\nHost: dondoc\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"update_id":1,'),
    );
    expect(await waitFor(() => partialBodies.every((c) => c.closed()), 4_000, 10)).toBe(true);

    // The server still serves a well-formed call.
    const ok = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, { method: 'POST', body: '{}' });
    expect(ok.status).toBe(200);

    await http.close();
    // 320 troubled connections made two warning lines (the first at once, a summary of the rest),
    // no error lines: the old server logged one "http handler failed" per aborted body.
    const warnings = logs.filter((l) => Number(l.level) >= 40);
    expect(warnings.length).toBeLessThanOrEqual(2);
    const total = (kind: string) => warnings.reduce((n, l) => n + (Number(l[kind]) || 0), 0);
    expect(total('refused')).toBe(260);
    expect(total('timedOut') + total('aborted')).toBe(60);
  }, 20_000);
});
