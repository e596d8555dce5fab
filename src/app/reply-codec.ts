import type { Reply } from './reply.js';

/** Serialises reply models for the outbox (attachments as base64), so a queued message survives restarts. */
export function encodeReplies(replies: Reply[]): string {
  return JSON.stringify(
    replies.map((reply) => ({
      ...reply,
      attachments: reply.attachments?.map((a) => ({ ...a, data: a.data.toString('base64') })),
    })),
  );
}

/** The inverse of encodeReplies. */
export function decodeReplies(payload: string): Reply[] {
  const parsed = JSON.parse(payload) as (Omit<Reply, 'attachments'> & { attachments?: (Omit<NonNullable<Reply['attachments']>[number], 'data'> & { data: string })[] })[];
  return parsed.map((reply) => {
    const { attachments, ...rest } = reply;
    return attachments ? { ...rest, attachments: attachments.map((a) => ({ ...a, data: Buffer.from(a.data, 'base64') })) } : rest;
  });
}
