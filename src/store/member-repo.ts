import type { Db } from './database.js';
import type { Role } from '../domain/roles.js';

export interface Member {
  id: number;
  displayName: string;
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  role: Role;
  preferredPlatform: string | null;
}

export interface MemberAccount {
  platform: string;
  platformUserId: string;
  memberId: number;
  chatId: string;
  displayName: string | null;
  linkedAt: string;
}

const MEMBER_SELECT = `SELECT m.id, m.display_name AS displayName, m.agency_id AS agencyId, a.code AS agencyCode,
  a.name AS agencyName, m.role, m.preferred_platform AS preferredPlatform
  FROM members m JOIN agencies a ON a.id = m.agency_id`;

const ACCOUNT_SELECT = `SELECT platform, platform_user_id AS platformUserId, member_id AS memberId, chat_id AS chatId,
  display_name AS displayName, linked_at AS linkedAt FROM member_accounts`;

/** SQL for members and the chat accounts linked to them. */
export class MemberRepo {
  constructor(private readonly db: Db) {}

  create(input: { displayName: string; agencyId: number; role: Role }, now: Date): Member {
    const result = this.db
      .prepare('INSERT INTO members (display_name, agency_id, role, created_at) VALUES (?, ?, ?, ?)')
      .run(input.displayName, input.agencyId, input.role, now.toISOString());
    const member = this.byId(Number(result.lastInsertRowid));
    if (!member) throw new Error('member vanished after insert');
    return member;
  }

  byId(id: number): Member | undefined {
    return this.db.prepare(`${MEMBER_SELECT} WHERE m.id = ?`).get(id) as Member | undefined;
  }

  /** The member a platform account belongs to, if it is linked. */
  byAccount(platform: string, platformUserId: string): Member | undefined {
    return this.db
      .prepare(
        `${MEMBER_SELECT} JOIN member_accounts ma ON ma.member_id = m.id
         WHERE ma.platform = ? AND ma.platform_user_id = ?`,
      )
      .get(platform, platformUserId) as Member | undefined;
  }

  /** Links (or re-links) a platform account to a member. */
  linkAccount(
    account: { memberId: number; platform: string; platformUserId: string; chatId: string; displayName: string | null },
    now: Date,
  ): void {
    this.db
      .prepare(
        `INSERT INTO member_accounts (platform, platform_user_id, member_id, chat_id, display_name, linked_at)
         VALUES (@platform, @platformUserId, @memberId, @chatId, @displayName, @now)`,
      )
      .run({ ...account, now: now.toISOString() });
  }

  accounts(memberId: number): MemberAccount[] {
    return this.db
      .prepare(
        `${ACCOUNT_SELECT} WHERE member_id = ? ORDER BY platform`,
      )
      .all(memberId) as MemberAccount[];
  }

  /** Every account linked on one platform, oldest member first. */
  accountsOn(platform: string): MemberAccount[] {
    return this.db
      .prepare(
        `${ACCOUNT_SELECT} WHERE platform = ? ORDER BY member_id`,
      )
      .all(platform) as MemberAccount[];
  }

  /** Members ordered by agency and name; optionally of one agency. */
  list(filter: { agencyId?: number } = {}): Member[] {
    return this.db
      .prepare(`${MEMBER_SELECT} WHERE (@agencyId IS NULL OR m.agency_id = @agencyId) ORDER BY a.name, m.display_name`)
      .all({ agencyId: filter.agencyId ?? null }) as Member[];
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n;
  }
}
