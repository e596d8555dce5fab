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
