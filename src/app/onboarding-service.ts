import type { Clock } from '../clock.js';
import { StoreInvariantError } from '../errors.js';
import { hashInviteCode, newInviteCode, normaliseInviteCode } from '../domain/invite-code.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Role } from '../domain/roles.js';
import type { Agency } from '../store/agency-repo.js';
import type { Member } from '../store/member-repo.js';
import type { Store } from '../store/store.js';
import { nameKey } from './invite-list.js';

export type RedeemError = 'invalid' | 'used' | 'expired' | 'already_linked' | 'platform_taken';

export interface IssuedInvite {
  code: string;
  expiresAt: Date;
  agency: Agency;
  role: Role;
}

/** Invite codes: issuing them (admins, CLI) and redeeming them (anyone with a code). */
export class OnboardingService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ttlHours: number,
  ) {}

  /** Issues a single-use code for a new member of `agencyCode` with `role`; expires after the TTL (default from config). */
  issueInvite(input: {
    agencyCode: string;
    role: Role;
    createdBy?: number | null;
    displayHint?: string | null;
    hours?: number;
    /** The platform the admin typed /moi on, or "cli" (the audit log's "via"). */
    via?: string;
  }): Result<IssuedInvite, 'unknown_agency'> {
    const agency = this.store.agencies.find(input.agencyCode);
    if (!agency) return err('unknown_agency');
    return ok(this.store.transaction(() => {
      const issued = this.record(agency, input.role, null, input.createdBy ?? null, input.displayHint ?? null, input.hours);
      // The agency and role only: the invited person's name stays out of the append-only log.
      this.store.audit.append({ actorMemberId: input.createdBy ?? null, via: input.via ?? 'cli', action: 'invite', target: `agency:${agency.code}`, detail: { role: input.role } }, this.clock.now());
      return issued;
    }));
  }

  /** Issues a code that links another platform account to an existing member (same agency and role). */
  issueLinkCode(member: Member): IssuedInvite {
    const agency = this.store.agencies.byId(member.agencyId);
    if (!agency) throw new StoreInvariantError('members', member.id, 'its agency is missing');
    return this.record(agency, member.role, member.id, member.id, member.displayName, 1);
  }

  /** Redeems a code for a platform account, in one transaction: either the account is linked or nothing changes. */
  redeem(input: {
    code: string;
    platform: string;
    platformUserId: string;
    chatId: string;
    displayName: string;
    /** The privacy-notice version the person accepted before linking: recorded in the same transaction. */
    consentVersion?: string;
  }): Result<{ member: Member; agency: Agency; newMember: boolean }, RedeemError> {
    const now = this.clock.now();
    const normalised = normaliseInviteCode(input.code);
    if (!normalised) return err('invalid');
    const hash = hashInviteCode(normalised);
    return this.store.transaction(() => {
      if (this.store.members.byAccount(input.platform, input.platformUserId)) return err('already_linked');
      const invite = this.store.invites.byHash(hash);
      if (!invite) return err('invalid');
      if (invite.usedAt !== null) return err('used');
      if (invite.expiresAt <= now.toISOString()) return err('expired');
      let member: Member | undefined;
      let newMember = false;
      if (invite.memberId !== null) {
        member = this.store.members.byId(invite.memberId);
        if (!member) return err('invalid');
        if (this.store.members.accounts(member.id).some((a) => a.platform === input.platform)) {
          return err('platform_taken');
        }
      } else {
        const name = invite.displayHint ?? (input.displayName.trim() || 'Thành viên mới');
        member = this.store.members.create({ displayName: name, agencyId: invite.agencyId, role: invite.role }, now);
        newMember = true;
      }
      if (!this.store.invites.markUsed(hash, { platform: input.platform, platformUserId: input.platformUserId }, now)) {
        return err('used');
      }
      this.store.members.linkAccount(
        {
          memberId: member.id,
          platform: input.platform,
          platformUserId: input.platformUserId,
          chatId: input.chatId,
          displayName: input.displayName || null,
        },
        now,
      );
      if (input.consentVersion !== undefined) this.store.consents.record(member.id, input.consentVersion, input.platform, now);
      const agency = this.store.agencies.byId(member.agencyId);
      if (!agency) throw new StoreInvariantError('members', member.id, 'its agency is missing');
      return ok({ member, agency, newMember });
    });
  }

  /**
   * What `issueList` would do with a list, without writing anything: each person's status
   * (`new`, `renewed` when an unused invite of theirs would be replaced, `member` when they already
   * joined) and the members of the list's roles who are not on it. Shown before an admin confirms.
   */
  previewList(people: { name: string; agencyId: number; role: Role }[]): { people: { name: string; agency: Agency; role: Role; status: 'new' | 'renewed' | 'member' }[]; notInList: Member[] } {
    const plan = this.planList(people);
    return { people: plan.people.map(({ pendingHashes: _, ...p }) => p), notInList: plan.notInList };
  }

  /**
   * One invite per person of a list, in one transaction. A person already a member of that agency
   * gets none (`member`); one with an unused invite gets a fresh code and the old one stops working
   * (`renewed`), so re-running a list never makes two invites for one person. Members of the roles
   * on the list who are not on it are reported, never deleted.
   */
  issueList(
    people: { name: string; agencyId: number; role: Role }[],
    actor: { memberId: number | null; via: string },
    hours?: number,
  ): { people: { name: string; agency: Agency; role: Role; status: 'new' | 'renewed' | 'member'; code: string | null; expiresAt: Date | null }[]; notInList: Member[] } {
    const now = this.clock.now();
    return this.store.transaction(() => {
      const plan = this.planList(people);
      const out = plan.people.map(({ pendingHashes, ...person }) => {
        if (person.status === 'member') return { ...person, code: null, expiresAt: null };
        for (const hash of pendingHashes) this.store.invites.withdraw(hash);
        const issued = this.record(person.agency, person.role, null, actor.memberId, person.name, hours);
        return { ...person, code: issued.code, expiresAt: issued.expiresAt };
      });
      const { notInList } = plan;
      const counts = { people: out.length, new: out.filter((p) => p.status === 'new').length, renewed: out.filter((p) => p.status === 'renewed').length, members: out.filter((p) => p.status === 'member').length, notInList: notInList.length };
      this.store.audit.append({ actorMemberId: actor.memberId, via: actor.via, action: 'invite_list', target: null, detail: counts }, now);
      return { people: out, notInList };
    });
  }

  /** Each listed person matched against the members and the unused named invites (same agency, same name). */
  private planList(people: { name: string; agencyId: number; role: Role }[]): {
    people: { name: string; agency: Agency; role: Role; status: 'new' | 'renewed' | 'member'; pendingHashes: string[] }[];
    notInList: Member[];
  } {
    const now = this.clock.now();
    const key = (agencyId: number, name: string) => `${agencyId}|${nameKey(name)}`;
    const members = new Map(this.store.members.list().map((m) => [key(m.agencyId, m.displayName), m]));
    const pending = new Map<string, string[]>();
    for (const invite of this.store.invites.pendingNew(now)) {
      if (invite.displayHint === null) continue;
      const k = key(invite.agencyId, invite.displayHint);
      pending.set(k, [...(pending.get(k) ?? []), invite.codeHash]);
    }
    const listed = new Set<string>();
    const planned = people.map((person) => {
      const k = key(person.agencyId, person.name);
      listed.add(k);
      const agency = this.store.agencies.byId(person.agencyId);
      if (!agency) throw new StoreInvariantError('agencies', person.agencyId, 'resolved but missing');
      if (members.has(k)) return { name: person.name, agency, role: person.role, status: 'member' as const, pendingHashes: [] };
      const old = pending.get(k) ?? [];
      return { name: person.name, agency, role: person.role, status: old.length > 0 ? ('renewed' as const) : ('new' as const), pendingHashes: old };
    });
    const roles = new Set(people.map((p) => p.role));
    const notInList = [...members.entries()].filter(([k, m]) => !listed.has(k) && roles.has(m.role)).map(([, m]) => m);
    return { people: planned, notInList };
  }

  /** Whether a code would link this account now (nothing is written): checked before the privacy notice is shown. */
  check(input: { code: string; platform: string; platformUserId: string }): Result<{ agency: Agency; role: Role; memberId: number | null }, RedeemError> {
    const normalised = normaliseInviteCode(input.code);
    if (!normalised) return err('invalid');
    if (this.store.members.byAccount(input.platform, input.platformUserId)) return err('already_linked');
    const invite = this.store.invites.byHash(hashInviteCode(normalised));
    if (!invite) return err('invalid');
    if (invite.usedAt !== null) return err('used');
    if (invite.expiresAt <= this.clock.now().toISOString()) return err('expired');
    if (invite.memberId !== null && this.store.members.accounts(invite.memberId).some((a) => a.platform === input.platform)) return err('platform_taken');
    const agency = this.store.agencies.byId(invite.agencyId);
    if (!agency) throw new StoreInvariantError('invites', invite.codeHash, 'its agency is missing');
    return ok({ agency, role: invite.role, memberId: invite.memberId });
  }

  private record(
    agency: Agency,
    role: Role,
    memberId: number | null,
    createdBy: number | null,
    displayHint: string | null,
    hours: number | undefined,
  ): IssuedInvite {
    const now = this.clock.now();
    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + (hours ?? this.ttlHours) * 3_600_000);
    this.store.invites.create({
      codeHash: hashInviteCode(normaliseInviteCode(code)!),
      agencyId: agency.id,
      role,
      memberId,
      displayHint,
      createdBy,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return { code, expiresAt, agency, role };
  }
}
