import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'cần true hoặc false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The whole environment dondoc reads, parsed once at start-up; nothing else reads process.env. */
export const configSchema = z.object({
  DONDOC_DB_PATH: z.string().trim().min(1, 'cần đường dẫn tới tệp SQLite').default('data/dondoc.sqlite'),
  DONDOC_PROVINCE_NAME: z.string().trim().min(1, 'cần tên tỉnh').optional(),
  // The controller the privacy notice names (default: "Sở Nội vụ" + the province) and where members ask about their data.
  DONDOC_DATA_CONTROLLER: z.string().trim().min(3, 'cần tên bên kiểm soát dữ liệu, ví dụ Sở Nội vụ tỉnh Hà Tĩnh').max(200, 'tên bên kiểm soát dữ liệu quá dài').optional(),
  DONDOC_PRIVACY_CONTACT: z.string().trim().min(3, 'cần cách liên hệ, ví dụ số điện thoại hoặc thư điện tử của phòng CCHC').max(200, 'cách liên hệ quá dài').optional(),
  DONDOC_TIMEZONE: z
    .string()
    .trim()
    .default('Asia/Ho_Chi_Minh')
    .refine(isValidTimeZone, 'cần tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh'),
  DONDOC_HTTP_HOST: z.string().trim().min(1, 'cần địa chỉ IP hoặc tên máy').default('127.0.0.1'),
  DONDOC_HTTP_PORT: z.coerce
    .number({ error: 'cần một số nguyên từ 0 đến 65535' })
    .int('cần một số nguyên từ 0 đến 65535')
    .min(0, 'cần một số nguyên từ 0 đến 65535')
    .max(65535, 'cần một số nguyên từ 0 đến 65535')
    .default(8080),
  DONDOC_PUBLIC_URL: z
    .url('cần một URL https:// công khai')
    .refine((url) => {
      if (!URL.canParse(url)) return true; // z.url() already says what is wrong
      const parsed = new URL(url);
      return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed.hostname));
    }, 'cần một URL https:// (http:// chỉ nhận cho máy này — 127.0.0.1, localhost — khi thử nghiệm)')
    .optional(),
  DONDOC_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'cần một trong: fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  DONDOC_LOCAL_CHAT: booleanFlag.optional(),
  DONDOC_DEMO_DATA: booleanFlag.optional(),
  // The web dashboard under /web (login by a one-time link from /web in chat); default: with the local chat.
  DONDOC_WEB: booleanFlag.optional(),
  DONDOC_INVITE_TTL_HOURS: z.coerce
    .number({ error: 'cần số giờ, từ 1 đến 720' })
    .int('cần số giờ nguyên, từ 1 đến 720')
    .min(1, 'cần số giờ, từ 1 đến 720')
    .max(720, 'cần số giờ, từ 1 đến 720')
    .default(72),
  // The longest report draft (/soanbaocao, report draft) written as a Word file, in document lines; a longer
  // one (a province of many communes) gets the figures as .xlsx and a message to draft per agency.
  DONDOC_REPORT_MAX_LINES: z.coerce
    .number({ error: 'cần số dòng, từ 100 đến 50000' })
    .int('cần số dòng nguyên, từ 100 đến 50000')
    .min(100, 'cần số dòng, từ 100 đến 50000')
    .max(50_000, 'cần số dòng, từ 100 đến 50000')
    .default(5_000),
  // One page of a scanned plan read by OCR gets this long in all (every tesseract pass over its
  // cells); a page not read in that time is reported unread, nothing of it stored.
  DONDOC_OCR_PAGE_SECONDS: z.coerce
    .number({ error: 'cần số giây, từ 10 đến 600' })
    .int('cần số giây nguyên, từ 10 đến 600')
    .min(10, 'cần số giây, từ 10 đến 600')
    .max(600, 'cần số giây, từ 10 đến 600')
    .default(60),
  DONDOC_SCHEDULER: booleanFlag.default(true),
  // GET /healthz and /metrics are served whenever the HTTP server runs; this starts it for them alone (polling mode).
  DONDOC_HEALTH_HTTP: booleanFlag.default(false),
  // The running bot's daily backup: a directory turns it on.
  DONDOC_BACKUP_DIR: z.string().trim().min(1, 'cần đường dẫn thư mục sao lưu').optional(),
  DONDOC_BACKUP_AT: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'cần giờ dạng HH:mm, ví dụ 02:30')
    .default('02:30'),
  DONDOC_BACKUP_KEEP_DAYS: z.coerce.number({ error: 'cần số ngày, từ 1 đến 366' }).int('cần số ngày nguyên').min(1, 'cần số ngày, từ 1 đến 366').max(366, 'cần số ngày, từ 1 đến 366').default(7),
  DONDOC_BACKUP_KEEP_MONTHS: z.coerce.number({ error: 'cần số tháng, từ 0 đến 120' }).int('cần số tháng nguyên').min(0, 'cần số tháng, từ 0 đến 120').max(120, 'cần số tháng, từ 0 đến 120').default(12),
  // /metrics answers loopback callers without a token; anyone else must send "Authorization: Bearer <token>".
  DONDOC_METRICS_TOKEN: z.string().trim().min(16, 'cần một chuỗi bí mật dài ít nhất 16 ký tự').optional(),
  // Zalo's free plan, as one source reports it (unverified; see README): 3,000 outbound messages a month. 0 = no limit.
  DONDOC_ZALO_MONTHLY_QUOTA: z.coerce
    .number({ error: 'cần số tin nhắn mỗi tháng (0 = không giới hạn)' })
    .int('cần số nguyên')
    .min(0, 'cần số tin nhắn mỗi tháng (0 = không giới hạn)')
    .default(3000),
  DONDOC_TELEGRAM_MAX_PER_SECOND: z.coerce
    .number({ error: 'cần số tin mỗi giây, từ 1 đến 1000' })
    .min(1, 'cần số tin mỗi giây, từ 1 đến 1000')
    .max(1000, 'cần số tin mỗi giây, từ 1 đến 1000')
    .default(30),
  DONDOC_TELEGRAM_CHAT_GAP_MS: z.coerce
    .number({ error: 'cần số mili giây giữa hai tin cho cùng một người, từ 0 đến 60000' })
    .int()
    .min(0, 'cần số mili giây từ 0 đến 60000')
    .max(60_000, 'cần số mili giây từ 0 đến 60000')
    .default(1000),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, 'cần token dạng 123456789:AA… do @BotFather cấp')
    .optional(),
  TELEGRAM_API_ROOT: z.url('cần URL của máy chủ Bot API').optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'cần 16–256 ký tự A-Z, a-z, 0-9, _ hoặc -')
    .optional(),
  ZALO_BOT_TOKEN: z.string().trim().min(10, 'cần token do Zalo Bot Manager cấp').optional(),
  ZALO_API_ROOT: z.url('cần URL của Zalo Bot API').default('https://bot-api.zaloplatforms.com'),
  ZALO_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,256}$/, 'cần 8–256 ký tự A-Z, a-z, 0-9, _ hoặc -')
    .optional(),
  DONDOC_ZALO_MAX_PER_SECOND: z.coerce
    .number({ error: 'cần số tin mỗi giây, từ 1 đến 1000' })
    .min(1, 'cần số tin mỗi giây, từ 1 đến 1000')
    .max(1000, 'cần số tin mỗi giây, từ 1 đến 1000')
    .default(10),
  DONDOC_ZALO_CHAT_GAP_MS: z.coerce
    .number({ error: 'cần số mili giây từ 0 đến 60000' })
    .int()
    .min(0, 'cần số mili giây từ 0 đến 60000')
    .max(60_000, 'cần số mili giây từ 0 đến 60000')
    .default(500),
});

type RawConfig = z.infer<typeof configSchema>;

/** True for 127.0.0.0/8, localhost and ::1: the only hosts a plain-http public URL may name (local testing). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** How a platform's updates arrive: long polling, or a webhook at the public URL carrying a secret. */
export type Intake = { kind: 'polling' } | { kind: 'webhook'; secret: string; publicUrl: string };

/** One chat platform, present only when its token is set. */
export interface PlatformConfig {
  token: string;
  /** The platform API's root (a local server in tests). */
  apiRoot: string | undefined;
  intake: Intake;
  /** Messages per second overall and the gap between two messages to one chat. */
  perSecond: number;
  perChatGapMs: number;
}

/** Parsed configuration plus the derived switches main.ts acts on. */
export interface Config extends RawConfig {
  /** Telegram, when TELEGRAM_BOT_TOKEN is set. */
  telegram: PlatformConfig | undefined;
  /** Zalo, when ZALO_BOT_TOKEN is set; `publicUrl` lets Zalo fetch charts and files by link. */
  zalo: (PlatformConfig & { publicUrl: string | undefined; monthlyQuota: number }) | undefined;
  /** True when no chat platform token is set: the bot runs on the local web chat only. */
  localOnly: boolean;
  /** Whether the local web chat is served (default: only when no platform token is set). */
  localChat: boolean;
  /** Whether the demo province is seeded into an empty database (default: same as localOnly). */
  demoData: boolean;
  /** Whether the web dashboard is served under /web (on DONDOC_PUBLIC_URL, or on a loopback DONDOC_HTTP_HOST). */
  web: boolean;
  /** Settings that are allowed but unwise, each one Vietnamese line for the log at start. */
  warnings: string[];
}

/** Thrown when the environment is invalid; the message is one line naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment into a Config, or throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (`PORT=` copied from .env.example) means "use the default", as if unset.
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key]?.trim() === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'môi trường');
    const given = env[variable];
    const shown = given === undefined ? '' : ` (đang là "${given.length > 40 ? `${given.slice(0, 40)}…` : given}")`;
    throw new ConfigError(`Cấu hình sai ở biến ${variable}: ${issue?.message ?? 'giá trị không hợp lệ'}${shown}.`);
  }
  const raw = parsed.data;
  const localOnly = raw.TELEGRAM_BOT_TOKEN === undefined && raw.ZALO_BOT_TOKEN === undefined;
  if (raw.ZALO_WEBHOOK_SECRET !== undefined && raw.DONDOC_PUBLIC_URL === undefined) {
    throw new ConfigError(
      'Cấu hình sai ở biến DONDOC_PUBLIC_URL: webhook Zalo cần URL công khai https:// khi đã đặt ZALO_WEBHOOK_SECRET.',
    );
  }
  if (raw.TELEGRAM_WEBHOOK_SECRET !== undefined && raw.DONDOC_PUBLIC_URL === undefined) {
    throw new ConfigError(
      'Cấu hình sai ở biến DONDOC_PUBLIC_URL: webhook Telegram cần URL công khai https:// khi đã đặt TELEGRAM_WEBHOOK_SECRET.',
    );
  }
  const localChat = raw.DONDOC_LOCAL_CHAT ?? localOnly;
  if (localChat && !isLoopback(raw.DONDOC_HTTP_HOST)) {
    throw new ConfigError(
      `Cấu hình sai ở biến DONDOC_HTTP_HOST: trò chuyện thử trên máy (DONDOC_LOCAL_CHAT) chỉ chạy trên địa chỉ loopback như 127.0.0.1, không chạy trên ${raw.DONDOC_HTTP_HOST}. Đặt DONDOC_LOCAL_CHAT=false khi mở máy chủ cho webhook.`,
    );
  }
  const web = raw.DONDOC_WEB ?? localChat;
  if (web && raw.DONDOC_PUBLIC_URL === undefined && !isLoopback(raw.DONDOC_HTTP_HOST)) {
    throw new ConfigError(
      `Cấu hình sai ở biến DONDOC_WEB: bảng điều khiển web chỉ mở ở DONDOC_PUBLIC_URL (https://) hoặc trên địa chỉ loopback như 127.0.0.1, không mở trên ${raw.DONDOC_HTTP_HOST}. Đặt DONDOC_PUBLIC_URL hoặc DONDOC_WEB=false.`,
    );
  }
  const warnings: string[] = [];
  if (localChat && !localOnly) {
    warnings.push(
      'DONDOC_LOCAL_CHAT=true cùng token chat thật: ai dùng được trình duyệt trên máy này có thể nhắn với vai trò các thành viên demo (kể cả quản trị demo), và tin của họ có thể tới thành viên thật. Chỉ bật khi thử nghiệm.',
    );
  }
  if (raw.DONDOC_PUBLIC_URL?.startsWith('http:')) {
    warnings.push(`DONDOC_PUBLIC_URL là http:// (${raw.DONDOC_PUBLIC_URL}): chỉ dùng để thử trên máy này; Telegram và Zalo cần https:// khi chạy thật.`);
  }
  // Webhooks need the public URL: checked above, so the narrowing below holds.
  const intake = (secret: string | undefined): Intake =>
    secret !== undefined && raw.DONDOC_PUBLIC_URL !== undefined ? { kind: 'webhook', secret, publicUrl: raw.DONDOC_PUBLIC_URL } : { kind: 'polling' };
  return {
    ...raw,
    telegram:
      raw.TELEGRAM_BOT_TOKEN === undefined ? undefined : {
        token: raw.TELEGRAM_BOT_TOKEN,
        apiRoot: raw.TELEGRAM_API_ROOT,
        intake: intake(raw.TELEGRAM_WEBHOOK_SECRET),
        perSecond: raw.DONDOC_TELEGRAM_MAX_PER_SECOND,
        perChatGapMs: raw.DONDOC_TELEGRAM_CHAT_GAP_MS,
      },
    zalo:
      raw.ZALO_BOT_TOKEN === undefined ? undefined : {
        token: raw.ZALO_BOT_TOKEN,
        apiRoot: raw.ZALO_API_ROOT,
        intake: intake(raw.ZALO_WEBHOOK_SECRET),
        perSecond: raw.DONDOC_ZALO_MAX_PER_SECOND,
        perChatGapMs: raw.DONDOC_ZALO_CHAT_GAP_MS,
        publicUrl: raw.DONDOC_PUBLIC_URL,
        monthlyQuota: raw.DONDOC_ZALO_MONTHLY_QUOTA,
      },
    localOnly,
    localChat,
    web,
    demoData: raw.DONDOC_DEMO_DATA ?? localOnly,
    warnings,
  };
}
