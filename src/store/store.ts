import { AgencyRepo } from './agency-repo.js';
import { BroadcastRepo } from './broadcast-repo.js';
import { ChoiceRepo } from './choice-repo.js';
import type { Db } from './database.js';
import { InviteRepo } from './invite-repo.js';
import { BudgetRepo } from './budget-repo.js';
import { GroupRepo } from './group-repo.js';
import { LeaseRepo } from './lease-repo.js';
import { MarkRepo } from './mark-repo.js';
import { MemberRepo } from './member-repo.js';
import { OutboxRepo } from './outbox-repo.js';
import { AuditRepo, ConsentRepo } from './people-repo.js';
import { PlanRepo } from './plan-repo.js';
import { ProgressRepo } from './progress-repo.js';
import { ReminderRepo } from './reminder-repo.js';
import { ReportRepo } from './report-repo.js';
import { ReportSettingsRepo } from './report-settings-repo.js';
import { StatusRepo } from './status-repo.js';
import { UpdateRepo } from './update-repo.js';
import { WebRepo } from './web-repo.js';

/** Every repository over one database; the only place SQL lives. */
export interface Store {
  db: Db;
  agencies: AgencyRepo;
  members: MemberRepo;
  invites: InviteRepo;
  choices: ChoiceRepo;
  plans: PlanRepo;
  reports: ReportRepo;
  /** Each agency's signer and recipients for its periodic report. */
  reportSettings: ReportSettingsRepo;
  statuses: StatusRepo;
  reminders: ReminderRepo;
  outbox: OutboxRepo;
  broadcasts: BroadcastRepo;
  progress: ProgressRepo;
  updates: UpdateRepo;
  leases: LeaseRepo;
  budget: BudgetRepo;
  groups: GroupRepo;
  marks: MarkRepo;
  /** The append-only log of admin actions. */
  audit: AuditRepo;
  /** Which privacy-notice versions each member accepted. */
  consents: ConsentRepo;
  /** The web dashboard's login tokens and sessions. */
  web: WebRepo;
  /** Runs fn in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Builds the repositories over an open, migrated database. */
export function createStore(db: Db): Store {
  return {
    db,
    agencies: new AgencyRepo(db),
    members: new MemberRepo(db),
    invites: new InviteRepo(db),
    choices: new ChoiceRepo(db),
    plans: new PlanRepo(db),
    reports: new ReportRepo(db),
    reportSettings: new ReportSettingsRepo(db),
    statuses: new StatusRepo(db),
    reminders: new ReminderRepo(db),
    outbox: new OutboxRepo(db),
    broadcasts: new BroadcastRepo(db),
    progress: new ProgressRepo(db),
    updates: new UpdateRepo(db),
    leases: new LeaseRepo(db),
    budget: new BudgetRepo(db),
    groups: new GroupRepo(db),
    marks: new MarkRepo(db),
    audit: new AuditRepo(db),
    consents: new ConsentRepo(db),
    web: new WebRepo(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => {
      if (db.open) db.close();
    },
  };
}
