import type { Store } from '../../src/store/store.js';

const DAY = 86_400_000;
/** A chat id that occurs nowhere else, so finding it (or not) in a table means something. */
export const OLD_CHAT = '731955204';

/**
 * One row on each side of every retention period of data/retention.json (outbox 30 days, received
 * updates 7, held files 1, ended web sessions 30, expired numbered lists 7), as seen at `now`; plus
 * what no prune may touch: a queued message never sent, and a status event with its evidence file
 * from long ago. Returns what a prune at `now` removes per kind.
 */
export function seedRetentionRows(store: Store, now: Date): { counts: Record<string, number>; eventId: number } {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const agencyId = store.agencies.byCode('STP')!.id;
  const member = store.members.create({ displayName: 'Đầu mối thử', agencyId, role: 'focal' }, ago(400));
  const message = (key: string, chatId: string, at: Date) =>
    store.outbox.enqueue({ dedupeKey: key, purpose: 'notice', memberId: member.id, platform: 'telegram', chatId, payload: '[{"text":"Nhắc việc"}]' }, at);

  // Outbox: sent 40 days ago, undeliverable 40 days ago (its error names the chat) → blanked; sent 2 days ago → kept;
  // queued 40 days ago and still waiting (a Zalo quota) → not finished, kept whole.
  store.outbox.markSent(message('old-sent', OLD_CHAT, ago(40)), ago(40));
  store.outbox.finish(message('old-unreachable', OLD_CHAT, ago(40)), 'unreachable', `bot was blocked (telegram, chat ${OLD_CHAT})`);
  store.outbox.markSent(message('recent-sent', '555', ago(2)), ago(2));
  message('old-pending', '556', ago(40));

  // Received updates: handled 10 days ago → deleted; 2 days ago → kept.
  store.updates.record('telegram', 'u-old', `{"from":${OLD_CHAT}}`, ago(10));
  store.updates.markHandled('telegram', 'u-old', ago(10));
  store.updates.record('telegram', 'u-new', '{"from":555}', ago(2));
  store.updates.markHandled('telegram', 'u-new', ago(2));

  // Held files (attached within 30 minutes or never): 2 days old → deleted; an hour old → kept.
  const held = (ref: string, at: Date) => store.statuses.holdEvidence({ memberId: member.id, platform: 'telegram', fileRef: ref, fileName: `${ref}.pdf`, mimeType: 'application/pdf', size: 10, createdAt: at.toISOString() });
  held('held-old', ago(2));
  held('held-new', new Date(now.getTime() - 3_600_000));

  // Web sessions: expired 45 days ago, closed 40 days ago → deleted; expired 10 days ago, live → kept.
  const session = (hash: string, created: Date, expires: Date) =>
    store.web.addSession({ cookieHash: hash, memberId: member.id, csrfToken: 'x', userAgent: 'Firefox', createdAt: created.toISOString(), expiresAt: expires.toISOString() });
  session('expired-long-ago', ago(46), ago(45));
  const closed = session('closed-long-ago', ago(41), ago(20));
  store.web.revoke(member.id, closed, ago(40).toISOString());
  session('expired-recently', ago(11), ago(10));
  session('live', now, new Date(now.getTime() + 12 * 3_600_000));

  // Numbered lists: expired 9 days ago → deleted; expired yesterday (still answers with fresh choices) → kept.
  store.choices.save('zalo', OLD_CHAT, { origin: '/viec', items: [{ label: 'Việc', command: '/viec' }] }, ago(10), ago(9));
  store.choices.save('zalo', '557', { origin: '/viec', items: [{ label: 'Việc', command: '/viec' }] }, ago(2), ago(1));

  // The agency's record, older than every period: never pruned.
  const event = store.statuses.append({ itemKind: 'task', itemId: 1, agencyId, memberId: member.id, platform: 'telegram', status: 'done', progress: null, reason: null, evidence: null, requestedDate: null, createdAt: ago(400).toISOString() });
  store.statuses.attachEvidence({ eventId: event.id, platform: 'telegram', fileRef: 'f-1', fileName: 'bao-cao.pdf', mimeType: 'application/pdf', size: 10, memberId: member.id, createdAt: ago(400).toISOString() });

  return { counts: { outbox: 2, incomingUpdates: 1, heldEvidence: 1, webSessions: 2, numberedChoices: 1 }, eventId: event.id };
}
