import { describe, expect, it } from 'vitest';
import { findHeader, readPlanRows, splitRoles } from '../../src/domain/plan-table.js';

const HEADER = ['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian hoàn thành'];

function tasks(rows: string[][], wrapped = true) {
  const header = findHeader(rows);
  if (!header.ok) throw new Error(`no header: ${JSON.stringify(header.error)}`);
  const read = readPlanRows(rows, header.value, { wrapped });
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  return read.value.map(({ code, lead, deadline }) => [code, lead, deadline]);
}

describe('table structures real plans use (spreadsheet rows, which may be wrapped)', () => {
  it('reads a heading row in capitals without a number as an area, not as the rest of the task above', () => {
    // The heading row has no TT and nobody assigned: gluing it would give task 1 a second title.
    expect(
      tasks([
        HEADER,
        ['1', 'Ban hành kế hoạch CCHC', 'Sở Nội vụ', '', 'Quý I/2026'],
        ['', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', ''],
        ['1', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', '', 'Quý II/2026'],
      ]),
    ).toEqual([
      ['1', 'Sở Nội vụ', 'Quý I/2026'],
      ['N1.1', 'Văn phòng UBND tỉnh', 'Quý II/2026'],
    ]);
  });

  it('keeps sub-tasks "a)" and "-" as tasks under their parent, taking the parent’s lead and deadline where their cells are empty', () => {
    expect(
      tasks([
        HEADER,
        ['I', 'CẢI CÁCH THỂ CHẾ', '', '', ''],
        ['1', 'Theo dõi thi hành pháp luật', '', '', ''],
        ['a)', 'Kiểm tra tại các sở', 'Sở Tư pháp', '', 'Quý III/2026'],
        ['b)', 'Tổng hợp kết quả', 'Sở Nội vụ', '', 'Quý IV/2026'],
        ['2', 'Kiểm tra công tác CCHC', 'Sở Nội vụ', '', 'Năm 2026'],
        ['', '- Kiểm tra tại các sở', '', '', 'Quý II/2026'],
        ['', '- Kiểm tra tại các xã', 'Sở Tư pháp', '', ''],
      ]),
    ).toEqual([
      // "1" has nobody assigned: the parent I.1 of a) and b), not a task and not glued into one.
      ['I.1.a', 'Sở Tư pháp', 'Quý III/2026'],
      ['I.1.b', 'Sở Nội vụ', 'Quý IV/2026'],
      ['I.2', 'Sở Nội vụ', 'Năm 2026'],
      ['I.2.1', 'Sở Nội vụ', 'Quý II/2026'],
      ['I.2.2', 'Sở Tư pháp', 'Năm 2026'],
    ]);
  });

  it('still joins a row cut by a page break (no TT, lower-case text) into the task above', () => {
    expect(
      tasks([
        HEADER,
        ['1', 'Rà soát, đơn giản hóa thủ tục', 'Văn phòng UBND', '', 'Quý II/'],
        ['', 'hành chính nội bộ', 'tỉnh', '', '2026'],
      ]),
    ).toEqual([['1', 'Văn phòng UBND tỉnh', 'Quý II/2026']]); // "Quý II/" + "2026": one date the break cut after its slash
  });

  it('joins a word the page break cut after its hyphen without a space ("Nghị quyết số 12-" + "NQ/TU")', () => {
    const header = findHeader([HEADER]);
    if (!header.ok) throw new Error('no header');
    const read = readPlanRows(
      [HEADER, ['1', 'Kiểm tra thực hiện Nghị quyết số 12-', 'Sở Nội vụ', '', 'Quý II,'], ['', 'NQ/TU của Tỉnh ủy', '', '', 'III/2024']],
      header.value,
    );
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    // "12-NQ/TU" is one document number; "Quý II," + "III/2024" are two words of one deadline.
    expect(read.value.map(({ task, deadline }) => [task, deadline])).toEqual([['Kiểm tra thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy', 'Quý II, III/2024']]);
  });

  it('joins the rest of an area heading cut by a page break (lower case, in the heading’s cell) into the heading, and only that', () => {
    const header = findHeader([HEADER]);
    if (!header.ok) throw new Error('no header');
    const areas = (rows: string[][]) => {
      const read = readPlanRows([HEADER, ...rows], header.value);
      if (!read.ok) throw new Error(JSON.stringify(read.error));
      return read.value.map(({ code, areaTitle, lead }) => [code, areaTitle, lead]);
    };
    // "trong hoạt động của đơn vị" goes on the heading's sentence: one area, no task without an agency.
    expect(
      areas([
        ['B', 'Áp dụng ISO 9001:2015', '', '', ''],
        ['', 'trong hoạt động của đơn vị', '', '', ''],
        ['1', 'Duy trì hệ thống quản lý chất lượng', 'Sở Khoa học và Công nghệ', '', 'Năm 2024'],
      ]),
    ).toEqual([['B.1', 'Áp dụng ISO 9001:2015 trong hoạt động của đơn vị', 'Sở Khoa học và Công nghệ']]);
    // A row under the heading that starts with a capital is a row of its own (a task without a number
    // here: it has a lead), never glued into the heading's title.
    expect(
      areas([
        ['B', 'Áp dụng ISO 9001:2015', '', '', ''],
        ['', 'Duy trì hệ thống quản lý chất lượng', 'Sở Khoa học và Công nghệ', '', 'Năm 2024'],
      ]).map(([, title]) => title),
    ).toEqual(['Áp dụng ISO 9001:2015']);
    // Lower-case text beside an agency is not the heading's rest: the heading has no agency cell.
    expect(
      areas([
        ['B', 'Áp dụng ISO 9001:2015', '', '', ''],
        ['', 'duy trì hệ thống', 'Sở Khoa học và Công nghệ', '', 'Năm 2024'],
      ]).map(([, title]) => title),
    ).toEqual(['Áp dụng ISO 9001:2015']);
  });

  it('reads a header over three rows (merged cells repeated, then column numbers) and starts the data after it', () => {
    const rows = [
      ['TT', 'Nội dung nhiệm vụ', 'Cơ quan thực hiện', '', 'Tiến độ'],
      ['TT', 'Nội dung nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Tiến độ'],
      ['1', '2', '3', '4', '5'],
      ['1', 'Ban hành kế hoạch', 'Sở Nội vụ', 'Các sở', 'Quý I/2026'],
    ];
    expect(findHeader(rows)).toEqual({ ok: true, value: { index: 2, columns: { code: 0, task: 1, lead: 2, coord: 3, deadline: 4 }, ticks: [], unused: [] } });
    expect(tasks(rows)).toEqual([['1', 'Sở Nội vụ', 'Quý I/2026']]);
  });

  it('reads a "Thời gian" group over "Bắt đầu | Hoàn thành" (merged cells repeated, as a sheet gives them): the deadline is the end column', () => {
    // The period's start is when work begins (kept as the task's start); the task is due at its end.
    // Without the group the second header row would be a task ("STT | Chủ trì | Bắt đầu") and the start its deadline.
    const rows = [
      ['STT', 'Nhiệm vụ', 'Cơ quan thực hiện', 'Cơ quan thực hiện', 'Thời gian', 'Thời gian'],
      ['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Bắt đầu', 'Hoàn thành'],
      ['1', 'Rà soát thủ tục hành chính', 'Văn phòng UBND tỉnh', 'Sở Tư pháp', 'Tháng 01/2026', 'Quý II/2026'],
    ];
    expect(findHeader(rows)).toEqual({ ok: true, value: { index: 1, columns: { code: 0, task: 1, lead: 2, coord: 3, start: 4, deadline: 5 }, ticks: [], unused: [] } });
    expect(tasks(rows)).toEqual([['1', 'Văn phòng UBND tỉnh', 'Quý II/2026']]);
    // "Tiến độ" over "Từ | Đến", under an agency group without a column word ("Cơ quan"): the same reading.
    const other = [
      ['TT', 'Nhiệm vụ', 'Cơ quan', '', 'Tiến độ', ''],
      ['', '', 'Chủ trì', 'Phối hợp', 'Từ', 'Đến'],
      ['1', 'Kiểm tra công tác CCHC', 'Sở Nội vụ', '', 'Quý II/2026', 'Quý IV/2026'],
    ];
    expect(findHeader(other)).toEqual({ ok: true, value: { index: 1, columns: { code: 0, task: 1, lead: 2, coord: 3, start: 4, deadline: 5 }, ticks: [], unused: [] } });
    expect(tasks(other)).toEqual([['1', 'Sở Nội vụ', 'Quý IV/2026']]);
  });

  it('does not take a data row under a one-column header cell for header, though it starts with a header word', () => {
    // "Kết quả thực hiện …" under "Nhiệm vụ" is a task's text, not a "Kết quả" column.
    const rows = [
      ['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời hạn'],
      ['', 'Kết quả thực hiện năm 2025 được tổng hợp', '', ''],
      ['1', 'Tổng hợp báo cáo', 'Sở Nội vụ', 'Trước 15/12/2026'],
    ];
    expect(findHeader(rows)).toEqual({ ok: true, value: { index: 0, columns: { code: 0, task: 1, lead: 2, deadline: 3 }, ticks: [], unused: [] } });
  });

  it('reads "Thời gian bắt đầu" as the start and "Thời gian bắt đầu - kết thúc" in one column as the deadline (issue 27)', () => {
    // Two columns: the first is when work begins, the second when it is due.
    expect(findHeader([['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian bắt đầu', 'Thời gian hoàn thành']])).toMatchObject({ ok: true, value: { columns: { start: 3, deadline: 4 } } });
    // One column naming both ends holds the whole period ("Tháng 3 - tháng 6/2026"): its end is the deadline.
    expect(findHeader([['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian bắt đầu - kết thúc']])).toMatchObject({ ok: true, value: { columns: { deadline: 3 } } });
  });

  it('knows task columns headed in the words other provinces use', () => {
    for (const word of ['Nhiệm vụ, giải pháp', 'Các nhiệm vụ cụ thể', 'Tên văn bản', 'Chương trình, đề án', 'Tên hoạt động']) {
      expect(findHeader([['STT', word, 'Cơ quan chủ trì', 'Thời hạn']]).ok).toBe(true);
    }
  });
});

describe('a Word table (rows are whole)', () => {
  it('reads a TT repeated from the row above as one merged TT cell, the rows as one group', () => {
    // TT "1" merged over two activity rows: the second row is the same task group, numbered by its activity.
    const rows = [
      ['TT', 'Nhiệm vụ', 'Hoạt động', 'Chủ trì', 'Thời gian'],
      ['1', 'Cải cách TTHC', '1.1 Rà soát TTHC', 'Sở Tư pháp', 'Quý I/2026'],
      ['1', 'Cải cách TTHC', '1.2 Công bố TTHC', 'Sở Nội vụ', 'Quý II/2026'],
    ];
    expect(tasks(rows, false)).toEqual([
      ['1.1', 'Sở Tư pháp', 'Quý I/2026'],
      ['1.2', 'Sở Nội vụ', 'Quý II/2026'],
    ]);
  });

  it('reads an item letter merged down over its sub-tasks as the item’s parts in order, b.1, b.2, b.3 (Sóc Trăng 163, Phụ lục 2, area 5)', () => {
    // "b)" is one merged cell over three rows, each a sub-task with its own lead and time: three tasks of
    // item b, numbered as the shipped CSV numbers them, not "b)" three times (a duplicate code).
    const rows = [
      ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện'],
      ['5', 'Cải cách tài chính công', '', '', ''],
      ['a)', 'Trình HĐND tỉnh quy định cơ chế khoán kinh phí', 'Sở Tài chính', '', 'Giai đoạn 2022-2026'],
      ['b)', 'Thực hiện cơ chế tài chính tại các đơn vị sự nghiệp', 'Các sở, ngành', 'Sở Tài chính', 'Hàng năm'],
      ['b)', 'Trình HĐND các cấp ban hành danh mục dịch vụ', 'Sở, ban, ngành, UBND cấp huyện', 'Sở Tài chính', 'Năm 2021 và các năm tiếp theo'],
      ['b)', 'Ban hành các định mức kinh tế kỹ thuật', 'Sở, ban, ngành, UBND cấp huyện', 'Sở Tài chính', 'Năm 2021 và các năm tiếp theo'],
      ['c)', 'Đổi mới quản trị doanh nghiệp nhà nước', 'Ban Đổi mới và Phát triển doanh nghiệp', 'Sở Tài chính', 'Theo văn bản hướng dẫn của Trung ương'],
    ];
    expect(tasks(rows, false)).toEqual([
      ['5.a', 'Sở Tài chính', 'Giai đoạn 2022-2026'],
      ['5.b.1', 'Các sở, ngành', 'Hàng năm'],
      ['5.b.2', 'Sở, ban, ngành, UBND cấp huyện', 'Năm 2021 và các năm tiếp theo'],
      ['5.b.3', 'Sở, ban, ngành, UBND cấp huyện', 'Năm 2021 và các năm tiếp theo'],
      ['5.c', 'Ban Đổi mới và Phát triển doanh nghiệp', 'Theo văn bản hướng dẫn của Trung ương'],
    ]);
  });

  it('reads a number merged down over rows without numbers of their own as the item’s parts, 1.1, 1.2 (Sóc Trăng 163, Phụ lục 3)', () => {
    // STT "1" and "Sở Nội vụ" are merged over Sở Nội vụ's projects, each with its own name and time.
    const rows = [
      ['STT', 'Cơ quan chủ trì', 'Tên Đề án/Kế hoạch', 'Thời gian hoàn thành'],
      ['1', 'Sở Nội vụ', 'Đề án Phát triển nguồn nhân lực đến năm 2030', 'Năm 2022'],
      ['1', 'Sở Nội vụ', 'Đề án thông tin tuyên truyền CCHC đến năm 2030', 'Năm 2022'],
      ['2', 'Sở Y tế', 'Đề án khảo sát sự hài lòng đối với dịch vụ y tế công lập', 'Tháng 2/2022'],
    ];
    expect(tasks(rows, false)).toEqual([
      ['1.1', 'Sở Nội vụ', 'Năm 2022'],
      ['1.2', 'Sở Nội vụ', 'Năm 2022'],
      ['2', 'Sở Y tế', 'Tháng 2/2022'],
    ]);
  });
});

describe('a number merged over its own sub-tasks', () => {
  it('keeps a TT merged over a task and its dash sub-tasks as the task and its sub-tasks, which take its lead', () => {
    // TT "3" merged over the task and the two "-" rows under it: the dashes are 3's sub-tasks, not 3.1 and 3.2 of their own.
    const rows = [
      HEADER,
      ['3', 'Theo dõi thi hành pháp luật', 'Sở Tư pháp', '', 'Năm 2026'],
      ['3', '- Sơ kết, tổng kết', '', '', 'Tháng 6 và tháng 12'],
      ['3', '- Kiểm tra tại địa phương', '', '', 'Quý III/2026'],
    ];
    expect(tasks(rows, false)).toEqual([
      ['3', 'Sở Tư pháp', 'Năm 2026'],
      ['3.1', 'Sở Tư pháp', 'Tháng 6 và tháng 12'],
      ['3.2', 'Sở Tư pháp', 'Quý III/2026'],
    ]);
  });
});

describe('an item after the parts of the item above it', () => {
  it('codes "d)" after "c.3" as the area’s next item 5.d, not as a part of c.3', () => {
    // Sóc Trăng 163, Phụ lục 2, area 5: a), b.1–b.3, c.1–c.3, d) — d) is item d of area 5.
    const rows = [
      ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện'],
      ['5', 'Cải cách tài chính công', '', '', ''],
      ['c.3', 'Ban hành chính sách khuyến khích', 'Sở, ngành, UBND cấp huyện', 'Sở Nội vụ', 'Năm 2021 và các năm tiếp theo'],
      ['d)', 'Đổi mới quản trị doanh nghiệp nhà nước', 'Ban Đổi mới và Phát triển doanh nghiệp', 'Sở Tài chính', 'Theo văn bản hướng dẫn của Trung ương'],
    ];
    expect(tasks(rows).map(([code]) => code)).toEqual(['5.c.3', '5.d']);
  });
});

describe('tick columns as headed in plans (issue 27)', () => {
  /** The deadline words a row's ticks give, under a two-row header "Thời gian thực hiện" over `labels`. */
  function ticked(labels: string[], marks: string[], year = 2026) {
    const blank = labels.map(() => '');
    const header = findHeader([
      ['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian thực hiện', ...blank.slice(1)],
      ['', '', '', ...labels],
    ]);
    if (!header.ok) throw new Error(JSON.stringify(header.error));
    const rows = readPlanRows([['1', 'Việc', 'Sở Nội vụ', ...marks]], { ...header.value, index: -1 }, { year });
    if (!rows.ok) throw new Error(JSON.stringify(rows.error));
    return { deadline: rows.value[0]!.deadline, review: rows.value[0]!.review, ticks: header.value.ticks.map((t) => `${t.unit}${t.n}${t.year ? `/${t.year}` : ''}`) };
  }

  it('knows the spellings of quarter and month headers, with and without diacritics', () => {
    // Every spelling of the four quarters names quarters 1–4; the marks in II and III give "Quý II, III/2026".
    for (const labels of [
      ['Quý I', 'Quý II', 'Quý III', 'Quý IV'],
      ['Quy I', 'Quy II', 'Quy III', 'Quy IV'],
      ['QUÝ 1', 'QUÝ 2', 'QUÝ 3', 'QUÝ 4'],
      ['Q1', 'Q2', 'Q3', 'Q4'],
      ['Q.I', 'Q.II', 'Q.III', 'Q.IV'],
      ['I', 'II', 'III', 'IV'],
    ]) {
      expect(ticked(labels, ['', 'x', '√', '']), labels.join('|')).toEqual({ deadline: 'Quý II, III/2026', review: '', ticks: ['quarter1', 'quarter2', 'quarter3', 'quarter4'] });
    }
    // Months "T.1 … T.12" / "Tháng 1 …": months 3 and 12 ticked.
    const months = Array.from({ length: 12 }, (_, i) => `T.${i + 1}`);
    expect(ticked(months, months.map((_, i) => (i === 2 || i === 11 ? 'x' : ''))).deadline).toBe('Tháng 3, 12/2026');
  });

  it('takes the year a header names over the plan year, and lists a cell holding words for review', () => {
    // A plan straddling two years: "Quý IV/2026 | Quý I/2027"; both ticked are the end of 2026 and of March 2027.
    expect(ticked(['Quý III/2026', 'Quý IV/2026', 'Quý I/2027'], ['', 'x', 'x']).deadline).toBe('Quý IV/2026, quý I/2027');
    // "Hoàn thành" written in a quarter column is no mark: the row is reviewed, no deadline given.
    expect(ticked(['Quý I', 'Quý II', 'Quý III', 'Quý IV'], ['', 'Hoàn thành', '', ''])).toMatchObject({ deadline: '', review: 'Quý II: Hoàn thành' });
    // "v" and "V" are the "√" of a keyboard without it: quarters I and III ticked.
    expect(ticked(['Quý I', 'Quý II', 'Quý III', 'Quý IV'], ['v', '', 'V', ''])).toMatchObject({ deadline: 'Quý I, III/2026', review: '' });
    // Any other letter is no mark: "o" (a circle?) or "đ" (đã?) are reviewed rather than guessed.
    expect(ticked(['Quý I', 'Quý II', 'Quý III', 'Quý IV'], ['o', '', '', ''])).toMatchObject({ deadline: '', review: 'Quý I: o' });
    expect(ticked(['Quý I', 'Quý II', 'Quý III', 'Quý IV'], ['', 'đ', '', ''])).toMatchObject({ deadline: '', review: 'Quý II: đ' });
  });
});

describe('a plan over two years: "Thời gian thực hiện" over "Năm 2026 | Năm 2027" over the quarters (issue 27)', () => {
  it('reads the three header rows as header and each tick in its own year', () => {
    const quarters = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'];
    const rows = [
      ['TT', 'Nhiệm vụ', 'Chủ trì', 'Thời gian thực hiện', '', '', '', '', '', '', ''],
      ['', '', '', 'Năm 2026', '', '', '', 'Năm 2027', '', '', ''],
      ['', '', '', ...quarters, ...quarters],
      ['1', 'Chuyển đổi số hồ sơ', 'Sở Nội vụ', '', '', '', 'x', 'x', '', '', ''],
    ];
    const header = findHeader(rows);
    if (!header.ok) throw new Error(JSON.stringify(header.error));
    // Data starts after the third row; the quarters of each year are that year's.
    expect(header.value.index).toBe(2);
    expect(header.value.ticks.map((t) => t.label)).toEqual([...quarters.map((q) => `${q}/2026`), ...quarters.map((q) => `${q}/2027`)]);
    const read = readPlanRows(rows, header.value, { year: 2026 });
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    // Quarter IV of 2026 and quarter I of 2027, not two quarters of the plan year.
    expect(read.value.map((r) => [r.code, r.deadline])).toEqual([['1', 'Quý IV/2026, quý I/2027']]);
  });
});

describe('numbering and headers as other provinces write them (test/documents/plan-forms.test.ts)', () => {
  it('codes a task numbered with its area or parent once: "1.1" under "1." is 1.1, under parent "1" of area I is I.1.1', () => {
    expect(
      tasks([
        HEADER,
        ['1. Hoàn thiện thể chế', '', '', '', ''],
        ['1.1', 'Rà soát quy định', 'Sở Tư pháp', '', 'Quý II/2026'],
        ['1.1.1', 'Rà soát quy định về thủ tục', 'Sở Tư pháp', '', 'Quý III/2026'],
        ['I', 'CẢI CÁCH THỂ CHẾ', '', '', ''],
        ['1', 'Ban hành các kế hoạch', '', '', ''],
        ['1.1', 'Kế hoạch tuyên truyền', 'Sở Nội vụ', '', 'Quý I/2026'],
        ['2', 'Kiểm tra', 'Sở Nội vụ', '', 'Quý II/2026'],
      ], false),
    ).toEqual([
      ['1.1', 'Sở Tư pháp', 'Quý II/2026'],
      ['1.1.1', 'Sở Tư pháp', 'Quý III/2026'],
      ['I.1.1', 'Sở Nội vụ', 'Quý I/2026'],
      ['I.2', 'Sở Nội vụ', 'Quý II/2026'],
    ]);
  });

  it('reads areas "A.", "B.", "C." as siblings, not B under A', () => {
    expect(
      tasks([
        HEADER,
        ['A. CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', '', ''],
        ['1', 'Rà soát quy trình nội bộ', 'Sở Nội vụ', '', 'Quý II/2026'],
        ['B. CẢI CÁCH TÀI CHÍNH CÔNG', '', '', '', ''],
        ['2', 'Thanh toán không dùng tiền mặt', 'Sở Tài chính', '', 'Năm 2026'],
      ], false),
    ).toEqual([
      ['A.1', 'Sở Nội vụ', 'Quý II/2026'],
      ['B.2', 'Sở Tài chính', 'Năm 2026'],
    ]);
  });

  it('reads a dash in each row of a Word table as the next sub-task, not as a merged TT cell', () => {
    expect(
      tasks([
        HEADER,
        ['3', 'Theo dõi thi hành pháp luật', 'Sở Tư pháp', '', 'Năm 2026'],
        ['-', 'Sơ kết, tổng kết', '', '', 'Tháng 6 và tháng 12'],
        ['-', 'Kiểm tra tại địa phương', '', '', 'Quý III/2026'],
      ], false),
    ).toEqual([
      ['3', 'Sở Tư pháp', 'Năm 2026'],
      ['3.1', 'Sở Tư pháp', 'Tháng 6 và tháng 12'],
      ['3.2', 'Sở Tư pháp', 'Quý III/2026'],
    ]);
  });

  it('finds a narrow TT column whose header wrapped letter by letter ("T T" in a PDF)', () => {
    expect(tasks([['T T', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn hoàn thành'], ['1', 'Tổ chức Hội nghị', 'Sở Nội vụ', '', 'Tháng 02/2026']])).toEqual([['1', 'Sở Nội vụ', 'Tháng 02/2026']]);
  });

  it.each([
    // One "Cơ quan thực hiện" column: the agencies after the lead's "chủ trì" coordinate.
    ['Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Nội vụ', { lead: 'Sở Văn hóa, Thể thao và Du lịch', coord: 'Sở Nội vụ' }],
    ['Sở Nội vụ (chủ trì); Sở Tư pháp, Sở Giáo dục và Đào tạo', { lead: 'Sở Nội vụ', coord: 'Sở Tư pháp, Sở Giáo dục và Đào tạo' }],
    ['Sở Nội vụ chủ trì; các sở, ngành phối hợp', { lead: 'Sở Nội vụ', coord: 'các sở, ngành' }],
    ['Sở Nội vụ (chủ trì), Sở Tư pháp (phối hợp)', { lead: 'Sở Nội vụ', coord: 'Sở Tư pháp' }],
    ['Chủ trì: Sở Nội vụ; Phối hợp: Sở Tư pháp', { lead: 'Sở Nội vụ', coord: 'Sở Tư pháp' }],
    ['Sở Nội vụ chủ trì', { lead: 'Sở Nội vụ', coord: '' }],
    // Not role marks: a note about the lead's own work, "chủ trì" inside a phrase, no role at all.
    ['Sở Khoa học và Công nghệ (chủ trì, phối hợp kiểm tra)', null],
    ['Các cơ quan chủ trì nhiệm vụ', null],
    ['Sở Nội vụ, Sở Tư pháp', null],
  ])('splits the roles of %j', (cell, expected) => {
    expect(splitRoles(cell)).toEqual(expected);
  });
});

describe('parents, their lettered sub-tasks and the dashes under them (test/documents/plan-forms-2.test.ts)', () => {
  it.each([true, false])('reads "2." after parent "1." and its "a)", "b)" as a task of the top level, not "1.2" (wrapped: %s)', (wrapped) => {
    // "1." names nobody: the parent of a) and b). "2." is its sibling (Word's list level 1 again).
    expect(
      tasks([
        HEADER,
        ['1.', 'Ban hành các kế hoạch triển khai CCHC', '', '', ''],
        ['a)', 'Kế hoạch kiểm tra', 'Sở Nội vụ', '', 'Quý I/2026'],
        ['b)', 'Kế hoạch tuyên truyền', 'Sở Văn hóa, Thể thao và Du lịch', '', 'Tháng 3/2026'],
        ['2.', 'Tổ chức Hội nghị triển khai', 'Sở Nội vụ', 'Không', 'Tháng 3/2026'],
        ['3.', 'Nâng cao chất lượng giải quyết TTHC', '', '', ''],
        ['a)', 'Rà soát thủ tục', 'Văn phòng UBND tỉnh', '', 'Quý III/2026'],
        ['4.', 'Đánh giá cán bộ, công chức', 'Sở Nội vụ', '', 'Trước 15/12/2026'],
      ], wrapped),
    ).toEqual([
      ['1.a', 'Sở Nội vụ', 'Quý I/2026'],
      ['1.b', 'Sở Văn hóa, Thể thao và Du lịch', 'Tháng 3/2026'],
      ['2', 'Sở Nội vụ', 'Tháng 3/2026'],
      ['3.a', 'Văn phòng UBND tỉnh', 'Quý III/2026'],
      ['4', 'Sở Nội vụ', 'Trước 15/12/2026'],
    ]);
  });

  it('still reads an area "1." whose tasks restart at "1" as that area: its "2" is 1.2, the next area\'s "1" is 2.1', () => {
    // (A spreadsheet: in a Word table a TT repeated from the row above is one merged cell.)
    expect(
      tasks([
        HEADER,
        ['1', 'Cải cách thể chế', '', '', ''],
        ['1', 'Rà soát văn bản', 'Sở Tư pháp', '', 'Quý II/2026'],
        ['2', 'Theo dõi thi hành pháp luật', 'Sở Tư pháp', '', 'Năm 2026'],
        ['2', 'Cải cách thủ tục hành chính', '', '', ''],
        ['1', 'Công bố thủ tục hành chính', 'Văn phòng UBND tỉnh', '', 'Thường xuyên'],
      ]),
    ).toEqual([
      ['1.1', 'Sở Tư pháp', 'Quý II/2026'],
      ['1.2', 'Sở Tư pháp', 'Năm 2026'],
      ['2.1', 'Văn phòng UBND tỉnh', 'Thường xuyên'],
    ]);
  });

  it('reads a dash after "b)" as a part of b): coded under it, taking b)\'s lead and deadline where its cells are empty; "c)" is back at b)\'s level', () => {
    expect(
      tasks([
        HEADER,
        ['I', 'CẢI CÁCH THỂ CHẾ', '', '', ''],
        ['1', 'Rà soát văn bản quy phạm pháp luật', 'Sở Tư pháp', '', 'Năm 2026'],
        ['a)', 'Văn bản do HĐND tỉnh ban hành', '', '', 'Quý II/2026'],
        ['b)', 'Văn bản lĩnh vực đất đai', 'Sở Nông nghiệp và Môi trường', '', 'Quý III/2026'],
        ['-', 'Văn bản về đất đai', '', '', ''],
        ['-', 'Văn bản về môi trường', '', '', 'Quý IV/2026'],
        ['c)', 'Văn bản do UBND tỉnh ban hành', '', '', 'Quý IV/2026'],
        ['2', 'Theo dõi thi hành pháp luật', 'Sở Tư pháp', '', 'Năm 2026'],
        ['-', 'Sơ kết', '', '', 'Quý II/2026'],
      ], false),
    ).toEqual([
      ['I.1', 'Sở Tư pháp', 'Năm 2026'],
      ['I.1.a', 'Sở Tư pháp', 'Quý II/2026'],
      ['I.1.b', 'Sở Nông nghiệp và Môi trường', 'Quý III/2026'],
      ['I.1.b.1', 'Sở Nông nghiệp và Môi trường', 'Quý III/2026'],
      ['I.1.b.2', 'Sở Nông nghiệp và Môi trường', 'Quý IV/2026'],
      ['I.1.c', 'Sở Tư pháp', 'Quý IV/2026'],
      ['I.2', 'Sở Tư pháp', 'Năm 2026'],
      // A dash right under a numbered task (no letter since it) is that task's, numbered from 1.
      ['I.2.1', 'Sở Tư pháp', 'Quý II/2026'],
    ]);
  });
  it.each([true, false])('reads "2." after parent "1." and its "1.1", "1.2" as a task of the top level: no "1.2" twice (wrapped: %s)', (wrapped) => {
    // Was: the import failed on a duplicate code 1.2.
    expect(
      tasks([
        HEADER,
        ['1.', 'Ban hành các kế hoạch triển khai CCHC', '', '', ''],
        ['1.1', 'Kế hoạch kiểm tra', 'Sở Nội vụ', '', 'Quý I/2026'],
        ['1.2', 'Kế hoạch tuyên truyền', 'Sở Nội vụ', '', 'Quý I/2026'],
        ['2.', 'Tổ chức Hội nghị triển khai', 'Sở Nội vụ', '', 'Tháng 3/2026'],
      ], wrapped),
    ).toEqual([
      ['1.1', 'Sở Nội vụ', 'Quý I/2026'],
      ['1.2', 'Sở Nội vụ', 'Quý I/2026'],
      ['2', 'Sở Nội vụ', 'Tháng 3/2026'],
    ]);
  });

  it.each([true, false])('keeps areas "1", "2" in capitals as areas, their tasks numbered on through them (wrapped: %s)', (wrapped) => {
    // In a Word table the area "2" right after task "2" is not the same merged TT cell: a merge does not
    // span an area heading (was: the heading read as a task R5 with task 2's lead).
    expect(
      tasks([
        HEADER,
        ['1', 'CẢI CÁCH THỂ CHẾ', '', '', ''],
        ['1', 'Rà soát văn bản', 'Sở Tư pháp', '', 'Năm 2026'],
        ['2', 'Theo dõi thi hành pháp luật', 'Sở Tư pháp', '', 'Năm 2026'],
        ['2', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', '', '', ''],
        ['3', 'Công bố thủ tục hành chính', 'Văn phòng UBND tỉnh', '', 'Thường xuyên'],
      ], wrapped),
    ).toEqual([
      ['1.1', 'Sở Tư pháp', 'Năm 2026'],
      ['1.2', 'Sở Tư pháp', 'Năm 2026'],
      ['2.3', 'Văn phòng UBND tỉnh', 'Thường xuyên'],
    ]);
  });

  it('reads a "+" after a "-" as a part of the dash, taking the dash\'s lead; the next "-" is back at the dash\'s level', () => {
    expect(
      tasks([
        HEADER,
        ['1', 'Kiểm tra công tác CCHC', 'Sở Nội vụ', '', 'Năm 2026'],
        ['-', 'Kiểm tra tại các sở', 'Sở Tư pháp', '', 'Quý II/2026'],
        ['+', 'Tại Sở Y tế', '', '', ''],
        ['+', 'Tại Sở Xây dựng', '', '', 'Quý III/2026'],
        ['-', 'Kiểm tra tại các xã', '', '', 'Quý III/2026'],
      ], false),
    ).toEqual([
      ['1', 'Sở Nội vụ', 'Năm 2026'],
      ['1.1', 'Sở Tư pháp', 'Quý II/2026'],
      ['1.1.1', 'Sở Tư pháp', 'Quý II/2026'],
      ['1.1.2', 'Sở Tư pháp', 'Quý III/2026'],
      ['1.2', 'Sở Nội vụ', 'Quý III/2026'],
    ]);
  });
  it('reads a lead cell saying nobody ("Không", "-") as empty, for the import to report (a task needs a lead), not as a lead', () => {
    expect(
      tasks([
        HEADER,
        ['1', 'Tổng kết công tác CCHC', 'Không', 'Không', 'Quý IV/2026'],
        ['2', 'Báo cáo CCHC', '-', 'Sở Nội vụ', 'Quý IV/2026'],
        ['3', 'Kiểm tra CCHC', 'Sở Nội vụ', 'Không có', 'Quý IV/2026'],
      ], false),
    ).toEqual([
      ['1', '', 'Quý IV/2026'],
      ['2', '', 'Quý IV/2026'],
      ['3', 'Sở Nội vụ', 'Quý IV/2026'],
    ]);
  });
  it.each([true, false])('keeps a numbered row with nobody assigned and nothing under it as a task (its empty cells reported by the import), not dropped (wrapped: %s)', (wrapped) => {
    // "1." and "I.2" name nobody and have no sub-task: the next row is at their own level.
    expect(
      tasks([
        HEADER,
        ['1.', 'Rà soát quy chế làm việc của UBND tỉnh', '', '', ''],
        ['2.', 'Tổ chức Hội nghị triển khai', 'Sở Nội vụ', '', 'Tháng 3/2026'],
        ['II', 'CẢI CÁCH THỂ CHẾ', '', '', ''],
        ['1', 'Rà soát văn bản', 'Sở Tư pháp', '', 'Năm 2026'],
        ['2', 'Theo dõi thi hành pháp luật', '', '', ''],
        ['3', 'Kiểm tra văn bản', 'Sở Tư pháp', '', 'Thường xuyên'],
        ['4', 'Tổng kết công tác pháp chế', '', '', ''],
      ], wrapped),
    ).toEqual([
      ['1', '', ''],
      ['2', 'Sở Nội vụ', 'Tháng 3/2026'],
      ['II.1', 'Sở Tư pháp', 'Năm 2026'],
      ['II.2', '', ''],
      ['II.3', 'Sở Tư pháp', 'Thường xuyên'],
      ['II.4', '', ''],
    ]);
  });
});
