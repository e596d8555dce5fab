import type { PendingInputs } from './pending-inputs.js';
import type { Logger } from '../src/logger.js';
import type { z } from 'zod';
import type { Reply } from '../src/app/reply.js';
import type { CommandServices } from '../src/app/services.js';
import type { Role } from '../src/domain/roles.js';
import type { Member } from '../src/store/member-repo.js';

/** Who is asking and from where; the same for every transport. */
export interface CommandContext {
  /** The linked member, or null for a stranger (only commands open to everyone see strangers). */
  member: Member | null;
  platform: string;
  platformUserId: string;
  chatId: string;
  /** A private chat with the bot, or a group it was added to. */
  chatType: 'private' | 'group';
  /** The name the platform shows for the sender. */
  senderName: string;
  services: CommandServices;
  /** Platform-specific links a reply may mention (e.g. a Telegram deep link for an invite code). */
  links: { startLink(code: string): string | null };
  /** This update's logger (platform, update id, sender): what a command did goes here. */
  log: Logger;
  /** The question this chat's next message answers (a reason, a date, a broadcast's file). */
  pendingInputs: PendingInputs;
  /** Shows "typing…" in the chat (best effort) before something slow. */
  typing(): Promise<void>;
  /**
   * Runs `fn` in one transaction that also marks this update handled: what the update records (a
   * status event, the notice to Sở Nội vụ) and "handled" commit together, so a crash can never
   * leave the one without the other and the update is not handled a second time at the next start.
   */
  commit<T>(fn: () => T): T;
}

/** What a command hands back: one or more replies, and whether this message linked a new account. */
export interface CommandResult {
  replies: Reply[];
  linked?: { memberId: number; role: Role };
  /** The asker's role, when their platform's command menu should show that role's commands (after a role change). */
  menu?: Role;
  /** A number that chose nothing (out of range, no list): the chat's numbered list stays as it was. */
  keepChoices?: true;
}

/**
 * A transport-neutral command: its names, who may run it, its arguments (zod over the words after
 * the command) and a handler that returns reply models, never a platform call.
 */
export interface Command<A = unknown> {
  /** The name typed after "/" (ASCII, lower case, ≤ 32 chars, so Telegram's menu accepts it). */
  name: string;
  aliases?: readonly string[];
  /** One Vietnamese line for /trogiup and the Telegram menu. */
  summary: string;
  /** How to type it, e.g. "/moi <mã cơ quan> <vai trò> [họ tên]". */
  usage: string;
  /** Reached only through buttons (confirmations): left out of /trogiup and the Telegram menu. */
  hidden?: boolean;
  /** 'everyone' includes people not yet linked; otherwise the member roles allowed. */
  roles: 'everyone' | readonly Role[];
  /**
   * May run in a group chat: its answer shows nothing private (no invite or link codes, no one's
   * personal details). Every other command answers in a group "hãy nhắn riêng cho bot".
   */
  inGroups?: boolean;
  /** Takes a moment (a chart, a workbook): the chat shows "typing…" first where the platform can. */
  slow?: boolean;
  /** Parses the words after the command; messages are Vietnamese and shown to the user. */
  args: z.ZodType<A, string[]>;
  run(ctx: CommandContext, args: A): CommandResult | Reply | Promise<CommandResult | Reply>;
}

/** Declares a command with its argument type inferred from its schema. */
export function defineCommand<A>(command: Command<A>): Command<A> {
  return command;
}

/** The commands /trogiup and the Telegram menu show to a member of `role`, in registry order. */
export function listedFor(all: readonly Command<never>[], role: Role): Command<never>[] {
  return all.filter((c) => c.roles !== 'everyone' && !c.hidden && mayRun(c, role));
}

/** True when a member with `role` (or a stranger, null) may run the command. */
export function mayRun(command: Command<never> | Command<unknown>, role: Role | null): boolean {
  if (command.roles === 'everyone') return true;
  return role !== null && command.roles.includes(role);
}
