import { z } from 'zod';
import { bold, lines, textReply, type RichText } from '../src/app/reply.js';
import type { ScoredAgency } from '../src/app/scoring-service.js';
import { civilDateOf, formatCivil } from '../src/domain/civil-date.js';
import { defaultAsOf, parsePeriod } from '../src/domain/scoring.js';
import { rankingChart } from '../src/app/charts.js';
import { defineCommand, type CommandContext } from './command.js';
import { COMMON } from './common.texts.js';
import { kindFromWords } from './args.js';

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/** Scoring words, in one place. */
const T = {
  title: (name: string, period: string, asOf: string) => `Điểm CCHC (phần dondoc theo dõi) — ${name}, ${period}, tính đến ${asOf}`,
  total: (s: ScoredAgency) => `Tổng: ${fmt(s.total)}/${fmt(s.maxTotal)} điểm`,
  line: (points: number, max: number, title: string) => `${fmt(points)}/${fmt(max)} — ${title}`,
  notApplicable: (title: string) => `không áp dụng — ${title}`,
  unranked: (name: string) => `– ${name}: không có tiêu chí nào áp dụng trong kỳ (không xếp hạng)`,
  ownOnly: 'Đầu mối chỉ xem được điểm của cơ quan mình. Gõ /diem.',
  rankTitle: (kind: string, period: string) => `Xếp hạng ${kind} — ${period}`,
  rankLine: (rank: number, s: ScoredAgency, reason: string | null) => `${rank}. ${s.name}: ${fmt(s.total)}/${fmt(s.maxTotal)}${reason ? ` — mất điểm chủ yếu: ${reason}` : ''}`,
  ties: 'Cơ quan cùng điểm xếp cùng hạng (hạng sau bỏ qua số tương ứng); trong cùng hạng xếp theo tên.',
  badPeriod: (text: string) => `Kỳ “${text}” không hợp lệ. Dùng năm (ví dụ 2026) hoặc quý của năm (2026-Q1 đến 2026-Q4).`,
  unknownKind: (kind: string, kinds: string) => `Không có loại cơ quan “${kind}”. Các loại: ${kinds}.`,
  noneOfKind: 'Không có cơ quan nào thuộc loại này.',
  note: 'Điểm tính từ các cập nhật đã ghi trong dondoc; Sở Nội vụ thẩm định điểm chính thức.',
};

/** Reads "[agency words…] [YYYY | YYYY-Qn]" into an agency text and a period (default: this year). */
function splitArgs(ctx: CommandContext, words: string[]): { agency: string | null; period: ReturnType<typeof parsePeriod> & object; asOf: string } | { badPeriod: string } {
  const today = civilDateOf(ctx.services.clock.now(), ctx.services.settings.timeZone);
  const last = words[words.length - 1];
  const period = last ? parsePeriod(last) : null;
  // "2024-Q5", "2024Q2", "Q3-2024": meant as a period, but not one; say so rather than read it as an agency.
  if (last && !period && /^(\d{4}|q\d)/i.test(last)) return { badPeriod: last };
  const rest = period ? words.slice(0, -1) : words;
  const chosen = period ?? parsePeriod(today.slice(0, 4))!;
  return { agency: rest.length > 0 ? rest.join(' ') : null, period: chosen, asOf: defaultAsOf(chosen, today) };
}

/**
 * Competition ranking: agencies with the same share of their points share a rank (1, 2, 2, 4);
 * within a rank, by name (Vietnamese order). The share, not the raw total, so that agencies with
 * fewer applicable criteria are compared fairly.
 */
function rankWithTies(scores: ScoredAgency[]): { rank: number; score: ScoredAgency }[] {
  const share = (s: ScoredAgency) => (s.maxTotal > 0 ? Math.round((s.total / s.maxTotal) * 1e6) : 0);
  const sorted = [...scores].sort((a, b) => share(b) - share(a) || a.name.localeCompare(b.name, 'vi'));
  return sorted.map((score, i) => ({ rank: sorted.findIndex((other) => share(other) === share(score)) + 1, score }));
}

function mainLoss(s: ScoredAgency): string | null {
  const lost = s.criteria.filter((c) => c.points < c.maxPoints).sort((a, b) => b.maxPoints - b.points - (a.maxPoints - a.points))[0];
  return lost ? `${lost.title} (${lost.why})` : null;
}

export const scoreCommand = defineCommand({
  name: 'diem',
  aliases: ['score'],
  summary: 'Điểm của cơ quan theo từng tiêu chí và lý do (lãnh đạo, quản trị: của bất kỳ cơ quan nào)',
  usage: '/diem [mã cơ quan] [năm hoặc năm-Qn, ví dụ 2024-Q2]',
  roles: ['focal', 'leader', 'admin'],
  args: z.array(z.string()),
  run(ctx, words) {
    const member = ctx.member!;
    const args = splitArgs(ctx, words);
    if ('badPeriod' in args) return textReply(T.badPeriod(args.badPeriod));
    const { agency: agencyText, period, asOf } = args;
    const { directory } = ctx.services;
    let agencyId = member.agencyId;
    if (agencyText !== null) {
      const found = directory.findAgency(agencyText);
      if (!found) return textReply(COMMON.unknownAgency(agencyText));
      if (member.role === 'focal' && found.id !== member.agencyId) return textReply(T.ownOnly);
      agencyId = found.id;
    }
    const score = ctx.services.scoring.scoreAll(period, asOf).find((s) => s.agencyId === agencyId);
    const name = directory.agency(agencyId)!.name;
    if (!score) return textReply(T.title(name, period.label, formatCivil(asOf)), T.note);
    const rows: RichText[] = score.criteria.map((c) => [bold(c.notApplicable ? T.notApplicable(c.title) : T.line(c.points, c.maxPoints, c.title)), `\n   ${c.why}`]);
    return textReply([bold(T.title(name, period.label, formatCivil(asOf)))], ...rows, [bold(T.total(score))], T.note);
  },
});

export const rankingCommand = defineCommand({
  name: 'xephang',
  slow: true,
  inGroups: true,
  aliases: ['ranking'],
  summary: 'Xếp hạng các cơ quan cùng loại, kèm lý do mất điểm chính',
  usage: '/xephang [loại cơ quan] [năm hoặc năm-Qn]',
  roles: ['leader', 'admin'],
  args: z.array(z.string()),
  async run(ctx, words) {
    const args = splitArgs(ctx, words);
    if ('badPeriod' in args) return textReply(T.badPeriod(args.badPeriod));
    const { agency: kindText, period, asOf } = args;
    const kinds = ctx.services.directory.kinds();
    const kind = kindText === null ? 'so_ban_nganh' : kindFromWords(kinds, kindText);
    const found = kinds.find((k) => k.code === kind);
    if (!found) return textReply(T.unknownKind(kindText ?? '', kinds.map((k) => `${k.code} (${k.label})`).join(', ')));
    const ofKind = ctx.services.scoring.scoreAll(period, asOf).filter((s) => s.kind === found.code);
    if (ofKind.length === 0) return textReply(T.noneOfKind);
    // Nothing applicable (nothing fell due): not ranked, named after the ranking.
    const ranked = rankWithTies(ofKind.filter((s) => s.maxTotal > 0));
    const unranked = ofKind.filter((s) => s.maxTotal === 0).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const text = lines([bold(T.rankTitle(found.label, period.label))], ...ranked.map(({ rank, score }) => T.rankLine(rank, score, mainLoss(score))), ...unranked.map((s) => T.unranked(s.name)), T.ties, T.note);
    if (ranked.length === 0) return { text };
    const png = await rankingChart(T.rankTitle(found.label, period.label), T.note, ranked.map(({ rank, score: s }) => ({ rank, name: s.name, points: s.total, max: s.maxTotal })));
    return {
      text,
      attachments: [{ kind: 'photo', filename: 'xep-hang.png', mimeType: 'image/png', data: png, caption: T.rankTitle(found.label, period.label) }],
    };
  },
});
