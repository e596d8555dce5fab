import { prepared, type Db } from './database.js';

/** One open (or closed) web dashboard session, without its secrets. */
export interface WebSession {
  id: number;
  memberId: number;
  csrfToken: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

const SESSION_SELECT = `SELECT id, member_id AS memberId, csrf_token AS csrfToken, user_agent AS userAgent, created_at AS createdAt,
  last_seen_at AS lastSeenAt, expires_at AS expiresAt, revoked_at AS revokedAt FROM web_sessions`;

/** SQL for the web dashboard's one-time login tokens and sessions (both stored as SHA-256 hashes). */
export class WebRepo {
  constructor(private readonly db: Db) {}

  addToken(token: { tokenHash: string; memberId: number; createdAt: string; expiresAt: string }): void {
    prepared(this.db, `INSERT INTO web_login_tokens (token_hash, member_id, created_at, expires_at) VALUES (@tokenHash, @memberId, @createdAt, @expiresAt)`).run(token);
  }

  /** Whether a token is unused and unexpired at `now`, and whose it is (nothing is changed: a GET reads only). */
  peekToken(tokenHash: string, now: string): number | undefined {
    const row = prepared(this.db, `SELECT member_id AS memberId FROM web_login_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`).get(tokenHash, now) as { memberId: number } | undefined;
    return row?.memberId;
  }

  /** Marks a token used and returns its member, in one statement: of two racing spends only one gets the member. */
  spendToken(tokenHash: string, now: string): number | undefined {
    const row = prepared(this.db, `UPDATE web_login_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING member_id AS memberId`).get(now, tokenHash, now) as { memberId: number } | undefined;
    return row?.memberId;
  }

  /** Forgets tokens that expired before `before` (used or not). */
  pruneTokens(before: string): number {
    return prepared(this.db, `DELETE FROM web_login_tokens WHERE expires_at < ?`).run(before).changes;
  }

  /** Forgets sessions that ended by `now` (expired, or closed by logout or from the list): nothing reads them again. */
  pruneSessions(now: string): number {
    return prepared(this.db, `DELETE FROM web_sessions WHERE expires_at <= ? OR revoked_at IS NOT NULL`).run(now).changes;
  }

  addSession(session: { cookieHash: string; memberId: number; csrfToken: string; userAgent: string | null; createdAt: string; expiresAt: string }): number {
    const result = prepared(
      this.db,
      `INSERT INTO web_sessions (cookie_hash, member_id, csrf_token, user_agent, created_at, last_seen_at, expires_at)
       VALUES (@cookieHash, @memberId, @csrfToken, @userAgent, @createdAt, @createdAt, @expiresAt)`,
    ).run(session);
    return Number(result.lastInsertRowid);
  }

  /** The live session a cookie opens at `now` (not revoked, not expired). */
  liveSession(cookieHash: string, now: string): WebSession | undefined {
    return prepared(this.db, `${SESSION_SELECT} WHERE cookie_hash = ? AND revoked_at IS NULL AND expires_at > ?`).get(cookieHash, now) as WebSession | undefined;
  }

  touch(id: number, now: string): void {
    prepared(this.db, `UPDATE web_sessions SET last_seen_at = ? WHERE id = ?`).run(now, id);
  }

  /** A member's live sessions, newest first. */
  liveSessionsOf(memberId: number, now: string): WebSession[] {
    return prepared(this.db, `${SESSION_SELECT} WHERE member_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC`).all(memberId, now) as WebSession[];
  }

  /** Revokes one of a member's sessions; false when it is not theirs or already closed. */
  revoke(memberId: number, id: number, now: string): boolean {
    return prepared(this.db, `UPDATE web_sessions SET revoked_at = ? WHERE id = ? AND member_id = ? AND revoked_at IS NULL`).run(now, id, memberId).changes === 1;
  }
}
