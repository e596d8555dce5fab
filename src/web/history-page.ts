import { planTime } from '../../commands/plans.js';
import { HISTORY_WORDS, historyLines } from '../../commands/status.js';
import type { CommandServices } from '../app/services.js';
import { tidyExtracted } from '../domain/task-title.js';
import { html } from './html.js';
import { messagePage, page, W, type Frame, type PageResult } from './pages.js';

/** The page's words, in one place (the history's own lines are /lichsu's). */
const L = {
  notFound: (ref: string) => `Không có nhiệm vụ “${ref}”. Mở lịch sử từ một ô của Ma trận.`,
  notTheirs: 'Nhiệm vụ này không giao cho cơ quan của bạn.',
  plan: 'Kế hoạch',
  files: 'Tệp minh chứng',
  ownOnly: 'Chỉ hiện các cập nhật của cơ quan bạn.',
  back: 'Về Ma trận',
};

/**
 * Lịch sử (/web/lichsu?nv=<task id>): a task's status events with their evidence files' names, the
 * same lines as /lichsu (historyLines). A focal point (or `?coquan=`) sees their agency's events only,
 * and only for a task given to that agency.
 */
export function historyPage(services: CommandServices, frame: Frame, agencyId: number | undefined, query: URLSearchParams): PageResult {
  const ref = (query.get('nv') ?? '').trim();
  const task = /^\d{1,9}$/.test(ref) ? services.statuses.task(Number(ref)) : undefined;
  if (!task) return { status: 404, body: messagePage(W.notFound, L.notFound(ref), frame) };
  if (agencyId !== undefined && services.tasks.forAgency(agencyId, task.id).length === 0) return { status: 403, body: messagePage(W.forbidden, L.notTheirs, frame) };
  const events = historyLines(services, task, agencyId);
  const title = HISTORY_WORDS.title(task.code);
  const { deadlines, past } = services.tasks.details(task);
  const time = planTime(task, [...deadlines, ...past]);
  return {
    status: 200,
    body: page(
      title,
      html`<h1>${title}</h1><p><b>${task.code}</b> ${tidyExtracted(`${task.task}${task.activity ? ` — ${task.activity}` : ''}`)}<br><small>${L.plan}: ${task.planName}</small>${time.map((t) => html`<br><small>${t.label}: ${t.value}</small>`)}</p>
${agencyId !== undefined && frame.member.role === 'focal' ? html`<p>${L.ownOnly}</p>` : ''}
${
  events.length === 0
    ? html`<p class="notice">${HISTORY_WORDS.empty(task.code)}</p>`
    : html`<ol class="history">${events.map((e) => html`<li data-agency-id="${e.agencyId}">${e.line}${e.files.length > 0 ? html`<br><small>${L.files}: ${e.files.map((f, i) => html`${i > 0 ? ', ' : ''}<span class="file">${f}</span>`)}</small>` : ''}</li>`)}</ol>`
}<p><a href="/web/matran">${L.back}</a></p>`,
      frame,
    ),
  };
}
