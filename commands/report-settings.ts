import { z } from 'zod';
import { bold, textReply } from '../src/app/reply.js';
import type { ReportSettings } from '../src/store/report-settings-repo.js';
import { signerLines, WORDS } from '../src/reports/outline.js';
import { COMMON } from './common.texts.js';
import { defineCommand } from './command.js';

const PARTS = { chucvu: 'title', nguoiky: 'name', noinhan: 'recipients' } as const;
type Part = keyof typeof PARTS;

/** The words of /caidatbaocao, in one place. */
const T = {
  usage:
    'Cách đặt (quản trị): /caidatbaocao <mã cơ quan> chucvu KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC · /caidatbaocao <mã> nguoiky <họ tên> · /caidatbaocao <mã> noinhan Như trên; UBND tỉnh; Lưu: VT · /caidatbaocao <mã> xoa <chucvu|nguoiky|noinhan>. Xem: /caidatbaocao <mã>.',
  title: (name: string) => `Người ký và nơi nhận báo cáo CCHC — ${name}`,
  signer: (lines: string[] | null) => `Chức vụ người ký: ${lines ? lines.join(' / ') : `chưa đặt (dự thảo để ${WORDS.signerBlank})`}`,
  name: (name: string | null) => `Họ tên người ký: ${name ?? `chưa đặt (dự thảo để ${WORDS.blank})`}`,
  recipients: (list: string[] | null) => `Nơi nhận: ${list ? list.join('; ') : `chưa đặt (dự thảo để “Như trên; ${WORDS.blank}; Lưu: VT”)`}`,
  suggestion: (lines: string[]) => `Thường dùng cho cơ quan loại này: ${lines.join(' / ')} (chỉ là gợi ý, dondoc không tự điền).`,
  saved: 'Đã lưu. Dự thảo /soanbaocao từ nay dùng các thông tin này:',
  refused: (message: string) => `Chưa lưu: ${message}.`,
  badPart: (word: string) => `Không có mục “${word}”. Dùng chucvu, nguoiky, noinhan hoặc xoa.`,
  missingValue: (part: string) => `Thiếu nội dung sau “${part}”.`,
};

/** The settings as a reply: what the draft will print, and a suggestion for the kind when no title is set. */
function showSettings(name: string, kind: string, settings: ReportSettings, saved = false) {
  const hint = settings.signerTitle ? null : signerLines(kind, name);
  return textReply(
    ...(saved ? [T.saved] : []),
    [bold(T.title(name))],
    T.signer(settings.signerTitle),
    T.name(settings.signerName),
    T.recipients(settings.recipients),
    ...(hint ? [T.suggestion(hint)] : []),
    T.usage,
  );
}

export const reportSettingsCommand = defineCommand({
  name: 'caidatbaocao',
  aliases: ['reportsettings'],
  summary: 'Đặt chức vụ, họ tên người ký và nơi nhận của báo cáo CCHC từng cơ quan (quản trị)',
  usage: '/caidatbaocao <mã cơ quan> [chucvu|nguoiky|noinhan|xoa] [nội dung]',
  roles: ['admin'],
  args: z
    .array(z.string())
    .min(1, 'thiếu mã cơ quan, ví dụ /caidatbaocao STP')
    .transform((w) => ({ agency: w[0]!, part: w[1]?.toLowerCase() ?? null, value: w.slice(2).join(' ').trim() })),
  run(ctx, args) {
    const { directory, reportSettings } = ctx.services;
    const agency = directory.findAgency(args.agency);
    if (!agency) return textReply(COMMON.unknownAgency(args.agency));
    if (args.part === null) return showSettings(agency.name, agency.kind, reportSettings.get(agency.id));
    const actor = { memberId: ctx.member!.id, via: ctx.platform };
    let typed: Parameters<typeof reportSettings.update>[2];
    if (args.part === 'xoa') {
      const part = PARTS[args.value.toLowerCase() as Part];
      if (!part) return textReply(T.badPart(args.value || 'xoa'));
      typed = { clear: [part] };
    } else {
      const part = PARTS[args.part as Part];
      if (!part) return textReply(T.badPart(args.part));
      if (args.value === '') return textReply(T.missingValue(args.part), T.usage);
      typed = { [part]: args.value };
    }
    const result = reportSettings.update(actor, agency, typed);
    if (!result.ok) return textReply(T.refused(result.error.message), T.usage);
    return showSettings(agency.name, agency.kind, result.value, true);
  },
});
