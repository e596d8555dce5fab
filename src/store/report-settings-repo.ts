import { prepared, type Db } from './database.js';

/** An agency's signature block and recipients for its reports; each null when not set. */
export interface ReportSettings {
  /** The title's lines, top to bottom: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  signerTitle: string[] | null;
  signerName: string | null;
  /** "Nơi nhận" lines without their dash and punctuation, "Lưu: VT" last. */
  recipients: string[] | null;
}

export const NO_REPORT_SETTINGS: ReportSettings = { signerTitle: null, signerName: null, recipients: null };

/** SQL for agency_report_settings (migration 0034). */
export class ReportSettingsRepo {
  constructor(private readonly db: Db) {}

  /** The agency's settings (all null when none were set). */
  get(agencyId: number): ReportSettings {
    const row = prepared(this.db, 'SELECT signer_title AS t, signer_name AS n, recipients AS r FROM agency_report_settings WHERE agency_id = ?').get(agencyId) as
      | { t: string | null; n: string | null; r: string | null }
      | undefined;
    if (!row) return NO_REPORT_SETTINGS;
    return { signerTitle: row.t ? (JSON.parse(row.t) as string[]) : null, signerName: row.n, recipients: row.r ? (JSON.parse(row.r) as string[]) : null };
  }

  /** Sets the parts given (null: forget it); parts absent stay as they were. */
  set(agencyId: number, patch: Partial<ReportSettings>, now: Date): ReportSettings {
    const next = { ...this.get(agencyId), ...patch };
    prepared(
      this.db,
      `INSERT INTO agency_report_settings (agency_id, signer_title, signer_name, recipients, updated_at) VALUES (@id, @t, @n, @r, @now)
       ON CONFLICT (agency_id) DO UPDATE SET signer_title = excluded.signer_title, signer_name = excluded.signer_name,
         recipients = excluded.recipients, updated_at = excluded.updated_at`,
    ).run({ id: agencyId, t: next.signerTitle ? JSON.stringify(next.signerTitle) : null, n: next.signerName, r: next.recipients ? JSON.stringify(next.recipients) : null, now: now.toISOString() });
    return next;
  }
}
