import type { Clock } from '../clock.js';
import type { OutboxRow } from '../store/outbox-repo.js';
import type { Store } from '../store/store.js';
import type { Member, MemberAccount } from '../store/member-repo.js';
import { encodeReplies } from './reply-codec.js';
import type { Reply } from './reply.js';
import type { ReminderMessages } from './scheduler.js';

/**
 * A wake-up line from whoever queues outbox messages to the worker that sends them. It exists before
 * both, so neither needs the other to be built first (the worker also polls once a second).
 */
export class OutboxSignal {
  private readonly listeners: (() => void)[] = [];

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }

  fire(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Messages dondoc sends on its own initiative, through the outbox: notices to every Sở Nội vụ admin
 * or to one member, once per dedupe key, on the member's delivery account; and what follows when a
 * member turns out unreachable.
 */
export class Notifier {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly messages: Pick<ReminderMessages, 'unreachable'>,
    readonly signal: OutboxSignal = new OutboxSignal(),
    /** Platforms to spare when a member has another (a monthly budget running out). */
    private readonly spare: () => ReadonlySet<string> = () => new Set(),
  ) {}

  /** The account dondoc reaches a member on, sparing a platform whose budget is tight when the member linked another. */
  accountFor(member: Member): MemberAccount | undefined {
    return this.store.members.deliveryAccount(member, this.spare());
  }

  /** Is the platform's monthly budget tight (non-urgent messages are not sent there)? */
  spares(platform: string): boolean {
    return this.spare().has(platform);
  }

  /** Queues `replies` for a chat once per key; returns the outbox row id. */
  enqueue(key: string, purpose: string, memberId: number | null, platform: string, chatId: string, replies: Reply[], now: Date = this.clock.now()): number {
    return this.store.outbox.enqueue({ dedupeKey: key, purpose, memberId, platform, chatId, payload: encodeReplies(replies) }, now);
  }

  /** A reply to every admin (each once per key), then wakes the sender. */
  toAdmins(key: string, purpose: string, reply: Reply, now: Date = this.clock.now()): void {
    for (const admin of this.store.members.withRole('admin')) {
      const account = this.accountFor(admin);
      if (account) this.enqueue(`${key}:${admin.id}`, purpose, admin.id, account.platform, account.chatId, [reply], now);
    }
    this.signal.fire();
  }

  /** A reply to one member (once per key) on the account dondoc reaches them on, then wakes the sender. */
  toMember(key: string, memberId: number, reply: Reply): void {
    const member = this.store.members.byId(memberId);
    const account = member ? this.accountFor(member) : undefined;
    if (!account) return;
    this.enqueue(key, 'notice', memberId, account.platform, account.chatId, [reply]);
    this.signal.fire();
  }

  /** A reply to one chat now (once per key), outside the answer to its message: e.g. how far a long read has got. */
  toChat(key: string, memberId: number | null, platform: string, chatId: string, reply: Reply): void {
    this.enqueue(key, 'notice', memberId, platform, chatId, [reply]);
    this.signal.fire();
  }

  /** The worker found a chat unreachable (blocked, deleted): mark the account and tell Sở Nội vụ once. */
  memberUnreachable(row: OutboxRow): void {
    const now = this.clock.now();
    this.store.members.markUnreachable(row.platform, row.chatId, now);
    const member = row.memberId ? this.store.members.byId(row.memberId) : undefined;
    if (!member) return;
    this.toAdmins(`unreachable:${member.id}:${row.platform}`, 'notice', this.messages.unreachable(member.displayName, member.agencyName, row.platform), now);
  }
}
