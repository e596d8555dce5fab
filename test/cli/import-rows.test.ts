import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cliOnOwnDatabase } from '../helpers/cli-child.js';

const { db, cli } = cliOnOwnDatabase('import-rows');
const HA_TINH = ['import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--plan', 'KH 2024', '--year', '2024'];
const activeTasks = () => {
  const d = openDatabase(db);
  try {
    return (d.prepare('SELECT source_row AS row FROM tasks WHERE active = 1 ORDER BY source_row').all() as { row: number }[]).map((r) => r.row);
  } finally {
    d.close();
  }
};

describe('import --rows: only the chosen rows of a table (issue 27)', () => {
  it('writes the tasks on the chosen rows, says what each became and which chosen rows hold none, and retires nothing else', () => {
    const chosen = cli(...HA_TINH, '--rows', '2-4,300', '--json');
    expect(chosen.code).toBe(3);
    const report = JSON.parse(chosen.out);
    // Fields are only added at the end: 'selected', then the table's columns and the starts not stored.
    expect(Object.keys(report).slice(-3)).toEqual(['selected', 'columns', 'startProblems']);
    // Row 2 is the heading "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC" and row 300 is past the table: no task.
    expect(report.selected.missing).toEqual([2, 300]);
    expect(report.tasks).toBe(2);
    // Row 3: Sở Nội vụ leads; its coordinators are "the agencies leading CCHC areas, other related
    // agencies" — nobody on a guess; due "Trước 25/12/2023".
    expect(report.selected.rows[0]).toEqual({ row: 3, code: 'I.3.1', parent: null, lead: ['SNV'], coordinating: [], deadline: 'Trước 25/12/2023', deadlineKind: 'due', dates: ['2023-12-25'], start: null });
    // Row 4: "Các sở, ban ngành cấp tỉnh, UBND cấp huyện" is the whole of both groups, read in 2024 terms.
    expect(report.selected.rows[1]).toMatchObject({ row: 4, lead: ['SNV'], deadline: 'Năm 2024', dates: ['2024-12-31'] });
    expect(report.selected.rows[1].coordinating).toEqual(expect.arrayContaining(['STP', 'VPUBND', 'HUYEN_CU']));
    expect(activeTasks()).toEqual([3, 4]);

    // The whole table, then one row again: the other 75 tasks stay (a partial import retires nothing).
    expect(cli(...HA_TINH, '--json').code).toBe(3);
    expect(activeTasks()).toHaveLength(76);
    const again = JSON.parse(cli(...HA_TINH, '--rows', '3', '--json').out);
    expect(again.selected.rows.map((r: { row: number }) => r.row)).toEqual([3]);
    expect(activeTasks()).toHaveLength(76);
  }, 120_000);

  it('refuses a malformed list and a list with no task, writing nothing', () => {
    const bad = cli(...HA_TINH, '--rows', '10-3', '--dry-run');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--rows: khoảng “10-3” không hợp lệ');
    const none = cli(...HA_TINH, '--rows', '1-2', '--json');
    expect(none.code).toBe(2);
    expect(JSON.parse(none.out)).toMatchObject({ error: 'no_chosen_rows' });
  }, 120_000);
});
