import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../domain/roles.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Services } from './services.js';

/** The plan the demo province tracks: Hà Tĩnh's 2024 CCHC task table (seed 004), as shipped in data/plans/. */
export const DEMO_PLAN = { file: 'ha-tinh-2024-phu-luc.xlsx', name: 'Kế hoạch CCHC năm 2024 (Hà Tĩnh, dữ liệu mẫu)', year: 2024 };

/**
 * The demo people of the local chat: one admin, one leader, focal points of several agencies.
 * Those marked zaloStyle see dondoc as Zalo shows it (plain text, numbered choices).
 */
export const DEMO_MEMBERS: { localId: string; name: string; agency: string; role: Role; zaloStyle?: boolean }[] = [
  { localId: 'demo-quantri', name: 'Nguyễn Thị Hoa', agency: 'SNV', role: 'admin' },
  { localId: 'demo-lanhdao', name: 'Lê Văn Minh', agency: 'UBNDT', role: 'leader' },
  { localId: 'demo-stp', name: 'Phạm Thu Trang', agency: 'STP', role: 'focal' },
  { localId: 'demo-vpubnd', name: 'Hoàng Văn Nam', agency: 'VPUBND', role: 'focal' },
  { localId: 'demo-stttt', name: 'Đỗ Minh Tuấn', agency: 'STTTT', role: 'focal' },
  { localId: 'demo-stc', name: 'Vũ Thị Lan', agency: 'STC', role: 'focal' },
  { localId: 'demo-skhcn', name: 'Bùi Quang Huy', agency: 'SKHCN', role: 'focal' },
  { localId: 'demo-skhdt', name: 'Ngô Thị Mai', agency: 'SKHDT', role: 'focal' },
  { localId: 'demo-xcb', name: 'Trần Văn Bình', agency: 'XCB', role: 'focal', zaloStyle: true },
  { localId: 'demo-cthue', name: 'Đặng Thị Thu', agency: 'CTHUE', role: 'focal', zaloStyle: true },
];

/** Seeds the demo members (linked on the local chat) into a database that has no member yet; returns how many. */
export function seedDemoMembers(store: Store, now: Date): number {
  if (store.members.count() > 0) return 0;
  return store.transaction(() => {
    let created = 0;
    for (const demo of DEMO_MEMBERS) {
      const agency = store.agencies.byCode(demo.agency);
      if (!agency) continue;
      const member = store.members.create({ displayName: demo.name, agencyId: agency.id, role: demo.role }, now);
      store.members.linkAccount(
        { memberId: member.id, platform: 'local', platformUserId: demo.localId, chatId: demo.localId, displayName: demo.name },
        now,
      );
      created += 1;
    }
    return created;
  });
}

/** Imports the demo plan into a database that has no plan yet (first local start). */
export async function seedDemoPlan(services: Services, dataDir: string, logger: Logger): Promise<void> {
  if (services.store.plans.plans().length > 0) return;
  const data = readFileSync(join(dataDir, 'plans', DEMO_PLAN.file));
  const result = await services.plans.importFile(DEMO_PLAN.file, data, { name: DEMO_PLAN.name, year: DEMO_PLAN.year });
  if (result.ok) logger.info({ tasks: result.value.tasks }, 'imported the demo plan');
  else logger.warn({ error: result.error }, 'could not import the demo plan');
}
