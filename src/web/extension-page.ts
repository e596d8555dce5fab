import type { CommandServices } from '../app/services.js';
import { formatCivil } from '../domain/civil-date.js';
import { shorten, tidyExtracted } from '../domain/task-title.js';
import { formatDateTime } from '../domain/time.js';
import { html } from './html.js';
import { messagePage, page, type Frame, type PageResult } from './pages.js';

/** The page's words, in one place (the decision's own words are the chat's: commands/status.ts). */
export const E = {
  title: 'Đề nghị gia hạn chờ quyết định',
  none: 'Không có đề nghị gia hạn nào đang chờ quyết định.',
  number: 'Số',
  agency: 'Cơ quan',
  item: 'Nhiệm vụ',
  until: 'Xin gia hạn đến',
  reason: 'Lý do',
  asked: 'Gửi lúc',
  decide: 'Quyết định',
  note: 'Ghi chú hoặc lý do (không bắt buộc)',
  approve: 'Đồng ý',
  reject: 'Không đồng ý',
  noReason: '(không nêu)',
  readOnly: 'Chỉ Sở Nội vụ (quản trị) quyết định đề nghị gia hạn; trang này để theo dõi.',
  how: 'Quyết định ở đây được ghi như quyết định trong chat (/duyetgiahan, /tuchoigiahan): dondoc báo cơ quan đã xin và, nếu đồng ý, lập lại lịch nhắc theo hạn mới.',
  decidedTitle: 'Đã ghi quyết định',
  notDecidedTitle: 'Chưa ghi quyết định',
  back: 'Về danh sách đề nghị gia hạn',
  onlyAdmins: 'Chỉ Sở Nội vụ (quản trị) được quyết định đề nghị gia hạn.',
  badForm: 'Biểu mẫu thiếu số đề nghị hoặc quyết định (Đồng ý / Không đồng ý). Hãy tải lại trang rồi bấm lại.',
};

/**
 * Gia hạn (/web/giahan): the extension requests waiting for a decision (StatusService
 * .undecidedExtensions). Admins get a form per request (a note and "Đồng ý" / "Không đồng ý",
 * POSTed with the session's CSRF token); leaders and focal points (their agency's only) read.
 */
export function extensionsPage(services: CommandServices, frame: Frame, agencyId: number | undefined): PageResult {
  const requests = services.statuses.undecidedExtensions(agencyId);
  const admin = frame.member.role === 'admin';
  const tz = services.settings.timeZone;
  const table =
    requests.length === 0
      ? html`<p class="notice">${E.none}</p>`
      : // On a phone each request is a card (table.stack: the labels come from data-label), so the form is never off-screen.
        html`<table class="stack"><thead><tr><th>${E.number}</th><th>${E.agency}</th><th>${E.item}</th><th>${E.until}</th><th>${E.reason}</th><th>${E.asked}</th>${admin ? html`<th>${E.decide}</th>` : ''}</tr></thead><tbody>${requests.map(
          (r) =>
            html`<tr data-request="${r.id}"><td class="n" data-label="${E.number}">${r.id}</td><td data-label="${E.agency}">${r.agencyName}</td><td data-label="${E.item}"><b>${r.itemCode}</b> ${shorten(tidyExtracted(r.itemTitle), 140)}</td><td data-label="${E.until}">${r.requestedDate ? formatCivil(r.requestedDate) : ''}</td><td data-label="${E.reason}">${r.reason ?? E.noReason}</td><td data-label="${E.asked}">${formatDateTime(new Date(r.createdAt), tz)}${r.memberName ? html`<br><small>${r.memberName}</small>` : ''}</td>${
              admin
                ? html`<td data-label="${E.decide}"><form method="post" action="/web/giahan" class="decide"><input type="hidden" name="csrf" value="${frame.csrf}"><input type="hidden" name="id" value="${r.id}">
<label>${E.note}<input type="text" name="ghichu" maxlength="500"></label>
<button type="submit" name="quyetdinh" value="dongy">${E.approve}</button> <button type="submit" name="quyetdinh" value="tuchoi" class="secondary">${E.reject}</button></form></td>`
                : ''
            }</tr>`,
        )}</tbody></table>`;
  return { status: 200, body: page(E.title, html`<h1>${E.title}</h1>${admin ? '' : html`<p>${E.readOnly}</p>`}${table}<p>${E.how}</p>`, frame) };
}

/**
 * The decision POSTed by an admin: `decide` is the chat's own (decideExtension: the event, the audit
 * log with via "web", the re-plan, the requester told); the answer is its confirmation or why not.
 */
export function decisionResult(frame: Frame, form: URLSearchParams, decide: (id: number, approve: boolean, note: string | null) => { ok: true; value: string } | { ok: false; error: string }): PageResult {
  if (frame.member.role !== 'admin') return { status: 403, body: messagePage(E.notDecidedTitle, E.onlyAdmins, frame) };
  const id = Number(form.get('id'));
  const choice = form.get('quyetdinh');
  if (!Number.isSafeInteger(id) || id <= 0 || (choice !== 'dongy' && choice !== 'tuchoi')) return { status: 400, body: messagePage(E.notDecidedTitle, E.badForm, frame) };
  const note = (form.get('ghichu') ?? '').trim().slice(0, 500) || null;
  const result = decide(id, choice === 'dongy', note);
  const body = html`<h1>${result.ok ? E.decidedTitle : E.notDecidedTitle}</h1><p class="notice">${result.ok ? result.value : result.error}</p><p><a href="/web/giahan">${E.back}</a></p>`;
  return { status: result.ok ? 200 : 409, body: page(result.ok ? E.decidedTitle : E.notDecidedTitle, body, frame) };
}
