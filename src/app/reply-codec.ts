import { checkReplies, type Reply } from './reply.js';

type EncodedAttachment = Omit<NonNullable<Reply['attachments']>[number], 'data'> & { data?: string };

/**
 * Serialises reply models for the outbox, so a queued message survives restarts: attachments as
 * base64, except stored files (`ref`), which are named only and read again when sent.
 */
export function encodeReplies(replies: Reply[]): string {
  return JSON.stringify(
    checkReplies(replies).map((reply) => ({
      ...reply,
      attachments: reply.attachments?.map(({ data, ...a }): EncodedAttachment => (a.ref ? a : { ...a, data: data.toString('base64') })),
    })),
  );
}

/** The inverse of encodeReplies; `load` returns a stored file's bytes (a missing file is an error: the send fails with it). */
export function decodeReplies(payload: string, load: (ref: string) => Buffer | undefined = () => undefined): Reply[] {
  const parsed = JSON.parse(payload) as (Omit<Reply, 'attachments'> & { attachments?: EncodedAttachment[] })[];
  return parsed.map((reply) => {
    const { attachments, ...rest } = reply;
    if (!attachments) return rest;
    return {
      ...rest,
      attachments: attachments.map(({ data, ...a }) => {
        const bytes = a.ref ? load(a.ref) : Buffer.from(data ?? '', 'base64');
        if (!bytes) throw new Error(`tệp đính kèm ${a.filename} không còn trong cơ sở dữ liệu`);
        return { ...a, data: bytes };
      }),
    };
  });
}
