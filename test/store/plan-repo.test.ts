import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createStore } from '../../src/store/store.js';

const base = { name: 'Kế hoạch CCHC năm 2026', documentNo: '45/KH-UBND', year: 2026, periodFrom: null, periodTo: null, sourceFile: 'kh.docx' };

describe('PlanRepo: the plan’s own document', () => {
  it('keeps the kind, date, issuer and title it is given, and a later import without them does not erase them', () => {
    const store = createStore(openDatabase(':memory:'));
    const first = store.plans.upsertPlan(
      { ...base, docKind: 'Kế hoạch', docDate: '2026-01-15', docIssuer: 'UBND tỉnh Quảng Ninh', docTitle: 'Cải cách hành chính năm 2026' },
      new Date('2026-01-20T02:00:00Z'),
    );
    expect(first).toMatchObject({ docKind: 'Kế hoạch', docDate: '2026-01-15', docIssuer: 'UBND tỉnh Quảng Ninh', docTitle: 'Cải cách hành chính năm 2026' });
    // A re-import from a CSV knows none of it: what was known stays (an unknown never overwrites a known).
    const again = store.plans.upsertPlan({ ...base, sourceFile: 'kh.csv' }, new Date('2026-02-01T02:00:00Z'));
    expect(again).toMatchObject({ docKind: 'Kế hoạch', docDate: '2026-01-15', docIssuer: 'UBND tỉnh Quảng Ninh', sourceFile: 'kh.csv' });
    // A plan imported with nothing known says so with nulls, not empty strings a draft would print.
    const bare = store.plans.upsertPlan({ ...base, name: 'Khác', documentNo: null }, new Date('2026-02-01T02:00:00Z'));
    expect(bare).toMatchObject({ documentNo: null, docKind: null, docDate: null, docIssuer: null, docTitle: null });
  });
});
