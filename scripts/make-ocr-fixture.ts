/**
 * Writes the scanned-plan fixtures the OCR tests read, from the 2026 test plan (the same table as
 * test/helpers/plan-2026-docx.ts, PLAN_2026_TASKS): the Phụ lục as a ruled HTML table (two-row
 * header with "Cơ quan thực hiện" merged over "Chủ trì | Phối hợp", group rows across the table, a
 * parent task with a) b), dash sub-tasks, agency cells merged down over two rows), printed to PDF
 * by LibreOffice headless through dondoc's own converter, rasterised by pdftoppm at 200 dpi in
 * grey, then given scanner dust (a few dark specks, fixed seed) and written as
 *   test/fixtures/plans/plan-2026-scan.png   the page as a PNG
 *   test/fixtures/plans/plan-2026-scan.jpg   the same page as a JPEG (quality 80: a phone photo's artefacts)
 *   test/fixtures/plans/plan-2026-scan.pdf   an image-only PDF of the JPEG (no text layer: a scan)
 *   npx tsx scripts/make-ocr-fixture.ts [<output folder>]
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

const cell = (text: string, attrs = '') => `<td${attrs}>${text}</td>`;
const group = (text: string) => `<tr><td colspan="6"><b>${text}</b></td></tr>`;
const task = (cells: string[]) => `<tr>${cells.map((c) => (c.startsWith('<td') ? c : cell(c))).join('')}</tr>`;

const html = `<html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 3px; vertical-align: top; }
</style></head><body>
<p align="center"><b>PHỤ LỤC</b><br><b>NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026</b><br><i>(Kèm theo Kế hoạch số 45/KH-UBND ngày 08/01/2026 của UBND tỉnh)</i></p>
<table border="1" cellspacing="0" cellpadding="4">
<tr><th rowspan="2" width="6%">TT</th><th rowspan="2" width="34%">Nhiệm vụ</th><th colspan="2">Cơ quan thực hiện</th><th rowspan="2" width="13%">Thời gian hoàn thành</th><th rowspan="2" width="13%">Sản phẩm</th></tr>
<tr><th width="17%">Cơ quan chủ trì</th><th width="17%">Cơ quan phối hợp</th></tr>
${group('I. CẢI CÁCH THỂ CHẾ')}
${task(['1.', 'Xây dựng, ban hành Kế hoạch rà soát văn bản quy phạm pháp luật năm 2026', 'Sở Tư pháp', 'Các sở, ban, ngành', 'Quý I/2026', 'Kế hoạch'])}
${task(['2.', 'Kiểm tra, theo dõi thi hành pháp luật', '', '', '', ''])}
${task(['a)', 'Kiểm tra công tác theo dõi thi hành pháp luật tại các sở', 'Sở Tư pháp', '', 'Quý III/2026', 'Báo cáo'])}
${task(['b)', 'Tổng hợp báo cáo kết quả theo dõi thi hành pháp luật', 'Sở Nội vụ', 'Sở Tư pháp', 'Trước 15/12/2026', 'Báo cáo'])}
${task(['3.', 'Kiểm tra công tác cải cách hành chính', 'Sở Nội vụ', 'Văn phòng UBND tỉnh', 'Năm 2026', 'Kết luận kiểm tra'])}
${task(['', '- Kiểm tra tại các sở, ban, ngành', '', '', 'Quý II/2026', ''])}
${task(['', '- Kiểm tra tại UBND các xã, phường', '', '', '', ''])}
${group('II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH')}
${task(['1.', 'Rà soát, đơn giản hóa thủ tục hành chính', cell('Văn phòng UBND tỉnh', ' rowspan="2"'), cell('Sở Tư pháp', ' rowspan="2"'), 'Quý II/2026', 'Quyết định'])}
<tr>${cell('2.')}${cell('Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính')}${cell('Thường xuyên')}${cell('Hồ sơ số hóa')}</tr>
${task(['3.', 'Công bố danh mục thủ tục hành chính mới ban hành', 'Sở Nội vụ', '', 'Tháng 6/2026', 'Quyết định công bố'])}
${group('III. XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ')}
${task(['1.', 'Vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh', 'Sở Khoa học và Công nghệ', 'Văn phòng UBND tỉnh', 'Năm 2026', 'Hệ thống vận hành'])}
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
  // Scanner dust: dark specks of 1–2 pixels, the same every run (a small linear congruential generator).
  let seed = 27;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let n = 0; n < 600; n += 1) {
    const x = Math.floor(random() * (png.width - 2));
    const y = Math.floor(random() * (png.height - 2));
    const size = random() < 0.5 ? 1 : 2;
    for (let dy = 0; dy < size; dy += 1) for (let dx = 0; dx < size; dx += 1) {
      const at = ((y + dy) * png.width + x + dx) * 4;
      png.data[at] = png.data[at + 1] = png.data[at + 2] = 40;
    }
  }
  const pngOut = PNG.sync.write(png, { colorType: 0 });
  const jpg = jpeg.encode({ data: png.data, width: png.width, height: png.height }, 80).data;
  writeFileSync(join(outDir, 'plan-2026-scan.png'), pngOut);
  writeFileSync(join(outDir, 'plan-2026-scan.jpg'), jpg);
  writeFileSync(join(outDir, 'plan-2026-scan.pdf'), imagePdf(jpg, png.width, png.height, DPI));
  process.stdout.write(`${outDir}: plan-2026-scan.png (${pngOut.length} bytes), .jpg (${jpg.length}), .pdf — ${png.width}×${png.height} at ${DPI} dpi\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** A one-page PDF holding only a JPEG image (DCTDecode), as a scanner writes: no text layer. */
function imagePdf(jpg: Buffer, width: number, height: number, dpi: number): Buffer {
  const w = (width * 72) / dpi;
  const h = (height * 72) / dpi;
  const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`),
    Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpg.length} >>\nstream\n`), jpg, Buffer.from('\nendstream')]),
    Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(length);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}
