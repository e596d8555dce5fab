import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger.js';
import type { Lease } from '../store/lease-repo.js';
import type { Store } from '../store/store.js';

/** A lease lasts this long without a heartbeat; a holder renews it every HEARTBEAT_MS. */
export const LEASE_TTL_MS = 30_000;
export const HEARTBEAT_MS = 10_000;

const HOST = hostname();

/** A new identity for leases: this machine, this process, and a random part (one per app in the process). */
export const newLeaseOwner = (): string => `${HOST}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** True when the lease's holder is a process on this machine that no longer runs (killed, crashed). */
export function holderIsGone(lease: Lease): boolean {
  if (!lease.owner.startsWith(`${HOST}:`)) return false;
  if (lease.pid === process.pid) return false;
  try {
    process.kill(lease.pid, 0);
    return false;
  } catch (error) {
    // EPERM: a live process of another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The live holder of a lease, or undefined (none, expired, or its process is gone). Lease time is wall-clock time. */
export function leaseHolder(store: Store, name: string): Lease | undefined {
  const lease = store.leases.get(name);
  if (!lease || lease.expiresAt <= new Date().toISOString() || holderIsGone(lease)) return undefined;
  return lease;
}

/**
 * Keeps trying to hold a named lease in SQLite (owner, heartbeat, expiry): every HEARTBEAT_MS it
 * renews the lease or, if another process holds it, checks whether that one lapsed (or died on
 * this machine) and takes over. `onAcquire` and `onLose` start and stop the work the lease guards.
 * Lease times are wall-clock times (they coordinate processes), not the app's clock.
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | undefined;
  private held = false;
  private transition: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    readonly name: string,
    private readonly logger: Logger,
    private readonly work: { onAcquire(): void; onLose(): Promise<void> },
    readonly owner: string = newLeaseOwner(),
  ) {}

  get holding(): boolean {
    return this.held;
  }

  /** Tries now, then every HEARTBEAT_MS. */
  start(): void {
    this.beat();
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  /** Stops the work, then gives the lease up so another process can take over at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.transition;
    if (this.held) {
      this.held = false;
      await this.work.onLose();
      this.store.leases.release(this.name, this.owner);
    }
  }

  private beat(): void {
    let granted: boolean;
    try {
      granted = this.store.leases.acquire(this.name, this.owner, process.pid, new Date(), LEASE_TTL_MS, holderIsGone);
    } catch (error) {
      // A busy or closing database: try again at the next beat; a lease not renewed lapses by itself.
      this.logger.warn({ err: error, lease: this.name }, 'lease heartbeat failed');
      return;
    }
    if (granted && !this.held) {
      this.held = true;
      this.logger.info({ lease: this.name, owner: this.owner }, 'lease taken: this process now does the work');
      this.work.onAcquire();
    } else if (!granted && this.held) {
      this.held = false;
      const holder = this.store.leases.get(this.name);
      this.logger.warn({ lease: this.name, holder: holder?.owner }, 'lease lost to another process: stopping the work');
      this.transition = this.work.onLose();
    } else if (!granted && this.timer === undefined) {
      const holder = this.store.leases.get(this.name);
      this.logger.info({ lease: this.name, holder: holder?.owner, pid: holder?.pid }, 'another dondoc process holds the lease; this one takes over if it stops');
    }
  }
}
