import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cliOnOwnDatabase } from '../helpers/cli-child.js';
import { plan2026Docx } from '../helpers/plan-2026-docx.js';

const { dir, db, cli } = cliOnOwnDatabase('import-title');

describe('import without --plan: the document names the plan (issue 27)', () => {
  it("names a Word plan by its title and stores where it was signed; a CSV without --plan is refused, writing nothing", async () => {
    const path = join(dir, 'ke-hoach-cchc-2026.docx');
    writeFileSync(path, await plan2026Docx());
    const run = cli('import', path, '--year', '2026', '--json');
    expect(run.code).toBe(0);
    // The letterhead reads "Hà Tĩnh, ngày 08 tháng 01 năm 2026" and the title "KẾ HOẠCH Cải cách hành chính năm 2026".
    expect(JSON.parse(run.out).document).toMatchObject({ place: 'Hà Tĩnh', date: '2026-01-08' });
    const d = openDatabase(db);
    try {
      expect(d.prepare('SELECT name, doc_place AS place, document_no AS number FROM plans').all()).toEqual([
        { name: 'Kế hoạch Cải cách hành chính năm 2026', place: 'Hà Tĩnh', number: '45/KH-UBND' },
      ]);
    } finally {
      d.close();
    }
    const csv = cli('import', 'data/plans/ha-tinh-2024-phu-luc.csv', '--year', '2024', '--json');
    expect(csv.code).toBe(2);
    expect(JSON.parse(csv.out).message).toContain('tệp không có tiêu đề văn bản để đặt tên kế hoạch');
  }, 120_000);

  it('a body the directory lacks: the command line says where to add it and to run the import again, not to tap a button', () => {
    const path = join(dir, 'ke-hoach-ban-qlkkt.csv');
    writeFileSync(path, 'TT,Nhiệm vụ,Chủ trì,Phối hợp,Thời gian hoàn thành\n1,Rà soát thủ tục đầu tư trong khu kinh tế,Ban Quản lý Khu kinh tế tỉnh,Sở Tài chính,Quý III/2026\n');
    const run = cli('import', path, '--plan', 'Kế hoạch thử', '--year', '2026', '--dry-run');
    // Exit 3: imported in a dry run with something to look at (the unknown lead).
    expect(run.code).toBe(3);
    expect(run.out).toContain('Cơ quan chưa có trong danh bạ (Ban Quản lý Khu kinh tế tỉnh: mã đề xuất');
    expect(run.out).toContain('thêm vào data/agencies.json (hoặc trong chat: /coquan them <loại> <mã> <tên>), rồi chạy lại lệnh import');
    expect(run.out).not.toContain('bấm');
  }, 60_000);
});
