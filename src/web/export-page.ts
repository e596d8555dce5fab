import type { CommandServices } from '../app/services.js';
import { defaultAsOf, parsePeriod } from '../domain/scoring.js';
import { html } from './html.js';
import { messagePage, page, W, type FileResult, type Frame, type PageResult } from './pages.js';

/** The page's words, in one place. */
const X = {
  title: 'Xuất tệp Excel',
  what: 'Tệp Excel gồm nhiệm vụ, báo cáo định kỳ và điểm của các cơ quan trong kỳ — cùng tệp với lệnh /xuatexcel trong chat.',
  period: 'Kỳ (năm hoặc năm-Qn, ví dụ 2024 hoặc 2024-Q2)',
  download: 'Tải tệp Excel',
  print: 'Mỗi trang của bảng điều khiển in được trên giấy A4 (Ctrl+P hoặc “In” của trình duyệt): menu và nút bấm không in, bảng rộng tự co chữ, ma trận in khổ ngang.',
  forbidden: 'Chỉ lãnh đạo và Sở Nội vụ tải được tệp Excel của cả tỉnh.',
  badPeriod: (text: string) => `Kỳ “${text}” không hợp lệ. Dùng năm (2024) hoặc quý (2024-Q2).`,
};

/** The workbook's media type (as /xuatexcel sends it). */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Xuất (/web/xuat): the form that downloads the workbook (admins and leaders; a focal point gets 403). */
export function exportPage(services: CommandServices, frame: Frame, message?: string): PageResult {
  if (frame.member.role === 'focal') return { status: 403, body: messagePage(W.forbidden, X.forbidden, frame) };
  const year = services.summaries.today().slice(0, 4);
  return {
    status: message ? 400 : 200,
    body: page(
      X.title,
      html`<h1>${X.title}</h1><p>${X.what}</p>
<form class="filters" method="get" action="/web/xuat/tep"><label>${X.period}<input type="text" name="ky" value="${year}" size="9" required></label><button type="submit">${X.download}</button></form>
${message ? html`<p class="notice" role="alert">${message}</p>` : ''}<p>${X.print}</p>`,
      frame,
    ),
  };
}

/**
 * The workbook itself (/web/xuat/tep?ky=2024): ScoringService.exportWorkbook for the period as of
 * today (the period's end once it is over), exactly as /xuatexcel builds it, under the same name.
 */
export async function exportFile(services: CommandServices, frame: Frame, query: URLSearchParams): Promise<PageResult | FileResult> {
  if (frame.member.role === 'focal') return exportPage(services, frame);
  const today = services.summaries.today();
  const text = (query.get('ky') ?? '').trim();
  const period = parsePeriod(text || today.slice(0, 4));
  if (!period) return exportPage(services, frame, X.badPeriod(text));
  const asOf = defaultAsOf(period, today, (d) => services.calendar.onOrAfter(d));
  const data = await services.scoring.exportWorkbook(period, asOf);
  return { file: { name: `dondoc-${text || today.slice(0, 4)}.xlsx`, mimeType: XLSX, data } };
}
