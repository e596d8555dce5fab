/**
 * Rebuilds the shipped plan tables in data/plans/ from the seed texts in ../shared/seeds/:
 *   npm run convert-seeds [-- <seeds dir> [<output dir>]]   (defaults: ../shared/seeds, data/plans)
 *
 * - Hà Tĩnh 2024 (seed 004): the Phụ lục is tab-separated; rows broken by PDF page breaks are
 *   joined with the importer's own rule (joinWrappedRows) and HTML debris is removed.
 * - Sóc Trăng 163/KH-UBND (seed 001), Phụ lục 2 and 3: one cell per paragraph. A few rows hold
 *   several paragraphs in one cell; they are mapped by the rules in `socTrangRow` (each says why).
 *
 * Blank cells under a filled one are kept blank (as Excel exports merged cells): the importer
 * reads them as "same as the row above".
 */
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanCell, findHeader, joinWrappedRows, PLAN_FIELDS, type RawPlanRow } from '../src/domain/plan-table.js';
import { writeCsv } from '../src/app/table-file.js';

const seedsDir = process.argv[2] ?? join(process.cwd(), '..', 'shared', 'seeds');
const outDir = process.argv[3] ?? join(process.cwd(), 'data', 'plans');

function seedLines(file: string): string[] {
  return readFileSync(join(seedsDir, file), 'utf8').split(/\r?\n/);
}

function haTinh(): string[][] {
  const lines = seedLines('004_81dc5ac12a8b2fdd.txt');
  const start = lines.findIndex((l) => l.startsWith('TT\t1- Mục tiêu'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('---'));
  if (start < 0 || end < 0) throw new Error('seed 004: Phụ lục table not found');
  const table = lines.slice(start, end).filter((l) => l.includes('\t')).map((l) => l.split('\t'));
  const header = table[0]!;
  const found = findHeader([header]);
  if (!found.ok) throw new Error('seed 004: header not recognised');
  const columns = found.value.columns;
  const raw: RawPlanRow[] = table.slice(1).map((cells, i) => {
    const picked = {} as RawPlanRow['cells'];
    for (const field of PLAN_FIELDS) picked[field] = columns[field] === undefined ? '' : cleanCell(cells[columns[field]!]);
    return { row: i + 2, cells: picked };
  });
  const joined = joinWrappedRows(raw);
  const order = PLAN_FIELDS.filter((f) => columns[f] !== undefined).sort((a, b) => columns[a]! - columns[b]!);
  return [header.map((h) => cleanCell(h)), ...joined.map((row) => order.map((f) => row.cells[f]))];
}

const STT = /^(\d+|[a-zđ]\))$/;
const EMPTY = (t: string) => cleanCell(t) === '';

/** Paragraph cells between two headings of the Sóc Trăng appendices. */
function paragraphs(lines: string[], from: number, to: number): string[] {
  return lines.slice(from, to).filter((l) => l !== '').map((l) => l.replace(/\u00a0/g, ' '));
}

/** Maps one numbered item of Phụ lục 2 (its paragraphs after the STT) to table rows. */
function socTrangRow(stt: string, cells: string[]): string[][] {
  const strip = (t: string | undefined) => cleanCell(t).replace(/^-\s*/, '');
  const trimmed = [...cells];
  while (trimmed.length > 4 && EMPTY(trimmed[trimmed.length - 1]!)) trimmed.pop();
  if (trimmed.length === 4) return [[stt, ...trimmed.map(cleanCell)]];
  if (trimmed.length === 5 && !trimmed[0]!.startsWith('-')) {
    // Item l) and s): the coordinating cell has two paragraphs (an agency, then "Các sở, ngành…").
    const [task, lead, coordA, coordB, time] = trimmed.map(cleanCell) as [string, string, string, string, string];
    return [[stt, task, lead, `${coordA}; ${coordB}`, time]];
  }
  if (trimmed.length === 6 && trimmed.slice(0, 3).every((t) => t.startsWith('-'))) {
    // Item a) of area 5: three bulleted tasks share one lead, coordinator and period.
    const [t1, t2, t3, lead, coord, time] = trimmed;
    return [[stt, [t1, t2, t3].map(strip).join('\n'), cleanCell(lead), cleanCell(coord), cleanCell(time)]];
  }
  if (cells.length === 12) {
    // Items b) and c) of area 5: three bulleted sub-tasks, each with its own lead, coordinator and
    // period; an empty period is the merged cell of the item ("Năm 2021 và các năm tiếp theo").
    const groups = [0, 4, 8].map((i) => cells.slice(i, i + 4).map(strip));
    const shared = groups.map((g) => g[3]!).find((t) => t !== '') ?? '';
    const letter = stt.replace(')', '');
    return groups.map((g, i) => [`${letter}.${i + 1}`, g[0]!, g[1]!, g[2]!, g[3] || shared]);
  }
  throw new Error(`seed 001: item ${stt} has ${cells.length} paragraphs; add a rule for it`);
}

function socTrangAppendix2(): string[][] {
  const lines = seedLines('001_afeb84235712a5f6.txt');
  const start = lines.findIndex((l) => l.trim() === 'PHỤ LỤC 2');
  const end = lines.findIndex((l) => l.trim() === 'PHỤ LỤC 3');
  const cells = paragraphs(lines, start + 1, end);
  const headerAt = cells.findIndex((c) => c === 'STT');
  const header = cells.slice(headerAt, headerAt + 5).map(cleanCell);
  const rows: string[][] = [header];
  let current: { stt: string; cells: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    if (/^\d+$/.test(current.stt)) rows.push([current.stt, cleanCell(current.cells[0]), '', '', '']);
    else rows.push(...socTrangRow(current.stt, current.cells));
  };
  for (const cell of cells.slice(headerAt + 5)) {
    if (STT.test(cell.trim())) {
      flush();
      current = { stt: cell.trim(), cells: [] };
    } else current?.cells.push(cell);
  }
  flush();
  return rows;
}

function socTrangAppendix3(): string[][] {
  const lines = seedLines('001_afeb84235712a5f6.txt');
  const start = lines.findIndex((l) => l.trim() === 'PHỤ LỤC 3');
  const end = lines.findIndex((l) => l.trim() === 'HIỆU LỰC VĂN BẢN');
  const cells = paragraphs(lines, start + 1, end).filter((c) => !EMPTY(c));
  const headerAt = cells.findIndex((c) => c === 'STT');
  const header = cells.slice(headerAt, headerAt + 4).map(cleanCell);
  const rows: string[][] = [header];
  const body = cells.slice(headerAt + 4);
  for (let i = 0; i < body.length; ) {
    const stt = body[i]!.trim();
    if (!/^\d+$/.test(stt)) throw new Error(`seed 001 Phụ lục 3: expected a number, got ${stt}`);
    const lead = cleanCell(body[i + 1]);
    const items: [string, string][] = [];
    let j = i + 2;
    while (j + 1 < body.length + 1 && j < body.length && !/^\d+$/.test(body[j]!.trim())) {
      items.push([cleanCell(body[j]).replace(/^\d+\.\s*/, ''), cleanCell(body[j + 1])]);
      j += 2;
    }
    items.forEach(([name, time], k) => rows.push([items.length > 1 ? `${stt}.${k + 1}` : stt, lead, name, time]));
    i = j;
  }
  return rows;
}

async function writeBoth(name: string, title: string, rows: string[][]): Promise<void> {
  writeFileSync(join(outDir, `${name}.csv`), writeCsv(rows));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dondoc scripts/convert-seeds.ts';
  workbook.created = new Date('2024-01-01T00:00:00Z');
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Phụ lục', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...rows.map((r) => Math.min((r[i] ?? '').length, 60)));
    column.width = Math.max(8, longest + 2);
    column.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.headerFooter.oddHeader = title;
  writeFileSync(join(outDir, `${name}.xlsx`), Buffer.from(await workbook.xlsx.writeBuffer()));
  process.stdout.write(`${name}: ${rows.length - 1} dòng\n`);
}

mkdirSync(outDir, { recursive: true });
await writeBoth('ha-tinh-2024-phu-luc', 'Khung nhiệm vụ CCHC trọng tâm năm 2024 — tỉnh Hà Tĩnh', haTinh());
await writeBoth('soc-trang-163-phu-luc-2', 'Kế hoạch 163/KH-UBND Sóc Trăng — Phụ lục 2', socTrangAppendix2());
await writeBoth('soc-trang-163-phu-luc-3', 'Kế hoạch 163/KH-UBND Sóc Trăng — Phụ lục 3', socTrangAppendix3());
