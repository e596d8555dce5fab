import { z } from 'zod';
import { civilDateOf } from '../domain/civil-date.js';
import type { Store } from '../store/store.js';
import { readDataFile } from './data-file.js';

const kindSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/, 'mã loại chỉ gồm a-z, 0-9, _'),
  label: z.string().min(1),
  level: z.enum(['tinh', 'huyen', 'xa', 'trung_uong']),
  sortOrder: z.number().int().default(0),
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');

const agencySchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{2,20}$/, 'mã cơ quan gồm 2–20 chữ in hoa, số hoặc _'),
  name: z.string().min(2),
  shortName: z.string().min(1).optional(),
  kind: z.string(),
  parentCode: z.string().optional(),
  isStanding: z.boolean().optional(),
  aliases: z.array(z.string().min(1)).default([]),
  /** The official code of a commune-level unit (data/admin-units.json). */
  officialCode: z.string().optional(),
  /** The day the agency started (a group phrase in an older plan does not include it). */
  from: isoDay.optional(),
  /** The day it ceased (merged or abolished): kept so older plans still read, never reminded. */
  until: isoDay.optional(),
  /** Where its work went: plans naming it are assigned to this agency, and the import report says so. */
  successor: z.string().optional(),
  note: z.string().optional(),
});

/** The shape of data/agencies.json: the province's agency kinds and agencies with their aliases. */
export const registrySchema = z
  .object({
    province: z.string().min(1),
    kinds: z.array(kindSchema).min(1),
    agencies: z.array(agencySchema).min(1),
  })
  .superRefine((registry, ctx) => {
    const kinds = new Set(registry.kinds.map((k) => k.code));
    const codes = new Set<string>();
    registry.agencies.forEach((agency, index) => {
      if (!kinds.has(agency.kind)) {
        ctx.addIssue({ code: 'custom', path: ['agencies', index, 'kind'], message: `loại “${agency.kind}” chưa khai báo trong kinds` });
      }
      if (codes.has(agency.code)) {
        ctx.addIssue({ code: 'custom', path: ['agencies', index, 'code'], message: `mã ${agency.code} bị trùng` });
      }
      codes.add(agency.code);
    });
    const byCode = new Map(registry.agencies.map((a) => [a.code, a]));
    registry.agencies.forEach((agency, index) => {
      if (agency.parentCode && !codes.has(agency.parentCode)) {
        ctx.addIssue({ code: 'custom', path: ['agencies', index, 'parentCode'], message: `không có cơ quan cấp trên ${agency.parentCode}` });
      }
      if (agency.successor !== undefined) {
        const successor = byCode.get(agency.successor);
        if (!successor) ctx.addIssue({ code: 'custom', path: ['agencies', index, 'successor'], message: `không có cơ quan kế nhiệm ${agency.successor}` });
        else if (successor.until !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['agencies', index, 'successor'], message: `cơ quan kế nhiệm ${agency.successor} cũng đã thôi hoạt động; hãy trỏ tới cơ quan đang hoạt động` });
        }
        if (agency.until === undefined) ctx.addIssue({ code: 'custom', path: ['agencies', index, 'until'], message: 'cơ quan có successor cần ngày thôi hoạt động (until)' });
      }
      if (agency.from !== undefined && agency.until !== undefined && agency.from >= agency.until) {
        ctx.addIssue({ code: 'custom', path: ['agencies', index, 'until'], message: 'ngày thôi hoạt động phải sau ngày bắt đầu' });
      }
      if (agency.isStanding && agency.until !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['agencies', index, 'until'], message: 'cơ quan thường trực CCHC không thể đã thôi hoạt động' });
      }
    });
    if (registry.agencies.filter((a) => a.isStanding).length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['agencies'], message: 'cần đúng một cơ quan thường trực CCHC (isStanding: true, thường là Sở Nội vụ)' });
    }
  });

export type Registry = z.infer<typeof registrySchema>;

/** Reads and validates a registry file; throws one Vietnamese line naming the file and the bad field. */
export function readRegistry(path: string): Registry {
  return readDataFile(path, registrySchema, 'Danh bạ cơ quan');
}

/**
 * Writes the registry's kinds and agencies into the store in one transaction (parents first, then
 * successors). An agency that ceased by today is kept inactive; one no longer in the file is retired
 * (its history stays, it is no longer reminded or listed).
 */
export function applyRegistry(store: Store, registry: Registry, now: Date, timeZone = 'Asia/Ho_Chi_Minh'): void {
  const today = civilDateOf(now, timeZone);
  store.transaction(() => {
    for (const kind of registry.kinds) store.agencies.upsertKind(kind);
    const withoutParent = registry.agencies.filter((a) => !a.parentCode);
    const withParent = registry.agencies.filter((a) => a.parentCode);
    for (const agency of [...withoutParent, ...withParent]) store.agencies.upsert(agency, now, today);
    for (const agency of registry.agencies) store.agencies.setSuccessor(agency.code, agency.successor ?? null);
    store.agencies.retireMissing(registry.agencies.map((a) => a.code));
  });
}

/**
 * The text of data/agencies.json: the file's own `$` fields first (comment, generation checksum),
 * then one kind and one agency per line, so that diffs of the file stay readable.
 */
export function registryText(head: Record<string, unknown>, registry: Registry): string {
  return [
    '{',
    ...Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    `  "province": ${JSON.stringify(registry.province)},`,
    '  "kinds": [',
    registry.kinds.map((k) => `    ${JSON.stringify(k)}`).join(',\n'),
    '  ],',
    '  "agencies": [',
    registry.agencies.map((a) => `    ${JSON.stringify(a)}`).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
