import { formatDateTime } from '../domain/time.js';
import { addSheet, put, writeWorkbook } from './excel-export.js';
import type { PersonalData } from './privacy-service.js';

/**
 * A member's own data (what /dulieu sends as JSON) as an Excel workbook someone can read without
 * tools: one sheet per part — who they are, linked accounts, notices accepted, status updates,
 * files sent, broadcasts received — with Vietnamese headers and times in the province's time.
 * `statusWord` names each status as the chat does ("hoàn thành", "xin gia hạn").
 */
export function personalDataWorkbook(data: PersonalData, options: { timeZone: string; statusWord: Record<string, string> }): Promise<Buffer> {
  const at = (iso: string | null) => (iso ? formatDateTime(new Date(iso), options.timeZone) : null);
  return writeWorkbook((workbook) => {
    const person = addSheet(workbook, 'Thông tin', ['Mục', 'Nội dung'], [30, 60], []);
    put(person, ['Số thành viên', data.thanhVien.soHieu]);
    put(person, ['Họ tên', data.thanhVien.hoTen]);
    put(person, ['Cơ quan', data.thanhVien.coQuan]);
    put(person, ['Vai trò', data.thanhVien.vaiTro]);
    put(person, ['Bên kiểm soát dữ liệu', data.benKiemSoat]);
    put(person, ['Tệp tạo lúc', at(data.taoLuc)]);
    person.commit();

    const accounts = addSheet(workbook, 'Tài khoản', ['Nền tảng', 'Mã tài khoản', 'Tên hiển thị', 'Liên kết lúc'], [14, 24, 28, 18], []);
    for (const a of data.taiKhoan) put(accounts, [a.nenTang, a.maTaiKhoan, a.tenHienThi ?? null, at(a.lienKetLuc)]);
    accounts.commit();

    const consents = addSheet(workbook, 'Đồng ý', ['Phiên bản thông báo', 'Đồng ý lúc', 'Nền tảng'], [22, 18, 14], []);
    for (const c of data.dongY) put(consents, [c.phienBan, at(c.luc), c.nenTang]);
    consents.commit();

    const updates = addSheet(workbook, 'Cập nhật', ['Lúc', 'Loại', 'Mã', 'Tình trạng', 'Tiến độ (%)', 'Lý do', 'Minh chứng', 'Ngày đề nghị gia hạn'], [18, 12, 12, 20, 11, 40, 28, 16], []);
    for (const u of data.capNhat) {
      put(updates, [at(u.luc), u.loai === 'task' ? 'nhiệm vụ' : 'báo cáo', u.ma ?? null, options.statusWord[u.trangThai] ?? u.trangThai, u.tienDo, u.lyDo ?? null, u.minhChung ?? null, u.ngayDeNghi ?? null]);
    }
    updates.commit();

    const files = addSheet(workbook, 'Tệp đã gửi', ['Lúc', 'Tên tệp', 'Kiểu', 'Kích thước (byte)'], [18, 40, 24, 16], []);
    for (const f of data.tepDaGui) put(files, [at(f.luc), f.tenTep, f.kieu ?? null, f.kichThuoc]);
    files.commit();

    const broadcasts = addSheet(workbook, 'Công văn đã nhận', ['Số thông báo', 'Gửi lúc', 'Xác nhận lúc'], [14, 18, 18], []);
    for (const b of data.congVanDaNhan) put(broadcasts, [b.soCongVan, at(b.guiLuc), at(b.xacNhanLuc)]);
    broadcasts.commit();
  });
}
