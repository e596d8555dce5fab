import { findHeader, headerField, isColumnNumbers, isHeaderWords, type PlanField } from '../../domain/plan-table.js';
import { joinTexts, type PageText } from './ruling-grid.js';

/**
 * Reads a task table printed without ruling lines (a Word table with its borders turned off, saved
 * as PDF) from the positions of its text. Nothing is guessed: the columns are the vertical bands
 * that stay empty down the body of the table, each of them under a header cell; a word lying
 * across such a band, or body text under no header cell, makes the page unclear (refused).
 */

/** The columns of a table read from text positions, carried to the next page when the table runs to its foot. */
export interface TextColumns {
  left: number;
  right: number;
  /** The empty bands between columns, left to right: column c runs from bands[c - 1].to to bands[c].from. */
  bands: { from: number; to: number }[];
  /** The usual distance between two lines of text (points). */
  step: number;
  /** The task (or activity) column: a sub-task label ("- …", "a) …") starting it starts a row. */
  task: number;
  /** Where the header's cells start: a line of text running over two of them is prose, not a cell's line. */
  starts: number[];
}

export interface TextTable {
  top: number;
  grid: string[][];
  used: Set<PageText>;
}

export type TextTableRead =
  | { ok: true; table?: TextTable; carry?: TextColumns }
  /** A table header was seen but its columns cannot be told apart without guessing. */
  | { ok: false };

interface Line {
  y: number;
  items: PageText[];
}

/** Runs of one line further apart than this (points) are two pieces of text; a word space is 2–4 pt. */
const FLOW_GAP = 6;
/** A band narrower than this is no gap between columns (two runs of one word may stand 1–2 pt apart). */
const MIN_BAND = 3;
/** How far (points) a row's label may stand from the table's left edge. */
const EDGE = 4;

/** A row's label in the TT column: "1.", "2", "I.", "II", "a)", "1.1", "I.2", "A", "-", "+". */
const ROW_LABEL = /^(?:(?:[IVXL]+|[A-Z]|\d{1,3})(?:\.\d{1,3})*|[a-zđ])[.)]?$|^[-+•*–]$/u;
/** A sub-task label starting the task text when the TT column is empty: "- Kiểm tra …", "a) …". */
const TEXT_LABEL = /^(?:[-+•*–]|[a-zđ]\))(?:\s|$)/u;
/** A heading written across the table: a Roman, letter or number label, then the title. */
const LABELLED = /^(?:[IVXL]+|[A-Z]|\d{1,3})[.)]\s+\S/u;
/** Where a document's signature block starts: "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. CHỦ TỊCH", "TL. …". */
const SIGNATURE = /^(?:nơi nhận|(?:tm|kt|tl|q|tuq)\.\s|chủ tịch\b|phó chủ tịch\b)/iu;
/** A page number standing alone at the top or foot of a page: "2", "- 2 -", "Trang 2". */
const PAGE_NUMBER = /^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*[-–])?$/iu;

const right = (t: PageText) => t.x + t.width;
const lineText = (line: Line) => joinTexts(line.items);

/** The page's text runs (blank ones left out: pdf.js gives the space between two cells as a run as wide as the gap) in lines, top to bottom. */
function linesOf(texts: PageText[]): Line[] {
  const lines: Line[] = [];
  for (const item of [...texts].filter((t) => t.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - item.y) <= 2) line.items.push(item);
    else lines.push({ y: item.y, items: [item] });
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** The pieces of a line: runs closer than FLOW_GAP read as one. */
function flowsOf(line: Line): PageText[][] {
  const flows: PageText[][] = [];
  for (const item of line.items) {
    const flow = flows[flows.length - 1];
    if (flow && item.x - Math.max(...flow.map(right)) < FLOW_GAP) flow.push(item);
    else flows.push([item]);
  }
  return flows;
}

/** The usual line distance on the page: the median gap between consecutive lines (12 pt when there is none). */
function stepOf(lines: Line[]): number {
  const gaps = lines
    .slice(1)
    .map((l, i) => lines[i]!.y - l.y)
    .filter((g) => g > 4)
    .sort((a, b) => a - b);
  return gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)]! : 12;
}

const fieldsOf = (lines: Line[]) => new Set(lines.flatMap((l) => flowsOf(l).map((f) => headerField(joinTexts(f))))).values();

/**
 * The fields named by line i's pieces of text read down their column: a narrow header cell wraps a
 * word a line ("Thời" / "gian" / "hoàn" / "thành", "Cơ quan" / "chủ trì"), and each piece of line i
 * is read with the pieces under it that overlap it, in the lines given.
 */
function stackedFields(near: Line[]): Set<PlanField | undefined> {
  const [first, ...below] = near;
  const span = (flow: PageText[]) => ({ from: Math.min(...flow.map((t) => t.x)), to: Math.max(...flow.map(right)) });
  return new Set(
    flowsOf(first!).map((flow) => {
      const { from, to } = span(flow);
      const under = below.flatMap((line) => flowsOf(line).filter((f) => span(f).from < to && span(f).to > from));
      return headerField([flow, ...under].map(joinTexts).join(' '));
    }),
  );
}

/**
 * A task header among lines i…i+3: a lead, a deadline and a task (or activity) column named (a cell's
 * title read across its lines, or down its narrow column: stackedFields), line i naming one of them.
 */
function isHeaderStart(lines: Line[], i: number, step: number): boolean {
  const first = new Set(fieldsOf([lines[i]!]));
  first.delete(undefined);
  if (first.size < 2) return false;
  const near = lines.slice(i, i + 3).filter((l) => lines[i]!.y - l.y <= 3 * step);
  const fields = new Set<PlanField | undefined>([...fieldsOf(near), ...stackedFields(lines.slice(i, i + 4).filter((l) => lines[i]!.y - l.y <= 4 * step))]);
  return fields.has('lead') && fields.has('deadline') && (fields.has('task') || fields.has('activity'));
}

const isNumbersLine = (line: Line) => isColumnNumbers(flowsOf(line).map(joinTexts));

/**
 * The empty vertical bands under the header: x-ranges no body run covers (lines spanning the table
 * from its left edge — headings — left out), narrowed by header runs that reach into them; a
 * header run lying wholly inside a band (a column whose body is empty) cuts the band in two.
 * Undefined when a header text closes a band: it reaches into the next column.
 */
function bandsOf(body: Line[], header: Line[], left: number, rightEdge: number): { from: number; to: number }[] | undefined {
  const covered = body.flatMap((l) => l.items).map((t) => ({ from: t.x, to: right(t) })).sort((a, b) => a.from - b.from);
  let bands: { from: number; to: number }[] = [];
  let at = left;
  for (const c of covered) {
    if (c.from - at >= MIN_BAND && at > left) bands.push({ from: at, to: c.from });
    at = Math.max(at, c.to);
  }
  // Right of the body's text: a last column left empty ("Ghi chú") stands there under its header.
  if (rightEdge - at >= MIN_BAND) bands.push({ from: at, to: rightEdge });
  // Narrow cells first: a group cell ("Thời gian thực hiện" over "Quý I … Quý IV") is one that still runs across a band once they are placed.
  let closed = false;
  for (const t of header.flatMap((l) => l.items).sort((a, b) => a.width - b.width)) {
    bands = bands.flatMap((b) => {
      if (right(t) <= b.from || t.x >= b.to) return [b];
      if (t.x <= b.from && right(t) >= b.to) return [b]; // a group cell over two columns
      if (t.x > b.from && right(t) < b.to) return [{ from: b.from, to: t.x }, { from: right(t), to: b.to }].filter((p) => p.to - p.from >= MIN_BAND);
      const rest = t.x <= b.from ? { from: right(t), to: b.to } : { from: b.from, to: t.x };
      // A header text reaching to the next column's text: the gap the body leaves is gone.
      if (rest.to - rest.from < MIN_BAND && b.to < rightEdge) closed = true;
      return [rest];
    });
    bands = bands.filter((b) => b.to - b.from >= MIN_BAND);
  }
  return closed ? undefined : bands.filter((b) => b.to < rightEdge);
}

/** The column a run falls in, or undefined when it lies across a band. */
function columnOf(t: PageText, columns: TextColumns): number | undefined {
  const c = columns.bands.findIndex((b) => t.x < b.to - 0.5);
  if (c < 0) return columns.bands.length;
  if (right(t) > columns.bands[c]!.from + 0.5) return undefined;
  return c;
}

/** A line that is one piece of text from the table's left edge reaching over the first column: a heading across the table (or prose after it). */
function spans(line: Line, columns: TextColumns): boolean {
  const flows = flowsOf(line);
  return flows.length === 1 && line.items[0]!.x <= columns.left + EDGE && columns.bands.length > 0 && Math.max(...line.items.map(right)) > columns.bands[0]!.to;
}

/**
 * A line of prose after a table: one piece of text, no heading, running over where two header cells
 * start (a cell's line stops before the next column's header).
 */
function isProse(line: Line, starts: number[]): boolean {
  if (flowsOf(line).length !== 1 || isHeadingText(lineText(line))) return false;
  const from = line.items[0]!.x + EDGE;
  const to = Math.max(...line.items.map(right));
  return starts.filter((x) => x > from && x < to).length >= 2;
}

const isHeadingText = (text: string) => LABELLED.test(text) || (/\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text));

/** A body row being read; a heading's text goes on in `text` (its column) from lines starting at `textX`. */
interface Row {
  cells: PageText[][];
  heading?: { column: number; textX: number };
}

/**
 * A heading with its label in the TT column and its title across the other columns ("II | Cải cách
 * thủ tục hành chính" over the whole width): the title's column, or undefined for any other line.
 */
function labelledTitle(line: Line, columns: TextColumns): number | undefined {
  const flows = flowsOf(line);
  if (flows.length !== 2) return undefined;
  const [label, title] = flows as [PageText[], PageText[]];
  if (label.some((t) => columnOf(t, columns) !== 0) || !ROW_LABEL.test(joinTexts(label)) || /^[-+•*–]$/u.test(joinTexts(label))) return undefined;
  if (title.every((t) => columnOf(t, columns) !== undefined)) return undefined;
  const start = columnOf({ ...title[0]!, width: 0 }, columns);
  return start === undefined || start === 0 ? undefined : start;
}

/**
 * The body rows from `lines` (the lines under the header): a row starts at a line whose TT column
 * holds a label, or whose TT column is empty and whose task text starts with a sub-task label ("- …",
 * "a) …"); lines under it without one are its wrapped lines. A heading across the table is a row of
 * its own, its text in the cell it starts in ("I. CẢI CÁCH THỂ CHẾ" from the TT column, or "II" then
 * the title from the task column), as a merged row of a ruled table reads. The table ends at a gap
 * of two lines or more, a signature block, a line of text in the TT column that is no label, or
 * prose across the page. `undefined`: a run lies across a column gap, or (`underHeader`) the first
 * row under the header has text above its label.
 */
function bodyRows(lines: Line[], columns: TextColumns, previousY: number | undefined, underHeader: boolean): { rows: Row[]; used: Line[]; open: boolean } | undefined {
  const width = columns.bands.length + 1;
  const empty = () => Array.from({ length: width }, (): PageText[] => []);
  const rows: Row[] = [];
  const used: Line[] = [];
  let lastY = previousY;
  let open = true;
  for (const [index, line] of lines.entries()) {
    const text = lineText(line);
    if ((lastY !== undefined && lastY - line.y > 1.8 * columns.step) || SIGNATURE.test(text)) {
      // Only a page number after the table: it still runs on to the next page.
      open = lines.slice(index).every((l) => PAGE_NUMBER.test(lineText(l)));
      break;
    }
    const take = () => {
      used.push(line);
      lastY = line.y;
    };
    const current = rows[rows.length - 1];
    // A heading's title wrapped: one piece of text starting where the title starts.
    const heading = current?.heading;
    if (heading && used[used.length - 1] === lines[index - 1] && flowsOf(line).length === 1 && Math.abs(line.items[0]!.x - heading.textX) <= EDGE) {
      current.cells[heading.column]!.push(...line.items);
      take();
      continue;
    }
    if (isProse(line, columns.starts)) {
      open = false;
      break;
    }
    if (spans(line, columns)) {
      if (!isHeadingText(text)) {
        open = false;
        break;
      }
      const cells = empty();
      cells[0] = [...line.items];
      rows.push({ cells, heading: { column: 0, textX: line.items[0]!.x } });
      take();
      continue;
    }
    const titleColumn = labelledTitle(line, columns);
    if (titleColumn !== undefined) {
      const [label, title] = flowsOf(line) as [PageText[], PageText[]];
      const cells = empty();
      cells[0] = label;
      cells[titleColumn] = title;
      rows.push({ cells, heading: { column: titleColumn, textX: title[0]!.x } });
      take();
      continue;
    }
    const cells = empty();
    for (const item of line.items) {
      const c = columnOf(item, columns);
      if (c === undefined) return undefined;
      cells[c]!.push(item);
    }
    const first = joinTexts(cells[0]!);
    if (first !== '' && !ROW_LABEL.test(first)) {
      open = false;
      break;
    }
    const labelled = cells.slice(0, columns.task).every((items) => items.length === 0) && TEXT_LABEL.test(joinTexts(cells[columns.task] ?? []));
    // Right under the header, a row must start with its label: text before it means the labels stand
    // lower than their rows' first lines (a TT cell centred down a tall row), and no line can be given
    // to its row without a guess.
    if (!current && underHeader && first === '' && !labelled) return undefined;
    // A "- …" / "a) …" line where another column's text runs on from the line above to this line or the
    // next: an item of the task cell above (its other cells still wrapping) or a sub-task row starting
    // right under the cells above — no gap tells them apart without borders: unclear.
    if (first === '' && labelled && current && !current.heading && used[used.length - 1] === lines[index - 1]) {
      const columnsOf = (l: Line | undefined) => new Set((l?.items ?? []).map((t) => columnOf(t, columns)));
      const above = columnsOf(lines[index - 1]);
      const here = new Set([...columnsOf(line), ...columnsOf(lines[index + 1])]);
      if ([...above].some((c) => c !== undefined && c !== 0 && c !== columns.task && here.has(c))) return undefined;
    }
    if (first !== '' || labelled || !current || current.heading) rows.push({ cells });
    else cells.forEach((items, c) => current.cells[c]!.push(...items));
    take();
  }
  return { rows, used, open };
}

const gridRow = (row: Row) => row.cells.map((items) => joinTexts(items));

/**
 * The header's rows as a ruled table gives them. A group cell ("Cơ quan thực hiện" over "Chủ trì |
 * Phối hợp", "Thời gian" over "Bắt đầu | Hoàn thành") is a header piece that runs across a band or
 * stands over pieces of two or more columns in the header lines under it (before the next piece of
 * its line): its text in its first column and '' in the others, the texts under it as a second row.
 * Every other column's header (wrapped over lines) is one cell, repeated in the second row as a
 * merged-down cell is; a line of column numbers is a row of its own.
 */
function headerGrid(header: Line[], numbers: Line | undefined, columns: TextColumns): string[][] | undefined {
  const width = columns.bands.length + 1;
  const at = (x: number) => columnOf({ x, y: 0, width: 0, text: '' }, columns);
  const pieces = header.map((line) => flowsOf(line));
  const groups: { from: number; to: number; items: PageText[]; y: number }[] = [];
  const under: PageText[][] = Array.from({ length: width }, () => []);
  pieces.forEach((flows, k) => {
    flows.forEach((flow, f) => {
      const x = flow[0]!.x;
      const nextX = flows[f + 1]?.[0]!.x ?? Infinity;
      const below = new Set(pieces.slice(k + 1).flatMap((lower) => lower.filter((p) => p[0]!.x >= x - EDGE && p[0]!.x < nextX - EDGE).map((p) => at(p[0]!.x))));
      const from = at(x);
      const end = at(Math.max(...flow.map(right)));
      if (from === undefined || end === undefined) return;
      const to = Math.max(end, ...(below.size >= 2 ? [...below].filter((c) => c !== undefined) : []));
      if (from === to) under[from]!.push(...flow);
      else groups.push({ from, to, items: flow, y: flow[0]!.y });
    });
  });
  const top: string[] = [];
  const second: string[] = [];
  const oneLine = (items: PageText[]) => joinTexts(items).replace(/\n/g, ' ');
  for (let c = 0; c < width; c += 1) {
    const group = groups.find((g) => g.from <= c && c <= g.to);
    if (group) {
      top.push(c === group.from ? oneLine(group.items) : '');
      second.push(oneLine(under[c]!.filter((t) => t.y < group.y - 2)));
    } else {
      top.push(oneLine(under[c]!));
      second.push(oneLine(under[c]!));
    }
  }
  const rows = groups.length > 0 ? [top, second] : [top];
  if (numbers) {
    const row = Array.from({ length: width }, () => '');
    for (const t of numbers.items) {
      const c = columnOf(t, columns);
      if (c === undefined) return undefined;
      row[c] = joinTexts([t]);
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Reads the task table of a page that has no ruled table, from where its words stand. `carried`: the
 * columns of a table that ran to the foot of the page before — a page that starts with rows fitting
 * them (no header, or the header repeated) goes on with it. Gives the table (its grid as a ruled table
 * would give it, and the runs it used), the columns to carry when it runs to the page's foot, or
 * `ok: false` when a header is there but its columns cannot be told apart.
 */
export function readTextTable(texts: PageText[], carried?: TextColumns): TextTableRead {
  const lines = linesOf(texts);
  if (lines.length === 0) return { ok: true };
  const step = stepOf(lines);
  const start = lines.findIndex((_, i) => isHeaderStart(lines, i, step));
  if (start < 0) return carried ? goOn(lines, carried) : { ok: true };
  // The header: lines from its start down to a row of column numbers, the first row's label or a
  // line with a text that is no header word nor the wrapped end of one ("hoàn thành", "chú").
  // A wrapped end stands under a header cell's text as the cell aligns it (centred under it, or starting
  // where it starts) and is a word or three: the rest of a row cut by the page break, under a repeated
  // header, starts in lower case too ("vướng mắc và đề xuất giải", "năm.", "trường" at the cell's
  // left), and is no header.
  const wrappedEnd = (flow: PageText[], above: Line[]) => {
    const text = joinTexts(flow);
    const span = (f: PageText[]) => ({ from: Math.min(...f.map((t) => t.x)), to: Math.max(...f.map(right)) });
    const own = span(flow);
    const under = above.some((l) =>
      flowsOf(l).some((f) => {
        const cell = span(f);
        return Math.abs(own.from + own.to - cell.from - cell.to) / 2 <= EDGE || Math.abs(own.from - cell.from) <= EDGE;
      }),
    );
    return /^\p{Ll}/u.test(text) && text.split(/\s+/).length <= 3 && under;
  };
  const headerLine = (line: Line, above: Line[]) => flowsOf(line).every((flow) => isHeaderWords(joinTexts(flow)) || wrappedEnd(flow, above));
  let end = start + 1;
  while (end < lines.length && end - start < 6 && lines[end - 1]!.y - lines[end]!.y <= 1.8 * step && !isNumbersLine(lines[end]!) && headerLine(lines[end]!, lines.slice(start, end))) {
    const first = lines[end]!.items[0]!;
    const leftmost = Math.min(...lines.slice(start, end).flatMap((l) => l.items.map((t) => t.x)));
    if (first.x <= leftmost + EDGE && (ROW_LABEL.test(flowsOf(lines[end]!).map(joinTexts)[0]!) || LABELLED.test(lineText(lines[end]!)))) break;
    end += 1;
  }
  const header = lines.slice(start, end);
  const numbers = end < lines.length && isNumbersLine(lines[end]!) ? lines[end] : undefined;
  const bodyFrom = numbers ? end + 1 : end;
  const all = [...header, ...(numbers ? [numbers] : [])];
  // The body runs to a gap of two lines, a signature block, a line of prose or the page's foot; its
  // bands are then narrowed to what the rows read until they agree.
  const headerLeft = Math.min(...all.flatMap((l) => l.items.map((t) => t.x)));
  const starts = header.flatMap((l) => flowsOf(l).map((flow) => flow[0]!.x));
  let body = lines.slice(bodyFrom);
  const gapEnd = body.findIndex((l, i) => SIGNATURE.test(lineText(l)) || isProse(l, starts) || (i > 0 && body[i - 1]!.y - l.y > 1.8 * step));
  if (gapEnd >= 0) body = body.slice(0, gapEnd);
  if (body.length === 0) return { ok: true };
  const left = Math.min(headerLeft, ...body.flatMap((l) => l.items.map((t) => t.x)));
  for (let round = 0; round < 3; round += 1) {
    const rightEdge = Math.max(...[...all, ...body].flatMap((l) => l.items.map(right)));
    // Lines that may be headings across the table are left out — one piece from the left edge —
    // but for the label of "II | title …" (a label and one piece), which stands in the TT column,
    // centred in it too (its end before the second header cell starts).
    const secondStart = [...starts].sort((a, b) => a - b)[1] ?? Infinity;
    const plain = body.map((l) => {
      const flows = flowsOf(l);
      const label = joinTexts(flows[0]!);
      const labelAndTitle = flows.length === 2 && ROW_LABEL.test(label) && !/^[-+•*–]$/u.test(label);
      if (l.items[0]!.x > left + EDGE && !(labelAndTitle && Math.max(...flows[0]!.map(right)) < secondStart)) return l;
      if (flows.length === 1) return { y: l.y, items: [] };
      return labelAndTitle ? { y: l.y, items: flows[0]! } : l;
    });
    const bands = bandsOf(plain, all, left, rightEdge);
    if (!bands) return { ok: false };
    const columns: TextColumns = { left, right: rightEdge, bands, step, task: 1, starts };
    // Every column stands under a header cell of its own; body text under no header is unclear.
    const width = bands.length + 1;
    const headed = new Set(all.flatMap((l) => l.items).map((t) => columnOf(t, columns)).filter((c) => c !== undefined));
    if (headed.size !== width) return { ok: false };
    // Two header cells side by side on one line in one column: a gap between them is crossed in the body.
    for (const line of header) {
      const cols = flowsOf(line).map((flow) => flow.map((t) => columnOf(t, columns)));
      const own = cols.filter((c) => c.every((x) => x !== undefined && x === c[0])).map((c) => c[0]);
      if (new Set(own).size !== own.length) return { ok: false };
    }
    const grid = headerGrid(header, numbers, columns);
    if (!grid) return { ok: false };
    const found = findHeader(grid);
    if (!found.ok || found.value.index !== grid.length - 1) return { ok: false };
    // Rows are told apart by the labels of the TT column: a table without one at its left is not read.
    if (found.value.columns.code !== 0) return { ok: false };
    columns.task = found.value.columns.task ?? found.value.columns.activity ?? 1;
    // Under a header repeated on the page after a table that ran to its foot (`carried`), lines before
    // the first label are the rest of the row the page break cut: the page before showed its rows start
    // at their labels (it was read with them), as goOn reads a page going on without a header.
    const read = bodyRows(lines.slice(bodyFrom), columns, (numbers ?? header[header.length - 1]!).y, !carried);
    if (!read) return { ok: false };
    if (read.used.length < body.length && round < 2) {
      body = read.used;
      continue;
    }
    const used = new Set([...all, ...read.used].flatMap((l) => l.items));
    return {
      ok: true,
      table: { top: header[0]!.y, grid: [...grid, ...read.rows.map(gridRow)], used },
      ...(read.open ? { carry: columns } : {}),
    };
  }
  return { ok: false };
}

/**
 * A page without a header after a table that ran to the foot of the page before: its rows go on
 * with that table when its first line (a page number left aside) fits the carried columns — a row's
 * label, a heading, or the rest of a row cut by the page break.
 */
function goOn(lines: Line[], columns: TextColumns): TextTableRead {
  let from = 0;
  while (from < lines.length && PAGE_NUMBER.test(lineText(lines[from]!)) && lines[from]!.items[0]!.x > columns.left + EDGE) from += 1;
  const first = lines[from];
  if (!first || SIGNATURE.test(lineText(first))) return { ok: true };
  if (first.items[0]!.x < columns.left - EDGE || Math.max(...first.items.map(right)) > columns.right + 2 * EDGE) return { ok: true };
  const fits = spans(first, columns) ? isHeadingText(lineText(first)) : labelledTitle(first, columns) !== undefined || first.items.every((t) => columnOf(t, columns) !== undefined);
  if (!fits) return { ok: true };
  const read = bodyRows(lines.slice(from), columns, undefined, false);
  if (!read) return { ok: false };
  if (read.rows.length === 0) return { ok: true };
  return {
    ok: true,
    table: { top: first.y, grid: read.rows.map(gridRow), used: new Set(read.used.flatMap((l) => l.items)) },
    ...(read.open ? { carry: columns } : {}),
  };
}
