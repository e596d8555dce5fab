import { buildDocx, para, row, table } from './docx-builder.js';

/**
 * A plan whose agency and time columns are narrower than some of their words, as a province's table
 * squeezed onto a portrait page is: LibreOffice and Word then cut a word that does not fit on a line
 * of its own ("KH&" / "CN", "UBN" / "D", "phườ" / "ng", "III/2" / "026", "30/1" / "1/20" / "26"),
 * and wrap the rest a word a line ("Sở" / "Nội" / "vụ", "Công" / "nghệ"). The rows as written.
 */
export const NARROW_ROWS: string[][] = [
  ['1', 'Rà soát thủ tục hành chính lĩnh vực khoa học, công nghệ', 'Sở KH&CN', 'UBND các xã, phường', 'Quý III/2026'],
  ['2', 'Kiểm tra công tác cải cách hành chính tại các phường', 'Sở Nội vụ', 'UBND phường Trường Vinh', 'Trước 30/11/2026'],
  ['3', 'Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'Sở NN&MT', 'Sở Khoa học và Công nghệ', 'Tháng 12/2026'],
  ['4', 'Duy trì, cải tiến hệ thống quản lý chất lượng', 'Văn phòng UBND tỉnh', 'Các sở, ban, ngành', 'Năm 2026'],
  ['5', 'Cập nhật cơ sở dữ liệu cán bộ, công chức', 'Sở TT&TT', 'UBND các xã', 'Thường xuyên'],
];

export function narrowColumnsDocx(): Promise<Buffer> {
  const rows = [row(['TT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời gian']), ...NARROW_ROWS.map((cells) => row(cells))];
  return buildDocx(`${para('Phụ lục: Nhiệm vụ cải cách hành chính năm 2026')}${table(5, rows, { ruled: true, widths: [500, 2600, 700, 800, 750] })}`);
}
