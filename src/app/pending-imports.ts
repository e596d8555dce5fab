import { randomBytes } from 'node:crypto';
import type { PlanMeta, UnresolvedAgency } from './plan-import-service.js';

/** A file an admin sent (a plan, a list of people), read but not yet written, waiting for their confirmation. */
export interface PendingImport<M = PlanMeta> {
  memberId: number;
  fileName: string;
  data: Buffer;
  meta: M;
  /** New agencies a plan's dry run offered ("Thêm …" buttons carry the token and a number into this list). */
  proposals?: NonNullable<UnresolvedAgency['propose']>[];
  expires: number;
}

/**
 * Files waiting for their confirm button ("Nhập kế hoạch này", "Tạo mã mời"; default: 30 minutes). Held in memory on purpose: a
 * restart only means the admin sends the file again, and no half-imported plan can linger.
 */
export class PendingImports<M = PlanMeta> {
  private readonly items = new Map<string, PendingImport<M>>();

  constructor(private readonly ttlMs = 30 * 60_000) {}

  /** Keeps a file and returns the unguessable token its confirm button carries. */
  add(item: Omit<PendingImport<M>, 'expires'>, now: Date): string {
    for (const [key, pending] of this.items) if (pending.expires < now.getTime()) this.items.delete(key);
    const token = randomBytes(6).toString('base64url');
    this.items.set(token, { ...item, expires: now.getTime() + this.ttlMs });
    return token;
  }

  /** Takes the file back out, if it is still there, unexpired and belongs to this member. */
  take(token: string, memberId: number, now: Date): PendingImport<M> | undefined {
    const item = this.items.get(token);
    if (!item || item.memberId !== memberId) return undefined;
    this.items.delete(token);
    return item.expires >= now.getTime() ? item : undefined;
  }

  /** Looks at a waiting file without taking it (its proposals are added while it waits). */
  peek(token: string, memberId: number, now: Date): PendingImport<M> | undefined {
    const item = this.items.get(token);
    return item && item.memberId === memberId && item.expires >= now.getTime() ? item : undefined;
  }

  drop(token: string): void {
    this.items.delete(token);
  }
}
