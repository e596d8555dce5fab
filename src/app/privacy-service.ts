import type { Clock } from '../clock.js';
import { StoreInvariantError } from '../errors.js';
import { err, ok, type Result } from '../domain/result.js';
import { ROLE_LABELS } from '../domain/roles.js';
import { readPersonName, type PersonNameError } from '../domain/person-name.js';
import type { Member } from '../store/member-repo.js';
import type { AuditEntry, MemberHoldings } from '../store/people-repo.js';
import type { Store } from '../store/store.js';

/**
 * The privacy notice's version. Change it whenever the notice's meaning changes (what is stored,
 * why, who controls it, how long, rights): every member is asked again at their next message.
 */
export const NOTICE_VERSION = '2026-01';

/** The name an erased member's row keeps, so the agency's history still reads. */
export const REMOVED_NAME = 'thành viên đã xoá';

/** Who did an admin action: a member (through a platform), the command line (member null, via "cli") or the running bot itself (member null, via "scheduler"). */
export interface Actor {
  memberId: number | null;
  via: string;
}

/** The admin actions the audit log records. */
export type AuditAction =
  | 'invite'
  | 'invite_list'
  | 'plan_import'
  | 'broadcast'
  | 'extension_decision'
  | 'role_change'
  | 'name_correction'
  | 'restore'
  | 'data_export'
  | 'removal_request'
  | 'member_removed'
  | 'prune'
  | 'agency_change'
  | 'date_set'
  | 'report_request'
  | 'group_link';

/** Everything dondoc holds about a member, as /dulieu sends it (keys are the file's Vietnamese field names). */
export interface PersonalData extends MemberHoldings {
  taoLuc: string;
  benKiemSoat: string;
  thanhVien: { soHieu: number; hoTen: string; coQuan: string; vaiTro: string };
  taiKhoan: { nenTang: string; maTaiKhoan: string; tenHienThi: string | null; lienKetLuc: string }[];
  dongY: { phienBan: string; luc: string; nenTang: string }[];
}

/** "Tỉnh Hà Tĩnh" → "Sở Nội vụ tỉnh Hà Tĩnh": the controller when the configuration names none. */
export function defaultController(provinceName: string): string {
  const province = provinceName.replace(/^(Tỉnh|Thành phố)\s/u, (word) => word.toLocaleLowerCase('vi'));
  return `Sở Nội vụ ${province}`;
}

/**
 * Personal data and the people it belongs to: the privacy notice and the consent it asks for, a
 * member's own data as a file, erasing a member, and the audit log of admin actions.
 */
export class PrivacyService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly controller: string,
    readonly contact: string | null,
  ) {}

  readonly noticeVersion = NOTICE_VERSION;

  /** The notice's lines (Vietnamese), as a member reads it before accepting. */
  notice(): string[] {
    return [
      `📄 Thông báo xử lý dữ liệu cá nhân (phiên bản ${NOTICE_VERSION})`,
      `• Bên kiểm soát dữ liệu: ${this.controller}.`,
      '• dondoc lưu: họ tên, cơ quan và vai trò của bạn; tài khoản chat (Telegram, Zalo) bạn liên kết; các tin báo tình trạng, lý do, ngày đề nghị gia hạn và tệp minh chứng bạn gửi; lúc bạn xác nhận đã nhận công văn.',
      '• Mục đích: đôn đốc, theo dõi và tổng hợp việc thực hiện nhiệm vụ, báo cáo cải cách hành chính của cơ quan bạn. Không dùng cho mục đích khác, không chuyển cho bên ngoài.',
      `• Thời gian lưu: trong thời gian bạn tham gia. Khi bạn được xoá khỏi dondoc, họ tên và tài khoản chat bị xoá; lịch sử công việc của cơ quan vẫn giữ, ghi là “${REMOVED_NAME}”.`,
      '• Quyền của bạn theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP: được biết, xem và nhận bản sao dữ liệu của mình, yêu cầu sửa, rút lại sự đồng ý, yêu cầu xoá.',
      `• Cách yêu cầu: gõ /dulieu để xem và nhận dữ liệu của bạn, /dulieu xoa để đề nghị xoá${this.contact ? `; hoặc liên hệ ${this.contact}` : '; hoặc liên hệ bộ phận cải cách hành chính của Sở Nội vụ'}.`,
    ];
  }

  /** True when the member has not accepted the current notice (a new version asks again). */
  needsConsent(member: Member): boolean {
    return !this.store.consents.has(member.id, NOTICE_VERSION);
  }

  /** Records that the member accepted the current notice on `platform`. */
  accept(member: Member, platform: string): void {
    this.store.consents.record(member.id, NOTICE_VERSION, platform, this.clock.now());
  }

  /** Appends one entry to the audit log. */
  record(actor: Actor, action: AuditAction, target: string | null, detail: Record<string, unknown> | null = null): void {
    this.store.audit.append({ actorMemberId: actor.memberId, via: actor.via, action, target, detail }, this.clock.now());
  }

  /** Audit entries since an instant (all when null), or the latest `limit`; oldest first. */
  audit(filter: { since?: Date | null; limit?: number }): AuditEntry[] {
    return this.store.audit.list({ since: filter.since?.toISOString() ?? null, ...(filter.limit !== undefined ? { limit: filter.limit } : {}) });
  }

  /**
   * Everything dondoc holds about a member, as the file /dulieu sends: who they are, their accounts,
   * the notices they accepted, what they reported and the files they sent, the broadcasts they got.
   */
  exportData(member: Member, via: string, format: 'json' | 'xlsx' = 'json'): PersonalData {
    const data: PersonalData = {
      taoLuc: this.clock.now().toISOString(),
      benKiemSoat: this.controller,
      thanhVien: { soHieu: member.id, hoTen: member.displayName, coQuan: member.agencyName, vaiTro: ROLE_LABELS[member.role] },
      taiKhoan: this.store.members.accounts(member.id).map((a) => ({ nenTang: a.platform, maTaiKhoan: a.platformUserId, tenHienThi: a.displayName, lienKetLuc: a.linkedAt })),
      dongY: this.store.consents.ofMember(member.id).map((c) => ({ phienBan: c.version, luc: c.acceptedAt, nenTang: c.platform })),
      ...this.store.audit.holdings(member.id),
    };
    this.record({ memberId: member.id, via }, 'data_export', `member:${member.id}`, { format });
    return data;
  }

  /**
   * A member corrects their own name (the right to correct): checked and tidied (readPersonName),
   * written with an audit entry that names the member by number only, never either name.
   */
  correctName(member: Member, typed: string, via: string): Result<{ name: string }, PersonNameError | { code: 'same_name'; name: string }> {
    const read = readPersonName(typed);
    if (!read.ok) return read;
    const name = read.value;
    if (name === member.displayName) return err({ code: 'same_name', name });
    return this.store.transaction(() => {
      this.store.members.rename(member.id, name);
      this.record({ memberId: member.id, via }, 'name_correction', `member:${member.id}`);
      return ok({ name });
    });
  }

  /** A member asks Sở Nội vụ to remove them: recorded in the audit log (the command tells the admins). */
  requestRemoval(member: Member, via: string): void {
    this.record({ memberId: member.id, via }, 'removal_request', `member:${member.id}`);
  }

  /**
   * Erases a member's personal data in one transaction: accounts unlinked, name replaced by
   * REMOVED_NAME, their chats' queued messages and choices cleared; their status events stay with
   * their agency, so scores and reports do not change. The admin cannot remove themself.
   */
  remove(actor: Actor, memberId: number): Result<{ agencyName: string; role: Member['role'] }, 'not_found' | 'already_removed' | 'self'> {
    return this.store.transaction(() => {
      const member = this.store.members.byId(memberId);
      if (!member) return err('not_found');
      if (this.store.members.isRemoved(memberId)) return err('already_removed');
      if (actor.memberId === memberId) return err('self');
      this.store.members.erase(memberId, REMOVED_NAME, this.clock.now());
      this.record(actor, 'member_removed', `member:${memberId}`, { agency: member.agencyCode, role: member.role });
      if (!this.store.members.byId(memberId)) throw new StoreInvariantError('members', memberId, 'vanished while erased');
      return ok({ agencyName: member.agencyName, role: member.role });
    });
  }
}
