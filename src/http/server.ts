import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => unknown;

interface Route {
  method: string;
  path: string;
  prefix: boolean;
  handler: RouteHandler;
}

/** Thrown by readBody when a request is larger than allowed. */
export class BodyTooLargeError extends Error {}

/** Reads a request body up to `limit` bytes (default 64 KiB); larger bodies are refused, not buffered. */
export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLargeError(`body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** A warning logged at most once per interval, with how many were held back: refused calls can come in floods. */
export class ThrottledWarning {
  private held = 0;
  private last = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  warn(fields: Record<string, unknown>, message: string): void {
    const now = Date.now();
    if (now - this.last < this.intervalMs) {
      this.held += 1;
      return;
    }
    this.logger.warn({ ...fields, heldBack: this.held }, message);
    this.held = 0;
    this.last = now;
  }
}

/**
 * Whether a request header carries the expected secret, compared in constant time (a webhook's
 * secret token, the local chat's session token).
 */
export function headerHoldsSecret(req: IncomingMessage, header: string, secret: string): boolean {
  const given = Buffer.from(String(req.headers[header] ?? ''));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** How deep a webhook body may nest: Telegram's and Zalo's updates stay under 10 levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when a parsed JSON value nests deeper than `max` (default MAX_JSON_DEPTH). Walks iteratively:
 * a body of 100,000 nested arrays must be refused, not overflow the stack where it is stored again.
 */
export function nestsTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * dondoc's one HTTP server (local chat, webhooks, later chart images): a tiny router over node:http,
 * so no framework is needed for a handful of routes.
 */
export class HttpServer {
  private readonly routes: Route[] = [];
  private readonly server: Server;

  constructor(private readonly logger: Logger) {
    this.server = createServer((req, res) => void this.dispatch(req, res));
  }

  /** Adds a route; a path ending in "/*" matches every path under it. */
  route(method: string, path: string, handler: RouteHandler): this {
    const prefix = path.endsWith('/*');
    this.routes.push({ method, path: prefix ? path.slice(0, -1) : path, prefix, handler });
    return this;
  }

  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve(this.server.address() as AddressInfo));
    });
  }

  /** Stops accepting connections and waits for open requests (idle keep-alive sockets are closed). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      setTimeout(() => this.server.closeAllConnections(), 5_000).unref();
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = this.routes.find(
      (r) => r.method === req.method && (r.prefix ? url.pathname.startsWith(r.path) : url.pathname === r.path),
    );
    if (!route) {
      sendJson(res, 404, { error: 'Không tìm thấy địa chỉ này.' });
      return;
    }
    try {
      await route.handler(req, res, url);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // Answer and close the connection (no keep-alive): the rest of the oversized body is never read.
        res.shouldKeepAlive = false;
        if (!res.headersSent) sendJson(res, 413, { error: 'Nội dung gửi lên quá lớn.' });
        return;
      }
      this.logger.error({ err: error, path: url.pathname }, 'http handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'Lỗi máy chủ dondoc.' });
      else res.end();
    }
  }
}
