import { textKey } from '../src/domain/text-key.js';
import { z } from 'zod';
import { textReply, type Reply } from '../src/app/reply.js';
import type { CommandServices } from '../src/app/services.js';
import { ROLE_WORDS, type Role } from '../src/domain/roles.js';
import { COMMON } from './common.texts.js';

/** For commands without arguments: extra words are ignored rather than refused. */
export const noArgs = z.array(z.string()).transform(() => undefined);

/** A member's number, as /thanhvien shows it ("#12"). */
export const memberNumber = z
  .string({ error: 'thiếu số thành viên (gõ /thanhvien để xem)' })
  .transform((word) => Number(word.replace(/^#/, '')))
  .refine((n) => Number.isInteger(n) && n > 0, 'số thành viên phải là số nguyên dương (gõ /thanhvien để xem)');

/** A role as users type it (dau_moi, lanh_dao, quan_tri). */
export const roleWord = z
  .string({ error: 'thiếu vai trò (dau_moi, lanh_dao hoặc quan_tri)' })
  .transform((word, ctx): Role => {
    const role = ROLE_WORDS[word.toLowerCase()];
    if (!role) {
      ctx.addIssue({ code: 'custom', message: `vai trò “${word}” không có; hãy dùng dau_moi, lanh_dao hoặc quan_tri` });
      return z.NEVER;
    }
    return role;
  });

/** An agency code or alias word as typed (resolved against the registry by the handler). */
export const agencyWord = z
  .string({ error: 'thiếu mã cơ quan (gõ /coquan để xem các mã)' })
  .min(1, 'thiếu mã cơ quan (gõ /coquan để xem các mã)')
  .max(100, 'mã cơ quan quá dài');

/** An optional agency typed as free words ("/tonghop Sở Tư pháp"): the words joined, or null. */
export const optionalAgencyWords = z.array(z.string()).transform((words) => (words.length > 0 ? words.join(' ') : null));

/** The agency those words name (none typed: no agency), or the Vietnamese reply saying it was not found. */
export function resolveAgencyWords(services: CommandServices, text: string | null): { agencyId?: number } | Reply {
  if (text === null) return {};
  const agency = services.directory.findAgency(text);
  return agency ? { agencyId: agency.id } : textReply(COMMON.unknownAgency(text));
}

/** What people type for an agency kind besides its code: "sở", "so", "xã", "phường", "trung ương", "tw". */
const KIND_WORDS: Record<string, string> = {
  so: 'so_ban_nganh',
  nganh: 'so_ban_nganh',
  sobannganh: 'so_ban_nganh',
  xa: 'ubnd_xa',
  phuong: 'ubnd_xa',
  ubndxa: 'ubnd_xa',
  xaphuong: 'ubnd_xa',
  tw: 'co_quan_tw',
  trunguong: 'co_quan_tw',
  coquantrunguong: 'co_quan_tw',
};

/** The kind code a person typed (its code, label or a common word, any case or diacritics), or null. */
export function kindFromWords(kinds: readonly { code: string; label: string }[], text: string): string | null {
  const key = textKey(text).replace(/[\s_-]+/g, '');
  const byCode = kinds.find((k) => k.code.replace(/_/g, '') === key || textKey(k.label).replace(/\s+/g, '') === key);
  if (byCode) return byCode.code;
  const word = KIND_WORDS[key];
  return word && kinds.some((k) => k.code === word) ? word : null;
}
