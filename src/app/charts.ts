import { shorten } from '../domain/task-title.js';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Noto Sans (shipped by npm, so no download at install): full Vietnamese diacritics. */
const FONT_FILES = [
  require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
];

const COLORS = { done: '#2e7d32', overdue: '#c62828', open: '#b0bec5', bar: '#1565c0', text: '#1c232b', muted: '#5b6675', grid: '#e3e8ee' };

/**
 * A portrait layout for chat: 720 px wide (a phone shows it at about its own width, so 28 px text
 * stays readable), every text at least 28 px, at most 15 bars with "… và N cơ quan khác".
 */
export const CHART = { width: 720, margin: 24, text: 28, title: 32, maxBars: 15 } as const;
const WIDTH = CHART.width;
const INNER = WIDTH - 2 * CHART.margin;
/** Characters of 28 px Noto Sans that fit the inner width (≈ 0.55 em a character), for cutting names. */
const CHARS_PER_LINE = Math.floor(INNER / (CHART.text * 0.55));
const BAR_ROW = 84;

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words wrapped into lines of at most `width` characters (a longer word is cut with "…"), at most `max` lines. */
function wrap(text: string, width: number, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      if (line) out.push(line);
      line = word.length > width ? shorten(word, width) : word;
    }
  }
  if (line) out.push(line);
  return out.length > max ? [...out.slice(0, max - 1), shorten(out.slice(max - 1).join(' '), width)] : out;
}

/**
 * Renders an SVG to PNG with the shipped font, at the chart's own width, on libuv's thread pool
 * (resvg's renderAsync): a chart of 15 bars takes ~100 ms to draw, and the chat's event loop
 * answers others meanwhile.
 */
export async function renderPng(svg: string): Promise<Buffer> {
  // resvg is loaded with the first chart, not at every start of the command line.
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
    fitTo: { mode: 'width', value: WIDTH },
    background: '#ffffff',
  });
  return Buffer.from(image.asPng());
}

/** Title (bold, wrapped) and subtitle (wrapped) from the top; returns the SVG and the y where the body starts. */
function heading(title: string, subtitle: string): { svg: string; y: number } {
  let y = CHART.margin;
  const parts: string[] = [];
  for (const line of wrap(title, Math.floor(INNER / (CHART.title * 0.58)), 3)) {
    y += CHART.title + 8;
    parts.push(`<text x="${CHART.margin}" y="${y}" font-size="${CHART.title}" font-weight="700" fill="${COLORS.text}">${esc(line)}</text>`);
  }
  for (const line of wrap(subtitle, CHARS_PER_LINE, 3)) {
    y += CHART.text + 8;
    parts.push(`<text x="${CHART.margin}" y="${y}" font-size="${CHART.text}" fill="${COLORS.muted}">${esc(line)}</text>`);
  }
  return { svg: parts.join('\n'), y: y + 16 };
}

/** A legend, one entry per line (a phone is too narrow for three side by side). */
function legend(entries: readonly (readonly [string, string])[], top: number): { svg: string; y: number } {
  const svg = entries
    .map(([label, color], i) => {
      const y = top + i * (CHART.text + 12);
      return `<rect x="${CHART.margin}" y="${y + 4}" width="26" height="26" fill="${color}"/><text x="${CHART.margin + 38}" y="${y + CHART.text}" font-size="${CHART.text}" fill="${COLORS.text}">${esc(label)}</text>`;
    })
    .join('');
  return { svg, y: top + entries.length * (CHART.text + 12) + 16 };
}

function document(height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans">
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
</svg>`;
}

/** "… và N cơ quan khác" under the bars when more rows were given than a chart shows. */
function moreLine(hidden: number, y: number): { svg: string; y: number } {
  if (hidden <= 0) return { svg: '', y };
  return { svg: `<text x="${CHART.margin}" y="${y + CHART.text}" font-size="${CHART.text}" fill="${COLORS.muted}">… và ${hidden.toLocaleString('vi-VN')} cơ quan khác</text>`, y: y + CHART.text + 16 };
}

/**
 * One bar per row: the name on its own line above a full-width bar, the value at the bar's end.
 * `parts` are the bar's coloured segments as shares of 1.
 */
function barRows(rows: { name: string; value: string; parts: { share: number; color: string }[] }[], top: number): { svg: string; y: number } {
  const valueWidth = 110;
  const barWidth = INNER - valueWidth;
  const svg = rows
    .map((r, i) => {
      const y = top + i * BAR_ROW;
      let x = CHART.margin;
      const segments = r.parts
        .map(({ share, color }) => {
          const w = Math.max(0, share) * barWidth;
          const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y + CHART.text + 10}" width="${w.toFixed(1)}" height="30" fill="${color}"/>` : '';
          x += w;
          return rect;
        })
        .join('');
      return `<text x="${CHART.margin}" y="${y + CHART.text}" font-size="${CHART.text}" fill="${COLORS.text}">${esc(shorten(r.name, CHARS_PER_LINE))}</text><rect x="${CHART.margin}" y="${y + CHART.text + 10}" width="${barWidth}" height="30" fill="${COLORS.grid}"/>${segments}<text x="${WIDTH - CHART.margin}" y="${y + CHART.text + 36}" font-size="${CHART.text}" text-anchor="end" font-weight="700" fill="${COLORS.text}">${esc(r.value)}</text>`;
    })
    .join('\n');
  return { svg, y: top + rows.length * BAR_ROW };
}

export interface CompletionRow {
  name: string;
  done: number;
  overdue: number;
  open: number;
}

/** Stacked bars per agency: done / overdue / still open, as shares of what was due (the first 15 rows). */
export function completionChart(title: string, subtitle: string, rows: CompletionRow[]): Promise<Buffer> {
  return renderPng(completionSvg(title, subtitle, rows));
}

export function completionSvg(title: string, subtitle: string, rows: CompletionRow[]): string {
  const head = heading(title, subtitle);
  const key = legend([['Đã hoàn thành', COLORS.done], ['Quá hạn', COLORS.overdue], ['Chưa đến hạn / đang làm', COLORS.open]], head.y);
  const shown = rows.slice(0, CHART.maxBars);
  const bars = barRows(
    shown.map((r) => {
      const total = Math.max(1, r.done + r.overdue + r.open);
      return {
        name: r.name,
        value: `${Math.round((r.done / total) * 100)}%`,
        parts: [
          { share: r.done / total, color: COLORS.done },
          { share: r.overdue / total, color: COLORS.overdue },
          { share: r.open / total, color: COLORS.open },
        ],
      };
    }),
    key.y,
  );
  const more = moreLine(rows.length - shown.length, bars.y);
  return document(more.y + CHART.margin, [head.svg, key.svg, bars.svg, more.svg].join('\n'));
}

export interface RankingRow {
  rank: number;
  name: string;
  points: number;
  max: number;
}

/** Horizontal bars of scores, best first, each with its rank (tied agencies share one). */
export function rankingChart(title: string, subtitle: string, rows: RankingRow[]): Promise<Buffer> {
  return renderPng(rankingSvg(title, subtitle, rows));
}

/** The ranking chart's SVG (names escaped and cut to the line): what rankingChart renders. */
export function rankingSvg(title: string, subtitle: string, rows: RankingRow[]): string {
  const head = heading(title, subtitle);
  const shown = rows.slice(0, CHART.maxBars);
  const number = (n: number) => n.toLocaleString('vi-VN');
  const bars = barRows(
    shown.map((r) => ({ name: `${r.rank}. ${r.name}`, value: `${number(r.points)}/${number(r.max)}`, parts: [{ share: r.max > 0 ? r.points / r.max : 0, color: COLORS.bar }] })),
    head.y,
  );
  const more = moreLine(rows.length - shown.length, bars.y);
  return document(more.y + CHART.margin, [head.svg, bars.svg, more.svg].join('\n'));
}

/** A readable upper bound for an axis (1, 2, 2.5 or 5 × 10ⁿ, at least 5), so that its fifths are whole numbers. */
function niceMax(n: number): number {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 2.5, 5, 10].map((f) => f * step).find((v) => v >= n) ?? 10 * step;
}

export interface TrendWeek {
  label: string;
  done: number;
  progress: number;
  problems: number;
}

/** Stacked columns per week: completions, progress updates, problems reported (blocked / extension). */
export function trendChart(title: string, subtitle: string, weeks: TrendWeek[]): Promise<Buffer> {
  return renderPng(trendSvg(title, subtitle, weeks));
}

export function trendSvg(title: string, subtitle: string, weeks: TrendWeek[]): string {
  const series = [
    ['done', 'Báo hoàn thành', COLORS.done],
    ['progress', 'Cập nhật tiến độ', COLORS.bar],
    ['problems', 'Vướng mắc / xin gia hạn', COLORS.overdue],
  ] as const;
  const head = heading(title, subtitle);
  const key = legend(series.map(([, label, color]) => [label, color] as const), head.y);
  const top = key.y + 10;
  const plot = { left: 96, right: WIDTH - CHART.margin, height: 420 };
  const max = niceMax(Math.max(1, ...weeks.map((w) => w.done + w.progress + w.problems)));
  const y = (v: number) => top + plot.height - (v / max) * plot.height;
  const grid = [0, 0.5, 1]
    .map((f) => {
      const v = Math.round(max * f);
      return `<line x1="${plot.left}" x2="${plot.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${COLORS.grid}"/><text x="${plot.left - 10}" y="${(y(v) + 10).toFixed(1)}" font-size="${CHART.text}" text-anchor="end" fill="${COLORS.muted}">${v.toLocaleString('vi-VN')}</text>`;
    })
    .join('');
  const slot = (plot.right - plot.left) / Math.max(1, weeks.length);
  // Labels 28 px wide do not fit under every one of 12 columns: every `step`-th week, and the last.
  const step = Math.max(1, Math.ceil(90 / slot));
  const columns = weeks
    .map((w, i) => {
      const x = plot.left + i * slot + slot * 0.15;
      let base = 0;
      const parts = series
        .map(([k, , color]) => {
          const n = w[k];
          if (n <= 0) return '';
          const rect = `<rect x="${x.toFixed(1)}" y="${y(base + n).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(y(base) - y(base + n)).toFixed(1)}" fill="${color}"/>`;
          base += n;
          return rect;
        })
        .join('');
      const labelled = i === weeks.length - 1 || ((weeks.length - 1 - i) % step === 0 && weeks.length - 1 - i >= step);
      const cx = (x + slot * 0.35).toFixed(1);
      return `${parts}${labelled ? `<text x="${cx}" y="${top + plot.height + CHART.text + 8}" font-size="${CHART.text}" text-anchor="middle" fill="${COLORS.text}">${esc(w.label)}</text>` : ''}`;
    })
    .join('\n');
  const axisY = top + plot.height;
  const axis = `<line x1="${plot.left}" x2="${plot.right}" y1="${axisY}" y2="${axisY}" stroke="${COLORS.muted}"/><text x="${WIDTH / 2}" y="${axisY + 2 * CHART.text + 24}" font-size="${CHART.text}" text-anchor="middle" fill="${COLORS.muted}">Tuần bắt đầu từ thứ Hai</text>`;
  return document(axisY + 2 * CHART.text + 24 + CHART.margin, [head.svg, key.svg, grid, columns, axis].join('\n'));
}
