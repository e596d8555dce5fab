import { formatPoints, mainLossOf, notScored, rankWithTies, type ScoredAgency } from '../app/scoring-service.js';
import type { CommandServices } from '../app/services.js';
import { civilDate, formatCivil, parseTypedDay, type CivilDate } from '../domain/civil-date.js';
import { defaultAsOf, parsePeriod } from '../domain/scoring.js';
import { html, type Html } from './html.js';
import { page, W, type Frame, type PageResult } from './pages.js';

/** The page's words, in one place (the criteria's titles and reasons come from the scoring itself, as in /diem). */
const S = {
  title: 'Điểm và xếp hạng',
  one: (name: string, period: string, asOf: string) => `Điểm CCHC (phần dondoc theo dõi) — ${name}, ${period}, tính đến ${asOf}`,
  ranking: (kind: string, period: string, asOf: string) => `Xếp hạng ${kind} — ${period}, tính đến ${asOf}`,
  day: 'Tính đến ngày',
  period: 'Kỳ (năm hoặc năm-Qn)',
  periodHint: 'để trống: cả năm của ngày đã chọn',
  kind: 'Loại cơ quan',
  show: 'Xem',
  criterion: 'Tiêu chí',
  points: 'Điểm',
  why: 'Lý do',
  total: 'Tổng',
  rank: 'Hạng',
  agency: 'Cơ quan',
  mainLoss: 'Mất điểm chủ yếu',
  notApplicable: 'không áp dụng',
  unranked: 'không xếp hạng: không có tiêu chí nào áp dụng trong kỳ',
  notScored: (name: string) => `${name} ban hành kế hoạch CCHC của tỉnh nên không được chấm điểm theo kế hoạch đó (không xếp hạng).`,
  noneOfKind: 'Không có cơ quan nào thuộc loại này.',
  ties: 'Cơ quan cùng tỉ lệ điểm xếp cùng hạng (hạng sau bỏ qua số tương ứng); trong cùng hạng xếp theo tên. Bấm tên cơ quan để xem lý do từng tiêu chí.',
  note: 'Điểm tính từ các cập nhật đã ghi trong dondoc (cùng số liệu với /diem và /xephang trong chat); Sở Nội vụ thẩm định điểm chính thức.',
  badDay: (text: string) => `Ngày “${text}” không hợp lệ. Chọn ngày trong ô lịch, hoặc gõ theo dạng 31/03/2024.`,
  futureDay: (text: string, today: string) => `Ngày ${text} chưa tới: điểm chỉ tính đến hôm nay (${today}) hoặc một ngày đã qua.`,
  badPeriod: (text: string) => `Kỳ “${text}” không hợp lệ. Dùng năm (ví dụ 2026) hoặc quý của năm (2026-Q1 đến 2026-Q4), hoặc để trống.`,
  unknownKind: (kind: string) => `Không có loại cơ quan “${kind}”. Chọn một loại trong danh sách.`,
};

/** A day from the form: the date input's "2024-03-31", or typed as "31/03/2024" (a browser without a date picker). */
function readDay(text: string): CivilDate | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return iso ? civilDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : parseTypedDay(text);
}

/**
 * Điểm và xếp hạng (/web/diem): the points per criterion with their reasons, as /diem gives them, or
 * for leaders and admins the ranking of a kind of agency as /xephang ranks it — from the same
 * ScoringService call. `?ngay=` is the day the scores are as of: the page says what the chat said on
 * that day (the period's end when the period was over by then); `?ky=` the period (default: that
 * day's year), `?loai=` the kind ranked (default: the departments, as /xephang).
 */
export function scoresPage(services: CommandServices, frame: Frame, agencyId: number | undefined, query: URLSearchParams): PageResult {
  const today = services.summaries.today();
  const dayText = (query.get('ngay') ?? '').trim();
  const periodText = (query.get('ky') ?? '').trim();
  const kindText = (query.get('loai') ?? '').trim();
  const kinds = services.directory.kinds();
  const kind = agencyId === undefined ? kinds.find((k) => k.code === (kindText || 'so_ban_nganh')) : undefined;
  const day = dayText ? readDay(dayText) : today;
  const form = (shownDay: string) => html`<form class="filters" method="get" action="/web/diem">
${query.get('coquan') ? html`<input type="hidden" name="coquan" value="${query.get('coquan')!}">` : ''}
<label>${S.day}<input type="date" name="ngay" value="${shownDay}" max="${today}" required></label>
<label>${S.period}<input type="text" name="ky" value="${periodText}" placeholder="${today.slice(0, 4)}" aria-describedby="ky-hint" size="9"></label>
${agencyId === undefined ? html`<label>${S.kind}<select name="loai">${kinds.map((k) => html`<option value="${k.code}"${k.code === kind?.code ? html` selected` : ''}>${k.label}</option>`)}</select></label>` : ''}
<button type="submit">${S.show}</button></form><p id="ky-hint" class="hint">${S.periodHint}</p>`;
  const refuse = (message: string) => ({ status: 400, body: page(S.title, html`<h1>${S.title}</h1>${form(day && day <= today ? day : today)}<p class="notice" role="alert">${message}</p>`, frame) });
  if (!day) return refuse(S.badDay(dayText));
  if (day > today) return refuse(S.futureDay(formatCivil(day), formatCivil(today)));
  const period = periodText ? parsePeriod(periodText) : parsePeriod(day.slice(0, 4));
  if (!period) return refuse(S.badPeriod(periodText));
  if (agencyId === undefined && !kind) return refuse(S.unknownKind(kindText));
  // What /diem and /xephang take as "as of" on that day: the day itself, or the period's last working day once it is over.
  const asOf = defaultAsOf(period, day, (d) => services.calendar.onOrAfter(d));
  const scores = services.scoring.scoreAll(period, asOf);
  const ask = new URLSearchParams({ ngay: day, ...(periodText ? { ky: periodText } : {}) });

  if (agencyId !== undefined) {
    const name = services.directory.agency(agencyId)?.name ?? '';
    const title = S.one(name, period.label, formatCivil(asOf));
    const score = scores.find((s) => s.agencyId === agencyId);
    const body = score
      ? html`<div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table class="scores"><thead><tr><th>${S.criterion}</th><th>${S.points}</th><th>${S.why}</th></tr></thead><tbody>${score.criteria.map(
          (c) =>
            html`<tr data-criterion="${c.code}"><th>${c.title}</th><td class="n" data-points="${c.notApplicable ? '' : `${c.points}/${c.maxPoints}`}">${c.notApplicable ? S.notApplicable : `${formatPoints(c.points)}/${formatPoints(c.maxPoints)}`}</td><td>${c.why}</td></tr>`,
        )}</tbody><tfoot><tr><th>${S.total}</th><td class="n" data-total="${score.total}/${score.maxTotal}"><b>${formatPoints(score.total)}/${formatPoints(score.maxTotal)}</b></td><td></td></tr></tfoot></table></div>`
      : html`<p class="notice">${S.notScored(name)}</p>`;
    return { status: 200, body: page(S.title, html`<h1>${title}</h1>${form(day)}${body}<p>${S.note}</p>`, frame) };
  }

  const title = S.ranking(kind!.label, period.label, formatCivil(asOf));
  const ofKind = scores.filter((s) => s.kind === kind!.code);
  if (ofKind.length === 0) {
    const message = notScored(kind!.code) ? services.directory.agencies({ kind: kind!.code }).map((a) => S.notScored(a.name)).join(' ') : S.noneOfKind;
    return { status: 200, body: page(S.title, html`<h1>${title}</h1>${form(day)}<p class="notice">${message}</p>`, frame) };
  }
  const ranked = rankWithTies(ofKind.filter((s) => s.maxTotal > 0));
  const unranked = ofKind.filter((s) => s.maxTotal === 0).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  // The rubric's criteria, in its order, as the scores carry them.
  const criteria = [...new Map(ofKind.flatMap((s) => s.criteria.map((c) => [c.code, c.title] as const))).entries()];
  const link = (s: ScoredAgency) => `/web/diem?${new URLSearchParams({ ...Object.fromEntries(ask), coquan: s.code }).toString()}`;
  const cells = (s: ScoredAgency) =>
    criteria.map(([code]) => {
      const c = s.criteria.find((x) => x.code === code);
      if (!c) return html`<td class="none"></td>`;
      return html`<td class="n" data-criterion="${code}" title="${c.why}">${c.notApplicable ? S.notApplicable : `${formatPoints(c.points)}/${formatPoints(c.maxPoints)}`}</td>`;
    });
  const row = (rank: number | null, s: ScoredAgency) => {
    const loss = mainLossOf(s);
    return html`<tr data-agency="${s.code}" data-rank="${rank ?? ''}"><td class="n">${rank ?? '—'}</td><th><a href="${link(s)}">${s.name}</a></th><td class="n" data-total="${s.total}/${s.maxTotal}"><b>${formatPoints(s.total)}/${formatPoints(s.maxTotal)}</b></td>${cells(s)}<td>${rank === null ? S.unranked : loss ? `${loss.title} (${loss.why})` : ''}</td></tr>`;
  };
  return {
    status: 200,
    body: page(
      S.title,
      html`<h1>${title}</h1>${form(day)}<div class="scroll" tabindex="0" role="region" aria-label="${W.scrollable}"><table class="scores"><thead><tr><th>${S.rank}</th><th>${S.agency}</th><th>${S.total}</th>${criteria.map(([, t]) => html`<th>${t}</th>`)}<th>${S.mainLoss}</th></tr></thead><tbody>${ranked.map((r) => row(r.rank, r.score))}${unranked.map((s) => row(null, s))}</tbody></table></div>
<p>${S.ties}</p><p>${S.note}</p>`,
      frame,
    ),
  };
}
