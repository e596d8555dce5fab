import type { CommandServices } from '../app/services.js';
import { shorten } from '../domain/task-title.js';
import { formatDateTime } from '../domain/time.js';
import type { BroadcastStats } from '../store/broadcast-repo.js';
import { html } from './html.js';
import { messagePage, page, W, type Frame, type PageResult } from './pages.js';

/** The page's words, in one place (the counts are named as /thongbao_tt names them). */
const B = {
  title: 'Thông báo của Sở Nội vụ',
  titleFor: (agency: string) => `Thông báo gửi ${agency}`,
  none: 'Chưa có thông báo nào được gửi.',
  noneFor: 'Chưa có thông báo nào gửi cơ quan này.',
  number: 'Số',
  sentAt: 'Gửi lúc',
  audience: 'Gửi tới',
  body: 'Nội dung',
  recipients: 'Người nhận',
  sent: 'Đã gửi',
  pending: 'Đang chờ gửi',
  unreachable: 'Không liên lạc được',
  failed: 'Lỗi',
  acknowledged: 'Đã bấm “Đã nhận”',
  unlinked: 'Chưa liên kết tài khoản',
  file: 'Tệp đính kèm',
  draft: 'bản nháp',
  cancelled: 'đã hủy',
  one: (id: number) => `Thông báo #${id}`,
  perAgency: 'Theo cơ quan',
  notAcked: 'chưa xác nhận',
  allAcked: 'đã xác nhận',
  notFound: (id: string) => `Không có thông báo #${id}.`,
  notTheirs: 'Thông báo này không gửi cơ quan của bạn.',
  note: 'Cùng số liệu với /thongbao_tt trong chat. Gửi lại cho người chưa xác nhận: /tb_guilai <số> trong chat.',
};

const COUNTS: (keyof BroadcastStats)[] = ['recipients', 'sent', 'pending', 'unreachable', 'failed', 'acknowledged', 'unlinked'];

/**
 * Thông báo (/web/thongbao): the broadcasts sent, with delivery and acknowledgement counts; `?so=`
 * opens one with its counts per agency — BroadcastService.status and its per-agency rows, as
 * /thongbao_tt. Admins and leaders see every broadcast (admins also drafts); a focal point (or
 * `?coquan=`) only those sent to the agency, with that agency's counts.
 */
export function broadcastsPage(services: CommandServices, frame: Frame, agencyId: number | undefined, query: URLSearchParams): PageResult {
  const { broadcasts, settings, directory } = services;
  const admin = frame.member.role === 'admin';
  const agencyName = agencyId === undefined ? undefined : (directory.agency(agencyId)?.name ?? '');
  const title = agencyName === undefined ? B.title : B.titleFor(agencyName);
  const list = broadcasts.recentFor(agencyId, 30).filter((r) => admin || r.broadcast.status === 'sent');
  const when = (iso: string) => formatDateTime(new Date(iso), settings.timeZone);
  const scopeParam = query.get('coquan') ? `&coquan=${encodeURIComponent(query.get('coquan')!)}` : '';
  const table =
    list.length === 0
      ? html`<p class="notice">${agencyId === undefined ? B.none : B.noneFor}</p>`
      : html`<div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table><thead><tr><th>${B.number}</th><th>${B.sentAt}</th><th>${B.audience}</th><th>${B.body}</th><th>${B.recipients}</th><th>${B.acknowledged}</th></tr></thead><tbody>${list.map(
          ({ broadcast: b, stats, hasFile }) =>
            html`<tr data-broadcast="${b.id}"><td><a href="/web/thongbao?so=${b.id}${scopeParam}">#${b.id}</a></td><td>${b.status === 'sent' ? when(b.sentAt ?? b.createdAt) : b.status === 'draft' ? B.draft : B.cancelled}</td><td>${b.audienceLabel ?? ''}</td><td>${shorten(b.body, 120)}${hasFile ? ' 📎' : ''}</td><td class="n">${stats.recipients}</td><td class="n">${stats.acknowledged ?? 0}</td></tr>`,
        )}</tbody></table></div>`;

  const chosen = query.get('so');
  if (chosen === null) return { status: 200, body: page(title, html`<h1>${title}</h1>${table}<p>${B.note}</p>`, frame) };
  const id = /^#?\d{1,9}$/.test(chosen.trim()) ? Number(chosen.trim().replace('#', '')) : NaN;
  const status = Number.isNaN(id) ? undefined : broadcasts.status(id);
  if (!status || (!admin && status.broadcast.status !== 'sent')) return { status: 404, body: messagePage(W.notFound, B.notFound(chosen), frame) };
  const rows = broadcasts.byAgency(id).filter((r) => agencyId === undefined || r.agencyId === agencyId);
  if (agencyId !== undefined && rows.length === 0) return { status: 403, body: messagePage(W.forbidden, B.notTheirs, frame) };
  const { broadcast: b } = status;
  // The province's totals are /thongbao_tt's; a focal point's page counts their agency alone.
  const totals = agencyId === undefined ? status.stats : broadcasts.agencyStats(id, agencyId);
  const file = broadcasts.file(id);
  const label = (key: keyof BroadcastStats) => B[key];
  const detail = html`<section><h2>${B.one(b.id)}</h2>
<p>${b.status === 'sent' ? html`${B.sentAt} ${when(b.sentAt ?? b.createdAt)}` : b.status === 'draft' ? B.draft : B.cancelled}${b.audienceLabel ? html` — ${B.audience}: ${b.audienceLabel}` : ''}</p>
<blockquote class="body">${b.body}</blockquote>
${file ? html`<p>${B.file}: ${file.fileName}</p>` : ''}
<div class="cards">${COUNTS.map((key) => html`<div class="card">${label(key)}<b data-figure="${key}">${totals[key] ?? 0}</b></div>`)}</div>
<h3>${B.perAgency}</h3><div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table><thead><tr><th>${W.agency}</th>${COUNTS.map((key) => html`<th>${label(key)}</th>`)}</tr></thead><tbody>${rows.map(
    (r) =>
      // As /thongbao_tt: an agency is "chưa xác nhận" while someone it reached has not pressed "Đã nhận"; members never reached are named apart.
      html`<tr data-agency="${r.agencyCode}" class="${r.recipients === 0 ? 'none' : r.acknowledged < r.recipients ? 'overdue' : 'done'}"><th>${r.agencyName}<br><small>${r.recipients === 0 ? B.unlinked : r.acknowledged < r.recipients ? B.notAcked : B.allAcked}</small></th>${COUNTS.map((key) => html`<td class="n" data-count="${key}">${r[key] ?? 0}</td>`)}</tr>`,
  )}</tbody></table></div></section>`;
  return { status: 200, body: page(title, html`<h1>${title}</h1>${detail}<h2>${B.title}</h2>${table}<p>${B.note}</p>`, frame) };
}
