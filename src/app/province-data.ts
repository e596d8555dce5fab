import { join } from 'node:path';
import { z } from 'zod';
import { readDataFile } from './data-file.js';
import type { AgencyGroup } from '../domain/agency-resolver.js';
import { WorkCalendar, type HolidayYear } from '../domain/work-calendar.js';
import { policySchema, type ReminderPolicy } from '../domain/reminder-policy.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');

const holidaysSchema = z.object({
  years: z.record(
    z.string().regex(/^\d{4}$/, 'năm gồm 4 chữ số'),
    z.object({
      daysOff: z.array(isoDay),
      workingSaturdays: z.array(isoDay).default([]),
      provisional: z.boolean().optional(),
      note: z.string().optional(),
    }),
  ),
});

const groupsSchema = z.object({
  noise: z.array(z.string()).default([]),
  groups: z.array(z.object({ kinds: z.array(z.string()).min(1), phrases: z.array(z.string().min(2)).min(1) })),
});

/** The working-day calendar from data/holidays.json (validated; lunar fallback for unlisted years). */
export function loadCalendar(dataDir: string): WorkCalendar {
  const data = readDataFile(join(dataDir, 'holidays.json'), holidaysSchema, 'Lịch nghỉ lễ');
  return new WorkCalendar(data.years as Record<string, HolidayYear>);
}

const unitsSchema = z.object({
  provinces: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      fullName: z.string(),
      kind: z.enum(['tinh', 'thanh_pho']),
      formerNames: z.array(z.string()),
      communes: z.array(z.tuple([z.string(), z.string(), z.enum(['xa', 'phuong', 'dac_khu'])])),
    }),
  ),
});

export type AdminUnits = z.infer<typeof unitsSchema>;

/** The official directory after 1/7/2025 (data/admin-units.json): 34 provinces and their communes. */
export function loadAdminUnits(dataDir: string): AdminUnits {
  return readDataFile(join(dataDir, 'admin-units.json'), unitsSchema, 'Danh mục đơn vị hành chính');
}

/**
 * The group phrases ("Các sở, ban, ngành" → kinds) from data/agency-groups.json, and the province
 * names (current and former, from data/admin-units.json) that qualify an agency in a plan's cell.
 */
export function loadAgencyGroups(dataDir: string): { groups: AgencyGroup[]; noise: string[]; places: string[] } {
  const groups = readDataFile(join(dataDir, 'agency-groups.json'), groupsSchema, 'Danh sách nhóm cơ quan');
  const units = loadAdminUnits(dataDir);
  const places = units.provinces.flatMap((p) => [p.name, ...p.formerNames]);
  return { ...groups, places };
}

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'ngày dạng MM-DD, ví dụ 12-15');

const reportsSchema = z.object({
  periodic: z.array(z.object({ code: z.string().regex(/^[A-Z0-9-]{1,12}$/), title: z.string().min(3), cutoff: monthDay, due: monthDay, kinds: z.array(z.string()).min(1) })),
  planSubmissions: z.array(z.object({ code: z.string().regex(/^[A-Z0-9-]{1,12}$/), title: z.string().min(3), due: monthDay, kinds: z.array(z.string()).min(1) })),
});

export type ReportConfig = z.infer<typeof reportsSchema>;

/** The periodic reports and plan-submission deadlines (data/reports.json). */
export function loadReportConfig(dataDir: string): ReportConfig {
  return readDataFile(join(dataDir, 'reports.json'), reportsSchema, 'Danh mục báo cáo');
}

/** The reminder policy (data/reminder-policy.json). */
export function loadPolicy(dataDir: string): ReminderPolicy {
  return readDataFile(join(dataDir, 'reminder-policy.json'), policySchema, 'Chính sách nhắc việc');
}
