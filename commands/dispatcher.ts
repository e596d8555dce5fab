import { mayRun, type Command, type CommandContext, type CommandResult } from './command.js';
import { COMMON } from './common.texts.js';
import { CONSENT_FREE_COMMANDS, consentGate, consentWaitingReply, offerConsent, TYPED_CONSENT } from './privacy.js';
import { handleBroadcastFile } from './broadcast.js';
import { handlePlanFile } from './plans.js';
import { handleInviteListFile, isInviteListCaption } from './invite-list.js';
import { completePendingInput, handleEvidenceFile, handleStatusText } from './status.js';
import { findCommand } from './registry.js';
import { looksLikeInviteCode } from '../src/domain/invite-code.js';
import type { Logger } from '../src/logger.js';
import type { Member } from '../src/store/member-repo.js';
import { pickChoice, rememberChoices } from './numbered-choices.js';
import { PendingInputs } from './pending-inputs.js';
import { checkReplies, textReply } from '../src/app/reply.js';
import type { Services } from '../src/app/services.js';

/** One message or button press from any platform, in the shape the command layer understands. */
export interface IncomingMessage {
  platform: string;
  /** The platform's id for this update (Telegram update_id, Zalo message_id): carried in every log line. */
  updateId?: string;
  platformUserId: string;
  chatId: string;
  chatType: 'private' | 'group';
  senderName: string;
  /** What the user typed; absent for button presses and unsupported content. */
  text?: string;
  /** The command behind a pressed button. */
  choice?: string;
  /** Stickers, voice notes and other content dondoc cannot read. */
  unsupported?: boolean;
  /** A document sent in chat (a plan file from an admin); downloaded only when it will be read. */
  file?: IncomingFile;
  /**
   * In a group: the message is meant for dondoc (it mentions the bot, or replies to one of its
   * messages); the transport has taken the mention out of `text`. Only such a message is read.
   */
  addressed?: boolean;
}

export interface IncomingFile {
  name: string;
  size: number;
  caption: string;
  /** The platform's own reference to the file (Telegram file_id), kept as evidence. */
  ref: string;
  mimeType: string | null;
  download(): Promise<Buffer>;
}

/** What a transport can show; decides whether choices become buttons or numbered lines. */
export interface TransportCapabilities {
  buttons: boolean;
  links: CommandContext['links'];
  /** Shows "typing…" in the chat before a slow answer (a chart, a workbook, a plan import); best effort. */
  typing?: () => Promise<unknown>;
}

export interface DispatchOutcome extends CommandResult {
  member: Member | null;
}

const FAILED_CODE_LIMIT = 5;
const FAILED_CODE_WINDOW_MS = 15 * 60_000;

const T = {
  tooManyCodes: 'Bạn đã nhập sai mã mời quá nhiều lần. Vui lòng thử lại sau 15 phút.',
  groupStranger: 'Bạn chưa liên kết với dondoc nên dondoc chưa ghi nhận tin của bạn. Hãy nhắn riêng cho bot và gửi mã mời của Sở Nội vụ.',
};

/**
 * The single entry point from every transport into the command layer: identifies the sender,
 * enforces roles, parses arguments, runs the command and returns reply models.
 */
export class Dispatcher {
  private readonly failedCodes = new Map<string, number[]>();

  /** The question each chat's next message answers: chat state, owned here (in memory). */
  private readonly pendingInputs = new PendingInputs();

  constructor(
    private readonly services: Services,
    private readonly logger: Logger,
  ) {}

  /** "typing…" where the transport can show it; a failure there never stops the answer. */
  private async typing(capabilities: TransportCapabilities): Promise<void> {
    await capabilities.typing?.().catch((error: unknown) => this.logger.debug({ err: error }, 'typing indicator failed'));
  }

  /** Runs `fn` and marks the message's update handled (if the platform recorded it) in one transaction. */
  private commit<T>(message: IncomingMessage, fn: () => T): T {
    const { store, clock } = this.services;
    return store.transaction(() => {
      const result = fn();
      if (message.updateId !== undefined) store.updates.markHandled(message.platform, message.updateId, clock.now());
      return result;
    });
  }

  /**
   * Handles one incoming message; never throws (unexpected errors become an apology and a log line).
   * `as`: the member the message comes from when no platform account says (the `say` CLI).
   */
  async handle(message: IncomingMessage, capabilities: TransportCapabilities, as?: Member): Promise<DispatchOutcome> {
    let log = this.logger.child({ platform: message.platform, update: message.updateId });
    let member: Member | null = as ?? null;
    try {
      member ??= this.services.store.members.byAccount(message.platform, message.platformUserId) ?? null;
      // The sender as dondoc's member id, never their platform account or name: info lines carry no
      // personal data (README, "Logs"). An unknown sender's account is logged at debug level only.
      log = log.child({ member: member?.id ?? null });
      if (!member) log.debug({ user: message.platformUserId }, 'message from an account not linked to a member');
      const ctx: CommandContext = {
        member,
        platform: message.platform,
        platformUserId: message.platformUserId,
        chatId: message.chatId,
        chatType: message.chatType,
        senderName: message.senderName,
        services: this.services,
        links: capabilities.links,
        log,
        pendingInputs: this.pendingInputs,
        typing: () => this.typing(capabilities),
        commit: (fn) => this.commit(message, fn),
      };
      const result = await this.route(ctx, message, capabilities, log);
      checkReplies(result.replies);
      if (!capabilities.buttons && !result.keepChoices) {
        const origin = message.choice ?? (message.text?.trim().startsWith('/') ? message.text.trim() : null);
        rememberChoices(this.services.store, ctx.platform, ctx.chatId, result.replies, origin, this.services.clock.now());
        // The privacy notice is answered once: after its answer, "1"/"2" no longer accept or refuse it.
        if (member === null && this.services.store.members.byAccount(message.platform, message.platformUserId)) this.services.store.choices.clear(ctx.platform, ctx.chatId);
      }
      return { ...result, member };
    } catch (error) {
      log.error({ err: error }, 'command failed');
      return { replies: [textReply(COMMON.internalError)], member };
    }
  }

  private async route(
    ctx: CommandContext,
    message: IncomingMessage,
    capabilities: TransportCapabilities,
    log: Logger,
  ): Promise<CommandResult> {
    // An admin who does something else after "📎 Đính kèm tệp" (or /moi_danhsach) no longer means the next file for the broadcast (or the list).
    if (ctx.member?.role === 'admin' && !message.file) this.pendingInputs.take(ctx.platform, ctx.chatId, this.services.clock.now(), ['broadcast_file', 'invite_list_file']);
    // A member who has not accepted the current privacy notice is asked first (a new version asks again).
    if (ctx.member && this.services.privacy.needsConsent(ctx.member)) {
      const typed = message.choice ?? message.text?.trim() ?? '';
      const name = typed.startsWith('/') ? (typed.slice(1).split(/\s/)[0] ?? '').replace(/@\w+$/, '').toLowerCase() : null;
      // A number answers the notice's numbered list (Zalo); one answering an older list is gated like the command it stands for.
      const chosen = !capabilities.buttons && !message.file && message.chatType === 'private' && /^\d{1,2}$/.test(typed)
        ? this.services.store.choices.get(ctx.platform, ctx.chatId, this.services.clock.now())
        : undefined;
      const numbered = chosen?.state === 'live' && CONSENT_FREE_COMMANDS.has((chosen.pending.items[Number(typed) - 1]?.command ?? '').slice(1).split(/\s/)[0] ?? '');
      if (!(name !== null && CONSENT_FREE_COMMANDS.has(name)) && !numbered) {
        if (message.chatType === 'group' && !message.addressed && !name) return { replies: [] };
        log.info('privacy notice shown (not yet accepted)');
        return consentGate(ctx);
      }
    }
    if (message.choice !== undefined) return this.runText(ctx, message.choice, log);
    if (message.file) {
      if (message.chatType === 'group') return { replies: [] };
      if (!ctx.member) return { replies: [textReply(...COMMON.strangerIntro)] };
      // The file's kind and size; its name may name a person, so only at debug level.
      log.info({ fileType: /\.([A-Za-z0-9]{1,8})$/.exec(message.file.name)?.[1]?.toLowerCase() ?? null, size: message.file.size }, 'file received');
      log.debug({ file: message.file.name }, 'file name');
      const listCaption = isInviteListCaption(message.file.caption);
      if (listCaption && ctx.member.role !== 'admin') return { replies: [textReply(COMMON.notAllowed('moi_danhsach', ['admin']))] };
      if (ctx.member.role === 'admin') {
        const draft = this.pendingInputs.take(ctx.platform, ctx.chatId, this.services.clock.now(), ['broadcast_file', 'invite_list_file']);
        if (draft?.kind === 'broadcast_file') return handleBroadcastFile(ctx, message.file, draft.broadcastId);
        if (draft?.kind === 'invite_list_file' || listCaption) {
          await ctx.typing();
          return handleInviteListFile(ctx, message.file);
        }
        if (/^\/(thongbao|broadcast)(@\w+)?(\s|$)/i.test(message.file.caption.trim())) return handleBroadcastFile(ctx, message.file, null);
        await ctx.typing();
        return handlePlanFile(ctx, message.file);
      }
      return handleEvidenceFile(ctx, message.file);
    }
    const text = message.text?.trim() ?? '';
    if (message.unsupported || text === '') {
      if (message.chatType === 'group') return { replies: [] };
      return { replies: [textReply(ctx.member ? COMMON.unsupportedMessage : COMMON.strangerIntro.join('\n'))] };
    }
    if (text.startsWith('/')) return this.runText(ctx, text, log);
    if (message.chatType === 'group') {
      // A group's talk is not for dondoc; a message that mentions the bot (or replies to it) from a
      // linked focal point or leader is a status reply for their own agency.
      if (!message.addressed) return { replies: [] };
      if (!ctx.member) return { replies: [textReply(T.groupStranger)] };
      if (ctx.member.role === 'admin') return { replies: [textReply(COMMON.notUnderstood)] };
      log.info('status reply in a group');
      return handleStatusText(ctx, text);
    }
    if (!ctx.member) {
      if (looksLikeInviteCode(text)) return this.guardedRedeem(ctx, text);
      // "1" / "2" answering the privacy notice on a platform without buttons.
      if (!capabilities.buttons && /^\d{1,2}$/.test(text) && this.services.store.choices.get(ctx.platform, ctx.chatId, this.services.clock.now())) {
        return this.answerNumber(ctx, Number(text), log);
      }
      // A code waits for the notice's answer: a typed "đồng ý" is the answer; anything else gets the two choices
      // again (telling them to ask for a code, as to a stranger, sent them back to the start).
      if (this.pendingInputs.has(ctx.platform, ctx.chatId, this.services.clock.now(), ['consent'])) {
        if (TYPED_CONSENT.test(text.normalize('NFC'))) return this.runText(ctx, '/dongy', log);
        return { replies: [consentWaitingReply()] };
      }
      return { replies: [textReply(...COMMON.strangerIntro)] };
    }
    if (!capabilities.buttons && /^\d{1,2}$/.test(text)) return this.answerNumber(ctx, Number(text), log);
    if (ctx.member.role === 'admin') return { replies: [textReply(COMMON.notUnderstood)] };
    const pending = this.pendingInputs.take(ctx.platform, ctx.chatId, this.services.clock.now(), ['reason', 'extension']);
    if (pending) return completePendingInput(ctx, pending, text);
    log.info('status reply');
    return handleStatusText(ctx, text);
  }

  /** Runs "/name args…" with role checks and argument parsing. */
  private async runText(ctx: CommandContext, text: string, log: Logger): Promise<CommandResult> {
    const [head = '', ...words] = text.trim().split(/\s+/);
    const name = head.replace(/^\//, '').replace(/@\w+$/, '');
    const command = findCommand(name);
    // In a group only commands that show nothing private run; the rest (and joining) happen in private.
    if (ctx.chatType === 'group' && !command?.inGroups) return { replies: command ? [textReply(COMMON.privateOnly(command.name))] : [] };
    const role = ctx.member?.role ?? null;
    if (!command || (!ctx.member && command.roles !== 'everyone')) {
      if (!ctx.member) return { replies: [textReply(...COMMON.strangerIntro)] };
      return { replies: [textReply(COMMON.unknownCommand(name))] };
    }
    if (!mayRun(command, role)) {
      return { replies: [textReply(COMMON.notAllowed(command.name, command.roles as readonly never[]))] };
    }
    if (command.name === 'start' && !ctx.member && words.length > 0) return this.guardedRedeem(ctx, words.join(''));
    const parsed = command.args.safeParse(words);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? 'tham số không hợp lệ';
      return { replies: [textReply(COMMON.badArgs(problem, command.usage))] };
    }
    log.info({ command: command.name }, 'command');
    if (command.slow) await ctx.typing();
    const outcome = await (command as Command<unknown>).run(ctx, parsed.data);
    return 'replies' in outcome ? outcome : { replies: [outcome] };
  }

  /** Offers the privacy notice for an invite code, refusing after too many wrong codes from one account (guessing). */
  private guardedRedeem(ctx: CommandContext, code: string): CommandResult {
    const key = `${ctx.platform}:${ctx.platformUserId}`;
    const now = this.services.clock.now().getTime();
    const recent = (this.failedCodes.get(key) ?? []).filter((t) => now - t < FAILED_CODE_WINDOW_MS);
    if (recent.length >= FAILED_CODE_LIMIT) return { replies: [textReply(T.tooManyCodes)] };
    // The code is checked, then the privacy notice shown; nothing links before "Đồng ý".
    const { result, valid } = offerConsent(ctx, code);
    if (valid) this.failedCodes.delete(key);
    else this.failedCodes.set(key, [...recent, now]);
    return result;
  }

  /** A bare number on a platform without buttons answers the chat's last numbered list. */
  private async answerNumber(ctx: CommandContext, number: number, log: Logger): Promise<CommandResult> {
    const found = this.services.store.choices.get(ctx.platform, ctx.chatId, this.services.clock.now());
    if (!found) return { replies: [textReply(COMMON.noPendingChoice)], keepChoices: true };
    if (found.state === 'expired') {
      if (!found.pending.origin) return { replies: [textReply(COMMON.noPendingChoice)], keepChoices: true };
      const fresh = await this.runText(ctx, found.pending.origin, log);
      return { ...fresh, replies: [textReply(COMMON.choiceExpired), ...fresh.replies] };
    }
    // The last message the member saw offered no list: the number means nothing dondoc can tell.
    if (found.pending.items.length === 0) return { replies: [textReply(COMMON.numberWithoutList(number))], keepChoices: true };
    const choice = pickChoice(found.pending.items, number);
    if (!choice) return { replies: [textReply(COMMON.choiceOutOfRange(found.pending.items.length))], keepChoices: true };
    return this.runText(ctx, choice.command, log);
  }


}
