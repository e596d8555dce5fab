import { endOfMonth, formatCivil, type CivilDate } from '../src/domain/civil-date.js';
import { ROLE_LABELS, type Role } from '../src/domain/roles.js';

/** A date to show in an example: the end of the month two months after today (always ahead, never a date already past). */
export function exampleDate(today: CivilDate): string {
  const month = Number(today.slice(5, 7)) + 2;
  const year = Number(today.slice(0, 4)) + (month > 12 ? 1 : 0);
  return formatCivil(endOfMonth(year, ((month - 1) % 12) + 1));
}

/** User-facing words shared by every feature, in one place for proofreading. */
export const COMMON = {
  platformLabel: (platform: string): string =>
    ({ telegram: 'Telegram', zalo: 'Zalo', local: 'trò chuyện thử trên máy' })[platform] ?? platform,
  roleLabel: (role: Role): string => ROLE_LABELS[role],
  strangerIntro: [
    'Xin chào! Đây là dondoc — trợ lý đôn đốc cải cách hành chính của Sở Nội vụ.',
    'Bạn chưa được liên kết với cơ quan nào, nên dondoc chưa thể hiển thị thông tin gì cho bạn.',
    'Để tham gia: xin mã mời từ cán bộ CCHC của Sở Nội vụ, rồi gửi /start kèm mã, ví dụ: /start ABCD-EFGH-JK (hoặc chỉ gửi mã).',
  ],
  unknownCommand: (name: string): string =>
    `Không có lệnh /${name}. Gõ /trogiup để xem các lệnh bạn dùng được.`,
  notAllowed: (name: string, roles: readonly Role[]): string =>
    `Lệnh /${name} chỉ dành cho ${roles.map((r) => ROLE_LABELS[r]).join(', ')}. Gõ /trogiup để xem các lệnh của bạn.`,
  badArgs: (problem: string, usage: string): string => `Chưa đúng cú pháp: ${problem}. Cách dùng: ${usage}`,
  unknownAgency: (text: string): string => `Không tìm thấy cơ quan “${text}”. Gõ /coquan để xem mã các cơ quan.`,
  notUnderstood: 'dondoc chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh bạn dùng được.',
  internalError:
    'Xin lỗi, dondoc gặp lỗi khi xử lý yêu cầu này. Dữ liệu của bạn không bị thay đổi. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, hãy báo Sở Nội vụ.',
  choiceExpired: 'Lựa chọn trước đã hết hạn. Đây là danh sách mới:',
  noPendingChoice: 'Không có lựa chọn nào đang chờ trả lời. Gõ /trogiup để xem các lệnh.',
  numberWithoutList: (n: number): string =>
    `Tin gần nhất dondoc gửi bạn không có danh sách đánh số, nên chưa rõ số “${n}” là chọn gì. dondoc chưa làm gì. Gõ lại lệnh để xem danh sách (ví dụ /viec) rồi trả lời bằng số trong danh sách đó.`,
  choiceOutOfRange: (count: number): string => `Chỉ có ${count} lựa chọn. Hãy trả lời một số từ 1 đến ${count}.`,
  helpSummary: 'Xem các lệnh bạn dùng được',
  fileUnreadable: 'dondoc không tải được tệp từ nền tảng chat. Hãy gửi lại tệp sau ít phút.',
  privateOnly: (name: string): string =>
    `Lệnh /${name} chỉ dùng khi nhắn riêng với dondoc, để mã mời, mã liên kết và thông tin cá nhân không lộ trong nhóm. Hãy nhắn riêng cho bot rồi gõ lại lệnh.`,
  unsupportedMessage: 'dondoc chỉ đọc được tin nhắn chữ và lệnh. Gõ /trogiup để xem các lệnh bạn dùng được.',
} as const;
