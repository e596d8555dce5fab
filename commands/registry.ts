import type { Command } from './command.js';
import { draftReportCommand } from './report-draft.js';
import { reportSettingsCommand } from './report-settings.js';
import { agenciesCommand, changeRoleCommand, channelCommand, groupCommand, membersCommand, whoAmICommand } from './directory.js';
import { createHelpCommand } from './help.js';
import { inviteCommand, linkCommand, startCommand } from './onboarding.js';
import { acceptCommand, auditCommand, correctNameCommand, myDataCommand, refuseCommand, removeMemberCommand } from './privacy.js';
import { rankingCommand, scoreCommand } from './scoring.js';
import { exportCommand, overdueCommand, reportStatusCommand, summaryCommand, trendCommand } from './summaries.js';
import { acknowledgeCommand, attachFileCommand, audienceCommand, broadcastCommand, broadcastStatusCommand, cancelBroadcastCommand, listBroadcastsCommand, resendBroadcastCommand, sendBroadcastCommand } from './broadcast.js';
import { approveExtensionCommand, historyCommand, rejectExtensionCommand, statusButtonCommand, submitReportCommand, updateCommand } from './status.js';
import { calendarCommand, doneCommand, muteCommand, policyCommand, requestReportCommand, snoozeCommand, unmuteCommand } from './reminders.js';
import { webCommand } from './web.js';
import { cancelInviteListCommand, confirmInviteListCommand, inviteListCommand } from './invite-list.js';
import { addProposedAgencyCommand, cancelImportCommand, confirmImportCommand, plansCommand, setDateCommand, taskCommand, tasksCommand } from './plans.js';

/** Every command, in the order /trogiup lists them. */
export const commands: readonly Command<never>[] = [
  startCommand,
  tasksCommand,
  taskCommand,
  calendarCommand,
  updateCommand,
  doneCommand,
  submitReportCommand,
  snoozeCommand,
  muteCommand,
  unmuteCommand,
  scoreCommand,
  rankingCommand,
  summaryCommand,
  trendCommand,
  overdueCommand,
  reportStatusCommand,
  draftReportCommand,
  reportSettingsCommand,
  exportCommand,
  webCommand,
  whoAmICommand,
  correctNameCommand,
  linkCommand,
  channelCommand,
  groupCommand,
  agenciesCommand,
  membersCommand,
  changeRoleCommand,
  inviteCommand,
  inviteListCommand,
  myDataCommand,
  removeMemberCommand,
  auditCommand,
  acceptCommand,
  refuseCommand,
  plansCommand,
  setDateCommand,
  requestReportCommand,
  broadcastCommand,
  listBroadcastsCommand,
  broadcastStatusCommand,
  historyCommand,
  policyCommand,
  statusButtonCommand,
  approveExtensionCommand,
  rejectExtensionCommand,
  audienceCommand,
  sendBroadcastCommand,
  attachFileCommand,
  cancelBroadcastCommand,
  acknowledgeCommand,
  resendBroadcastCommand,
  confirmImportCommand,
  cancelImportCommand,
  confirmInviteListCommand,
  cancelInviteListCommand,
  addProposedAgencyCommand,
  createHelpCommand(() => commands),
] as unknown as readonly Command<never>[];

const byName = new Map<string, Command<never>>();
for (const command of commands) {
  for (const name of [command.name, ...(command.aliases ?? [])]) {
    if (byName.has(name)) throw new Error(`command name /${name} is declared twice`);
    byName.set(name, command);
  }
}

/** Looks a command up by name or alias (case-insensitive). */
export function findCommand(name: string): Command<never> | undefined {
  return byName.get(name.toLowerCase());
}
