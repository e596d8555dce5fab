/**
 * The content words of CCHC work: every syllable (folded) that occurs three times or more in the five
 * source documents (../shared/seeds/000–004: plans and decisions of Thái Nguyên, Sóc Trăng, Triệu Sơn,
 * Vĩnh Phúc and Hà Tĩnh), less the words that can change a status ("dở", "hoãn", "hủy", "hụt",
 * "sai", "tồn", "treo", "trễ", "kém", "ít", "chậm", "quá", "lại", "bỏ", "khó", "kẹt", "lỗi", "hỏng",
 * "tắc", "ngừng", "dừng", "bị"…). A reply word found here names the work or its product ("niêm yết",
 * "doanh nghiệp", "tích hợp"): it is explained as content. The reply lexicon is looked up first, so
 * a word with a status role there ("sẽ", "chưa", "đâu") keeps it.
 */
export const CONTENT_WORDS: ReadonlySet<string> = new Set(
  (
  'an anh ap attt bach bai ban bang bao bat ben bien biet bieu binh boi buoc ca cac cach cai can canh cao cap cat ' +
  'cau cbcc cbccvc cchc cd chap chat che cheo chi chia chien chieu chinh chiu cho chon chong chu chua chuan chuc ' +
  'chung chuong chuyen cntt co con cong cp csdl ct cu cua cuc cung cuoc cuong cuu da dac dai dam dan dang danh ' +
  'dao dap dat dau day de den di dia dich diem dien dieu dinh doan doanh doc doi don dong dot dti du dua duc duoc ' +
  'duoi duong duy duyet dvc gan ghep gia giai giam gian giao giay gioi giua giup go gom gon gop gui ha hai han ' +
  'hang hanh hay hdnd he hien hiep hieu hinh ho hoa hoac hoach hoat hoc hoi hon hop huan huong huu huyen ich ii ' +
  'iii index iot iso iv ke kenh kh kha khac khai khan khao khau khen khi khich khoa khoan khoi khong khung khuyen ' +
  'kiem kien kinh kip kl kt ky la lam lang lanh lao lap lau lay le len lgsp lich lien liet lieu linh lo loai lon ' +
  'long lop lua luan luat luc luoc luoi luong luu ly ma mac mang manh mau may me mem minh mo moi mon mot muc muu ' +
  'nam nang nay nd nen neu ngach ngan ngang nganh ngay nghe nghi nghia nghiem nghien nghiep ngoai nguoi nguon ' +
  'nguyen nha nham nhan nhanh nhap nhat nhau nhiem nhieu nhom nhu nhung niem ninh no noi nong nop nq nuoc on papi ' +
  'par pci pct pha phai pham phan phap phat phe phi phien pho phoi phong phu phuc phuong ptth qd qppl quan quoc ' +
  'quy quyen quyet ra rai rieng ro rong ruom sac sach san sang sap sat sau se sinh sipas so soat soc son stt su ' +
  'sua suat sung suot tai tam tan tang tao tap tat tcvn te th thac thai tham than thang thanh thao thay the theo ' +
  'thi thien thiet thieu thoai thoi thon thong thu thuan thuat thuc thue thuoc thuon thuong tich tien tiep tiet ' +
  'tieu tim tin tinh tm to toan toi tong tot tra trach trai tran trang tranh trao tren tri trien triet trieu ' +
  'trinh tro trong tru truc trung truoc truong truyen tt ttg tthc ttr tttt tu tuan tuc tung tuong tuu tuyen tw ty ' +
  'ubnd ung uong uu uy va vai van vao vat vay vbqppl ve vi viec vien viet vinh voi von vt vu vuc vung vuong xa ' +
  'xac xay xem xep xet xin xu xuat xuyen yeu '
  ).split(' ').filter(Boolean),
);
