/**
 * Phụ lục II and III of the report as data — the same rows go into the .docx (./docx.ts) and the
 * .xlsx of the appendix figures (./xlsx.ts), so the two never disagree. Phụ lục II: the indicators
 * with target, result (a "[bổ sung]" blank where dondoc has no figure) and source. Phụ lục III: the
 * evidence index for the PAR INDEX self-assessment — criterion (the plan's reform area) → task →
 * the lead agency's reply → the document it named — with completion and on-time rates.
 */
import { formatCivil } from '../domain/civil-date.js';
import type { DraftTask, ReportDraft } from './draft.js';
import { percentVi, WORDS } from './outline.js';
import { agenciesOf, datesOf, groupByTask, nameList } from './task-groups.js';

/** One Phụ lục II row, its figure as numbers too (null: dondoc has none). */
export interface IndicatorRow {
  text: string;
  target: string;
  result: string;
  source: string;
  part: number | null;
  whole: number | null;
}

/** Rates of a set of task dates: due, done, done on time. */
export interface Rates {
  due: number;
  done: number;
  onTime: number;
}

export interface EvidenceRow {
  code: string;
  task: string;
  agency: string;
  dueDate: string;
  reply: string;
  document: string;
}

export interface EvidenceGroup extends Rates {
  criterion: string;
  rows: EvidenceRow[];
}

/** "6/7 (85,71%)"; nothing due: "0/0 (—)". */
export const fraction = (part: number, whole: number): string => `${part}/${whole} (${percentVi(part, whole)})`;

/** Phụ lục II's rows: a figure dondoc counts is written; any other result is a visible blank. */
export function indicatorRows(draft: ReportDraft): IndicatorRow[] {
  return draft.indicators.map((i) => ({
    text: i.text,
    target: i.target ?? WORDS.blank,
    result: i.figure ? fraction(i.figure.part, i.figure.whole) : WORDS.blank,
    source: i.source,
    part: i.figure?.part ?? null,
    whole: i.figure?.whole ?? null,
  }));
}

const STATUS_WORDS: Record<string, string> = {
  done: 'báo hoàn thành',
  in_progress: 'báo đang thực hiện',
  blocked: 'báo vướng mắc',
  extension_requested: 'xin gia hạn',
  extension_approved: 'được gia hạn',
  extension_rejected: 'không được gia hạn',
};

/** What the lead agency replied, as the index shows it. */
export function replyOf(t: DraftTask): string {
  if (t.state === 'done' && t.doneDay) return `Báo hoàn thành ngày ${formatCivil(t.doneDay)} (${t.onTime ? 'đúng hạn' : 'chậm hạn'})`;
  if (!t.lastReply) return 'Chưa báo cáo';
  const word = STATUS_WORDS[t.lastReply.status] ?? t.lastReply.status;
  const said = `${word[0]!.toUpperCase()}${word.slice(1)} ngày ${formatCivil(t.lastReply.day)}`;
  return `${said}${t.progress !== null ? `, đạt ${t.progress}%` : ''}${t.problem ? `: ${t.problem}` : ''}; chưa hoàn thành`;
}

/** The files a task's lead agency attached: "tệp: a.pdf (12/08/2024), b.jpg (13/08/2024)"; none: null. */
export function filesOf(t: DraftTask): string | null {
  return t.files.length === 0 ? null : `tệp: ${t.files.map((f) => `${f.name} (${formatCivil(f.day)})`).join(', ')}`;
}

/** The evidence column of a task date: the document the done reply named (a blank if none), then the files attached to the replies. */
export function documentOf(t: DraftTask): string {
  const files = filesOf(t);
  // Done: the document the reply named, or a blank to fill; not done: nothing to evidence yet, unless files came.
  if (t.state === 'done') return [t.evidence ?? WORDS.blank, files].filter(Boolean).join('; ');
  return files ?? '—';
}

const ratesOf = (tasks: readonly DraftTask[]): Rates => ({
  due: tasks.length,
  done: tasks.filter((t) => t.state === 'done').length,
  onTime: tasks.filter((t) => t.onTime === true).length,
});

/** Phụ lục III: every task date of the window by criterion, with the rates of each and of all. */
export function evidenceIndex(draft: ReportDraft): { total: Rates; groups: EvidenceGroup[] } {
  const areas = [...new Set(draft.tasks.map((t) => t.area))];
  const groups = areas.map((criterion) => {
    const tasks = draft.tasks.filter((t) => t.area === criterion);
    return {
      criterion,
      ...ratesOf(tasks),
      rows: tasks.map((t) => ({
        code: t.code,
        task: t.title,
        agency: t.agency,
        dueDate: t.dueDate,
        reply: replyOf(t),
        document: documentOf(t),
      })),
    };
  });
  return { total: ratesOf(draft.tasks), groups };
}

/**
 * Phụ lục III of the province's .docx: the same criteria and rates, each task once — its agencies'
 * replies and documents counted, the agencies with files named with them; one task date alone keeps
 * its own row. The per-agency rows are evidenceIndex's, in the .xlsx.
 */
export function evidenceIndexByTask(draft: ReportDraft): { total: Rates; groups: EvidenceGroup[] } {
  const areas = [...new Set(draft.tasks.map((t) => t.area))];
  const groups = areas.map((criterion) => {
    const tasks = draft.tasks.filter((t) => t.area === criterion);
    const rows = groupByTask(tasks, true).map((tg) => {
      if (tg.rows.length === 1) {
        const t = tg.rows[0]!;
        return { code: t.code, task: t.title, agency: t.agency, dueDate: t.dueDate, reply: replyOf(t), document: documentOf(t) };
      }
      const named = tg.rows.filter((t) => t.state === 'done' && t.evidence !== null).length;
      const withFiles = tg.rows.filter((t) => t.files.length > 0);
      const files = withFiles.reduce((n, t) => n + t.files.length, 0);
      const replied = tg.rows.filter((t) => t.lastReply !== null || t.state === 'done').length;
      return {
        code: tg.code,
        task: tg.title,
        agency: agenciesOf(tg),
        dueDate: tg.dueDates[0]!,
        reply: `Báo hoàn thành ${tg.done}/${tg.rows.length} (đúng hạn ${tg.onTime}, chậm hạn ${tg.late}); đã báo cáo ${replied}/${tg.rows.length}; hạn ${datesOf(tg)}`,
        document: `${named}/${tg.done} lượt hoàn thành nêu văn bản; ${files} tệp đính kèm${withFiles.length > 0 ? ` của ${nameList(withFiles.map((t) => `${t.agency} (${t.files.map((f) => `${f.name}, ${formatCivil(f.day)}`).join('; ')})`))}` : ''}; chi tiết theo cơ quan: tệp Excel kèm theo`,
      };
    });
    return { criterion, ...ratesOf(tasks), rows };
  });
  return { total: ratesOf(draft.tasks), groups };
}
