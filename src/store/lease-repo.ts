import { prepared, type Db } from './database.js';

export interface Lease {
  name: string;
  /** "<host>:<pid>:<random>": unique per running process. */
  owner: string;
  pid: number;
  heartbeat: string;
  expiresAt: string;
}

/** SQL for leases: who among the processes on this database sends the outbox and runs the scheduler. */
export class LeaseRepo {
  constructor(private readonly db: Db) {}

  get(name: string): Lease | undefined {
    return prepared(this.db, 'SELECT name, owner, pid, heartbeat, expires_at AS expiresAt FROM leases WHERE name = ?').get(name) as Lease | undefined;
  }

  /**
   * Takes or renews the lease in one immediate transaction: granted when nobody holds it, when its
   * holder is `owner` already, when it has expired, or when `holderIsGone` says its holder is dead.
   */
  acquire(name: string, owner: string, pid: number, now: Date, ttlMs: number, holderIsGone: (lease: Lease) => boolean): boolean {
    const take = this.db.transaction(() => {
      const current = this.get(name);
      if (current && current.owner !== owner && current.expiresAt > now.toISOString() && !holderIsGone(current)) return false;
      prepared(this.db,
        `INSERT INTO leases (name, owner, pid, heartbeat, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, heartbeat = excluded.heartbeat, expires_at = excluded.expires_at`,
      ).run(name, owner, pid, now.toISOString(), new Date(now.getTime() + ttlMs).toISOString());
      return true;
    });
    return take.immediate();
  }

  /** Gives the lease up if `owner` holds it. */
  release(name: string, owner: string): void {
    prepared(this.db, 'DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
  }
}
