import { describe, expect, it } from 'vitest';
import { readRecipients, readSignerName, readSignerTitle } from '../../src/reports/signature.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }) => (r.ok ? r.value : r.error.message);

describe('the signer and recipients an admin types (Nghị định 30/2020, Điều 13; Phụ lục I, II.8, II.11)', () => {
  it.each([
    // typed, kind of agency, read
    ['KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', 'so_ban_nganh', ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']],
    // Typed in lower case and without the dot: the decree writes titles in capitals, "KT." with its dot.
    ['kt giám đốc/phó giám đốc', 'so_ban_nganh', ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']],
    ['GIÁM ĐỐC', 'so_ban_nganh', ['GIÁM ĐỐC']],
    ['TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH', 'ubnd_xa', ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']],
    ['TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG', 'ubnd_tinh', ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']],
  ])('reads “%s” for %s', (typed, kind, lines) => {
    expect(value(readSignerTitle(typed, kind))).toEqual(lines);
  });

  it.each([
    ['TM. SỞ NỘI VỤ / GIÁM ĐỐC', 'so_ban_nganh', '“TM.” (thay mặt) chỉ dùng cho tập thể'],
    ['KT. GIÁM ĐỐC', 'so_ban_nganh', 'sau “KT. GIÁM ĐỐC” cần dòng chức vụ'],
    ['GIÁM ĐỐC / PHÓ GIÁM ĐỐC', 'so_ban_nganh', 'dòng đầu của chức vụ hai dòng bắt đầu bằng'],
    ['KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / CHUYÊN VIÊN', 'so_ban_nganh', 'ba dòng chỉ dùng khi ký thay mặt tập thể'],
    ['A/B/C/D', 'ubnd_xa', 'nhiều nhất 3 dòng'],
    ['123', 'so_ban_nganh', 'không phải một chức vụ'],
    ['  ', 'so_ban_nganh', 'chưa có chức vụ người ký'],
  ])('refuses “%s” for %s', (typed, kind, message) => {
    expect(value(readSignerTitle(typed, kind))).toContain(message);
  });

  it('keeps a name as typed and refuses what is not a full name', () => {
    expect(value(readSignerName('  Nguyễn   Văn An '))).toBe('Nguyễn Văn An');
    expect(value(readSignerName('An'))).toContain('không đọc được');
    expect(value(readSignerName('Nguyễn Văn 2'))).toContain('không đọc được');
  });

  it('reads "Nơi nhận" without dashes and final marks, a copy filed last ("Lưu: VT" added when missing)', () => {
    expect(value(readRecipients('- Như trên;\n- UBND tỉnh (b/c);\n- Lưu: VT, CCHC.'))).toEqual(['Như trên', 'UBND tỉnh (b/c)', 'Lưu: VT, CCHC']);
    expect(value(readRecipients('Lưu: VT; Bộ Nội vụ'))).toEqual(['Bộ Nội vụ', 'Lưu: VT']);
    expect(value(readRecipients('Bộ Nội vụ'))).toEqual(['Bộ Nội vụ', 'Lưu: VT']);
    expect(value(readRecipients(' ; ;'))).toContain('chưa có nơi nhận');
    expect(value(readRecipients('Bộ Nội vụ; 12'))).toContain('“12” không phải một nơi nhận');
  });
});
