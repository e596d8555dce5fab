import { z } from 'zod';
import { bold, lines, textReply } from '../src/app/reply.js';
import { defineCommand } from './command.js';

/** The /web command's words, in one place. */
const T = {
  notServed: 'Bảng điều khiển web chưa được bật trên máy chủ này (cần DONDOC_PUBLIC_URL dạng https:// hoặc chạy trên máy này). Hãy báo quản trị Sở Nội vụ.',
  title: 'Đăng nhập bảng điều khiển web',
  link: (url: string) => url,
  note: 'Liên kết chỉ dùng được một lần, trong 10 phút, và chỉ cho tài khoản của bạn. Mở liên kết rồi bấm “Đăng nhập”. Đừng chuyển liên kết này cho người khác.',
};

export const webCommand = defineCommand({
  name: 'web',
  aliases: ['bangdieukhien', 'dashboard'],
  summary: 'Nhận liên kết đăng nhập bảng điều khiển web (dùng một lần, trong 10 phút)',
  usage: '/web',
  roles: ['focal', 'leader', 'admin'],
  args: z.array(z.string()),
  run(ctx) {
    const url = ctx.member ? ctx.services.web.loginLink(ctx.member) : undefined;
    if (!url) return textReply(T.notServed);
    ctx.log.info({ memberId: ctx.member?.id }, 'web login link issued');
    // Telegram sends every message with link previews off (sendReplies), so the chat app does not open it.
    return { text: lines([bold(T.title)], T.link(url), T.note) };
  },
});
