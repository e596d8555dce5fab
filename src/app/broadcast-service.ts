import type { Clock } from '../clock.js';
import { addDays, civilDateOf } from '../domain/civil-date.js';
import { err, ok, type Result } from '../domain/result.js';
import { randomBytes } from 'node:crypto';
import type { Broadcast, BroadcastFile, BroadcastStats } from '../store/broadcast-repo.js';
import type { Member } from '../store/member-repo.js';
import type { Store } from '../store/store.js';
import { encodeReplies } from './reply-codec.js';
import type { Attachment, Reply } from './reply.js';
import type { SummaryService } from './summary-service.js';
import type { ChatGroup } from '../store/group-repo.js';

export const BROADCAST_FILE_REF_PREFIX = 'broadcast:';

/** The reference an outbox row keeps instead of a broadcast file's bytes. */
export const broadcastFileRef = (broadcastId: number) => `${BROADCAST_FILE_REF_PREFIX}${broadcastId}`;

export interface Audience {
  code: string;
  label: string;
}

export interface ResolvedAudience {
  label: string;
  /** The members dondoc can reach (a chat account to deliver to). */
  recipients: { memberId: number; agencyId: number }[];
  /** How many agencies the reachable recipients belong to. */
  agencies: number;
  /** Members of the audience with no chat account yet ("chưa liên kết tài khoản"): named, never counted as reached. */
  unlinked: { memberId: number; agencyId: number; name: string; agencyName: string }[];
}

/**
 * Broadcasts from Sở Nội vụ: who they can reach, and queueing one copy per recipient in the outbox
 * (crash-safe and rate-limited like reminders), with acknowledgements and resends.
 */
export class BroadcastService {
  constructor(
    private readonly store: Store,
    private readonly summaries: SummaryService,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {}

  /** The audiences offered as choices: everyone, focal points, each agency kind, overdue agencies, open reports. */
  audiences(): Audience[] {
    const today = civilDateOf(this.clock.now(), this.timeZone);
    // Only kinds that have an agency today: since 1/7/2025 a province has no district level, though its
    // kind stays in the directory for older plans.
    const present = new Set(this.store.agencies.list().map((a) => a.kind));
    const kinds = this.store.agencies
      .kinds()
      .filter((k) => present.has(k.code))
      .map((k) => ({ code: `kind:${k.code}`, label: `Đầu mối ${k.label}` }));
    const reports = this.store.reports
      .dueBetween(addDays(today, -120), addDays(today, 30))
      .slice(-4)
      .map((r) => ({ code: `report:${r.id}`, label: `Chưa nộp ${r.code}/${r.year}` }));
    return [
      { code: 'all', label: 'Tất cả thành viên' },
      { code: 'focal', label: 'Tất cả đầu mối' },
      ...kinds,
      { code: 'overdue', label: 'Cơ quan có việc quá hạn' },
      ...reports,
    ];
  }

  /** Who an audience code reaches today ("agencies:STP,STC" names agencies by code). */
  resolve(code: string, sender: Member): Result<ResolvedAudience, 'unknown_audience' | 'unknown_agency'> {
    const { store } = this;
    const members = store.members.list().filter((m) => m.id !== sender.id);
    const focal = members.filter((m) => m.role === 'focal');
    const fromAgencies = (ids: Set<number>) => focal.filter((m) => ids.has(m.agencyId));
    let label: string;
    let chosen: Member[];
    const [kind, value = ''] = code.split(':', 2) as [string, string?];
    if (code === 'all') [label, chosen] = ['Tất cả thành viên', members];
    else if (code === 'focal') [label, chosen] = ['Tất cả đầu mối', focal];
    else if (kind === 'kind') {
      const k = store.agencies.kinds().find((x) => x.code === value);
      if (!k) return err('unknown_audience');
      const ids = new Set(store.agencies.list({ kind: value }).map((a) => a.id));
      [label, chosen] = [`Đầu mối ${k.label}`, fromAgencies(ids)];
    } else if (code === 'overdue') {
      [label, chosen] = ['Cơ quan có việc quá hạn', fromAgencies(this.summaries.overdueAgencies())];
    } else if (kind === 'report') {
      const report = store.reports.byId(Number(value));
      if (!report) return err('unknown_audience');
      const ids = new Set(store.reports.obligationsOf(report.id).filter((a) => store.statuses.state('report', report.id, a)?.status !== 'done'));
      [label, chosen] = [`Cơ quan chưa nộp ${report.code}/${report.year}`, fromAgencies(ids)];
    } else if (kind === 'agencies') {
      const agencies = value.split(',').map((c) => store.agencies.byCode(c.trim()));
      if (agencies.length === 0 || agencies.some((a) => !a)) return err('unknown_agency');
      const ids = new Set(agencies.map((a) => a!.id));
      [label, chosen] = [agencies.map((a) => a!.name).join(', '), members.filter((m) => ids.has(m.agencyId))];
    } else return err('unknown_audience');
    const reachable = chosen.filter((m) => store.members.deliveryAccount(m) !== undefined);
    const recipients = reachable.map((m) => ({ memberId: m.id, agencyId: m.agencyId }));
    const unlinked = chosen
      .filter((m) => !reachable.includes(m))
      .map((m) => ({ memberId: m.id, agencyId: m.agencyId, name: m.displayName, agencyName: store.agencies.byId(m.agencyId)?.name ?? String(m.agencyId) }));
    return ok({ label, recipients, agencies: new Set(recipients.map((r) => r.agencyId)).size, unlinked });
  }

  /** Queues one copy per recipient in one transaction; returns how many were queued. */
  send(broadcastId: number, recipients: ResolvedAudience['recipients'], message: Reply, groupMessage?: Reply, unlinked: ResolvedAudience['unlinked'] = [], via = 'chat'): number {
    const { store } = this;
    const now = this.clock.now();
    return store.transaction(() => {
      if (!store.broadcasts.markSent(broadcastId, now)) return -1;
      const queued = this.queue(broadcastId, recipients, message, (memberId) => `broadcast:${broadcastId}:${memberId}`);
      // Kept so /thongbao_tt names them, and a resend reaches those who have linked an account since.
      for (const u of unlinked) store.broadcasts.addUnlinked(broadcastId, u.memberId, u.agencyId);
      const broadcast = store.broadcasts.byId(broadcastId);
      store.audit.append(
        { actorMemberId: broadcast?.createdBy ?? null, via, action: 'broadcast', target: `broadcast:${broadcastId}`, detail: { audience: broadcast?.audience ?? null, recipients: recipients.length, queued } },
        now,
      );
      // Once to each linked group of the audience (the province's groups, and groups of its agencies).
      if (groupMessage) {
        const payload = encodeReplies([groupMessage]);
        for (const g of this.groupsFor(recipients)) {
          store.outbox.enqueue({ dedupeKey: `broadcast:${broadcastId}:group:${g.platform}:${g.chatId}`, purpose: 'broadcast_group', memberId: null, platform: g.platform, chatId: g.chatId, payload }, now);
        }
      }
      return queued;
    });
  }

  /** The linked groups a broadcast to these recipients posts in: the province's, and those of the recipients' agencies. */
  groupsFor(recipients: ResolvedAudience['recipients']): ChatGroup[] {
    const agencies = new Set(recipients.map((r) => r.agencyId));
    return this.store.groups.list().filter((g) => g.agencyId === null || agencies.has(g.agencyId));
  }

  /** Sends again, only to recipients who have not pressed "Đã nhận"; returns how many. */
  resendUnacknowledged(broadcastId: number, message: Reply): number {
    const { store } = this;
    return store.transaction(() =>
      this.queue(broadcastId, store.broadcasts.unacknowledged(broadcastId), message, (memberId) => `broadcast:${broadcastId}:${memberId}:r${store.broadcasts.resendCount(broadcastId, memberId) + 1}`),
    );
  }

  byId(id: number): Broadcast | undefined {
    return this.store.broadcasts.byId(id);
  }

  /** A draft that may still be changed or sent, or why not. */
  draft(id: number): Result<Broadcast, 'not_found' | 'not_draft'> {
    const draft = this.store.broadcasts.byId(id);
    if (!draft) return err('not_found');
    if (draft.status !== 'draft') return err('not_draft');
    return ok(draft);
  }

  createDraft(author: Member, body: string): Broadcast {
    return this.store.broadcasts.createDraft(author.id, body, this.clock.now());
  }

  /**
   * Stores a file with a draft in one transaction: the draft `draftId`, or a new draft of `body`
   * (a file sent with "/thongbao …" as its caption). Undefined when the draft is no longer a draft.
   */
  attachFile(author: Member, draftId: number | null, body: string, file: { fileName: string; mimeType: string; data: Buffer }): Broadcast | undefined {
    const { store } = this;
    const now = this.clock.now();
    return store.transaction(() => {
      const draft = draftId !== null ? store.broadcasts.byId(draftId) : store.broadcasts.createDraft(author.id, body, now);
      if (!draft) return undefined;
      return store.broadcasts.attachFile(draft.id, { ...file, linkToken: randomBytes(16).toString('base64url') }, now) ? draft : undefined;
    });
  }

  /** The file a broadcast carries, as the attachment its copies send (by reference: the outbox keeps no bytes). */
  attachment(id: number): Attachment | undefined {
    const file = this.store.broadcasts.file(id);
    const data = file ? this.store.broadcasts.fileData(id) : undefined;
    if (!file || !data) return undefined;
    return { kind: file.mimeType.startsWith('image/') ? 'photo' : 'document', filename: file.fileName, mimeType: file.mimeType, data, ref: broadcastFileRef(id) };
  }

  file(id: number): BroadcastFile | undefined {
    return this.store.broadcasts.file(id);
  }

  setAudience(id: number, code: string, label: string): void {
    this.store.broadcasts.setAudience(id, code, label);
  }

  /** How many of these recipients dondoc reaches on Zalo (they get files as links). */
  onZalo(recipients: ResolvedAudience['recipients']): number {
    const { members } = this.store;
    return recipients.filter((r) => {
      const member = members.byId(r.memberId);
      return member !== undefined && members.deliveryAccount(member)?.platform === 'zalo';
    }).length;
  }

  cancel(id: number): boolean {
    return this.store.broadcasts.cancel(id);
  }

  acknowledge(id: number, member: Member): 'acked' | 'again' | 'not_recipient' {
    return this.store.broadcasts.acknowledge(id, member.id, this.clock.now());
  }

  /** The last broadcasts with their delivery and acknowledgement counts, newest first. */
  recent(limit = 10): { broadcast: Broadcast; stats: BroadcastStats; hasFile: boolean }[] {
    const { broadcasts } = this.store;
    return broadcasts.recent(limit).map((b) => ({ broadcast: b, stats: broadcasts.stats(b.id), hasFile: broadcasts.file(b.id) !== undefined }));
  }

  /**
   * The last broadcasts with their counts, newest first: all of them, or (`agencyId`) only those sent
   * to that agency, with that agency's counts alone (what a focal point may see on the web).
   */
  recentFor(agencyId: number | undefined, limit = 20): { broadcast: Broadcast; stats: BroadcastStats; hasFile: boolean }[] {
    if (agencyId === undefined) return this.recent(limit);
    const { broadcasts } = this.store;
    return broadcasts.recentTo(agencyId, limit).map((b) => ({ broadcast: b, stats: this.agencyStats(b.id, agencyId), hasFile: broadcasts.file(b.id) !== undefined }));
  }

  /** One broadcast's delivery and acknowledgement counts per agency (the rows of /thongbao_tt's totals), by agency name. */
  byAgency(id: number): (BroadcastStats & { agencyId: number; agencyCode: string; agencyName: string })[] {
    const { broadcasts, agencies } = this.store;
    return broadcasts
      .statsByAgency(id)
      .map((row) => {
        const agency = agencies.byId(row.agencyId);
        return { ...row, agencyCode: agency?.code ?? String(row.agencyId), agencyName: agency?.name ?? String(row.agencyId) };
      })
      .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
  }

  /** One agency's counts of a broadcast (all zero when it was not sent there). */
  agencyStats(id: number, agencyId: number): BroadcastStats {
    const row = this.store.broadcasts.statsByAgency(id).find((r) => r.agencyId === agencyId);
    return row ?? { recipients: 0, sent: 0, pending: 0, unreachable: 0, failed: 0, acknowledged: 0, unlinked: 0 };
  }

  /** One broadcast's counts and the agencies (names) with someone who has not acknowledged it. */
  status(id: number): { broadcast: Broadcast; stats: BroadcastStats; unacknowledgedAgencies: string[]; unlinked: { name: string; agencyName: string }[] } | undefined {
    const { broadcasts, agencies, members } = this.store;
    const broadcast = broadcasts.byId(id);
    if (!broadcast) return undefined;
    const notReached = broadcasts.unlinked(id);
    const unreachedIds = new Set(notReached.map((u) => u.memberId));
    const missing = [...new Set(broadcasts.unacknowledged(id).filter((r) => !unreachedIds.has(r.memberId)).map((r) => r.agencyId))].map((agencyId) => agencies.byId(agencyId)?.name ?? String(agencyId));
    const unlinked = notReached.map((u) => ({ name: members.byId(u.memberId)?.displayName ?? String(u.memberId), agencyName: agencies.byId(u.agencyId)?.name ?? String(u.agencyId) }));
    return { broadcast, stats: broadcasts.stats(id), unacknowledgedAgencies: missing, unlinked };
  }

  private queue(broadcastId: number, recipients: { memberId: number; agencyId: number }[], message: Reply, key: (memberId: number) => string): number {
    const { store } = this;
    const now = this.clock.now();
    const payload = encodeReplies([message]);
    let queued = 0;
    for (const r of recipients) {
      const member = store.members.byId(r.memberId);
      const account = member ? store.members.deliveryAccount(member) : undefined;
      if (!account) continue;
      const outboxId = store.outbox.enqueue({ dedupeKey: key(r.memberId), purpose: 'broadcast', memberId: r.memberId, platform: account.platform, chatId: account.chatId, payload }, now);
      store.broadcasts.addRecipient(broadcastId, r.memberId, r.agencyId, outboxId);
      queued += 1;
    }
    return queued;
  }
}
