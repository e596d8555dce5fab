import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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

/** Thrown by readBody when the client closed the connection (or it timed out) before the body's end. */
export class RequestAbortedError extends Error {}

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
    req.once('error', () => reject(new RequestAbortedError('request aborted')));
    req.once('close', () => {
      if (!req.complete) reject(new RequestAbortedError('request aborted'));
    });
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
 * The HTTP server's limits against slow or piled-up clients (a webhook body is small and sent at
 * once; Telegram opens at most 40 connections). Defaults: HTTP_LIMITS.
 */
export interface HttpLimits {
  /** Time for a request's headers to arrive, from the connection (slowloris): 408 after. */
  headersTimeoutMs: number;
  /** Time for a whole request, body included: 408 after. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as they arrive. */
  maxConnections: number;
  /** Refused, timed-out and aborted connections are logged as one summary line per interval. */
  logIntervalMs: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 128,
  logIntervalMs: 60_000,
};

/**
 * Counts connection troubles by kind and logs them as one line per interval: the first at once, the
 * rest of the interval in a summary at its end (300 slow clients make 1–2 lines, not 300).
 */
class TroubleLog {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  count(kind: string): void {
    if (this.timer === undefined) {
      this.logger.warn({ [kind]: 1 }, 'http connections refused, timed out or aborted');
      this.timer = setTimeout(() => this.tick(), this.intervalMs).unref();
      return;
    }
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** Logs what the interval held back; stops timing when the interval was quiet. */
  flush(): void {
    if (this.counts.size > 0) this.logger.warn({ ...Object.fromEntries(this.counts), intervalMs: this.intervalMs }, 'http connections refused, timed out or aborted (summary)');
    this.counts = new Map();
  }

  private tick(): void {
    const quiet = this.counts.size === 0;
    this.flush();
    this.timer = quiet ? undefined : setTimeout(() => this.tick(), this.intervalMs).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
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
  private readonly troubles: TroubleLog;
  /** Sockets already counted as troubled (a timed-out body is not counted again as aborted). */
  private readonly counted = new WeakSet<Socket>();

  constructor(
    private readonly logger: Logger,
    limits: Partial<HttpLimits> = {},
  ) {
    const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections, logIntervalMs } = { ...HTTP_LIMITS, ...limits };
    this.troubles = new TroubleLog(logger, logIntervalMs);
    this.server = createServer(
      {
        headersTimeout: headersTimeoutMs,
        requestTimeout: requestTimeoutMs,
        keepAliveTimeout: keepAliveTimeoutMs,
        // How often Node looks for requests past their timeouts (its default, 30 s, would let a slow
        // client hold a connection up to 30 s past the limit).
        connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
      },
      (req, res) => void this.dispatch(req, res),
    );
    // Counted here rather than by server.maxConnections, which refuses a new connection even while
    // idle keep-alive ones hold the places: those are closed first, then one over the cap is refused.
    const open = new Set<Socket>();
    this.server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      const live = () => [...open].filter((s) => !s.destroyed).length;
      if (live() <= maxConnections) return;
      this.server.closeIdleConnections();
      if (live() <= maxConnections) return;
      this.counted.add(socket);
      this.troubles.count('refused');
      socket.destroy();
    });
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      this.counted.add(socket);
      this.troubles.count(timedOut ? 'timedOut' : error.code === 'ECONNRESET' ? 'aborted' : 'malformed');
      if (!socket.writable || error.code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      socket.end(timedOut ? 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      socket.destroySoon();
    });
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
      this.troubles.stop();
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      setTimeout(() => this.server.closeAllConnections(), 2_000).unref();
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
      if (error instanceof RequestAbortedError) {
        // The client went away or was timed out mid-body: nothing to answer, counted not logged one by one.
        if (!this.counted.has(req.socket)) this.troubles.count('aborted');
        return;
      }
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
