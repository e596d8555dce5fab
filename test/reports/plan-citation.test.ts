import { describe, expect, it } from 'vitest';
import { citationText } from '../../src/reports/docx.js';
import { citationOf, readPlanDocumentPatch } from '../../src/reports/plan-citation.js';
import type { Plan } from '../../src/store/plan-repo.js';

const plan = (doc: Partial<Plan>): Plan => ({
  id: 1, name: 'KH CCHC 2026', documentNo: null, year: 2026, periodFrom: null, periodTo: null, sourceFile: null,
  docKind: null, docDate: null, docIssuer: null, docTitle: null, docPlace: null, createdAt: '', updatedAt: '', ...doc,
});

describe('the plan cited in "Căn cứ" from its own document', () => {
  it('cites every part the import read, and a visible blank for each it could not', () => {
    // All four read from the document's header (header-reader: title = kind line + title lines).
    const full = plan({ documentNo: '45/KH-UBND', docKind: 'Kế hoạch', docDate: '2026-01-08', docIssuer: 'UBND tỉnh Hà Tĩnh', docTitle: 'KẾ HOẠCH Cải cách hành chính năm 2026' });
    expect(citationText(citationOf(full))).toBe('Kế hoạch số 45/KH-UBND ngày 08/01/2026 của UBND tỉnh Hà Tĩnh về cải cách hành chính năm 2026');
    // A CSV import with --doc only: the kind is what the number's symbol (KH) says; the rest unknown.
    expect(citationText(citationOf(plan({ documentNo: '163/KH-UBND' })))).toBe('Kế hoạch số 163/KH-UBND ngày [bổ sung] của [bổ sung] về [bổ sung]');
    // Nothing known: the plan's name in dondoc is not its title, so it is not cited as one.
    expect(citationText(citationOf(plan({})))).toBe('[bổ sung] số [bổ sung] ngày [bổ sung] của [bổ sung] về [bổ sung]');
    // A Quyết định "ban hành Kế hoạch …" keeps its own verb, no "về".
    expect(citationText(citationOf(plan({ documentNo: '12/QĐ-UBND', docTitle: 'QUYẾT ĐỊNH Ban hành Kế hoạch CCHC năm 2026' })))).toContain('Quyết định số 12/QĐ-UBND ngày [bổ sung] của [bổ sung] ban hành Kế hoạch CCHC năm 2026');
  });

  it('names an issuer printed in capitals as the directory does, when the directory knows it; else as printed', () => {
    const caps = plan({ docIssuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' });
    expect(citationOf(caps, (p) => (p === 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' ? 'UBND tỉnh Hà Tĩnh' : null)).issuer).toBe('UBND tỉnh Hà Tĩnh');
    expect(citationOf(caps).issuer).toBe('ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH');
  });

  it('reads what an admin types, refusing what is not a number, a real date, a kind', () => {
    expect(readPlanDocumentPatch({ number: '45 / kh-ubnd', date: '08/01/2026', issuer: ' UBND  tỉnh Hà Tĩnh ' })).toEqual({
      ok: true,
      value: { documentNo: '45/KH-UBND', docDate: '2026-01-08', docIssuer: 'UBND tỉnh Hà Tĩnh' },
    });
    expect(readPlanDocumentPatch({ date: '2026-01-08' })).toEqual({ ok: true, value: { docDate: '2026-01-08' } });
    expect(readPlanDocumentPatch({}, ['issuer'])).toEqual({ ok: true, value: { docIssuer: null } });
    const refused = (typed: Parameters<typeof readPlanDocumentPatch>[0], clear: string[] = []) => {
      const r = readPlanDocumentPatch(typed, clear);
      return r.ok ? null : r.error.message;
    };
    expect(refused({ number: 'bốn lăm' })).toContain('ví dụ 45/KH-UBND');
    // 30/02 is not in the calendar.
    expect(refused({ date: '30/02/2026' })).toContain('không có thật');
    expect(refused({ kind: 'Công văn' })).toContain('“Kế hoạch” hoặc “Quyết định”');
    expect(refused({}, ['so'])).toContain('không có trường “so”');
    expect(refused({ date: '08/01/2026' }, ['date'])).toContain('vừa đặt vừa xoá');
    expect(refused({})).toContain('chưa có gì để đặt');
  });
});
