import { z } from 'zod';
import { bold, lines, textReply, type Attachment, type RichText } from '../src/app/reply.js';
import { formatPoints, mainLossOf, notScored, rankWithTies, type ScoredAgency } from '../src/app/scoring-service.js';
import { civilDateOf, formatCivil } from '../src/domain/civil-date.js';
import { defaultAsOf, parsePeriod } from '../src/domain/scoring.js';
import { rankingChart } from '../src/app/charts.js';
import { defineCommand, type CommandContext } from './command.js';
import { COMMON } from './common.texts.js';
import { kindFromWords } from './args.js';

const fmt = formatPoints;

/**
 * What a rank group shares: its points ("điểm 2/4") when every agency has them, else the share of
 * the applicable points that ranks them ("tỷ lệ 0% số điểm áp dụng": 0/1 and 0/4 rank together).
 */
export function sharedScore(group: { score: ScoredAgency }[]): string {
  const first = group[0]!.score;
  if (group.every(({ score }) => score.total === first.total && score.maxTotal === first.maxTotal)) return `điểm ${fmt(first.total)}/${fmt(first.maxTotal)}`;
  return `tỷ lệ ${(first.maxTotal > 0 ? (first.total / first.maxTotal) * 100 : 0).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}% số điểm áp dụng`;
}

/** Scoring words, in one place. */
const T = {
  title: (name: string, period: string, asOf: string) => `Điểm CCHC (phần dondoc theo dõi) — ${name}, ${period}, tính đến ${asOf}`,
  total: (s: ScoredAgency) => `Tổng: ${fmt(s.total)}/${fmt(s.maxTotal)} điểm`,
  line: (points: number, max: number, title: string) => `${fmt(points)}/${fmt(max)} — ${title}`,
  notApplicable: (title: string) => `không áp dụng — ${title}`,
  unranked: (name: string) => `– ${name}: không có tiêu chí nào áp dụng trong kỳ (không xếp hạng)`,
  unrankedMany: (n: number, names: string) => `– Không xếp hạng ${n} cơ quan (không có tiêu chí nào áp dụng trong kỳ): ${names}`,
  allTied: (n: number, points: string) => `Tất cả ${n} cơ quan cùng ${points}: chưa có khác biệt để xếp hạng.`,
  rankGroup: (rank: number, n: number, points: string) => `${rank}. ${n} cơ quan cùng ${points} (tên trong tệp đính kèm)`,
  rankGroupNamed: (rank: number, n: number, points: string, names: string[]) => `${rank}. ${n} cơ quan cùng ${points}: ${names.join('; ')}`,
  middle: (n: number) => `… ${n} cơ quan ở giữa: xem tệp đính kèm.`,
  lossTitle: 'Mất điểm chủ yếu ở:',
  lossLine: (title: string, names: string[]) => `• ${title}: ${names.length <= 4 ? names.join(', ') : `${names.length} cơ quan`}`,
  fileCaption: (title: string) => `${title}: danh sách đầy đủ, có lý do của từng cơ quan`,
  fileHeader: ['Hạng', 'Mã', 'Cơ quan', 'Điểm', 'Tối đa', 'Mất điểm chủ yếu'],
  notRankedRow: 'không xếp hạng: không có tiêu chí nào áp dụng trong kỳ',
  seeOthers: 'Xem điểm các cơ quan: /xephang (xếp hạng) hoặc /diem <mã cơ quan>.',
  notScored: (name: string) => `${name} ban hành kế hoạch CCHC của tỉnh nên không được chấm điểm theo kế hoạch đó (không xếp hạng).`,
  ownOnly: 'Đầu mối chỉ xem được điểm của cơ quan mình. Gõ /diem.',
  rankTitle: (kind: string, period: string) => `Xếp hạng ${kind} — ${period}`,
  asOf: (day: string) => `Tính đến ${day}.`,
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
  return { agency: rest.length > 0 ? rest.join(' ') : null, period: chosen, asOf: defaultAsOf(chosen, today, (d) => ctx.services.calendar.onOrAfter(d)) };
}

function mainLoss(s: ScoredAgency): string | null {
  const lost = mainLossOf(s);
  return lost ? `${lost.title} (${lost.why})` : null;
}

/** A ranking on a phone shows about this many agencies at the top and at the bottom (whole rank groups). */
const RANKING_ENDS = 5;
/** A rank shared by more agencies than this is one line ("9. 7 cơ quan cùng điểm 2/4: …"), not a line each. */
const GROUP_LINE = 3;
/**
 * The names of a rank group of one line are written out up to this many (15: a ranking shown in
 * full is 15 lines, and 15 names of about 25 characters make a 400-character line, well inside
 * Zalo's 2,000-character message beside the rest of the ranking); a larger group ("48 cơ quan
 * cùng 0/4", most communes before any report) is named in the attached file only.
 */
const GROUP_NAMES = 15;

type Ranked = { rank: number; score: ScoredAgency };

/** The ranking's rank groups (ties together), best first. */
function rankGroups(ranked: Ranked[]): Ranked[][] {
  const groups: Ranked[][] = [];
  for (const r of ranked) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.rank === r.rank) last.push(r);
    else groups.push([r]);
  }
  return groups;
}

/** The rank groups a message shows: all when short, else the top and bottom groups of about RANKING_ENDS agencies each. */
function shownGroups(ranked: Ranked[]): { top: Ranked[][]; bottom: Ranked[][]; hidden: number } {
  const groups = rankGroups(ranked);
  const lineCount = (g: Ranked[]) => (g.length > GROUP_LINE ? 1 : g.length);
  if (groups.reduce((n, g) => n + lineCount(g), 0) <= 3 * RANKING_ENDS) return { top: groups, bottom: [], hidden: 0 };
  let topEnd = 0;
  for (let n = 0; topEnd < groups.length && n < RANKING_ENDS; topEnd += 1) n += groups[topEnd]!.length;
  let bottomStart = groups.length;
  for (let n = 0; bottomStart > topEnd && n < RANKING_ENDS; ) n += groups[--bottomStart]!.length;
  const hidden = groups.slice(topEnd, bottomStart).reduce((n, g) => n + g.length, 0);
  return { top: groups.slice(0, topEnd), bottom: groups.slice(bottomStart), hidden };
}

/** The full ranking as a CSV file (UTF-8 with BOM, so that Excel reads the Vietnamese): rank, code, name, points, reason. */
function rankingFile(ranked: { rank: number; score: ScoredAgency }[], unranked: ScoredAgency[]): Buffer {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const rows = [
    T.fileHeader,
    ...ranked.map(({ rank, score }) => [rank, score.code, score.name, fmt(score.total), fmt(score.maxTotal), mainLoss(score) ?? '']),
    ...unranked.map((u) => ['', u.code, u.name, '', '', T.notRankedRow]),
  ];
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
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
    // UBND tỉnh is not scored on its own plan: its leaders and the admins are pointed to the agencies' scores.
    if (!score) return textReply(T.title(name, period.label, formatCivil(asOf)), T.notScored(name), ...(member.role === 'focal' ? [] : [T.seeOthers]), T.note);
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
    if (ofKind.length === 0) {
      if (notScored(found.code)) return textReply(...ctx.services.directory.agencies().filter((a) => a.kind === found.code).map((a) => T.notScored(a.name)));
      return textReply(T.noneOfKind);
    }
    // Nothing applicable (nothing fell due): not ranked, named after the ranking.
    const ranked = rankWithTies(ofKind.filter((s) => s.maxTotal > 0));
    const unranked = ofKind.filter((s) => s.maxTotal === 0).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const title = T.rankTitle(found.label, period.label);
    const allTied = ranked.length > 1 && ranked.every((r) => r.rank === 1);
    const { top, bottom, hidden } = allTied ? { top: [], bottom: [], hidden: 0 } : shownGroups(ranked);
    const groupLines = (g: Ranked[]) =>
      g.length <= GROUP_LINE ? g.map(({ rank, score }) => T.rankLine(rank, score, null))
      : g.length <= GROUP_NAMES ? [T.rankGroupNamed(g[0]!.rank, g.length, sharedScore(g), g.map(({ score }) => score.name))]
      : [T.rankGroup(g[0]!.rank, g.length, sharedScore(g))];
    // Each reason once: the criterion that cost each agency most, with the agencies it concerns.
    const losses = new Map<string, string[]>();
    for (const { score } of ranked) {
      const lost = mainLossOf(score);
      if (lost) losses.set(lost.title, [...(losses.get(lost.title) ?? []), score.name]);
    }
    const text = lines(
      [bold(title)],
      T.asOf(formatCivil(asOf)),
      ...(allTied ? [T.allTied(ranked.length, sharedScore(ranked))] : top.flatMap(groupLines)),
      ...(hidden > 0 ? [T.middle(hidden)] : []),
      ...bottom.flatMap(groupLines),
      ...(losses.size > 0 ? [T.lossTitle, ...[...losses].sort((a, b) => b[1].length - a[1].length).map(([t, names]) => T.lossLine(t, names))] : []),
      ...(unranked.length <= 3 ? unranked.map((u) => T.unranked(u.name)) : [T.unrankedMany(unranked.length, unranked.map((u) => u.name).join(', '))]),
      ...(allTied ? [] : [T.ties]),
      T.note,
    );
    const attachments: Attachment[] = [];
    // A chart of one rank says nothing; otherwise the same rows as the text, in its order.
    if (ranked.length > 0 && !allTied) {
      const png = await rankingChart(title, T.note, [...top, ...bottom].flat().map(({ rank, score: s }) => ({ rank, name: s.name, points: s.total, max: s.maxTotal })));
      attachments.push({ kind: 'photo', filename: 'xep-hang.png', mimeType: 'image/png', data: png, caption: title });
    }
    if (hidden > 0 || allTied || unranked.length > 3 || rankGroups(ranked).some((g) => g.length > GROUP_NAMES)) {
      attachments.push({ kind: 'document', filename: `xep-hang-${found.code}-${period.from.slice(0, 7)}-${period.to.slice(0, 7)}.csv`, mimeType: 'text/csv', data: rankingFile(ranked, unranked), caption: T.fileCaption(title) });
    }
    return attachments.length > 0 ? { text, attachments } : { text };
  },
});
