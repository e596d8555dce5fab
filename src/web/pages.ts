import type { CommandServices } from '../app/services.js';
import type { AgencyTaskView } from '../app/task-service.js';
import type { AgencyTask } from '../store/plan-repo.js';
import { formatCivil } from '../domain/civil-date.js';
import { parsePeriod } from '../domain/scoring.js';
import { ROLE_LABELS } from '../domain/roles.js';
import { shorten, tidyExtracted } from '../domain/task-title.js';
import type { Member } from '../store/member-repo.js';
import type { WebSession } from '../store/web-repo.js';
import { html, raw, type Html } from './html.js';

/** The dashboard's words, in one place. */
export const W = {
  app: 'dondoc — Bảng điều khiển CCHC',
  nav: { overview: 'Tổng quan', overdue: 'Quá hạn', matrix: 'Ma trận', reports: 'Báo cáo định kỳ', scores: 'Điểm', extensions: 'Gia hạn', broadcasts: 'Thông báo', exports: 'Xuất', sessions: 'Phiên đăng nhập', logout: 'Đăng xuất' },
  loginTitle: 'Đăng nhập bảng điều khiển',
  loginButton: 'Đăng nhập',
  loginFor: (name: string, agency: string) => `Liên kết đăng nhập của ${name} (${agency}). Bấm nút dưới đây để vào bảng điều khiển.`,
  loginDead: 'Liên kết này đã được dùng hoặc đã hết hạn (liên kết chỉ dùng một lần, trong 10 phút). Gõ /web trong chat để nhận liên kết mới.',
  signedOut: 'Bạn chưa đăng nhập hoặc phiên đã hết hạn. Gõ /web trong chat với dondoc để nhận liên kết đăng nhập mới.',
  loggedOut: 'Bạn đã đăng xuất. Gõ /web trong chat để đăng nhập lại.',
  forbidden: 'Bạn chỉ xem được số liệu của cơ quan mình.',
  refused: 'Yêu cầu bị từ chối: biểu mẫu không gửi từ trang của dondoc hoặc đã cũ. Hãy tải lại trang rồi thử lại.',
  notFound: 'Không tìm thấy trang này.',
  unknownAgency: (code: string) => `Không có cơ quan mã “${code}”.`,
  who: (m: Member) => `${m.displayName} — ${ROLE_LABELS[m.role]}, ${m.agencyName}`,
  overviewTitle: (who: string, quarter: string) => `Tổng quan CCHC — ${who}, ${quarter}`,
  tasksDue: 'Nhiệm vụ đến hạn trong quý',
  tasksDone: 'Đã hoàn thành',
  tasksOverdue: 'Hạn trong quý đã qua mà chưa xong',
  allOverdue: 'Tổng số việc còn quá hạn (kể cả quý trước, gồm báo cáo)',
  byArea: 'Theo lĩnh vực',
  byKind: 'Theo loại cơ quan',
  area: 'Lĩnh vực',
  kind: 'Loại cơ quan',
  due: 'Đến hạn',
  done: 'Hoàn thành',
  rate: 'Tỉ lệ',
  report: (title: string, submitted: number, owed: number) => `${title}: đã nộp ${submitted}/${owed} cơ quan.`,
  behind: 'Năm cơ quan chậm nhất',
  behindLine: (name: string, n: number, oldest: number) => `${name}: ${n} việc quá hạn (lâu nhất ${oldest} ngày làm việc)`,
  week: (w: { done: number; blocked: number; extensions: number; progress: number }) =>
    `7 ngày qua: ${w.done} việc báo hoàn thành, ${w.progress} cập nhật tiến độ, ${w.blocked} báo vướng mắc, ${w.extensions} xin gia hạn.`,
  nothing: 'Chưa có nhiệm vụ nào đến hạn trong quý này.',
  overdueTitle: (n: number) => `Việc quá hạn (${n}), cũ nhất trước`,
  noOverdue: 'Không có việc nào quá hạn.',
  agency: 'Cơ quan',
  item: 'Việc',
  dueDate: 'Hạn',
  late: 'Quá (ngày làm việc)',
  missedMore: (n: number) => ` (và ${n} hạn sau đó)`,
  matrixTitle: 'Ma trận cơ quan × nhiệm vụ',
  matrixNote: 'Mỗi ô là tình trạng của cơ quan chủ trì (hoặc phối hợp, chữ nghiêng) với nhiệm vụ hôm nay. Di chuột lên ô để xem tên nhiệm vụ; bấm vào ô để xem lịch sử cập nhật và tệp minh chứng.',
  matrixEmpty: 'Chưa có nhiệm vụ nào được giao.',
  filter: 'Lọc',
  quarter: 'Quý (có hạn trong quý)',
  plan: 'Kế hoạch',
  badQuarter: (text: string) => `Quý “${text}” không hợp lệ. Chọn quý trong danh sách (dạng 2024-Q2).`,
  all: 'Tất cả',
  reportsTitle: (year: number) => `Báo cáo định kỳ năm ${year}`,
  reportsEmpty: 'Chưa có báo cáo định kỳ nào trong năm.',
  onTime: 'đúng hạn',
  lateReport: 'muộn',
  missing: 'chưa nộp',
  notOwed: '—',
  sessionsTitle: 'Các phiên đăng nhập của bạn',
  started: 'Bắt đầu',
  lastSeen: 'Lần cuối',
  browser: 'Trình duyệt',
  thisOne: 'phiên này',
  revoke: 'Đóng phiên',
  legend: 'Chú thích',
  pager: 'Chuyển trang',
  pagerBelow: 'Chuyển trang (cuối bảng)',
  matrixShown: (from: number, to: number, total: number) => `Cơ quan ${from}–${to} trong ${total} cơ quan có nhiệm vụ theo bộ lọc`,
  overdueShown: (from: number, to: number, total: number) => `Việc ${from}–${to} trong ${total} việc quá hạn`,
  pageOf: (page: number, pages: number) => `trang ${page}/${pages}`,
  previous: '‹ Trang trước',
  next: 'Trang sau ›',
  goTo: 'Đến trang',
  go: 'Xem',
  /** A table's box, scrollable sideways on a narrow screen: focusable so that the keyboard scrolls it too (axe: scrollable-region-focusable). */
  scrollable: 'Bảng số liệu (cuộn ngang được)',
};

/** A cell's state words and CSS class, from the one shared definition (`itemView`), as /viec words it. */
export function cellState(t: AgencyTaskView): { label: string; css: string } {
  const v = t.view;
  if (v.finished) return v.doneLateDays > 0 ? { label: `Xong muộn ${v.doneLateDays} ngày`, css: 'late-done' } : { label: 'Xong đúng hạn', css: 'done' };
  if (v.condition === 'overdue') return { label: `Quá hạn ${v.lateDays} ngày${v.status === 'in_progress' && v.progress !== null ? `, ${v.progress}%` : ''}`, css: 'overdue' };
  if (v.extensionPending) return { label: 'Xin gia hạn', css: 'ext' };
  if (v.extendedFrom) return { label: `Đã gia hạn đến ${v.dueDate ? formatCivil(v.dueDate) : ''}`, css: 'ext' };
  if (v.status === 'blocked') return { label: 'Vướng mắc', css: 'problem' };
  if (v.status === 'in_progress') return { label: v.progress !== null ? `Đang làm ${v.progress}%` : 'Đang làm', css: 'progress' };
  if (v.status === 'done') return { label: 'Xong đợt này', css: 'done' };
  if (v.status === 'contributing') return { label: 'Đã góp ý', css: 'progress' };
  if (v.condition === 'not_chased') return { label: 'Hạn đã qua trước khi nhập', css: 'none' };
  // A coordinating agency is never overdue (itemView): "chưa đến hạn" beside a past date would mislead.
  if (t.role === 'coord') return { label: 'Phối hợp, chưa báo', css: 'open' };
  return { label: v.dueDate ? `Chưa đến hạn (${formatCivil(v.dueDate)})` : 'Chưa có hạn', css: 'open' };
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"Noto Sans",sans-serif;color:#1a1a1a;background:#f6f7f9}
header{background:#8b1a1a;color:#fff;padding:.5rem 1rem}header a{color:#fff}header .who{font-size:.85rem;opacity:.9}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.5rem 1rem;background:#fff;border-bottom:1px solid #ddd}
nav a{color:#8b1a1a;font-weight:600;text-decoration:none;padding:.25rem 0}nav a[aria-current]{border-bottom:3px solid #8b1a1a}
nav form{margin-left:auto}main{padding:1rem;max-width:80rem;margin:auto}h1{font-size:1.3rem;margin:.25rem 0 1rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin-bottom:1rem}
.card{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.75rem}.card b{display:block;font-size:1.8rem}
table{border-collapse:collapse;background:#fff;width:100%;margin-bottom:1rem}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto;max-width:100%}
.matrix td{font-size:.8rem;min-width:7rem}.matrix td a{color:inherit;display:block}.matrix tbody th{position:sticky;left:0;background:#f0f0f0;font-size:.85rem;min-width:8rem;max-width:11rem}.matrix th.task{font-size:.8rem;min-width:7rem}
.done{background:#d9f2df}.late-done{background:#fff3c4}.overdue{background:#f9d0d0}.problem{background:#fde2c8}.ext{background:#e3dcf5}
.progress{background:#dbe8fb}.open{background:#fff}.none{background:#eee;color:#666}.coord{font-style:italic}
button{font:inherit;padding:.4rem 1rem;border-radius:.4rem;border:1px solid #8b1a1a;background:#8b1a1a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#8b1a1a}form.decide{display:flex;flex-wrap:wrap;gap:.4rem;align-items:end}button.link{background:none;color:#8b1a1a;border:none;padding:.25rem 0;font-weight:600}
.notice{background:#fff;border-left:4px solid #8b1a1a;padding:.75rem 1rem}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:1rem}.pager p{margin:.25rem 0}.pager form{margin:.25rem 0 .75rem}
label{display:flex;flex-direction:column;font-size:.85rem}select,input{font:inherit}.hint{font-size:.85rem;color:#555;margin-top:-.75rem}
.body{white-space:pre-wrap;background:#fff;border-left:4px solid #ccc;margin:0 0 1rem;padding:.5rem 1rem}
@media (max-width:40rem){table.stack thead{display:none}table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}table.stack tr{margin-bottom:.75rem;border:1px solid #ddd}table.stack td{border:none;border-bottom:1px solid #eee;text-align:left}table.stack td::before{content:attr(data-label);display:block;font-size:.8rem;color:#555;font-weight:600}}
@media print{@page{size:A4;margin:12mm}body{background:#fff;font-size:10pt}header,nav,form.filters,form.decide,button,.hint{display:none}
main{padding:0;max-width:none}.scroll{overflow:visible}table{page-break-inside:auto;font-size:9pt}tr{page-break-inside:avoid}
.card{border:1px solid #999}td,th{border-color:#999;overflow-wrap:anywhere}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.cards{grid-template-columns:repeat(4,1fr)}
.matrix,.matrix tbody{display:block;border:none}.matrix thead{display:none}.matrix tr{display:block;break-inside:avoid;border-top:1px solid #999;padding:2pt 0}
.matrix tbody th{display:block;position:static;max-width:none;min-width:0;background:none;border:none;font-size:10pt}
.matrix td{display:inline-block;width:32%;min-width:0;margin:1pt 0;font-size:8pt}.matrix td.none{display:none}.matrix td::before{content:attr(data-code) ": ";font-weight:600}}
`;

/** A page with its HTTP status (a form's bad value: 400 with the page and the message). */
export interface PageResult {
  status: number;
  body: Html;
}

/** A file to download (the workbook). */
export interface FileResult {
  file: { name: string; mimeType: string; data: Buffer };
}

/** What every page's frame needs: who is looking, which tab, the CSRF token for the logout form. */
export interface Frame {
  member: Member;
  csrf: string;
  current: keyof typeof W.nav;
}

/** A whole page: the frame (header, tabs, logout) around a body; `frame` undefined for pages before login. */
export function page(title: string, body: Html, frame?: Frame): Html {
  const tab = (key: keyof typeof W.nav, href: string) => html`<a href="${href}"${frame?.current === key ? html` aria-current="page"` : ''}>${W.nav[key]}</a>`;
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="same-origin"><title>${title} — dondoc</title><style>${raw(STYLE)}</style></head>
<body><header><strong>${W.app}</strong>${frame ? html`<div class="who">${W.who(frame.member)}</div>` : ''}</header>
${
  frame
    ? html`<nav>${tab('overview', '/web/')}${tab('overdue', '/web/quahan')}${tab('matrix', '/web/matran')}${tab('reports', '/web/baocao')}${tab('scores', '/web/diem')}${tab('extensions', '/web/giahan')}${tab('broadcasts', '/web/thongbao')}${frame.member.role === 'focal' ? '' : tab('exports', '/web/xuat')}${tab('sessions', '/web/phien')}
<form method="post" action="/web/dangxuat"><input type="hidden" name="csrf" value="${frame.csrf}"><button class="link" type="submit">${W.nav.logout}</button></form></nav>`
    : ''
}
<main>${body}</main></body></html>`;
}

/** A page with one message (errors, logged out). */
export function messagePage(title: string, message: string, frame?: Frame): Html {
  return page(title, html`<h1>${title}</h1><p class="notice">${message}</p>`, frame);
}

/** The GET page of a login link: a button that POSTs the token (link previews never spend it). */
export function loginPage(token: string, member: Member): Html {
  return page(
    W.loginTitle,
    html`<h1>${W.loginTitle}</h1><p>${W.loginFor(member.displayName, member.agencyName)}</p>
<form method="post" action="/web/dangnhap"><input type="hidden" name="t" value="${token}"><button type="submit">${W.loginButton}</button></form>`,
  );
}

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/** Tổng quan: the same figures as /tonghop, from the same service calls (summaries.province and .overdue). */
export function overviewPage(services: CommandServices, frame: Frame, agencyId: number | undefined): Html {
  const { summaries, directory, settings } = services;
  const who = agencyId === undefined ? settings.provinceName : (directory.agency(agencyId)?.name ?? '');
  const s = summaries.province(agencyId);
  const overdueAll = summaries.overdue(agencyId).length;
  const names = directory.agencyNames();
  const table = (caption: string, head: string, rows: { name: string; due: number; done: number }[]) =>
    html`<h2>${caption}</h2><div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table><thead><tr><th>${head}</th><th>${W.due}</th><th>${W.done}</th><th>${W.rate}</th></tr></thead><tbody>${rows.map(
      (r) => html`<tr><td>${r.name}</td><td class="n">${r.due}</td><td class="n">${r.done}</td><td class="n">${pct(r.done, r.due)}</td></tr>`,
    )}</tbody></table></div>`;
  const card = (key: string, label: string, value: number, extra = '') => html`<div class="card">${label}<b data-figure="${key}">${value}</b>${extra}</div>`;
  const title = W.overviewTitle(who, s.quarter.label);
  return page(
    title,
    html`<h1>${title}</h1>
${s.tasksDue === 0 ? html`<p class="notice">${W.nothing}</p>` : ''}
<div class="cards">${card('tasksDue', W.tasksDue, s.tasksDue)}${card('tasksDone', W.tasksDone, s.tasksDone, ` (${pct(s.tasksDone, s.tasksDue)})`)}${card('tasksOverdue', W.tasksOverdue, s.tasksOverdue)}${card('overdueAll', W.allOverdue, overdueAll)}</div>
${s.report ? html`<p data-figure="report">${W.report(s.report.title, s.report.submitted, s.report.owed)}</p>` : ''}
${s.byArea.length > 0 ? table(W.byArea, W.area, s.byArea.map((a) => ({ name: a.area, ...a }))) : ''}
${agencyId === undefined && s.byKind.length > 0 ? table(W.byKind, W.kind, s.byKind.map((k) => ({ name: k.kind, ...k }))) : ''}
${agencyId === undefined && s.behind.length > 0 ? html`<h2>${W.behind}</h2><ol>${s.behind.map((b) => html`<li>${W.behindLine(names.get(b.agencyId) ?? '', b.overdue, b.oldest)}</li>`)}</ol>` : ''}
<p>${W.week(s.lastWeek)}</p>`,
    frame,
  );
}

/** Quá hạn: every overdue item, oldest first, as /quahan lists them (summaries.overdue). */
export function overduePage(services: CommandServices, frame: Frame, agencyId: number | undefined, pageNo?: number): Html {
  const items = services.summaries.overdue(agencyId);
  const names = services.directory.agencyNames();
  const title = W.overdueTitle(items.length);
  const shown = pageOf(items, OVERDUE_PAGE, pageNo);
  const query: Record<string, string> = agencyId !== undefined && frame.member.role !== 'focal' ? { coquan: services.directory.agency(agencyId)?.code ?? '' } : {};
  const pages = (label?: string) => pager(W.overdueShown(shown.from, shown.to, items.length), shown, '/web/quahan', query, label);
  const body =
    items.length === 0
      ? html`<h1>${W.nav.overdue}</h1><p class="notice">${W.noOverdue}</p>`
      : html`<h1>${title}</h1>${pages()}<div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table><thead><tr><th>${W.agency}</th><th>${W.item}</th><th>${W.dueDate}</th><th>${W.late}</th></tr></thead><tbody>${shown.shown.map(
          (i) =>
            html`<tr data-item="${i.kind}:${i.itemId}:${i.agencyId}"><td>${names.get(i.agencyId) ?? ''}</td><td><b>${i.label}</b> ${shorten(i.title, 120)}</td><td>${formatCivil(i.dueDate)}${i.missed > 1 ? W.missedMore(i.missed - 1) : ''}</td><td class="n">${i.lateDays}</td></tr>`,
        )}</tbody></table></div>${shown.pages > 1 ? pages(W.pagerBelow) : ''}`;
  return page(W.nav.overdue, body, frame);
}

/** The matrix's filters: reform area, kind of agency, quarter ("2024-Q2": a date in force in it), plan (its id); and the page of agencies. */
export interface MatrixFilters {
  area?: string;
  kind?: string;
  quarter?: string;
  plan?: number;
  /** Which page of agencies (from 1; `MATRIX_PAGE` agencies a page). */
  page?: number;
}

/** Agencies per page of the matrix: a screen's worth, also on a phone (the province's 3,000+ communes × 170 tasks are 100,000 cells). */
export const MATRIX_PAGE = 20;
/** Rows per page of Quá hạn. */
export const OVERDUE_PAGE = 100;

/** The slice of a list a page shows: `asked` out of range shows the nearest page (the count says which). */
export function pageOf<T>(items: readonly T[], size: number, asked: number | undefined): { shown: T[]; page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(pages, Math.max(1, asked ?? 1));
  const shown = items.slice((page - 1) * size, page * size);
  return { shown, page, pages, from: shown.length === 0 ? 0 : (page - 1) * size + 1, to: (page - 1) * size + shown.length };
}

/**
 * The count of what a page shows and the way to every other page: previous, next, the first and
 * last, the pages near this one, and a box to jump to any page (the query's other filters kept).
 */
export function pager(shown: string, p: { page: number; pages: number }, path: string, query: Record<string, string>, label: string = W.pager): Html {
  const href = (page: number) => `${path}?${new URLSearchParams({ ...query, trang: String(page) }).toString()}`;
  const near = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, p.pages])].filter((n) => n >= 1 && n <= p.pages).sort((a, b) => a - b);
  const links = near.map((n, i) => html`${i > 0 && n - near[i - 1]! > 1 ? '… ' : ''}${n === p.page ? html`<b aria-current="page">${n}</b> ` : html`<a href="${href(n)}">${n}</a> `}`);
  return html`<div class="pager" role="navigation" aria-label="${label}" data-page="${p.page}" data-pages="${p.pages}"><p data-figure="shown">${shown} (${W.pageOf(p.page, p.pages)}).</p>
${p.pages > 1 ? html`<p>${p.page > 1 ? html`<a href="${href(p.page - 1)}" rel="prev">${W.previous}</a> ` : ''}${links}${p.page < p.pages ? html`<a href="${href(p.page + 1)}" rel="next">${W.next}</a>` : ''}</p>
<form method="get" action="${path}">${Object.entries(query).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<label>${W.goTo} <input type="number" name="trang" min="1" max="${p.pages}" value="${p.page}" size="4"></label> <button type="submit">${W.go}</button></form>` : ''}</div>`;
}

/**
 * Ma trận: agencies × tasks, each cell the agency's state of the task today (tasks.forAgency, as
 * /viec), a link to the task's history (as /lichsu). Filters: area, kind, quarter (tasks with a date
 * in force for that agency in the quarter), plan. The province's agencies come `MATRIX_PAGE` a page,
 * with their count and links to every page; the tasks are read once per data change
 * (tasks.forAllAgencies) and only the page's agencies are viewed on today (tasks.withViews).
 */
export function matrixPage(services: CommandServices, frame: Frame, agencyId: number | undefined, filters: MatrixFilters): Html {
  const { directory } = services;
  const quarter = filters.quarter ? parsePeriod(filters.quarter) : null;
  const agencies = (agencyId === undefined ? directory.agencies(filters.kind ? { kind: filters.kind } : {}) : [directory.agency(agencyId)!]).filter((a) => a !== undefined);
  // Filtered and paged on the tasks as read; only the page's agencies get their view on today.
  const byAgency: ReadonlyMap<number, readonly AgencyTask[]> = agencyId === undefined ? services.tasks.forAllAgencies() : new Map([[agencyId, services.tasks.forAgency(agencyId)]]);
  const all = agencies.map((agency) => ({ agency, tasks: byAgency.get(agency.id) ?? [] }));
  const rows = all
    .map((r) => ({
      agency: r.agency,
      tasks: r.tasks.filter(
        (t) =>
          (!filters.area || t.areaTitle === filters.area) &&
          (filters.plan === undefined || t.planId === filters.plan) &&
          (!quarter || t.dates.some((d) => d >= quarter.from && d <= quarter.to)),
      ),
    }))
    .filter((r) => r.tasks.length > 0);
  const paged = pageOf(rows, MATRIX_PAGE, filters.page);
  const shown = { ...paged, shown: paged.shown.map((r) => ({ agency: r.agency, tasks: services.tasks.withViews(r.tasks) })) };
  const columns = new Map<number, { code: string; title: string; plan: string }>();
  for (const r of shown.shown) for (const t of r.tasks) if (!columns.has(t.id)) columns.set(t.id, { code: t.code, title: tidyExtracted(`${t.task}${t.activity ? ` — ${t.activity}` : ''}`), plan: t.planName });
  const ordered = [...columns.entries()].sort((a, b) => a[1].plan.localeCompare(b[1].plan, 'vi') || a[1].code.localeCompare(b[1].code, 'vi', { numeric: true }));
  // The choices come from every task the agencies shown have, whatever is chosen now.
  const areaSet = new Set<string>();
  const planMap = new Map<number, string>();
  const dateSet = new Set<string>();
  for (const r of all) {
    for (const t of r.tasks) {
      if (t.areaTitle) areaSet.add(t.areaTitle);
      planMap.set(t.planId, t.planName);
      for (const d of t.dates) dateSet.add(d);
    }
  }
  const areas = [...areaSet];
  const plans = [...planMap.entries()].sort((a, b) => a[1].localeCompare(b[1], 'vi'));
  const quarters = [...new Set([...dateSet].map((d) => `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`))].sort();
  const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;
  const keep = (list: string[], chosen: string | undefined) => (chosen && !list.includes(chosen) ? [...list, chosen] : list);
  const filterForm = html`<form class="filters" method="get" action="/web/matran">
<label>${W.area}<select name="linhvuc">${option('', W.all, filters.area ?? '')}${keep(areas, filters.area).map((a) => option(a, shorten(a, 50), filters.area))}</select></label>
${agencyId === undefined ? html`<label>${W.kind}<select name="loai">${option('', W.all, filters.kind ?? '')}${directory.kinds().map((k) => option(k.code, k.label, filters.kind))}</select></label>` : ''}
<label>${W.quarter}<select name="quy">${option('', W.all, filters.quarter ?? '')}${keep(quarters, filters.quarter).map((q) => option(q, parsePeriod(q)?.label ?? q, filters.quarter))}</select></label>
<label>${W.plan}<select name="kehoach">${option('', W.all, filters.plan === undefined ? '' : String(filters.plan))}${plans.map(([id, name]) => option(String(id), shorten(name, 60), filters.plan === undefined ? undefined : String(filters.plan)))}</select></label>
<button type="submit">${W.filter}</button></form>`;
  const legend = html`<p>${W.legend}: <span class="done">Xong đúng hạn</span> · <span class="late-done">Xong muộn</span> · <span class="overdue">Quá hạn</span> · <span class="problem">Vướng mắc</span> · <span class="ext">Gia hạn</span> · <span class="progress">Đang làm</span></p>`;
  const query: Record<string, string> = {
    ...(filters.area ? { linhvuc: filters.area } : {}),
    ...(filters.kind ? { loai: filters.kind } : {}),
    ...(filters.quarter ? { quy: filters.quarter } : {}),
    ...(filters.plan !== undefined ? { kehoach: String(filters.plan) } : {}),
    ...(agencyId !== undefined && frame.member.role !== 'focal' ? { coquan: directory.agency(agencyId)?.code ?? '' } : {}),
  };
  const pages = (label?: string) => (agencyId === undefined ? pager(W.matrixShown(shown.from, shown.to, rows.length), shown, '/web/matran', query, label) : '');
  const table =
    ordered.length === 0
      ? html`<p class="notice">${W.matrixEmpty}</p>`
      : html`${pages()}<div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table class="matrix"><thead><tr><th>${W.agency}</th>${ordered.map(([, c]) => html`<th class="task" title="${c.title}">${c.code}</th>`)}</tr></thead><tbody>${shown.shown.map((r) => {
          const byTask = new Map(r.tasks.map((t) => [t.id, t]));
          return html`<tr data-agency="${r.agency.code}"><th>${r.agency.name}</th>${ordered.map(([id, c]) => {
            const t = byTask.get(id);
            if (!t) return html`<td class="none"></td>`;
            const state = cellState(t);
            return html`<td class="${state.css}${t.role === 'coord' ? ' coord' : ''}" title="${c.code}: ${c.title}" data-task="${id}" data-code="${c.code}"><a href="/web/lichsu?nv=${id}">${state.label}</a></td>`;
          })}</tr>`;
        })}</tbody></table></div>${shown.pages > 1 ? pages(W.pagerBelow) : ''}`;
  return page(W.matrixTitle, html`<h1>${W.matrixTitle}</h1><p>${W.matrixNote}</p>${filterForm}${legend}${table}`, frame);
}

/** Báo cáo định kỳ: Q1, 6T, Q3, NAM × agencies, received on time / late / missing (summaries.reportStatus, as /baocao). */
export function reportsPage(services: CommandServices, frame: Frame, agencyId: number | undefined): Html {
  const year = Number(services.summaries.today().slice(0, 4));
  const statuses = ['Q1', '6T', 'Q3', 'NAM'].map((code) => ({ code, status: services.summaries.reportStatus(code, year) })).filter((r) => r.status !== undefined);
  const title = W.reportsTitle(year);
  if (statuses.length === 0) return page(title, html`<h1>${title}</h1><p class="notice">${W.reportsEmpty}</p>`, frame);
  const agencies = agencyId === undefined ? services.directory.agencies() : [services.directory.agency(agencyId)!];
  const cells = statuses.map(({ status }) => {
    const submitted = new Map(status!.submitted.map((s) => [s.name, s]));
    return { missing: new Set(status!.missing), submitted };
  });
  const rows = agencies.filter((a) => cells.some((c) => c.missing.has(a.name) || c.submitted.has(a.name)));
  return page(
    title,
    html`<h1>${title}</h1><div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table><thead><tr><th>${W.agency}</th>${statuses.map((s) => html`<th>${s.status!.report.title}<br><small>hạn ${formatCivil(s.status!.report.dueDate)}</small></th>`)}</tr></thead><tbody>${rows.map(
      (a) =>
        html`<tr data-agency="${a.code}"><th>${a.name}</th>${cells.map((c) => {
          const s = c.submitted.get(a.name);
          if (s) return html`<td class="${s.late ? 'late-done' : 'done'}">${s.late ? W.lateReport : W.onTime} (${formatCivil(s.day)})</td>`;
          if (c.missing.has(a.name)) return html`<td class="overdue">${W.missing}</td>`;
          return html`<td class="none">${W.notOwed}</td>`;
        })}</tr>`,
    )}</tbody></table></div>`,
    frame,
  );
}

/** The member's open sessions, each with a button that closes it. */
export function sessionsPage(frame: Frame, sessions: WebSession[], currentId: number, timeZone: string): Html {
  const when = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone });
  return page(
    W.sessionsTitle,
    html`<h1>${W.sessionsTitle}</h1><div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table><thead><tr><th>${W.started}</th><th>${W.lastSeen}</th><th>${W.browser}</th><th></th></tr></thead><tbody>${sessions.map(
      (s) =>
        html`<tr data-session="${s.id}"><td>${when(s.createdAt)}${s.id === currentId ? html` <b>(${W.thisOne})</b>` : ''}</td><td>${when(s.lastSeenAt)}</td><td>${shorten(s.userAgent ?? '', 80)}</td>
<td><form method="post" action="/web/phien/dong"><input type="hidden" name="csrf" value="${frame.csrf}"><input type="hidden" name="id" value="${s.id}"><button type="submit">${W.revoke}</button></form></td></tr>`,
    )}</tbody></table></div>`,
    frame,
  );
}
