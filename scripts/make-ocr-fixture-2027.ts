/**
 * Writes a second scanned-plan fixture, unlike the 2026 one the OCR reader was tuned on
 * (scripts/make-ocr-fixture.ts): another province's 2027 Phụ lục with a one-row header ("STT",
 * "Nội dung nhiệm vụ"), 13-point text, four areas up to "IV.", a parent task with a) b) c), other
 * agencies and deadlines ("Quý IV/2027", "Trước 31/10/2027", "Tháng 12/2027"). Printed to PDF by
 * LibreOffice headless through dondoc's own converter, rasterised by pdftoppm at 200 dpi in grey,
 * then made to look scanned: a slight blur (3×3), grain (noise of ±8 grey levels), scanner dust,
 * all from a fixed seed, saved as a JPEG of quality 80:
 *   test/fixtures/plans/plan-2027-scan.jpg
 * Its meaning, task by task, is PLAN_2027_TASKS in test/documents/ocr/scanned-plan.test.ts.
 *   npx tsx scripts/make-ocr-fixture-2027.ts [<output folder>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { convertWithLibreOffice } from '../src/documents/office-converter.js';

const outDir = process.argv[2] ?? join(process.cwd(), 'test', 'fixtures', 'plans');
const DPI = 200;

const group = (text: string) => `<tr><td colspan="6"><b>${text}</b></td></tr>`;
const task = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;

const html = `<html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 13pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 4px; vertical-align: middle; }
</style></head><body>
<p align="center"><b>Phụ lục</b><br><b>DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2027</b><br><i>(Ban hành kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2027)</i></p>
<table border="1" cellspacing="0" cellpadding="4">
<tr><th width="7%">STT</th><th width="33%">Nội dung nhiệm vụ</th><th width="16%">Cơ quan chủ trì</th><th width="16%">Cơ quan phối hợp</th><th width="14%">Thời gian hoàn thành</th><th width="14%">Sản phẩm</th></tr>
${group('I. CẢI CÁCH TỔ CHỨC BỘ MÁY')}
${task(['1.', 'Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Quý IV/2027', 'Báo cáo rà soát'])}
${task(['2.', 'Sắp xếp các đơn vị sự nghiệp công lập', 'Sở Nội vụ', 'Sở Tài chính', 'Tháng 9/2027', 'Đề án'])}
${group('II. CẢI CÁCH TÀI CHÍNH CÔNG')}
${task(['1.', 'Giao quyền tự chủ tài chính cho đơn vị sự nghiệp', 'Sở Tài chính', 'Sở Y tế', 'Quý III/2027', 'Quyết định giao'])}
${task(['2.', 'Kiểm tra việc quản lý, sử dụng tài sản công', '', '', '', ''])}
${task(['a)', 'Kiểm tra tại các sở, ngành', 'Sở Tài chính', 'Thanh tra tỉnh', 'Quý II/2027', 'Kết luận'])}
${task(['b)', 'Kiểm tra tại UBND cấp xã', 'Sở Tài chính', 'Sở Xây dựng', 'Trước 31/10/2027', 'Kết luận'])}
${task(['c)', 'Báo cáo kết quả kiểm tra', 'Sở Tài chính', '', 'Tháng 12/2027', 'Báo cáo'])}
${task(['3.', 'Công khai ngân sách trên Cổng thông tin điện tử tỉnh', 'Sở Tài chính', '', 'Thường xuyên', 'Tin bài'])}
${group('III. HIỆN ĐẠI HÓA HÀNH CHÍNH')}
${task(['1.', 'Áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia', 'Sở Khoa học và Công nghệ', 'Các sở, ban, ngành', 'Quý I/2027', 'Báo cáo'])}
${task(['2.', 'Số hóa hồ sơ địa chính', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng', 'Năm 2027', 'Cơ sở dữ liệu'])}
${group('IV. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ')}
${task(['1.', 'Đánh giá, xếp loại công chức, viên chức', 'Sở Nội vụ', 'Sở Giáo dục và Đào tạo', 'Tháng 12/2027', 'Kết quả xếp loại'])}
</table></body></html>`;

const printed = await convertWithLibreOffice(Buffer.from(html), { from: 'html', filter: 'HTML (StarWriter)', to: 'pdf:writer_pdf_Export', outputExtension: 'pdf' });
if (!printed.ok) {
  process.stderr.write(`LibreOffice could not print the table: ${JSON.stringify(printed.problem)}\n`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'dondoc-ocr-fixture-'));
try {
  writeFileSync(join(work, 'plan.pdf'), printed.data);
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', join(work, 'plan.pdf'), join(work, 'page')]);
  const png = PNG.sync.read(readFileSync(join(work, 'page.png')));
  const { width, height } = png;
  let seed = 2027;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const grey = Float64Array.from({ length: width * height }, (_, i) => png.data[i * 4]!);
  // A scanner's slight blur: a 3×3 kernel (1 2 1).
  const blurred = new Float64Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) {
    let sum = 0;
    let weight = 0;
    for (let dy = -1; dy <= 1; dy += 1) for (let dx = -1; dx <= 1; dx += 1) {
      const xx = Math.min(width - 1, Math.max(0, x + dx));
      const yy = Math.min(height - 1, Math.max(0, y + dy));
      const w = (2 - Math.abs(dx)) * (2 - Math.abs(dy));
      sum += w * grey[yy * width + xx]!;
      weight += w;
    }
    blurred[y * width + x] = sum / weight;
  }
  // Grain, and the paper a little grey (a scan is never pure white).
  for (let i = 0; i < blurred.length; i += 1) {
    const value = Math.round(Math.min(255, Math.max(0, blurred[i]! * 0.96 + (random() - 0.5) * 16)));
    png.data[i * 4] = png.data[i * 4 + 1] = png.data[i * 4 + 2] = value;
  }
  // Dust: dark specks of 1–2 pixels.
  for (let n = 0; n < 400; n += 1) {
    const x = Math.floor(random() * (width - 2));
    const y = Math.floor(random() * (height - 2));
    const size = random() < 0.5 ? 1 : 2;
    for (let dy = 0; dy < size; dy += 1) for (let dx = 0; dx < size; dx += 1) {
      const at = ((y + dy) * width + x + dx) * 4;
      png.data[at] = png.data[at + 1] = png.data[at + 2] = 50;
    }
  }
  const jpg = jpeg.encode({ data: png.data, width, height }, 80).data;
  writeFileSync(join(outDir, 'plan-2027-scan.jpg'), jpg);
  process.stdout.write(`${outDir}: plan-2027-scan.jpg (${jpg.length} bytes) — ${width}×${height} at ${DPI} dpi\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
