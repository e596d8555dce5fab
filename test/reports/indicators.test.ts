import { describe, expect, it } from 'vitest';
import { indicatorTargets } from '../../src/reports/indicators.js';

// Objectives of the Hà Tĩnh 2024 plan (data/plans/ha-tinh-2024-phu-luc.csv), as printed.
describe('the targets an objective states (Phụ lục II)', () => {
  // A count is quoted with the two words after it ("02 đơn vị", "03 cuộc trong"): as printed, never reworded.
  it.each([
    ['1.2. 85% cán bộ, công chức cấp xã có trình độ đại học trở lên', ['85%']],
    ['1.2. Tỷ lệ cơ sở dữ liệu của các sở, ngành được kết nối liên thông để phục vụ quản lý nhà nước, cung cấp dịch vụ công đạt 70%', ['đạt 70%']],
    ['1.4. Có ít nhất 02 đơn vị sự nghiệp công lập tăng mức độ tự chủ', ['Có ít nhất 02 đơn vị']],
    ['1.3. Giảm tối thiểu 2,5% chi hỗ trợ trực tiếp từ ngân sách nhà nước', ['Giảm tối thiểu 2,5%']],
    ['1.4. 33 UBND xã đạt chuẩn Nông thôn mới hoàn thành xây dựng mở rộng hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015 trong năm 2024', ['33 UBND xã']],
    ['1.11. Tăng cường công tác đối thoại (phần đầu ít nhất từ 02 đến 03 cuộc trong năm)', ['ít nhất từ 02 đến 03 cuộc trong']],
  ])('%s → %j', (objective, targets) => {
    expect(indicatorTargets(objective)).toEqual(targets);
  });

  it.each([
    // Qualitative objectives, a standard and a year: no indicator.
    '1.1. Nâng cao chất lượng công tác chỉ đạo điều hành',
    'Áp dụng ISO 9001:2015 trong hoạt động của đơn vị',
    '1.4. Hoàn thiện hệ thống văn bản quy phạm pháp luật của địa phương năm 2024',
  ])('%s → none', (objective) => {
    expect(indicatorTargets(objective)).toEqual([]);
  });
});
