/**
 * What the 2027 scanned plan (test/fixtures/plans/plan-2027-scan.jpg, made by
 * scripts/make-ocr-fixture-2027.ts) means, task by task (code, lead, coordinating, deadline),
 * written from its table: the group rows are areas I–IV; "2." of area II with nobody assigned is
 * the parent II.2 of its a), b), c) (not a task of its own); an empty "Cơ quan phối hợp" is none.
 */
export const PLAN_2027_TASKS = [
  { code: 'I.1', lead: 'Sở Nội vụ', coord: 'Các sở, ban, ngành', deadline: 'Quý IV/2027' },
  { code: 'I.2', lead: 'Sở Nội vụ', coord: 'Sở Tài chính', deadline: 'Tháng 9/2027' },
  { code: 'II.1', lead: 'Sở Tài chính', coord: 'Sở Y tế', deadline: 'Quý III/2027' },
  { code: 'II.2.a', lead: 'Sở Tài chính', coord: 'Thanh tra tỉnh', deadline: 'Quý II/2027' },
  { code: 'II.2.b', lead: 'Sở Tài chính', coord: 'Sở Xây dựng', deadline: 'Trước 31/10/2027' },
  { code: 'II.2.c', lead: 'Sở Tài chính', coord: '', deadline: 'Tháng 12/2027' },
  { code: 'II.3', lead: 'Sở Tài chính', coord: '', deadline: 'Thường xuyên' },
  { code: 'III.1', lead: 'Sở Khoa học và Công nghệ', coord: 'Các sở, ban, ngành', deadline: 'Quý I/2027' },
  { code: 'III.2', lead: 'Sở Nông nghiệp và Môi trường', coord: 'Sở Xây dựng', deadline: 'Năm 2027' },
  { code: 'IV.1', lead: 'Sở Nội vụ', coord: 'Sở Giáo dục và Đào tạo', deadline: 'Tháng 12/2027' },
];
