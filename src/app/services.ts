import type { Notifier } from './notifier.js';
import type { MessageBudget } from './message-budget.js';
import { TaskService } from './task-service.js';
import { DirectoryService } from './directory-service.js';
import { ReminderService } from './reminder-service.js';
import { join } from 'node:path';
import { RegistryEditor } from './registry-editor.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import { OnboardingService } from './onboarding-service.js';
import { PendingImports } from './pending-imports.js';
import { PlanImportService } from './plan-import-service.js';
import { loadAgencyGroups, loadCalendar, loadPolicy, loadReportConfig, type ReportConfig } from './province-data.js';
import { ReminderPlanner } from './reminder-planner.js';
import { StatusService } from './status-service.js';
import { loadRubric, ScoringService } from './scoring-service.js';
import { BroadcastService } from './broadcast-service.js';
import { defaultController, PrivacyService } from './privacy-service.js';
import { SummaryService } from './summary-service.js';
import { WebAuthService } from './web-auth.js';
import { loadRetention, RetentionService } from './retention.js';
import type { Reply } from './reply.js';
import type { ReminderPolicy } from '../domain/reminder-policy.js';
import { loadReportPeriods, ReportDrafter } from '../reports/draft.js';
import { DraftFilesService } from '../reports/draft-files.js';
import { ReportSettingsService } from '../reports/report-settings.js';

/** Everything a command handler may call; built once and passed in (no globals). */
export interface Services {
  store: Store;
  clock: Clock;
  logger: Logger;
  onboarding: OnboardingService;
  plans: PlanImportService;
  pendingImports: PendingImports;
  /** Lists of people an admin sent in chat, waiting for "Tạo mã mời" (no meta: the file is read again on confirm). */
  pendingInviteLists: PendingImports<null>;
  policy: ReminderPolicy;
  reportConfig: ReportConfig;
  planner: ReminderPlanner;
  statuses: StatusService;
  /** Messages dondoc sends on its own through the outbox (to admins, to one member). */
  notifier: Notifier;
  /** Queues a message to every Sở Nội vụ admin through the outbox (once per key). */
  notifyAdmins: (key: string, reply: Reply) => void;
  /** Queues a message to one member through the outbox (once per key). */
  notifyMember: (key: string, memberId: number, reply: Reply) => void;
  budget: MessageBudget;
  scoring: ScoringService;
  broadcasts: BroadcastService;
  summaries: SummaryService;
  /** The web dashboard's one-time login links and sessions. */
  web: WebAuthService;
  /** Drafts the periodic CCHC report (the agency's or the province's) from the same figures. */
  drafts: ReportDrafter;
  /** The draft's .docx and .xlsx within limits (in a worker thread when the running bot sets it). */
  draftFiles: DraftFilesService;
  /** Each agency's report signer and recipients ("Nơi nhận"), as admins set them. */
  reportSettings: ReportSettingsService;
  /** Wakes the outbox worker after queueing messages. */
  kickOutbox: () => void;
  calendar: WorkCalendar;
  /** The plans' tasks as commands read and adjust them. */
  tasks: TaskService;
  /** Agencies, kinds, members and their accounts, as commands read them. */
  directory: DirectoryService;
  /** Snoozing, muting, an agency's calendar, ad-hoc report requests. */
  reminders: ReminderService;
  /** Adds, renames and retires agencies in data/agencies.json and the database. */
  registry: RegistryEditor;
  /** The privacy notice and consent, a member's own data, erasing a member, the audit log. */
  privacy: PrivacyService;
  /** How long passing personal data is kept (data/retention.json), and the prune that enforces it. */
  retention: RetentionService;
  settings: { provinceName: string; /** Who controls the personal data (default: Sở Nội vụ of the province). */ dataController?: string | undefined; /** Where members ask about their data (a phone, an address). */ privacyContact?: string | undefined; timeZone: string; inviteTtlHours: number; /** Longest report draft written as Word (lines); longer ones get the .xlsx alone. Default DRAFT_LIMITS.maxLines. */ reportMaxLines?: number | undefined; /** Seconds for reading one page of a scan by OCR, every pass together. Default OCR_LIMITS.pageBudgetMs. */ ocrPageSeconds?: number | undefined; /** Zalo recipients can download files by link (Zalo and a public URL are configured). */ fileLinks: boolean };
}

/**
 * The services as commands see them: everything but the store itself, so a command goes through a
 * service (which owns the rules and transactions) and never writes SQL rows on its own.
 */
export type CommandServices = Omit<Services, 'store'>;

/** Wires the services over a store, clock and logger; province data files are read from dataDir. */
export function createServices(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  settings: Services['settings'];
  /** Queues dondoc's own messages (the CLI has one too: a running bot's worker sends what it queues). */
  notifier: Notifier;
  /** The monthly message budget per platform (Zalo). */
  budget: MessageBudget;
}): Services {
  const { dataDir, notifier, ...rest } = deps;
  const calendar = loadCalendar(dataDir);
  const policy = loadPolicy(dataDir);
  const planner = new ReminderPlanner(deps.store, calendar, policy, deps.clock, deps.settings.timeZone);
  const rubric = loadRubric(dataDir);
  const summaries = new SummaryService(deps.store, calendar, deps.clock, deps.settings.timeZone);
  const drafts = new ReportDrafter(deps.store, summaries, loadReportPeriods(dataDir), deps.settings.provinceName, deps.settings.timeZone, rubric);
  const privacy = new PrivacyService(deps.store, deps.clock, deps.settings.dataController ?? defaultController(deps.settings.provinceName), deps.settings.privacyContact ?? null);
  return {
    ...rest,
    calendar,
    reportSettings: new ReportSettingsService(deps.store, deps.clock),
    drafts,
    draftFiles: new DraftFilesService(drafts, deps.settings.reportMaxLines),
    tasks: new TaskService(deps.store, calendar, planner, deps.clock, deps.settings.timeZone),
    directory: new DirectoryService(deps.store, deps.clock, privacy),
    reminders: new ReminderService(deps.store, calendar, planner, deps.clock, deps.settings.timeZone),
    registry: new RegistryEditor(deps.store, join(dataDir, 'agencies.json'), deps.clock, deps.settings.timeZone),
    onboarding: new OnboardingService(deps.store, deps.clock, deps.settings.inviteTtlHours),
    plans: new PlanImportService(deps.store, deps.clock, calendar, loadAgencyGroups(dataDir), deps.settings.timeZone, deps.settings.ocrPageSeconds),
    pendingImports: new PendingImports(),
    pendingInviteLists: new PendingImports<null>(),
    policy,
    reportConfig: loadReportConfig(dataDir),
    planner,
    statuses: new StatusService(deps.store, deps.clock, planner, deps.settings.timeZone),
    notifier,
    notifyAdmins: (key, reply) => notifier.toAdmins(key, 'notice', reply),
    notifyMember: (key, memberId, reply) => notifier.toMember(key, memberId, reply),
    scoring: new ScoringService(deps.store, rubric, calendar, deps.settings.timeZone),
    broadcasts: new BroadcastService(deps.store, summaries, deps.clock, deps.settings.timeZone),
    summaries,
    privacy,
    retention: new RetentionService(deps.store, deps.clock, privacy, loadRetention(dataDir)),
    web: new WebAuthService(deps.store, deps.clock),
    kickOutbox: () => notifier.signal.fire(),
  };
}
