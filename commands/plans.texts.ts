import type { ImportError, ImportOutcome } from '../src/app/plan-import-service.js';
import { FIELD_LABELS } from '../src/domain/plan-table.js';
import type { DeadlineKind } from '../src/domain/deadline-grammar.js';
import { ENCODING_NAMES, type EncodingProblem, type LegacyEncoding } from '../src/documents/legacy-encoding.js';

/** "2025-03-01" → "1/3/2025", as a decree's date is usually written. */
const formatDay = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};

const MB = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

/** Plan and task words, in one place for proofreading. */
export const PLAN_TEXTS = {
  kind: {
    due: 'có hạn',
    recurring: 'định kỳ',
    ongoing: 'thường xuyên',
    event: 'chờ sự kiện',
    unknown: 'chưa rõ hạn',
  } satisfies Record<DeadlineKind, string>,
  /** One Vietnamese sentence for an import that could not be written (nothing was changed). */
  importError(error: ImportError): string {
    switch (error.code) {
      case 'file':
        return {
          too_large: `Tệp quá lớn (${MB(error.size)} MB); giới hạn là 10 MB. Hãy gửi riêng bảng Phụ lục nhiệm vụ.`,
          too_large_unzipped: 'Tệp Excel này khi giải nén vượt quá 50 MB (hoặc có quá nhiều phần bên trong): không phải một bảng kế hoạch. Hãy lưu riêng bảng Phụ lục nhiệm vụ thành tệp .xlsx hoặc .csv rồi gửi lại.',
          too_many_rows: 'Bảng có hơn 20.000 dòng (hoặc quá nhiều ô): không giống bảng nhiệm vụ của một kế hoạch. Hãy gửi riêng bảng Phụ lục nhiệm vụ.',
          empty: 'Tệp rỗng: không có dòng nào. Hãy gửi tệp CSV hoặc XLSX có bảng nhiệm vụ.',
          unreadable: 'Không đọc được tệp: nội dung không phải CSV (UTF-8), XLSX, Word (.docx, .doc), PDF hay ảnh PNG/JPG hợp lệ. Hãy lưu lại tệp bằng Excel hoặc Word (.xlsx, .csv, .docx) rồi gửi lại.',
          unsupported_type: 'Chỉ nhận tệp .csv, .xlsx, Word (.docx, .doc), PDF (có lớp chữ hoặc bản quét) hay ảnh chụp bảng (.png, .jpg) chứa bảng nhiệm vụ (Phụ lục) của kế hoạch.',
          encrypted: 'Tệp có mật khẩu (đã mã hóa) hoặc là tệp Office cũ đổi đuôi: không đọc được. Hãy mở tệp, bỏ mật khẩu, lưu thành .docx hoặc .xlsx rồi gửi lại.',
          no_converter: 'Tệp Word cũ (.doc) cần LibreOffice để đọc, nhưng máy chạy dondoc chưa cài LibreOffice. Hãy mở tệp bằng Word hoặc LibreOffice, chọn “Lưu thành” định dạng .docx rồi gửi lại; hoặc nhờ người quản trị máy cài gói libreoffice-writer-nogui.',
          convert_timeout: 'Chuyển tệp Word cũ (.doc) sang .docx quá thời gian cho phép (60 giây) nên đã dừng; không có gì được lưu. Hãy mở tệp bằng Word, lưu thành .docx rồi gửi lại.',
          convert_failed: 'LibreOffice không mở được tệp Word cũ (.doc) này: tệp hỏng, có mật khẩu hoặc không phải tệp Word. Hãy mở bằng Word, bỏ mật khẩu nếu có, lưu thành .docx rồi gửi lại.',
          zip_inconsistent: 'Tệp nén (.xlsx/.docx) có mục lục không khớp với phần cuối của tệp — tệp hỏng, hoặc được làm ra để giấu bớt nội dung khỏi bước kiểm tra: không đọc, không có gì được lưu. Hãy mở tệp bằng Excel hoặc Word, lưu lại rồi gửi lại.',
          too_much_memory: 'Đọc tệp này cần quá nhiều bộ nhớ (giới hạn 512 MB cho một lần nhập) nên đã dừng; không có gì được lưu. Hãy gửi riêng bảng Phụ lục nhiệm vụ (.xlsx hoặc .csv).',
          convert_too_large: 'Tệp Word cũ (.doc) khi chuyển sang .docx lớn hơn 20 MB: không giống một kế hoạch. Hãy gửi riêng Phụ lục nhiệm vụ (.docx, .xlsx hoặc .csv).',
          too_many_pages: 'Tệp PDF có quá nhiều trang (giới hạn 80 trang): không giống Phụ lục nhiệm vụ của một kế hoạch. Hãy gửi riêng các trang Phụ lục, hoặc tệp Word/Excel của Phụ lục.',
          no_tesseract: 'Tệp này là bản quét hoặc ảnh chụp (không có lớp chữ) nên phải đọc bằng nhận dạng chữ (OCR), nhưng máy chạy dondoc chưa cài tesseract. Hãy nhờ người quản trị máy cài các gói tesseract-ocr, tesseract-ocr-vie và poppler-utils (README, mục “Gói Debian”); hoặc gửi tệp Word (.docx) hay Excel (.xlsx) của Phụ lục — thường được đăng kèm bản PDF trên cổng thông tin.',
          no_tesseract_vie: 'Tệp này là bản quét hoặc ảnh chụp nên phải đọc bằng nhận dạng chữ (OCR), nhưng tesseract trên máy chạy dondoc chưa có dữ liệu tiếng Việt. Hãy nhờ người quản trị máy cài gói tesseract-ocr-vie (README, mục “Gói Debian”); hoặc gửi tệp Word (.docx) hay Excel (.xlsx) của Phụ lục.',
          no_pdftoppm: 'Tệp PDF này là bản quét (không có lớp chữ): cần chuyển từng trang thành ảnh để nhận dạng chữ, nhưng máy chạy dondoc chưa cài pdftoppm. Hãy nhờ người quản trị máy cài gói poppler-utils (README, mục “Gói Debian”); hoặc gửi tệp Word (.docx) hay Excel (.xlsx) của Phụ lục.',
          ocr_timeout: 'Nhận dạng chữ chưa đọc xong trang có bảng nhiệm vụ trong thời gian cho phép cho một trang (DONDOC_OCR_PAGE_SECONDS, mặc định 60 giây) nên đã dừng; không có gì được lưu. Hãy gửi tệp Word (.docx) hoặc Excel (.xlsx) của Phụ lục, hoặc bản quét chỉ gồm các trang Phụ lục.',
          scan_tilted: 'Bản quét hoặc ảnh chụp bị nghiêng: các đường kẻ của bảng không thẳng, đọc tiếp có thể gộp nhầm ô của dòng này sang dòng khác nên không đọc; không có gì được lưu. Hãy quét hoặc chụp lại thật thẳng (đặt trang ngay ngắn trên máy quét), hoặc gửi tệp Word (.docx) hay Excel (.xlsx) của Phụ lục.',
          borderless_unclear: `Bảng trong tệp PDF không có đường kẻ và không tách được các cột ở trang ${error.page ?? '?'}: có chữ nằm vắt qua khoảng trống giữa hai cột, hoặc có cột không đứng dưới tiêu đề nào, nên không đọc để khỏi ghi nhầm ô; không có gì được lưu. Hãy gửi bản Word (.docx) hoặc bản PDF có kẻ bảng.`,
          too_many_scan_pages: 'Bản quét có hơn 20 trang: quá dài để nhận dạng chữ trong một lần. Hãy gửi riêng các trang Phụ lục nhiệm vụ, hoặc tệp Word (.docx)/Excel (.xlsx) của Phụ lục.',
        }[error.reason];
      case 'no_header':
        return `Không tìm thấy dòng tiêu đề của bảng nhiệm vụ: thiếu cột ${error.missing.map((f) => `“${FIELD_LABELS[f]}”`).join(', ')}. Bảng cần có các cột Nhiệm vụ (hoặc Hoạt động), Chủ trì và Thời gian hoàn thành.`;
      case 'no_task_table':
        return `Không tìm thấy bảng nhiệm vụ trong tệp (${error.tables === 0 ? 'tệp không có bảng nào' : `đã xem ${error.tables} bảng`}): cần một bảng có dòng tiêu đề gồm cột Nhiệm vụ (hoặc Nội dung, Hoạt động), cột Chủ trì (Cơ quan chủ trì, Đơn vị thực hiện) và cột Thời gian hoàn thành (Thời hạn, Tiến độ). Các bảng tiêu đề văn bản, chữ ký, chỉ tiêu không được đọc; không có gì được lưu.`;
      case 'encoding':
        return PLAN_TEXTS.encodingError(error.problem);
      case 'duplicate_code':
        return `Dòng ${error.row}, cột ${FIELD_LABELS.code}/${FIELD_LABELS.activity}: mã nhiệm vụ ${error.taskCode} trùng với dòng ${error.other}. Mỗi nhiệm vụ cần một số thứ tự riêng; hãy sửa rồi gửi lại.`;
      case 'no_chosen_rows':
        return `Các dòng đã chọn (${error.rows.length > 12 ? `${error.rows.slice(0, 12).join(', ')}…` : error.rows.join(', ')}) không có nhiệm vụ nào (dòng tiêu đề, dòng trống hoặc ngoài bảng): không có gì được ghi. Số dòng là số dòng trong tệp, tính cả dòng tiêu đề, như trong báo cáo nhập (“dòng 12”).`;
      case 'no_tasks':
        return 'Bảng không có dòng nhiệm vụ nào dưới dòng tiêu đề.';
      case 'bad_meta':
        return `Thông tin kế hoạch chưa đúng: ${error.problem}.`;
    }
  },
  /** Why a file's text could not be taken: an encoding not recognised or not convertible (named), or text already broken. */
  encodingError(problem: EncodingProblem): string {
    switch (problem.code) {
      case 'unknown_encoding':
        return 'Tệp CSV không phải UTF-8 và dondoc không nhận ra bảng mã (đã thử Windows-1258, TCVN3, VNI): không có gì được lưu. Hãy mở tệp bằng Excel, chọn “Lưu thành” kiểu “CSV UTF-8 (phân tách bằng dấu phẩy)” rồi gửi lại, hoặc gửi tệp .xlsx.';
      case 'unconvertible':
        return `Tệp có vẻ dùng bảng mã ${ENCODING_NAMES[problem.encoding]} nhưng ${problem.bad} ký tự không chuyển được sang Unicode: không có gì được lưu, để không ghi sai chữ. Hãy chuyển tệp sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) hoặc lưu thành “CSV UTF-8” rồi gửi lại.`;
      case 'replacement_characters':
        return 'Tệp có ký tự lỗi “\ufffd” (chữ đã hỏng khi tệp bị chuyển bảng mã trước đó): không có gì được lưu. Hãy mở tệp gốc, lưu thành “CSV UTF-8” hoặc .xlsx rồi gửi lại.';
    }
  },
  /** A converted encoding, for the preview: "Chữ trong tệp dùng bảng mã TCVN3 (…): đã chuyển sang Unicode." */
  encodingConverted(encoding: LegacyEncoding): string {
    return `Chữ trong tệp dùng bảng mã ${ENCODING_NAMES[encoding]}: đã chuyển sang Unicode. Hãy xem kỹ tên nhiệm vụ và cơ quan trong bản xem trước.`;
  },
  /** Which tables of a Word file were read: "Tệp Word: đọc bảng 2 và 3 (trong 4 bảng) làm bảng nhiệm vụ." */
  tablesRead(source: { format: 'docx' | 'doc' | 'pdf' | 'png' | 'jpg'; tables: { read: number[]; total: number }; pages?: number; ocr?: true }): string {
    const { tables } = source;
    const list = tables.read.length === 1 ? `bảng ${tables.read[0]}` : `các bảng ${tables.read.slice(0, -1).join(', ')} và ${tables.read[tables.read.length - 1]}`;
    const file = source.ocr
      ? source.format === 'pdf'
        ? `Bản quét PDF (${source.pages} trang, đọc bằng nhận dạng chữ — OCR)`
        : `Ảnh chụp bảng (.${source.format}, đọc bằng nhận dạng chữ — OCR)`
      : source.format === 'pdf'
        ? `Tệp PDF (${source.pages} trang)`
        : source.format === 'doc'
          ? 'Tệp Word cũ (.doc, LibreOffice chuyển sang .docx)'
          : 'Tệp Word';
    return `${file}: đọc ${list} (trong ${tables.total} bảng của tệp) làm bảng nhiệm vụ; các bảng khác (tiêu đề, chữ ký, chỉ tiêu) bỏ qua.`;
  },
  /**
   * The publishing document read from the file (or given): "Văn bản: Kế hoạch số 45/KH-UBND, Hà Tĩnh,
   * ngày 8/1/2026 — ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH — “KẾ HOẠCH Cải cách hành chính năm 2026”", then
   * the parts not read, which stay empty.
   */
  documentLines(document: NonNullable<ImportOutcome['document']>): string[] {
    const parts = [
      [document.kind ?? 'Văn bản', document.number ? `số ${document.number}` : ''].filter(Boolean).join(' '),
      [document.place, document.date ? `ngày ${formatDay(document.date)}` : ''].filter(Boolean).join(', '),
      document.issuer ?? '',
      document.title ? `“${document.title}”` : '',
    ].filter(Boolean);
    const missing = [
      document.number ? null : 'số hiệu',
      document.date ? null : 'ngày ban hành',
      document.issuer ? null : 'cơ quan ban hành',
      document.kind ? null : 'loại văn bản',
      document.title ? null : 'tiêu đề',
    ].filter((m): m is string => m !== null);
    if (Object.values(document).every((v) => v === null)) return ['Không đọc được phần đầu văn bản (số hiệu, ngày ban hành, cơ quan ban hành, tiêu đề): để trống, không đoán.'];
    return [
      `Văn bản ban hành: ${parts.join(' — ')}.`,
      ...(missing.length > 0 ? [`Chưa đọc được ${missing.join(', ')}: để trống, không đoán.`] : []),
    ];
  },
  /** One piece to review: "• dòng 12: “các đơn vị liên quan” — “có liên quan”: … (ô: “Sở Tài chính và các đơn vị liên quan”)". */
  unresolvedLine(item: ImportOutcome['unresolvedAgencies'][number]): string {
    const why: Record<ImportOutcome['unresolvedAgencies'][number]['reason'], string> = {
      unknown: 'không có trong danh bạ',
      related: '“có liên quan”: cơ quan nào liên quan chỉ người lập kế hoạch biết — hãy ghi rõ tên',
      narrowed: 'chỉ một phần của nhóm — hãy ghi rõ những cơ quan nào',
      outside: 'không phải cơ quan trong danh bạ (trường học, doanh nghiệp, công an xã, đơn vị trực thuộc…)',
      ceased: item.until ? `không còn từ ${formatDay(item.until)}, kế hoạch này không giao được cho cơ quan đó` : 'không còn hoạt động',
      empty: 'hãy ghi cơ quan chủ trì',
    };
    const cell = item.cell !== '' && item.cell.trim() !== item.text ? ` (ô: “${item.cell.replace(/\s+/g, ' ').trim()}”)` : '';
    const text = item.reason === 'empty' ? item.text : `“${item.text}”`;
    return `• dòng ${item.row}: ${text} — ${why[item.reason]}${cell}`;
  },
  /** New agencies offered by an import, each once, in the order of the rows. */
  proposals(outcome: ImportOutcome): NonNullable<ImportOutcome['unresolvedAgencies'][number]['propose']>[] {
    const seen = new Set<string>();
    return outcome.unresolvedAgencies.flatMap((item) => {
      if (!item.propose || seen.has(item.propose.code)) return [];
      seen.add(item.propose.code);
      return [item.propose];
    });
  },
  /** The button offering one: "Thêm “Ban Quản lý Khu kinh tế tỉnh” (BQLKKTT)". */
  proposalLabel: (offer: { name: string; code: string }) => `Thêm “${offer.name}” (${offer.code})`,
  /** After a tap on "Thêm …". */
  proposalAdded: (offer: { name: string; code: string }) =>
    `Đã thêm ${offer.name} (mã ${offer.code}) vào danh bạ. Bấm “✅ Nhập kế hoạch này” ở bản xem trước: các dòng nêu cơ quan này sẽ được giao cho nó. Mời đầu mối: /moi ${offer.code} dau_moi.`,
  proposalGone: 'Đề xuất này không còn (tệp chờ nhập đã hết hạn hoặc đã nhập). Hãy gửi lại tệp, hoặc thêm bằng /coquan them <loại> <MÃ> <tên>.',
  /** What each row chosen with --rows became: "dòng 12 → I.3.5 (thuộc I.3): chủ trì SNV; phối hợp STP; hạn 30/09/2026". */
  chosenRows(selected: NonNullable<ImportOutcome['selected']>): string[] {
    return [
      ...selected.rows.map(
        (r) =>
          `dòng ${r.row} → ${r.code}${r.parent ? ` (thuộc ${r.parent})` : ''}: chủ trì ${r.lead.join(', ') || '(chưa rõ)'}; phối hợp ${r.coordinating.join(', ') || '—'}; hạn ${r.dates.length > 0 ? r.dates.map(formatDay).join(', ') : `“${r.deadline}” (${r.deadlineKind})`}${r.wordsToCheck && r.wordsToCheck.length > 0 ? `; chữ đọc chưa chắc: ${r.wordsToCheck.map((w) => `«${w}»`).join(', ')}` : ''}`,
      ),
      ...(selected.missing.length > 0 ? [`Dòng không có nhiệm vụ (tiêu đề, trống hoặc ngoài bảng): ${selected.missing.join(', ')}.`] : []),
    ];
  },
  /**
   * What a scan read by OCR needs: a warning that every row is to be checked against the paper,
   * the rows read without confidence ("không đọc chắc chắn"), which are not imported, the tasks
   * imported with their product cell left empty, and the words of names and headings OCR was
   * unsure of ("Chữ đọc chưa chắc: «quyển»"), imported as read.
   */
  ocrLines(ocr: NonNullable<ImportOutcome['ocr']>): string[] {
    const lines = ['⚠️ Kế hoạch được đọc từ ảnh bằng nhận dạng chữ (OCR): hãy đối chiếu từng dòng với bản giấy trước khi dùng.'];
    if (ocr.doubtful.length > 0) {
      lines.push(
        `${ocr.doubtful.length} dòng không đọc chắc chắn (chữ trong ngoặc vuông là chữ máy đọc không chắc)${ocr.heldBack.length > 0 ? `; ${ocr.heldBack.length} nhiệm vụ phụ thuộc các dòng đó KHÔNG được nhập (${ocr.heldBack.map((h) => h.code).join(', ')})` : ''}:`,
      );
      for (const item of ocr.doubtful.slice(0, 20)) lines.push(`• dòng ${item.row}: ${item.text === '' ? '' : `${item.text} — `}[${item.words.join('] [')}]`);
      if (ocr.doubtful.length > 20) lines.push(`• … và ${ocr.doubtful.length - 20} dòng khác`);
      lines.push('Để nhập các dòng này: gửi tệp Word (.docx) hoặc Excel (.xlsx) của Phụ lục, hoặc một bản quét rõ hơn (thẳng trang, 300 dpi).');
    }
    if (ocr.products.length > 0) {
      lines.push(`${ocr.products.length} nhiệm vụ có ô Sản phẩm không đọc được: vẫn nhập (sản phẩm không dùng để đôn đốc), để trống sản phẩm:`);
      for (const item of ocr.products.slice(0, 20)) lines.push(`• dòng ${item.row} (${item.code}): ô Sản phẩm không đọc được — [${item.words.join('] [')}]`);
      if (ocr.products.length > 20) lines.push(`• … và ${ocr.products.length - 20} nhiệm vụ khác`);
    }
    if (ocr.wordsToCheck.length > 0) {
      lines.push('Tên nhiệm vụ, tiêu đề có chữ máy đọc chưa chắc (vẫn nhập đúng như đọc được — hãy soát với bản giấy trước khi bấm nhập):');
      for (const item of ocr.wordsToCheck.slice(0, 20)) {
        const where = item.code ? `nhiệm vụ ${item.code}` : 'tiêu đề';
        lines.push(`• dòng ${item.row}, ${where} “${item.text}”: Chữ đọc chưa chắc: ${item.words.map((w) => `«${w.text}»`).join(', ')}`);
      }
      if (ocr.wordsToCheck.length > 20) lines.push(`• … và ${ocr.wordsToCheck.length - 20} ô khác`);
    }
    return lines;
  },
  /** The lines summarising an import (dry run or written). */
  importSummary(outcome: ImportOutcome, where: 'chat' | 'cli' = 'chat'): string[] {
    const lines = [
      `${outcome.written ? 'Đã nhập' : 'Xem trước (chưa ghi)'} kế hoạch “${outcome.plan}”: ${outcome.tasks} nhiệm vụ, ${outcome.assignments} lượt phân công.`,
      ...('tables' in outcome.source ? [PLAN_TEXTS.tablesRead(outcome.source)] : []),
      ...(outcome.ocr ? PLAN_TEXTS.ocrLines(outcome.ocr) : []),
      ...(outcome.document ? PLAN_TEXTS.documentLines(outcome.document) : []),
      ...(outcome.source.encoding ? [PLAN_TEXTS.encodingConverted(outcome.source.encoding)] : []),
      ...(outcome.columns.ticks.length > 0
        ? [`Cột đánh dấu thời gian: ${outcome.columns.ticks.join(', ')} — dấu “x” ở cột nào thì hạn là cuối quý (tháng) đó.`]
        : []),
      ...(outcome.columns.unused.length > 0 ? [`Cột không dùng khi nhập: ${outcome.columns.unused.map((c) => `“${c}”`).join(', ')}.`] : []),
      `Nhiệm vụ mới: ${outcome.created}; cập nhật: ${outcome.updated}${outcome.retired ? `; không còn trong bảng (đã ngừng theo dõi): ${outcome.retired}` : ''}.`,
    ];
    if (outcome.pastChecks.count > 0) {
      lines.push(
        `${outcome.pastChecks.count} mốc hạn đã qua trước ngày ${formatDay(outcome.pastChecks.before)} (trước khi nhập): ghi là “đã qua khi nhập”, không nhắc, không chấm điểm.`,
      );
    }
    if (outcome.successions.length > 0) {
      lines.push('Cơ quan đã sắp xếp lại, việc giao cho cơ quan kế nhiệm:');
      for (const s of outcome.successions.slice(0, 20)) {
        lines.push(`• ${s.text} → ${s.to}, hợp nhất từ ${formatDay(s.since)} (${s.rows.length} dòng)`);
      }
    }
    if (outcome.unresolvedAgencies.length > 0) {
      lines.push(`Cần xem lại ${outcome.unresolvedAgencies.length} chỗ trong ô Chủ trì/Phối hợp (không giao cho ai, không đoán):`);
      for (const item of outcome.unresolvedAgencies.slice(0, 20)) lines.push(PLAN_TEXTS.unresolvedLine(item));
      if (outcome.unresolvedAgencies.length > 20) lines.push(`• … và ${outcome.unresolvedAgencies.length - 20} mục khác`);
      const offers = PLAN_TEXTS.proposals(outcome);
      if (offers.length > 0) {
        const named = offers.map((o) => `${o.name}: mã đề xuất ${o.code}`).join('; ');
        // The command line has no buttons: it says where to add them (data/agencies.json, or /coquan them in chat) and to import again.
        lines.push(
          where === 'chat'
            ? `Cơ quan chưa có trong danh bạ (${named}): bấm “Thêm …” để thêm vào danh bạ, rồi bấm “Nhập kế hoạch này” — không gì được thêm nếu bạn không bấm.`
            : `Cơ quan chưa có trong danh bạ (${named}): thêm vào data/agencies.json (hoặc trong chat: /coquan them <loại> <mã> <tên>), rồi chạy lại lệnh import — dondoc không tự thêm.`,
        );
      }
    }
    if (outcome.unknownDeadlines.length > 0) {
      lines.push(`Cần đặt hạn cho ${outcome.unknownDeadlines.length} ô thời gian không đọc được:`);
      for (const item of outcome.unknownDeadlines.slice(0, 20)) lines.push(item.text === '' ? `• dòng ${item.row}: (ô trống${outcome.columns.ticks.length > 0 ? ', không có dấu ở quý/tháng nào' : ''})` : `• dòng ${item.row}: “${item.text}”`);
    }
    if (outcome.startProblems.length > 0) {
      lines.push(`Không ghi ngày bắt đầu cho ${outcome.startProblems.length} nhiệm vụ (không đoán; nhiệm vụ vẫn được nhập):`);
      for (const item of outcome.startProblems.slice(0, 20)) {
        lines.push(`• dòng ${item.row}: bắt đầu “${item.start}”, hạn “${item.deadline}” — ${item.reason === 'after_end' ? 'ngày bắt đầu sau hạn hoàn thành' : 'không đọc được một ngày bắt đầu'}`);
      }
    }
    if (outcome.unresolvedAgencies.length === 0 && outcome.unknownDeadlines.length === 0) {
      lines.push('Mọi cơ quan và thời hạn đều đã được nhận diện.');
    }
    return lines;
  },
};
