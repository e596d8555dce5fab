import { prepared, type Db } from './database.js';

/** One admin action as the audit log keeps it. */
export interface AuditEntry {
  id: number;
  at: string;
  actorMemberId: number | null;
  /** The actor's name now ("thành viên đã xoá" once erased), or null for the command line. */
  actorName: string | null;
  /** The platform the action came through, or "cli". */
  via: string;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}

/** What a member did, as their own data file lists it (keys are the file's Vietnamese field names). */
export interface MemberHoldings {
  capNhat: { luc: string; loai: 'task' | 'report'; ma: string | null; trangThai: string; tienDo: number | null; lyDo: string | null; minhChung: string | null; ngayDeNghi: string | null }[];
  tepDaGui: { luc: string; tenTep: string; kieu: string | null; kichThuoc: number }[];
  congVanDaNhan: { soCongVan: number; guiLuc: string | null; xacNhanLuc: string | null }[];
}

type AuditRow = Omit<AuditEntry, 'detail'> & { detail: string | null };

/** SQL for the append-only audit log (the table refuses UPDATE and DELETE). */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  append(entry: { actorMemberId: number | null; via: string; action: string; target: string | null; detail: Record<string, unknown> | null }, now: Date): void {
    prepared(this.db, 'INSERT INTO audit_log (at, actor_member_id, via, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(now.toISOString(), entry.actorMemberId, entry.via, entry.action, entry.target, entry.detail ? JSON.stringify(entry.detail) : null);
  }

  /** What a member did, as their own data file lists it: status updates, files sent, broadcasts received. */
  holdings(memberId: number): MemberHoldings {
    return {
      capNhat: prepared(this.db, 
        `SELECT e.created_at AS luc, e.item_kind AS loai, COALESCE(t.code, r.code) AS ma, e.status AS trangThai, e.progress AS tienDo,
           e.reason AS lyDo, e.evidence AS minhChung, e.requested_date AS ngayDeNghi
         FROM status_events e LEFT JOIN tasks t ON e.item_kind = 'task' AND t.id = e.item_id
           LEFT JOIN reports r ON e.item_kind = 'report' AND r.id = e.item_id
         WHERE e.member_id = ? ORDER BY e.id`).all(memberId) as MemberHoldings['capNhat'],
      tepDaGui: prepared(this.db, 'SELECT created_at AS luc, file_name AS tenTep, mime_type AS kieu, size AS kichThuoc FROM evidence_files WHERE member_id = ? ORDER BY id').all(memberId) as MemberHoldings['tepDaGui'],
      congVanDaNhan: prepared(this.db, 
        'SELECT b.id AS soCongVan, b.sent_at AS guiLuc, r.acked_at AS xacNhanLuc FROM broadcast_recipients r JOIN broadcasts b ON b.id = r.broadcast_id WHERE r.member_id = ? ORDER BY b.id').all(memberId) as MemberHoldings['congVanDaNhan'],
    };
  }

  /** Entries at or after `since` (all when null), oldest first; or the latest `limit`, still oldest first. */
  list(filter: { since?: string | null; limit?: number }): AuditEntry[] {
    const rows = prepared(this.db, `SELECT * FROM (
        SELECT l.id, l.at, l.actor_member_id AS actorMemberId, m.display_name AS actorName, l.via, l.action, l.target, l.detail
        FROM audit_log l LEFT JOIN members m ON m.id = l.actor_member_id
        WHERE (@since IS NULL OR l.at >= @since) ORDER BY l.id DESC LIMIT @limit) ORDER BY id`)
      .all({ since: filter.since ?? null, limit: filter.limit ?? -1 }) as AuditRow[];
    return rows.map((r) => ({ ...r, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }));
  }
}

/** SQL for the privacy-notice versions members accepted. */
export class ConsentRepo {
  constructor(private readonly db: Db) {}

  record(memberId: number, version: string, platform: string, now: Date): void {
    prepared(this.db, 'INSERT OR IGNORE INTO consents (member_id, version, accepted_at, platform) VALUES (?, ?, ?, ?)').run(memberId, version, now.toISOString(), platform);
  }

  has(memberId: number, version: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM consents WHERE member_id = ? AND version = ?').get(memberId, version) !== undefined;
  }

  ofMember(memberId: number): { version: string; acceptedAt: string; platform: string }[] {
    return prepared(this.db, 'SELECT version, accepted_at AS acceptedAt, platform FROM consents WHERE member_id = ? ORDER BY accepted_at').all(memberId) as {
      version: string;
      acceptedAt: string;
      platform: string;
    }[];
  }
}
