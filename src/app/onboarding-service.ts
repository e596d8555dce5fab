import type { Clock } from '../clock.js';
import { StoreInvariantError } from '../errors.js';
import { hashInviteCode, newInviteCode, normaliseInviteCode } from '../domain/invite-code.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Role } from '../domain/roles.js';
import type { Agency } from '../store/agency-repo.js';
import type { Member } from '../store/member-repo.js';
import type { Store } from '../store/store.js';

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
  }): Result<IssuedInvite, 'unknown_agency'> {
    const agency = this.store.agencies.find(input.agencyCode);
    if (!agency) return err('unknown_agency');
    return ok(this.record(agency, input.role, null, input.createdBy ?? null, input.displayHint ?? null, input.hours));
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
      const agency = this.store.agencies.byId(member.agencyId);
      if (!agency) throw new StoreInvariantError('members', member.id, 'its agency is missing');
      return ok({ member, agency, newMember });
    });
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
