import { shorten } from '../domain/task-title.js';
import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Noto Sans (shipped by npm, so no download at install): full Vietnamese diacritics. */
const FONT_FILES = [
  require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
];

const COLORS = { done: '#2e7d32', overdue: '#c62828', open: '#b0bec5', bar: '#1565c0', text: '#1c232b', muted: '#5b6675', grid: '#e3e8ee' };
const WIDTH = 1000;
const ROW = 30;
const LABEL = 330;

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cut = shorten;

/** Renders an SVG to PNG with the shipped font (default width 1000 px: readable on a phone screen). */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
    fitTo: { mode: 'width', value: WIDTH },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}

function frame(title: string, subtitle: string, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="24" y="40" font-size="26" font-weight="700" fill="${COLORS.text}">${esc(title)}</text>
<text x="24" y="70" font-size="18" fill="${COLORS.muted}">${esc(subtitle)}</text>
${body}
</svg>`;
}

/** Stacked bars per agency: done / overdue / still open, as shares of what was due. */
export function completionChart(title: string, subtitle: string, rows: { name: string; done: number; overdue: number; open: number }[]): Buffer {
  const top = 120;
  const barWidth = WIDTH - LABEL - 90;
  const height = top + rows.length * ROW + 40;
  const legend = [
    ['Đã hoàn thành', COLORS.done],
    ['Quá hạn', COLORS.overdue],
    ['Chưa đến hạn / đang làm', COLORS.open],
  ]
    .map(([label, color], i) => `<rect x="${24 + i * 250}" y="88" width="16" height="16" fill="${color}"/><text x="${46 + i * 250}" y="102" font-size="16" fill="${COLORS.text}">${label}</text>`)
    .join('');
  const bars = rows
    .map((r, i) => {
      const y = top + i * ROW;
      const total = Math.max(1, r.done + r.overdue + r.open);
      const w = (n: number) => (n / total) * barWidth;
      let x = LABEL;
      const parts = (
        [
          [r.done, COLORS.done],
          [r.overdue, COLORS.overdue],
          [r.open, COLORS.open],
        ] as const
      )
        .map(([n, color]) => {
          const rect = n > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w(n).toFixed(1)}" height="${ROW - 8}" fill="${color}"/>` : '';
          x += w(n);
          return rect;
        })
        .join('');
      const pct = Math.round((r.done / total) * 100);
      return `<text x="${LABEL - 10}" y="${y + 17}" font-size="16" text-anchor="end" fill="${COLORS.text}">${esc(cut(r.name, 34))}</text>${parts}<text x="${LABEL + barWidth + 8}" y="${y + 17}" font-size="16" fill="${COLORS.text}">${pct}%</text>`;
    })
    .join('\n');
  return renderPng(frame(title, subtitle, height, `${legend}\n${bars}`));
}

/** Horizontal bars of scores, best first. */
export function rankingChart(title: string, subtitle: string, rows: { name: string; points: number; max: number }[]): Buffer {
  return renderPng(rankingSvg(title, subtitle, rows));
}

/** The ranking chart's SVG (names escaped, cut at 30 characters): what rankingChart renders. */
export function rankingSvg(title: string, subtitle: string, rows: { name: string; points: number; max: number }[]): string {
  const top = 100;
  const barWidth = WIDTH - LABEL - 110;
  const height = top + rows.length * ROW + 40;
  const bars = rows
    .map((r, i) => {
      const y = top + i * ROW;
      const w = r.max > 0 ? (r.points / r.max) * barWidth : 0;
      return `<rect x="${LABEL}" y="${y}" width="${barWidth}" height="${ROW - 8}" fill="${COLORS.grid}"/><rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${COLORS.bar}"/><text x="${LABEL - 10}" y="${y + 17}" font-size="16" text-anchor="end" fill="${COLORS.text}">${i + 1}. ${esc(cut(r.name, 30))}</text><text x="${LABEL + barWidth + 8}" y="${y + 17}" font-size="16" fill="${COLORS.text}">${r.points.toLocaleString('vi-VN')}/${r.max.toLocaleString('vi-VN')}</text>`;
    })
    .join('\n');
  return frame(title, subtitle, height, bars);
}

/** A readable upper bound for an axis (1, 2, 2.5 or 5 × 10ⁿ, at least 5), so that its fifths are whole numbers. */
function niceMax(n: number): number {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 2.5, 5, 10].map((f) => f * step).find((v) => v >= n) ?? 10 * step;
}

/** Stacked columns per week: completions, progress updates, problems reported (blocked / extension). */
export function trendChart(title: string, subtitle: string, weeks: { label: string; done: number; progress: number; problems: number }[]): Buffer {
  const top = 130;
  const plot = { left: 80, right: WIDTH - 30, height: 360 };
  const height = top + plot.height + 70;
  const max = niceMax(Math.max(1, ...weeks.map((w) => w.done + w.progress + w.problems)));
  const y = (v: number) => top + plot.height - (v / max) * plot.height;
  const series = [
    ['done', 'Báo hoàn thành', COLORS.done],
    ['progress', 'Cập nhật tiến độ', COLORS.bar],
    ['problems', 'Vướng mắc / xin gia hạn', COLORS.overdue],
  ] as const;
  const legend = series
    .map(([, label, color], i) => `<rect x="${24 + i * 250}" y="88" width="16" height="16" fill="${color}"/><text x="${46 + i * 250}" y="102" font-size="16" fill="${COLORS.text}">${label}</text>`)
    .join('');
  const grid = [0, 0.2, 0.4, 0.6, 0.8, 1]
    .map((f) => {
      const v = Math.round(max * f);
      return `<line x1="${plot.left}" x2="${plot.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${COLORS.grid}"/><text x="${plot.left - 8}" y="${(y(v) + 5).toFixed(1)}" font-size="14" text-anchor="end" fill="${COLORS.muted}">${v.toLocaleString('vi-VN')}</text>`;
    })
    .join('');
  const slot = (plot.right - plot.left) / Math.max(1, weeks.length);
  const columns = weeks
    .map((w, i) => {
      const x = plot.left + i * slot + slot * 0.15;
      let base = 0;
      const parts = series
        .map(([key, , color]) => {
          const n = w[key];
          if (n <= 0) return '';
          const rect = `<rect x="${x.toFixed(1)}" y="${y(base + n).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(y(base) - y(base + n)).toFixed(1)}" fill="${color}"/>`;
          base += n;
          return rect;
        })
        .join('');
      const total = w.done + w.progress + w.problems;
      const cx = (x + slot * 0.35).toFixed(1);
      const value = total > 0 ? `<text x="${cx}" y="${(y(total) - 6).toFixed(1)}" font-size="14" text-anchor="middle" fill="${COLORS.text}">${total.toLocaleString('vi-VN')}</text>` : '';
      return `${parts}${value}<text x="${cx}" y="${top + plot.height + 24}" font-size="14" text-anchor="middle" fill="${COLORS.text}">${esc(w.label)}</text>`;
    })
    .join('\n');
  const axis = `<line x1="${plot.left}" x2="${plot.right}" y1="${top + plot.height}" y2="${top + plot.height}" stroke="${COLORS.muted}"/><text x="${(plot.left + plot.right) / 2}" y="${top + plot.height + 54}" font-size="14" text-anchor="middle" fill="${COLORS.muted}">Tuần bắt đầu từ thứ Hai</text>`;
  return renderPng(frame(title, subtitle, height, `${legend}\n${grid}\n${columns}\n${axis}`));
}
