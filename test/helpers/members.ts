import type { Role } from '../../src/domain/roles.js';
import type { Member } from '../../src/store/member-repo.js';
import type { Store } from '../../src/store/store.js';
import { NOTICE_VERSION } from '../../src/app/privacy-service.js';

/** A member linked to one platform account (its user id is its chat id), as onboarding leaves it (the privacy notice accepted). */
export function linkedMember(store: Store, member: { displayName: string; agencyId: number; role: Role }, account: { platform: string; chatId: string }, now: Date): Member {
  const created = store.members.create(member, now);
  store.members.linkAccount({ memberId: created.id, platform: account.platform, platformUserId: account.chatId, chatId: account.chatId, displayName: null }, now);
  store.consents.record(created.id, NOTICE_VERSION, account.platform, now);
  return created;
}

/**
 * A broadcast audience in one transaction: Sở Nội vụ's admin (linked on Telegram when `adminChatId`
 * is given) and `n` focal points on Telegram, spread over the non-standing agencies, with chat ids
 * from `firstChatId` on. Returns the admin.
 */
export function adminAndFocalPoints(store: Store, n: number, firstChatId: number, now: Date, adminChatId?: string): Member {
  return store.transaction(() => {
    const admin = { displayName: 'Quản trị', agencyId: store.agencies.byCode('SNV')!.id, role: 'admin' as const };
    const a = adminChatId ? linkedMember(store, admin, { platform: 'telegram', chatId: adminChatId }, now) : store.members.create(admin, now);
    const agencies = store.agencies.list().filter((x) => !x.isStanding);
    for (let i = 0; i < n; i += 1) {
      linkedMember(store, { displayName: `Đầu mối ${i}`, agencyId: agencies[i % agencies.length]!.id, role: 'focal' }, { platform: 'telegram', chatId: String(firstChatId + i) }, now);
    }
    return a;
  });
}
