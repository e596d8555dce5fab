/**
 * Each agency's signer and recipients for its periodic report (migration 0034): read by the draft,
 * set by an admin in chat (/caidatbaocao) or with `npm run cli -- report settings`, each change in
 * the audit log. What is typed is checked by ./signature.ts before anything is stored.
 */
import type { Clock } from '../clock.js';
import { err, ok, type Result } from '../domain/result.js';
import type { Agency } from '../store/agency-repo.js';
import type { ReportSettings } from '../store/report-settings-repo.js';
import type { Store } from '../store/store.js';
import { readRecipients, readSignerName, readSignerTitle, type SignatureError } from './signature.js';

/** What an admin typed; each part optional, `clear` forgets parts (title, name, recipients). */
export interface TypedReportSettings {
  title?: string | undefined;
  name?: string | undefined;
  recipients?: string | undefined;
  clear?: readonly ('title' | 'name' | 'recipients')[];
}

export class ReportSettingsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The agency's settings; all null when none were set. */
  get(agencyId: number): ReportSettings {
    return this.store.reportSettings.get(agencyId);
  }

  /** Checks and stores a change to the agency's settings; nothing is stored when any part is refused. */
  update(actor: { memberId: number | null; via: string }, agency: Agency, typed: TypedReportSettings): Result<ReportSettings, SignatureError> {
    const patch: Partial<ReportSettings> = {};
    for (const part of typed.clear ?? []) {
      if (typed[part] !== undefined) return err({ code: 'both', message: `vừa đặt vừa xoá “${part}”` });
      patch[part === 'title' ? 'signerTitle' : part === 'name' ? 'signerName' : 'recipients'] = null;
    }
    if (typed.title !== undefined) {
      const read = readSignerTitle(typed.title, agency.kind);
      if (!read.ok) return read;
      patch.signerTitle = read.value;
    }
    if (typed.name !== undefined) {
      const read = readSignerName(typed.name);
      if (!read.ok) return read;
      patch.signerName = read.value;
    }
    if (typed.recipients !== undefined) {
      const read = readRecipients(typed.recipients);
      if (!read.ok) return read;
      patch.recipients = read.value;
    }
    if (Object.keys(patch).length === 0) return err({ code: 'nothing', message: 'chưa có gì để đặt' });
    const now = this.clock.now();
    return ok(
      this.store.transaction(() => {
        const saved = this.store.reportSettings.set(agency.id, patch, now);
        this.store.audit.append({ actorMemberId: actor.memberId, via: actor.via, action: 'report_settings', target: `agency:${agency.code}`, detail: { ...patch } }, now);
        return saved;
      }),
    );
  }
}
