import { prepared, type Db } from './database.js';
import type { Role } from '../domain/roles.js';

export interface Invite {
  codeHash: string;
  agencyId: number;
  role: Role;
  memberId: number | null;
  displayHint: string | null;
  createdBy: number | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** SQL for single-use invite codes (stored hashed). */
export class InviteRepo {
  constructor(private readonly db: Db) {}

  create(invite: Omit<Invite, 'usedAt'>): void {
    prepared(this.db, 
        `INSERT INTO invites (code_hash, agency_id, role, member_id, display_hint, created_by, created_at, expires_at)
         VALUES (@codeHash, @agencyId, @role, @memberId, @displayHint, @createdBy, @createdAt, @expiresAt)`,
      )
      .run(invite);
  }

  byHash(codeHash: string): Invite | undefined {
    return prepared(this.db, 
        `SELECT code_hash AS codeHash, agency_id AS agencyId, role, member_id AS memberId, display_hint AS displayHint,
           created_by AS createdBy, created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt
         FROM invites WHERE code_hash = ?`,
      )
      .get(codeHash) as Invite | undefined;
  }

  /** Unused, unexpired invites for new members (not /lienket codes), with the name they were made for. */
  pendingNew(now: Date): Invite[] {
    return prepared(this.db, 
        `SELECT code_hash AS codeHash, agency_id AS agencyId, role, member_id AS memberId, display_hint AS displayHint,
           created_by AS createdBy, created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt
         FROM invites WHERE used_at IS NULL AND member_id IS NULL AND expires_at > ?`,
      )
      .all(now.toISOString()) as Invite[];
  }

  /** Withdraws an unused invite (its code stops working). */
  withdraw(codeHash: string): void {
    prepared(this.db, 'DELETE FROM invites WHERE code_hash = ? AND used_at IS NULL').run(codeHash);
  }

  /** Marks an invite used; returns false if someone else used it first. */
  markUsed(codeHash: string, by: { platform: string; platformUserId: string }, now: Date): boolean {
    const result = prepared(this.db, 
        `UPDATE invites SET used_at = ?, used_by_platform = ?, used_by_user_id = ?
         WHERE code_hash = ? AND used_at IS NULL`,
      )
      .run(now.toISOString(), by.platform, by.platformUserId, codeHash);
    return result.changes === 1;
  }
}
