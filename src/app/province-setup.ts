import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { textKey } from '../domain/text-key.js';
import { registrySchema, registryText, type Registry } from './agency-registry.js';
import { loadAdminUnits, type AdminUnits } from './province-data.js';

type Province = AdminUnits['provinces'][number];

const templateAgency = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string().optional(),
  kind: z.string().optional(),
  isStanding: z.boolean().optional(),
  aliases: z.array(z.string()).default([]),
  until: z.string().optional(),
  successor: z.string().optional(),
  note: z.string().optional(),
});

const templateSchema = z.object({
  departments: z.array(templateAgency).min(1),
  optionalDepartments: z.array(templateAgency).default([]),
  central: z.array(templateAgency).default([]),
  abolished: z.array(templateAgency).default([]),
});

export type ProvinceTemplate = z.infer<typeof templateSchema>;

/** The standard departments, central bodies and successions of a province (data/province-template.json). */
export function loadProvinceTemplate(dataDir: string): ProvinceTemplate {
  return templateSchema.parse(JSON.parse(readFileSync(join(dataDir, 'province-template.json'), 'utf8')));
}

/** Agency kinds of a two-tier province; districts stay as a kind for plans written before 1/7/2025. */
export const PROVINCE_KINDS: Registry['kinds'] = [
  { code: 'ubnd_tinh', label: 'UBND tỉnh', level: 'tinh', sortOrder: 10 },
  { code: 'so_ban_nganh', label: 'Sở, ban, ngành', level: 'tinh', sortOrder: 20 },
  { code: 'co_quan_tw', label: 'Cơ quan Trung ương trên địa bàn', level: 'trung_uong', sortOrder: 30 },
  { code: 'ubnd_huyen', label: 'UBND cấp huyện (kế hoạch trước 1/7/2025)', level: 'huyen', sortOrder: 40 },
  { code: 'ubnd_xa', label: 'UBND xã, phường, đặc khu', level: 'xa', sortOrder: 50 },
];

const UNIT_WORD: Record<string, string> = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' };

/** Folds a typed province name: no diacritics or tone placement, no "tỉnh"/"thành phố"/"TP" in front. */
function provinceKey(text: string): string {
  return textKey(text.normalize('NFC'))
    .replace(/[.\-–]/g, ' ')
    .replace(/^(tinh|thanh pho|tp|t p)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export type ProvinceMatch =
  | { kind: 'found'; province: Province }
  /** A province before 1/7/2025 ("Sóc Trăng"): it is now part of `province`. */
  | { kind: 'former'; province: Province; former: string }
  | { kind: 'none'; suggestions: string[] };

/**
 * Finds a province however people type it: "Thanh Hoá", "thanh hoa", "TP Hồ Chí Minh", "Thành phố
 * Huế", a former province ("Sóc Trăng" → Cần Thơ). A wrong name gets the three closest names.
 */
export function findProvince(units: AdminUnits, typed: string): ProvinceMatch {
  const key = provinceKey(typed);
  const aliases = (p: Province) => [p.name, p.fullName, ...(p.code === '79' ? ['TP HCM', 'HCM', 'Sài Gòn', 'TPHCM'] : [])];
  for (const p of units.provinces) if (aliases(p).some((a) => provinceKey(a) === key)) return { kind: 'found', province: p };
  for (const p of units.provinces) {
    const former = p.formerNames.find((n) => provinceKey(n) === key);
    if (former) return { kind: 'former', province: p, former };
  }
  const scored = units.provinces
    .map((p) => ({ name: p.name, d: Math.min(...aliases(p).map((a) => distance(provinceKey(a), key))) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'vi'));
  return { kind: 'none', suggestions: scored.slice(0, 3).map((s) => s.name) };
}

/** "tỉnh" or "thành phố" in agency names, as the province is. */
function localise(text: string, province: Province): string {
  return province.kind === 'thanh_pho' ? text.replace(/\btỉnh\b/g, 'thành phố') : text;
}

/**
 * The registry of a province as it stands today: UBND tỉnh; the standard departments and the
 * optional ones (marked, easy to remove); the central bodies; the abolished departments and bodies
 * with their successors (so older plans still read); every commune, ward and special zone with its
 * official code. The file carries a checksum so an edited copy is never overwritten by accident.
 */
export function buildProvinceRegistry(template: ProvinceTemplate, province: Province): Registry {
  const agencies: Registry['agencies'] = [];
  const unit = province.kind === 'thanh_pho' ? 'thành phố' : 'tỉnh';
  agencies.push({
    code: 'UBNDT',
    name: `Ủy ban nhân dân ${unit} ${province.name}`,
    shortName: `UBND ${unit}`,
    kind: 'ubnd_tinh',
    aliases: [`UBND ${unit} ${province.name}`, `Ủy ban nhân dân ${unit}`, 'UBND tỉnh', 'Chủ tịch UBND tỉnh', 'Ban Chỉ đạo CCHC tỉnh'],
  });
  const place = (entry: z.infer<typeof templateAgency>, kind: string): Registry['agencies'][number] => {
    const name = localise(entry.name, province);
    const aliases = [...new Set([...entry.aliases, ...(name !== entry.name ? [entry.name] : [])])].filter((a) => a !== name);
    return {
      code: entry.code,
      name,
      ...(entry.shortName ? { shortName: localise(entry.shortName, province) } : {}),
      kind: entry.kind ?? kind,
      ...(entry.isStanding ? { isStanding: true } : {}),
      aliases,
      ...(entry.until ? { until: entry.until } : {}),
      ...(entry.successor ? { successor: entry.successor } : {}),
      ...(entry.note ? { note: entry.note } : {}),
    };
  };
  for (const d of template.departments) agencies.push(place(d, 'so_ban_nganh'));
  for (const d of template.optionalDepartments) agencies.push(place(d, 'so_ban_nganh'));
  for (const c of template.central) agencies.push(place(c, 'co_quan_tw'));
  for (const a of template.abolished) agencies.push(place(a, a.kind ?? 'so_ban_nganh'));
  for (const [code, name, kind] of province.communes) {
    const word = UNIT_WORD[kind]!;
    const full = `${word[0]!.toUpperCase()}${word.slice(1)} ${name}`;
    agencies.push({ code: `X${code}`, name: `UBND ${word} ${name}`, kind: 'ubnd_xa', officialCode: code, aliases: [full, `Ủy ban nhân dân ${word} ${name}`] });
  }
  return registrySchema.parse({ province: province.fullName, kinds: PROVINCE_KINDS, agencies });
}

/** A registry's checksum: the same agencies give the same sum, whatever the file's white space. */
export function registryChecksum(registry: Omit<Registry, never>): string {
  return createHash('sha256').update(JSON.stringify({ province: registry.province, kinds: registry.kinds, agencies: registry.agencies })).digest('hex').slice(0, 16);
}

/** The agencies.json text: one agency per line (diffs stay readable), with the checksum of what was generated. */
export function registryFileText(registry: Registry, provinceCode: string): string {
  const head = {
    $comment:
      'Danh bạ cơ quan của tỉnh, tạo bằng `npm run cli -- province init` từ data/admin-units.json và data/province-template.json. Sửa tệp này (thêm tên viết tắt vào aliases, bỏ sở tùy chọn tỉnh không lập, thêm cơ quan) rồi khởi động lại dondoc. until = ngày thôi hoạt động, successor = cơ quan kế nhiệm (kế hoạch cũ nêu tên cũ sẽ giao cho cơ quan này).',
    $generated: { by: 'province init', provinceCode, checksum: registryChecksum(registry) },
  };
  return registryText(head, registry);
}

/** True when an agencies.json text is exactly what `province init` wrote (not edited since). */
export function isUneditedGenerated(text: string): boolean {
  try {
    const json = JSON.parse(text) as { $generated?: { checksum?: string } };
    const parsed = registrySchema.safeParse(json);
    return parsed.success && json.$generated?.checksum === registryChecksum(parsed.data);
  } catch {
    return false;
  }
}

/** Counts for `province init --json`: agencies, departments (sở, ban, ngành in force) and communes. */
export function registryCounts(registry: Registry): { agencies: number; departments: number; communes: number } {
  const live = registry.agencies.filter((a) => a.until === undefined);
  return {
    agencies: live.length,
    departments: live.filter((a) => a.kind === 'so_ban_nganh').length,
    communes: live.filter((a) => a.kind === 'ubnd_xa').length,
  };
}

export { loadAdminUnits };

/** What a database holds of a province other than the one being set up (see `otherProvinceHeld`). */
export interface OtherProvinceHeld {
  /** The province whose communes the database tracks ("Tỉnh Hà Tĩnh"). */
  province: string;
  /** Its communes, wards and special zones still tracked (active) in the database. */
  communes: number;
  /** Every active agency the new registry no longer names: applying it would retire them. */
  retiring: number;
}

/**
 * Which other province a database's active agencies belong to, read from the official codes of its
 * communes: `province init` of another province would, at the next start, retire them all (reminders
 * stop, members lose their agency), so the CLI asks for a confirmation first. Null: nothing to lose.
 */
export function otherProvinceHeld(
  units: AdminUnits,
  held: readonly { code: string; active: boolean; kind: string; officialCode: string | null }[],
  registry: Registry,
): OtherProvinceHeld | null {
  const provinceOf = new Map<string, Province>();
  for (const p of units.provinces) for (const [code] of p.communes) provinceOf.set(code, p);
  const target = registry.province;
  const counts = new Map<string, number>();
  for (const a of held) {
    if (!a.active || a.kind !== 'ubnd_xa' || a.officialCode === null) continue;
    const p = provinceOf.get(a.officialCode);
    if (p && p.fullName !== target) counts.set(p.fullName, (counts.get(p.fullName) ?? 0) + 1);
  }
  const [province, communes] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (province === undefined || communes === undefined) return null;
  const keep = new Set(registry.agencies.map((a) => a.code.toUpperCase()));
  const retiring = held.filter((a) => a.active && !keep.has(a.code.toUpperCase())).length;
  return { province, communes, retiring };
}
