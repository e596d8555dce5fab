import type { Role } from '../domain/roles.js';
import type { Store } from '../store/store.js';

/** The demo people of the local chat: one admin, one leader, focal points of several agencies. */
export const DEMO_MEMBERS: { localId: string; name: string; agency: string; role: Role }[] = [
  { localId: 'demo-quantri', name: 'Nguyễn Thị Hoa', agency: 'SNV', role: 'admin' },
  { localId: 'demo-lanhdao', name: 'Lê Văn Minh', agency: 'UBNDT', role: 'leader' },
  { localId: 'demo-stp', name: 'Phạm Thu Trang', agency: 'STP', role: 'focal' },
  { localId: 'demo-vpubnd', name: 'Hoàng Văn Nam', agency: 'VPUBND', role: 'focal' },
  { localId: 'demo-stttt', name: 'Đỗ Minh Tuấn', agency: 'STTTT', role: 'focal' },
  { localId: 'demo-stc', name: 'Vũ Thị Lan', agency: 'STC', role: 'focal' },
  { localId: 'demo-skhcn', name: 'Bùi Quang Huy', agency: 'SKHCN', role: 'focal' },
  { localId: 'demo-skhdt', name: 'Ngô Thị Mai', agency: 'SKHDT', role: 'focal' },
  { localId: 'demo-xcb', name: 'Trần Văn Bình', agency: 'XCB', role: 'focal' },
  { localId: 'demo-cthue', name: 'Đặng Thị Thu', agency: 'CTHUE', role: 'focal' },
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
