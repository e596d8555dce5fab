import type { IncomingMessage } from 'node:http';
import type { HealthCheck } from '../app/health.js';
import type { Metrics } from '../app/metrics.js';
import { headerHoldsSecret, sendJson, type HttpServer } from './server.js';

/** A caller on this machine that did not come through a proxy (a proxy adds X-Forwarded-For or Forwarded). */
export function isDirectLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopback = address === '::1' || /^(::ffff:)?127\./.test(address);
  return loopback && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

/**
 * GET /healthz: the health report as JSON, 200 when every check passes, else 503 (for a load
 * balancer, a container runtime, a monitoring probe). GET /metrics: Prometheus text, to loopback
 * callers or to whoever sends "Authorization: Bearer <DONDOC_METRICS_TOKEN>".
 */
export function mountHealth(http: HttpServer, health: HealthCheck, metrics: Metrics, metricsToken: string | undefined): void {
  http.route('GET', '/healthz', async (_req, res) => {
    const report = await health.check();
    sendJson(res, report.ok ? 200 : 503, report);
  });
  http.route('GET', '/metrics', async (req, res) => {
    const allowed = isDirectLoopback(req) || (metricsToken !== undefined && headerHoldsSecret(req, 'authorization', `Bearer ${metricsToken}`));
    if (!allowed) {
      sendJson(res, 403, { error: 'Chỉ xem được /metrics từ chính máy chủ, hoặc kèm mã DONDOC_METRICS_TOKEN (Authorization: Bearer …).' });
      return;
    }
    const { contentType, body } = await metrics.text();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  });
}
