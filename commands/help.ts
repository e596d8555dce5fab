import { bold, textReply } from '../src/app/reply.js';
import { ROLE_LABELS } from '../src/domain/roles.js';
import { noArgs } from './args.js';
import { defineCommand, listedFor, type Command } from './command.js';
import { COMMON } from './common.texts.js';

const T = {
  title: (role: string) => `Các lệnh bạn dùng được (vai trò: ${role})`,
  footer: 'Lệnh có thể gõ không dấu. Phần trong <> là bắt buộc, trong [] là tùy chọn.',
};

/** /trogiup: lists exactly the commands the asker's role may use; strangers get the joining steps. */
export function createHelpCommand(allCommands: () => readonly Command<never>[]): Command<undefined> {
  return defineCommand({
    name: 'trogiup',
    inGroups: true,
    aliases: ['help'],
    summary: COMMON.helpSummary,
    usage: '/trogiup',
    roles: 'everyone',
    args: noArgs,
    run(ctx) {
      if (!ctx.member) return textReply(...COMMON.strangerIntro);
      const role = ctx.member.role;
      const usable = listedFor(allCommands(), role);
      const reply = textReply(
        [bold(T.title(ROLE_LABELS[role]))],
        ...usable.map((c) => `${c.usage} — ${c.summary}`),
        `/trogiup — ${COMMON.helpSummary}`,
        T.footer,
      );
      // The menu Telegram shows was set at linking: after a role change, /trogiup brings it up to date.
      return { replies: [reply], menu: role };
    },
  });
}
