import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The province's time zone unless configured otherwise (UTC+7, no daylight saving). */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** "25/11/2026 17:40" in the given zone: how Vietnamese officials write a moment. */
export function formatDateTime(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayjs(date).tz(timeZone).format('DD/MM/YYYY HH:mm');
}

export { dayjs };
