import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { WorkCalendar } from '../domain/work-calendar.js';
import { OnboardingService } from './onboarding-service.js';
import { PendingImports } from './pending-imports.js';
import { PlanImportService } from './plan-import-service.js';
import { loadAgencyGroups, loadCalendar, loadPolicy, loadReportConfig, type ReportConfig } from './province-data.js';
import { ReminderPlanner } from './reminder-planner.js';
import type { ReminderPolicy } from '../domain/reminder-policy.js';

/** Everything a command handler may call; built once and passed in (no globals). */
export interface Services {
  store: Store;
  clock: Clock;
  logger: Logger;
  onboarding: OnboardingService;
  plans: PlanImportService;
  pendingImports: PendingImports;
  policy: ReminderPolicy;
  reportConfig: ReportConfig;
  planner: ReminderPlanner;
  calendar: WorkCalendar;
  settings: { provinceName: string; timeZone: string; inviteTtlHours: number };
}

/** Wires the services over a store, clock and logger; province data files are read from dataDir. */
export function createServices(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  settings: Services['settings'];
}): Services {
  const { dataDir, ...rest } = deps;
  const calendar = loadCalendar(dataDir);
  const policy = loadPolicy(dataDir);
  return {
    ...rest,
    calendar,
    onboarding: new OnboardingService(deps.store, deps.clock, deps.settings.inviteTtlHours),
    plans: new PlanImportService(deps.store, deps.clock, calendar, loadAgencyGroups(dataDir)),
    pendingImports: new PendingImports(),
    policy,
    reportConfig: loadReportConfig(dataDir),
    planner: new ReminderPlanner(deps.store, calendar, policy, deps.clock, deps.settings.timeZone),
  };
}
