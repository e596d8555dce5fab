import { StoreInvariantError } from '../errors.js';
import { prepared, type Db } from './database.js';
import { OUTBOX_BLANK } from './outbox-repo.js';
import type { Role } from '../domain/roles.js';

export interface Member {
  id: number;
  displayName: string;
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  role: Role;
  preferredPlatform: string | null;
  muted: boolean;
}

export interface MemberAccount {
  platform: string;
  platformUserId: string;
  memberId: number;
  chatId: string;
  displayName: string | null;
  linkedAt: string;
  unreachableAt: string | null;
}

const MEMBER_SELECT = `SELECT m.id, m.display_name AS displayName, m.agency_id AS agencyId, a.code AS agencyCode,
  a.name AS agencyName, m.role, m.preferred_platform AS preferredPlatform, m.muted = 1 AS muted
  FROM members m JOIN agencies a ON a.id = m.agency_id`;

type MemberRow = Omit<Member, 'muted'> & { muted: number };
const fixMember = (row: unknown): Member => ({ ...(row as MemberRow), muted: (row as MemberRow).muted === 1 });

const ACCOUNT_SELECT = `SELECT platform, platform_user_id AS platformUserId, member_id AS memberId, chat_id AS chatId,
  display_name AS displayName, linked_at AS linkedAt, unreachable_at AS unreachableAt FROM member_accounts`;


/** An outbox row of an erased member: kept for the broadcast counts, without chat id or text; never sent. */
const OUTBOX_ERASE = `UPDATE outbox SET ${OUTBOX_BLANK}`;

const NO_PLATFORMS: ReadonlySet<string> = new Set();
/** SQL for members and the chat accounts linked to them. */
export class MemberRepo {
  constructor(private readonly db: Db) {}

  create(input: { displayName: string; agencyId: number; role: Role }, now: Date): Member {
    const result = prepared(this.db, 'INSERT INTO members (display_name, agency_id, role, created_at) VALUES (?, ?, ?, ?)')
      .run(input.displayName, input.agencyId, input.role, now.toISOString());
    const member = this.byId(Number(result.lastInsertRowid));
    if (!member) throw new StoreInvariantError('members', String(result.lastInsertRowid), 'vanished after insert');
    return member;
  }

  byId(id: number): Member | undefined {
    const row = prepared(this.db, `${MEMBER_SELECT} WHERE m.id = ?`).get(id);
    return row ? fixMember(row) : undefined;
  }

  /** The member a platform account belongs to, if it is linked. */
  byAccount(platform: string, platformUserId: string): Member | undefined {
    const row = prepared(this.db, 
        `${MEMBER_SELECT} JOIN member_accounts ma ON ma.member_id = m.id
         WHERE ma.platform = ? AND ma.platform_user_id = ?`,
      )
      .get(platform, platformUserId);
    return row ? fixMember(row) : undefined;
  }

  /** Links (or re-links) a platform account to a member. */
  linkAccount(
    account: { memberId: number; platform: string; platformUserId: string; chatId: string; displayName: string | null },
    now: Date,
  ): void {
    prepared(this.db, 
        `INSERT INTO member_accounts (platform, platform_user_id, member_id, chat_id, display_name, linked_at)
         VALUES (@platform, @platformUserId, @memberId, @chatId, @displayName, @now)`,
      )
      .run({ ...account, now: now.toISOString() });
  }

  accounts(memberId: number): MemberAccount[] {
    return prepared(this.db, 
        `${ACCOUNT_SELECT} WHERE member_id = ? ORDER BY platform`,
      )
      .all(memberId) as MemberAccount[];
  }

  /** Every account linked on one platform, oldest member first. */
  accountsOn(platform: string): MemberAccount[] {
    return prepared(this.db, 
        `${ACCOUNT_SELECT} WHERE platform = ? ORDER BY member_id`,
      )
      .all(platform) as MemberAccount[];
  }

  /** Members ordered by agency and name; optionally of one agency. */
  list(filter: { agencyId?: number } = {}): Member[] {
    return prepared(this.db, `${MEMBER_SELECT} WHERE (@agencyId IS NULL OR m.agency_id = @agencyId) AND m.removed_at IS NULL ORDER BY a.name, m.display_name`)
      .all({ agencyId: filter.agencyId ?? null })
      .map(fixMember);
  }

  /** Members of an agency with one of the roles. */
  ofAgency(agencyId: number, roles: Role[]): Member[] {
    return this.list({ agencyId }).filter((m) => roles.includes(m.role));
  }

  /** Members with a role, across agencies. */
  withRole(role: Role): Member[] {
    return prepared(this.db, `${MEMBER_SELECT} WHERE m.role = ? AND m.removed_at IS NULL ORDER BY m.id`).all(role).map(fixMember);
  }

  /**
   * Where dondoc writes to a member on its own: the preferred platform if linked and reachable,
   * else the first reachable account; undefined if none.
   */
  /** The account dondoc reaches a member on: the preferred one, else the first; `avoid`: platforms used only when nothing else is linked. */
  deliveryAccount(member: Member, avoid: ReadonlySet<string> = NO_PLATFORMS): MemberAccount | undefined {
    const all = this.accounts(member.id).filter((a) => a.unreachableAt === null);
    const accounts = all.filter((a) => !avoid.has(a.platform));
    return accounts.find((a) => a.platform === member.preferredPlatform) ?? accounts[0] ?? all.find((a) => a.platform === member.preferredPlatform) ?? all[0];
  }

  markUnreachable(platform: string, chatId: string, now: Date): void {
    prepared(this.db, 'UPDATE member_accounts SET unreachable_at = ? WHERE platform = ? AND chat_id = ?').run(now.toISOString(), platform, chatId);
  }

  /** Accounts that could not be reached, with their member. */
  unreachable(): { member: Member; account: MemberAccount }[] {
    const rows = prepared(this.db, `${ACCOUNT_SELECT} WHERE unreachable_at IS NOT NULL ORDER BY member_id`).all() as MemberAccount[];
    return rows.flatMap((account) => {
      const member = this.byId(account.memberId);
      return member ? [{ member, account }] : [];
    });
  }

  /**
   * Corrects a member's name (call inside a transaction); the invite codes their accounts used,
   * which carried the name they were made for, carry the corrected one.
   */
  rename(memberId: number, name: string): void {
    prepared(this.db, 'UPDATE members SET display_name = ? WHERE id = ?').run(name, memberId);
    for (const a of this.accounts(memberId)) {
      prepared(this.db, 'UPDATE invites SET display_hint = ? WHERE used_by_platform = ? AND used_by_user_id = ? AND display_hint IS NOT NULL').run(name, a.platform, a.platformUserId);
    }
  }

  /** Gives a member another role (reminders and commands follow it from their next use). */
  setRole(memberId: number, role: Role): void {
    prepared(this.db, 'UPDATE members SET role = ? WHERE id = ?').run(role, memberId);
  }

  setMuted(memberId: number, muted: boolean): void {
    prepared(this.db, 'UPDATE members SET muted = ? WHERE id = ?').run(muted ? 1 : 0, memberId);
  }

  setPreferredPlatform(memberId: number, platform: string): void {
    prepared(this.db, 'UPDATE members SET preferred_platform = ? WHERE id = ?').run(platform, memberId);
  }

  /** True once the member's personal data was erased (`erase`). */
  isRemoved(memberId: number): boolean {
    return prepared(this.db, 'SELECT 1 FROM members WHERE id = ? AND removed_at IS NOT NULL').get(memberId) !== undefined;
  }

  /**
   * Erases a member's personal data (call inside a transaction): their chat accounts, the invite
   * codes that name them or their accounts, the messages queued or kept for their chats, the
   * numbered choices and received updates of their chats, their held files, web sessions and login links; the member row stays with its agency and
   * role but `anonymousName` as name, so the agency's history keeps pointing at it.
   */
  erase(memberId: number, anonymousName: string, now: Date): void {
    const accounts = this.accounts(memberId);
    for (const a of accounts) {
      prepared(this.db, OUTBOX_ERASE + ' WHERE platform = ? AND chat_id = ?').run(a.platform, a.chatId);
      prepared(this.db, 'DELETE FROM pending_choices WHERE platform = ? AND chat_id = ?').run(a.platform, a.chatId);
      prepared(this.db, 'UPDATE invites SET used_by_platform = NULL, used_by_user_id = NULL, display_hint = NULL WHERE used_by_platform = ? AND used_by_user_id = ?').run(a.platform, a.platformUserId);
      // Received updates carry the sender's account and name; handled ones are only kept against re-delivery.
      for (const id of new Set([a.platformUserId, a.chatId])) {
        prepared(this.db, 'DELETE FROM incoming_updates WHERE platform = ? AND handled_at IS NOT NULL AND instr(payload, ?) > 0').run(a.platform, id);
      }
    }
    // An admin's /moi carried the name: received updates that name the member go too (handled ones only).
    const names = new Set([this.byId(memberId)?.displayName, ...accounts.map((a) => a.displayName)].filter((n): n is string => !!n && n.length >= 3));
    for (const name of names) prepared(this.db, 'DELETE FROM incoming_updates WHERE handled_at IS NOT NULL AND instr(payload, ?) > 0').run(name);
    prepared(this.db, OUTBOX_ERASE + ' WHERE member_id = ?').run(memberId);
    prepared(this.db, 'DELETE FROM member_accounts WHERE member_id = ?').run(memberId);
    prepared(this.db, 'DELETE FROM held_evidence WHERE member_id = ?').run(memberId);
    // The row stays, so an open web session or unspent login link would still open the dashboard as them.
    prepared(this.db, 'DELETE FROM web_sessions WHERE member_id = ?').run(memberId);
    prepared(this.db, 'DELETE FROM web_login_tokens WHERE member_id = ?').run(memberId);
    prepared(this.db, 'UPDATE invites SET display_hint = NULL WHERE member_id = ?').run(memberId);
    prepared(this.db, 'UPDATE members SET display_name = ?, preferred_platform = NULL, muted = 0, removed_at = ? WHERE id = ?').run(anonymousName, now.toISOString(), memberId);
  }

  count(): number {
    return (prepared(this.db, 'SELECT COUNT(*) AS n FROM members').get() as { n: number }).n;
  }
}
