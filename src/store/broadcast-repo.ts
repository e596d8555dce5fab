import { prepared, type Db } from './database.js';

export interface Broadcast {
  id: number;
  createdBy: number;
  body: string;
  audience: string | null;
  audienceLabel: string | null;
  status: 'draft' | 'sent' | 'cancelled';
  createdAt: string;
  sentAt: string | null;
}

export interface BroadcastStats {
  recipients: number;
  sent: number;
  pending: number;
  unreachable: number;
  failed: number;
  acknowledged: number;
  /** Members of the audience with no chat account when it was sent: not among `recipients`, never reached. */
  unlinked: number;
}

/** The file a broadcast carries (without its bytes). */
export interface BroadcastFile {
  broadcastId: number;
  fileName: string;
  mimeType: string;
  size: number;
  linkToken: string;
  telegramFileId: string | null;
  createdAt: string;
}

const FILE_SELECT = `SELECT broadcast_id AS broadcastId, file_name AS fileName, mime_type AS mimeType, size,
  link_token AS linkToken, telegram_file_id AS telegramFileId, created_at AS createdAt FROM broadcast_files`;

const SELECT = `SELECT id, created_by AS createdBy, body, audience, audience_label AS audienceLabel, status,
  created_at AS createdAt, sent_at AS sentAt FROM broadcasts`;

/** SQL for broadcasts, their recipients and acknowledgements. */
export class BroadcastRepo {
  constructor(private readonly db: Db) {}

  createDraft(createdBy: number, body: string, now: Date): Broadcast {
    const result = prepared(this.db, 'INSERT INTO broadcasts (created_by, body, created_at) VALUES (?, ?, ?)').run(createdBy, body, now.toISOString());
    return this.byId(Number(result.lastInsertRowid))!;
  }

  byId(id: number): Broadcast | undefined {
    return prepared(this.db, `${SELECT} WHERE id = ?`).get(id) as Broadcast | undefined;
  }

  setAudience(id: number, audience: string, label: string): void {
    prepared(this.db, "UPDATE broadcasts SET audience = ?, audience_label = ? WHERE id = ? AND status = 'draft'").run(audience, label, id);
  }

  /** Marks a draft sent; false if it was not a draft any more (a second press of "Gửi"). */
  markSent(id: number, now: Date): boolean {
    return prepared(this.db, "UPDATE broadcasts SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'draft'").run(now.toISOString(), id).changes === 1;
  }

  /** Attaches a file to a draft (replacing an earlier one); false if the broadcast is no longer a draft. */
  attachFile(id: number, file: { fileName: string; mimeType: string; data: Buffer; linkToken: string }, now: Date): boolean {
    return this.db.transaction(() => {
      if (this.byId(id)?.status !== 'draft') return false;
      prepared(
        this.db,
        `INSERT INTO broadcast_files (broadcast_id, file_name, mime_type, size, data, link_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (broadcast_id) DO UPDATE SET file_name = excluded.file_name, mime_type = excluded.mime_type, size = excluded.size,
           data = excluded.data, link_token = excluded.link_token, telegram_file_id = NULL, created_at = excluded.created_at`,
      ).run(id, file.fileName, file.mimeType, file.data.length, file.data, file.linkToken, now.toISOString());
      return true;
    })();
  }

  file(id: number): BroadcastFile | undefined {
    return prepared(this.db, `${FILE_SELECT} WHERE broadcast_id = ?`).get(id) as BroadcastFile | undefined;
  }

  fileByToken(token: string): BroadcastFile | undefined {
    return prepared(this.db, `${FILE_SELECT} WHERE link_token = ?`).get(token) as BroadcastFile | undefined;
  }

  fileData(id: number): Buffer | undefined {
    return (prepared(this.db, 'SELECT data FROM broadcast_files WHERE broadcast_id = ?').get(id) as { data: Buffer } | undefined)?.data;
  }

  /** Remembers Telegram's file_id after the first upload, so the other recipients get the file without re-uploading it. */
  setTelegramFileId(id: number, fileId: string): void {
    prepared(this.db, 'UPDATE broadcast_files SET telegram_file_id = ? WHERE broadcast_id = ? AND telegram_file_id IS NULL').run(fileId, id);
  }

  cancel(id: number): boolean {
    return prepared(this.db, "UPDATE broadcasts SET status = 'cancelled' WHERE id = ? AND status = 'draft'").run(id).changes === 1;
  }

  addRecipient(broadcastId: number, memberId: number, agencyId: number, outboxId: number): void {
    prepared(
      this.db,
      `INSERT INTO broadcast_recipients (broadcast_id, member_id, agency_id, outbox_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (broadcast_id, member_id) DO UPDATE SET outbox_id = excluded.outbox_id, resends = resends + 1`,
    ).run(broadcastId, memberId, agencyId, outboxId);
  }

  /** Records "Đã nhận"; false if this member was not a recipient or had already acknowledged. */
  acknowledge(broadcastId: number, memberId: number, now: Date): 'acked' | 'again' | 'not_recipient' {
    const row = prepared(this.db, 'SELECT acked_at AS ackedAt FROM broadcast_recipients WHERE broadcast_id = ? AND member_id = ?').get(broadcastId, memberId) as
      | { ackedAt: string | null }
      | undefined;
    if (!row) return 'not_recipient';
    if (row.ackedAt) return 'again';
    prepared(this.db, 'UPDATE broadcast_recipients SET acked_at = ? WHERE broadcast_id = ? AND member_id = ?').run(now.toISOString(), broadcastId, memberId);
    return 'acked';
  }

  recent(limit = 10): Broadcast[] {
    return prepared(this.db, `${SELECT} ORDER BY id DESC LIMIT ?`).all(limit) as Broadcast[];
  }

  stats(id: number): BroadcastStats {
    return prepared(
      this.db,
      `SELECT COALESCE(SUM(r.outbox_id IS NOT NULL), 0) AS recipients, COALESCE(SUM(r.outbox_id IS NULL), 0) AS unlinked,
         SUM(o.status = 'sent') AS sent, SUM(o.status IN ('pending', 'sending')) AS pending,
         SUM(o.status = 'unreachable') AS unreachable, SUM(o.status = 'failed') AS failed,
         SUM(r.acked_at IS NOT NULL AND r.outbox_id IS NOT NULL) AS acknowledged
       FROM broadcast_recipients r LEFT JOIN outbox o ON o.id = r.outbox_id WHERE r.broadcast_id = ?`,
    ).get(id) as BroadcastStats;
  }

  /** The same counts as `stats`, one row per agency of the recipients (by agency id). */
  statsByAgency(id: number): (BroadcastStats & { agencyId: number })[] {
    return prepared(
      this.db,
      `SELECT r.agency_id AS agencyId, COALESCE(SUM(r.outbox_id IS NOT NULL), 0) AS recipients, COALESCE(SUM(r.outbox_id IS NULL), 0) AS unlinked,
         COALESCE(SUM(o.status = 'sent'), 0) AS sent, COALESCE(SUM(o.status IN ('pending', 'sending')), 0) AS pending,
         COALESCE(SUM(o.status = 'unreachable'), 0) AS unreachable, COALESCE(SUM(o.status = 'failed'), 0) AS failed,
         COALESCE(SUM(r.acked_at IS NOT NULL AND r.outbox_id IS NOT NULL), 0) AS acknowledged
       FROM broadcast_recipients r LEFT JOIN outbox o ON o.id = r.outbox_id WHERE r.broadcast_id = ? GROUP BY r.agency_id`,
    ).all(id) as (BroadcastStats & { agencyId: number })[];
  }

  /** The last broadcasts sent to someone of an agency (reached or not), newest first. */
  recentTo(agencyId: number, limit = 10): Broadcast[] {
    return prepared(this.db, `${SELECT} WHERE status = 'sent' AND id IN (SELECT broadcast_id FROM broadcast_recipients WHERE agency_id = ?) ORDER BY id DESC LIMIT ?`).all(agencyId, limit) as Broadcast[];
  }

  /** Records a member of the audience who had no chat account when it was sent (no copy queued). */
  addUnlinked(broadcastId: number, memberId: number, agencyId: number): void {
    prepared(this.db, 'INSERT INTO broadcast_recipients (broadcast_id, member_id, agency_id, outbox_id) VALUES (?, ?, ?, NULL) ON CONFLICT (broadcast_id, member_id) DO NOTHING').run(broadcastId, memberId, agencyId);
  }

  /** The audience's members who had no chat account (no copy sent to them), by agency. */
  unlinked(id: number): { memberId: number; agencyId: number }[] {
    return prepared(this.db, 'SELECT member_id AS memberId, agency_id AS agencyId FROM broadcast_recipients WHERE broadcast_id = ? AND outbox_id IS NULL ORDER BY agency_id, member_id').all(id) as {
      memberId: number;
      agencyId: number;
    }[];
  }

  /** Recipients who have not pressed "Đã nhận", with their agency (members not reached included: a resend tries them again). */
  unacknowledged(id: number): { memberId: number; agencyId: number }[] {
    return prepared(this.db, 'SELECT member_id AS memberId, agency_id AS agencyId FROM broadcast_recipients WHERE broadcast_id = ? AND acked_at IS NULL ORDER BY agency_id, member_id').all(id) as {
      memberId: number;
      agencyId: number;
    }[];
  }

  resendCount(id: number, memberId: number): number {
    return (prepared(this.db, 'SELECT resends FROM broadcast_recipients WHERE broadcast_id = ? AND member_id = ?').get(id, memberId) as { resends: number } | undefined)?.resends ?? 0;
  }
}
