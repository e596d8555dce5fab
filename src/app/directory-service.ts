import type { Agency, AgencyKind } from '../store/agency-repo.js';
import type { Member, MemberAccount } from '../store/member-repo.js';
import type { Store } from '../store/store.js';
import type { ChatGroup } from '../store/group-repo.js';
import type { Clock } from '../clock.js';
import type { Role } from '../domain/roles.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Actor, PrivacyService } from './privacy-service.js';

/** Why a role change is refused. */
export type RoleChangeError = 'not_found' | 'removed' | 'same_role' | 'last_admin';

/**
 * The province's directory as commands read it — agencies and their kinds, members and their chat
 * accounts — and the changes made to a member (a role, by an admin), written to the audit log.
 */
export class DirectoryService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly privacy: PrivacyService,
  ) {}

  /**
   * Gives a member another role, in one transaction with its audit entry (from, to). Refused for an
   * erased member, for the role they already hold, and when it would leave the province without an
   * admin (the last admin cannot be made anything else).
   */
  changeRole(actor: Actor, memberId: number, role: Role): Result<{ member: Member; from: Role }, RoleChangeError> {
    return this.store.transaction(() => {
      const refused = this.roleChangeRefusal(memberId, role);
      if (refused) return err(refused);
      const member = this.store.members.byId(memberId)!;
      this.store.members.setRole(memberId, role);
      this.privacy.record(actor, 'role_change', `member:${memberId}`, { agency: member.agencyCode, from: member.role, to: role });
      return ok({ member: { ...member, role }, from: member.role });
    });
  }

  /** Why giving the member `role` would be refused now, or null (asked before the confirm button, checked again on it). */
  roleChangeRefusal(memberId: number, role: Role): RoleChangeError | null {
    const member = this.store.members.byId(memberId);
    if (!member) return 'not_found';
    if (this.store.members.isRemoved(memberId)) return 'removed';
    if (member.role === role) return 'same_role';
    if (member.role === 'admin' && this.store.members.withRole('admin').length <= 1) return 'last_admin';
    return null;
  }

  /** Links a group chat to the province (null) or one agency; relinking replaces the link. */
  /** Links a group chat to the province (agencyId null) or an agency; an admin action in the audit log (the group by platform, not its id). */
  linkGroup(platform: string, chatId: string, agencyId: number | null, admin: Member, now: Date): void {
    this.store.transaction(() => {
      this.store.groups.link(platform, chatId, agencyId, admin.id, now);
      const agency = agencyId === null ? null : this.store.agencies.byId(agencyId);
      this.privacy.record({ memberId: admin.id, via: platform }, 'group_link', agency ? `agency:${agency.code}` : 'province', { op: 'link' });
    });
  }

  unlinkGroup(platform: string, chatId: string, admin: Member): boolean {
    return this.store.transaction(() => {
      const before = this.store.groups.get(platform, chatId);
      if (!this.store.groups.unlink(platform, chatId)) return false;
      const agency = before?.agencyId == null ? null : this.store.agencies.byId(before.agencyId);
      this.privacy.record({ memberId: admin.id, via: platform }, 'group_link', agency ? `agency:${agency.code}` : 'province', { op: 'unlink' });
      return true;
    });
  }

  group(platform: string, chatId: string): ChatGroup | undefined {
    return this.store.groups.get(platform, chatId);
  }

  groups(): ChatGroup[] {
    return this.store.groups.list();
  }

  agency(id: number): Agency | undefined {
    return this.store.agencies.byId(id);
  }

  /** The agency a person typed: a code, a name or an alias, with or without diacritics. */
  findAgency(text: string): Agency | undefined {
    return this.store.agencies.find(text);
  }

  /** Every agency's name by id (for lists that show many agencies). */
  agencyNames(): Map<number, string> {
    return new Map(this.store.agencies.list().map((a) => [a.id, a.name]));
  }

  kinds(): AgencyKind[] {
    return this.store.agencies.kinds();
  }

  agencies(filter: { kind?: string } = {}): Agency[] {
    return this.store.agencies.list(filter);
  }

  /** One member by number, with whether their personal data was erased. */
  member(id: number): (Member & { removed: boolean }) | undefined {
    const member = this.store.members.byId(id);
    return member ? { ...member, removed: this.store.members.isRemoved(id) } : undefined;
  }

  accounts(member: Member): MemberAccount[] {
    return this.store.members.accounts(member.id);
  }

  /** The platform dondoc reaches the member on (their choice when they linked both), or null. */
  deliveryPlatform(member: Member): string | null {
    return this.store.members.deliveryAccount(member)?.platform ?? null;
  }

  setPreferredPlatform(member: Member, platform: string): void {
    this.store.members.setPreferredPlatform(member.id, platform);
  }

  /** Linked members (of one agency, if given), each with the platforms they linked. */
  members(filter: { agencyId?: number } = {}): (Member & { platforms: string[] })[] {
    return this.store.members.list(filter).map((m) => ({ ...m, platforms: this.store.members.accounts(m.id).map((a) => a.platform) }));
  }
}
