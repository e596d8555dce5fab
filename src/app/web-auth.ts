import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Member } from '../store/member-repo.js';
import type { Store } from '../store/store.js';
import type { WebSession } from '../store/web-repo.js';

/** How long a login link sent in chat works: 10 minutes, long enough to open it, short enough to be useless later. */
export const LOGIN_TOKEN_TTL_MS = 10 * 60_000;
/** How long a web session lasts from login: 12 hours, a working day (log in again from chat the next day). */
export const SESSION_TTL_MS = 12 * 3_600_000;

/** 32 random bytes (256 bits), base64url: a login token, a session cookie, a CSRF token. */
const secret = (): string => randomBytes(32).toString('base64url');
/** What the database keeps of a secret: its SHA-256, so a copy of the file opens nothing. */
export const hashSecret = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** A logged-in visitor: the session and the member it belongs to. */
export interface WebVisitor {
  session: WebSession;
  member: Member;
}

/**
 * The web dashboard's logins without a password: a one-time link sent in chat (tied to the member
 * who asked, valid 10 minutes, spent only by a POST) opens a server-side session kept in SQLite.
 */
export class WebAuthService {
  /** Where the dashboard is served (set when the HTTP server listens; undefined: not served). */
  baseUrl: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The login link for a member (a new single-use token), or undefined when the dashboard is not served. */
  loginLink(member: Member): string | undefined {
    if (!this.baseUrl) return undefined;
    const token = secret();
    const now = this.clock.now();
    this.store.web.pruneTokens(now.toISOString());
    this.store.web.addToken({ tokenHash: hashSecret(token), memberId: member.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + LOGIN_TOKEN_TTL_MS).toISOString() });
    const url = new URL('web/dangnhap', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    url.searchParams.set('t', token);
    return url.toString();
  }

  /** The member a token would log in, without spending it (the GET page that only shows a button). */
  tokenHolder(token: string): Member | undefined {
    const memberId = this.store.web.peekToken(hashSecret(token), this.clock.now().toISOString());
    return memberId === undefined ? undefined : this.store.members.byId(memberId);
  }

  /** Spends a token and opens a session; undefined when the token is unknown, used or expired. */
  login(token: string, userAgent: string | null): { cookie: string; visitor: WebVisitor } | undefined {
    const now = this.clock.now();
    return this.store.transaction(() => {
      const memberId = this.store.web.spendToken(hashSecret(token), now.toISOString());
      if (memberId === undefined) return undefined;
      const member = this.store.members.byId(memberId);
      if (!member) return undefined;
      const cookie = secret();
      const id = this.store.web.addSession({
        cookieHash: hashSecret(cookie),
        memberId,
        csrfToken: secret(),
        userAgent: userAgent?.slice(0, 200) ?? null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      });
      const session = this.store.web.liveSessionsOf(memberId, now.toISOString()).find((s) => s.id === id)!;
      return { cookie, visitor: { session, member } };
    });
  }

  /** The visitor a session cookie belongs to (a live session of a member who still exists), marking it seen. */
  visitor(cookie: string): WebVisitor | undefined {
    const now = this.clock.now().toISOString();
    const session = this.store.web.liveSession(hashSecret(cookie), now);
    if (!session) return undefined;
    const member = this.store.members.byId(session.memberId);
    if (!member) return undefined;
    this.store.web.touch(session.id, now);
    return { session, member };
  }

  /** Whether a form's CSRF token is the session's, compared in constant time. */
  csrfMatches(visitor: WebVisitor, given: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(visitor.session.csrfToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** A member's open sessions, newest first. */
  sessions(member: Member): WebSession[] {
    return this.store.web.liveSessionsOf(member.id, this.clock.now().toISOString());
  }

  /**
   * Deletes the login links that expired (10 minutes): the running bot calls it once a day (the
   * scheduler's daily jobs). Ended sessions stay for their retention period (the nightly prune).
   */
  pruneExpired(): { tokens: number } {
    // Ended sessions are kept for the retention period (data/retention.json) and pruned with the rest.
    return { tokens: this.store.web.pruneTokens(this.clock.now().toISOString()) };
  }

  /** Closes one of the member's sessions (logout closes the current one); false if it was not open. */
  revoke(member: Member, sessionId: number): boolean {
    return this.store.web.revoke(member.id, sessionId, this.clock.now().toISOString());
  }
}
