import { textKey } from './text-key.js';

/**
 * The words a status reply is made of, as folded text (no diacritics, lower case), each with the
 * part it plays. The reply reader is closed-world: a word that is not here, and is not part of a
 * code, a date, a percent, a document number or a reason clause, is *unexplained*, and a reply
 * with an unexplained word is never stored as done without the member confirming it.
 *
 * Informal spellings officials use in Zalo are listed with the standard ones: "ko", "k", "hok",
 * "hông" = không; "dc", "đc" = được; "ht" = hoàn thành; "r", "oy", "rùi" = rồi.
 */
export type Role =
  /** A completion verb: "xong", "hoàn thành". */
  | 'done'
  /** A finished product when after "đã": "ban hành", "phê duyệt", "tổ chức". */
  | 'product'
  /** Perfect aspect: "đã", "rồi". Supports done, never makes it. */
  | 'perfect'
  /** Work under way: "đang", "tiến độ", "chờ ký". */
  | 'progress'
  /** A verb of work with no status of its own: "làm", "thực hiện", "triển khai". */
  | 'work'
  | 'problem'
  | 'extension'
  /** "chưa": not yet. */
  | 'not_yet'
  /** "không", "ko", "chẳng": not. */
  | 'not'
  /** Rhetorical negation: "đâu", "làm gì … đã". */
  | 'rhetorical'
  /** The future and plans: "sẽ", "sắp", "mai", "tuần sau", "dự kiến". */
  | 'future'
  /** Hedges and modals: "chắc", "có lẽ", "hình như", "có thể". */
  | 'hedge'
  /** Hearsay: "nghe nói". */
  | 'hearsay'
  /** Counterfactual or mistaken belief: "lẽ ra", "tưởng". */
  | 'counterfactual'
  /** A part of the work: "một nửa", "phần lớn", "gần", "dự thảo". */
  | 'fraction'
  /** Sent back: "trả lại", "yêu cầu sửa", "làm lại". */
  | 'returned'
  | 'contrast'
  | 'question'
  /** Introduces a reason: "vì", "do", "lý do". */
  | 'reason'
  /** Lateness: "trễ hạn", "quá hạn", "chậm". */
  | 'late'
  /** A target or time word: "đến", "sang", "tháng", "quý sau". */
  | 'time'
  /** Politeness, address, subject, connective and filler words that say nothing about status. */
  | 'neutral'
  /** Nouns of the work and its products: "kế hoạch", "hội nghị", "quyết định". */
  | 'noun';

const entries: [Role, string][] = [
  ['done', 'da hoan thien|htanh|h tanh|xong|hoan thanh|hoan tat|ht|done|xog|xon|hoan thanh xong|xong xuoi|ket thuc|hoan thien xong|finish|finished|complete|completed|xong het|xong xuoi het|hoan than|hoan thanh het|thuc hien xong|trien khai thuc hien xong|lam xong|da xong|xong roi|hoan thanh roi|hthanh|h.thanh|hoanthanh|hoàn thành|xông|xg'],
  ['product', 'cap nhat|dang tai cong khai|niem yet|ban hanh|phe duyet|to chuc|cong bo|ky ban hanh|gui|nop|trinh ky xong|dang tai|dang tai len|cap nhat len|hoan tat viec|thong qua|nghiem thu|ky|cong khai|bao cao xong'],
  ['perfect', 'da|roi|r|oy|roai|rui|ruj|rùi|roy|da duoc|duoc|dc|đc|duoc roi|het|ca|tat ca|toan bo|day du|dut diem|100 phan tram|tron ven'],
  [
    'progress',
    'dg|dg lam|moi bat dau|vua bat dau|da bat dau|vua moi bat dau|dang bat dau|dang|dang lam|dang thuc hien|dang trien khai|tien do|cho ky|cho phe duyet|cho duyet|da trinh|dang trinh|trinh|dang hoan thien|hoan thien|dang xu ly|dang tong hop|dang cho|lay y kien|dang lay y kien|thuc hien duoc|lam duoc|van dang|tiep tuc|dang chuan bi|dang ra soat|dang tham dinh|dang bo sung|dang hoan chinh|cho y kien|cho ket qua|cho so lieu|cho huong dan',
  ],
  ['work', 'lm|bd|bat dau|lam|thuc hien|trien khai|xu ly|lam viec|trien khai thuc hien|to chuc thuc hien|thuc hien xong'],
  [
    'problem',
    'chua co kp|khong co kp|ko co kp|thieu kp|chua nhan duoc|chua nhan|khong nhan duoc|ko nhan duoc|chua nhan dc|chua nhan được|vuong mac|vuong|kho khan|gap kho khan|bi vuong|gap vuong mac|bat cap|thieu|khong the|chua the|ko the|k the|khong kip|chua kip|van de|tam dung|tam hoan|tam ngung|dung thuc hien|ngung thuc hien|ngung|vuot qua kha nang|kho|bi ket|bi tac|ach tac|vuong vuong|bi loi|bi|bi qua|bi lam|huy|bi huy|chua co kinh phi|chua bo tri|chua duoc bo tri|chua duoc cap|khong co kinh phi|het kinh phi|that bai|khong thanh cong|ton dong|hong|bi hong',
  ],
  [
    'extension',
    'de nghi duoc gia han|xin duoc gia han|de nghi duoc lui|xin duoc lui|gia han|khat|xin khat|khat han|xin doi|doi sang|doi den|doi lai|xin doi lai|xin doi sang|xin gia han|de nghi gia han|lui han|xin lui han|lui thoi han|lui thoi gian|keo dai thoi gian|keo dai thoi han|keo dai|dieu chinh thoi gian|dieu chinh thoi han|xin dieu chinh thoi han|xin dieu chinh thoi gian|xin them thoi gian|them thoi gian|xin them|xin lui|lui|lui lai|xin hoan|hoan lai|cham lai|cho cham lai|xin cham|xin doi han|doi han|gian han|xin gian|xin gian han|de nghi lui|xin lui lai|de nghi cho lui|xin cho lui|xin gia han them|gia han them|de xuat gia han|xin cho gia han|cho gia han|xin phep gia han|xin phep lui',
  ],
  ['not_yet', 'chu chua|chua|chưa|van chua|cung chua|con chua|chuaa|chuaaa|chx|ch|chua co|chua duoc'],
  ['not', 'khong phai|ko phai|k phai|kh phai|khong phai la|ko phai la|k phai la|chang phai|cha phai|khong|ko|k|kh|khg|kg|hok|hong|hông|hổng|chang|cha|cha co|khong co|ko co|k co|kô|khum|hem|hong co|hem co|khong he|chua he|chang he|chẳng|chả'],
  // Sarcasm says the opposite: "xong rồi mới lạ", "mà xong thì em đi đầu xuống đất", "còn lâu", "xong cái gì mà xong".
  ['rhetorical', 'nao co|sao noi|sao kip|sao ma kip|ai bao|ai noi|ai bao la|ai noi la|dau|lam gi|lam sao ma|dau ma|dau co|co dau|the nao duoc|sao ma|nao da|lam gi co|lam gi da|moi la|thi moi la|di dau xuong dat|con lau|con khuya|cai gi ma|gi ma|sao duoc|sao duoc ma'],
  [
    'future',
    'chuan bi|sap ban hanh|em tinh|ke hoach la|som thoi|se|sap|mai|ngay mai|sang mai|chieu mai|toi mai|tuan sau|tuan toi|thang sau|thang toi|nam sau|nam toi|sang nam|quy sau|quy toi|vai hom nua|vai ngay nua|may hom nua|hom sau|sap toi|toi day|thoi gian toi|du kien|du tinh|phan dau|co gang|trong tuan nay|trong thang nay|cuoi tuan nay|cuoi thang nay|nay mai|chieu nay|toi nay|lat nua|ti nua|chut nua|nua|mot hai hom|1 2 hom|vai bua|bua sau|hen|dinh|muon|can|phai|nen|de|nham|dam bao se|lat|lat nua|toi noi|xong toi noi|roi se|tu tu|muon nhat|cham nhat|tre nhat|yeu cau|duoc yeu cau',
  ],
  // Conditions and wishes: "nếu … thì … xong", "giá mà / giá như / giả sử 2.5 xong".
  ['hedge', 'mong|khong co gi de bao cao|ko co gi de bao cao|k co gi de bao cao|chua co gi de bao cao|theo em thi|theo toi thi|theo minh thi|theo em biet|theo toi biet|theo minh biet|mien|mien co|mien sao|chua biet|de em xac nhan|xac nhan lai|dang hop|dang di hop|di hop|dang di cong tac|di cong tac|chua kiem tra|chua kiem tra lai|chua check|chua xac minh|chua xac nhan|mong la|mong rang|mong se|mong kip|neu|neu nhu|neu ma|gia ma|gia nhu|gia su|phai chi|mien la|chac|chac la|co le|hinh nhu|co ve|co the|tuong doi|kha|doan|uoc|uoc tinh|khoang|tam|tam thoi|chac la da|chac da|hinh nhu da|co le da|hy vong da|nghi la|em nghi|em nghĩ|khong chac|ko chac|chua chac|chac vay|chac the|chac roi|chac xong|hy vong|hi vong|ko ro|khong ro|chua ro|k ro|hoi lai|kiem tra lai|xem lai|de em hoi|de em xem|de em kiem tra|ko nho|khong nho|k nho'],
  ['hearsay', 'co ai noi|co ai bao|nghe noi|nghe bao|nghe|thay noi|thay bao|ho bao|ho noi|nghe dau|duoc biet|nghe phong|nghe ben|nghe chi|nghe anh|nghe em'],
  ['counterfactual', 'ai ngo|ai de|le ra|dang le|le ra phai|dang le ra|tuong|cu tuong|tuong la|nham|nham la|bao nham|ngo|ngo la|ngỡ'],
  [
    'fraction',
    'chua het|chut chut|duoc chut|mot chut|chut it|duoc nhieu|dc nhieu|xong nhieu|nhieu phan|gan nhu|hau nhu|gan nhu xong|do dang|lam do|con do|dang do|bo do|mot nua|nua|1 nua|co ban|phan lon|mot phan|1 phan|phan nao|mot so|1 so|mot it|gan|gan xong|so bo|buoc dau|ban dau|du thao|ban nhap|nhap|mot vai|vai|mot ti|hon nua|quá nửa|qua nua|mot phan ba|hai phan ba|ba phan tu|mot phan tu|buoc|giai doan|dot|phan|hang muc|con lai|con|ngoai tru|tru',
  ],
  ['returned', 'tra lai|bi tra|tra ve|bi tra ve|yeu cau sua|yeu cau chinh sua|sua lai|lam lai|chinh sua|chua dat|khong dat|ko dat|bi bac|bac|tu choi|bi tu choi|chua duoc duyet|khong duoc duyet|tra ho so|yeu cau bo sung'],
  ['contrast', 'nhung|ma|song|tuy nhien|nhung ma|the nhung|co dieu|chi co|chi la|mac du|du'],
  [
    'question',
    'ai|phai khong|dung khong|the nao|ra sao|duoc khong|co duoc khong|dc ko|dc k|khong a|hay chua|hay khong|khi nao|bao gio|o dau|sao|a|ha|ho|hu|chu|nhi|khong nhi|vay|the|co phai|phai ko|phai k|ko a|k a|khong vay|chua vay|chua ta|dau vay|nao',
  ],
  ['reason', 'vi|boi vi|tai vi|do|ly do|ly do la|nguyen nhan|nguyen nhan la|do la|ly do:'],
  ['late', 'tre han|qua han|cham|cham tien do|bi cham|cham tre|tre|muon|khong dung han|ko dung han|k dung han|chua dung han|tre hen|cham han|sau han|khong kip thoi|tre mot chut|tre vai ngay|qua thoi han'],
  [
    'time',
    'theo dung tien do|dung theo tien do|theo tien do|kip tien do|den|toi|sang|truoc|han|han moi|ngay|thang|quy|nam|tuan|cuoi|dau|giua|het|trong|tu|hom qua|hom kia|hom nay|sang nay|chieu qua|tuan truoc|thang truoc|quy truoc|nam truoc|vua|vua moi|vua xong|moi|luc|gio|h|hom|bua|bua qua|tuan roi|thang roi|ky|ky nay|dip|thoi diem|den ngay|toi ngay|cho den|trong quy|trong thang|trong nam|cuoi nam|dau nam|giua nam|cuoi thang|dau thang|cuoi quy|dau quy|tet|sau tet|truoc tet|i|ii|iii|iv|mot|hai|ba|bon|tu|sau|bay|tam|chin|muoi|muoi mot|muoi hai|moi hai|moi mot|thoi han|dung han|dung thoi han|dung tien do|dung ke hoach|theo ke hoach|ke tu|ngay tu|lan|nay|dot nay',
  ],
  [
    'neutral',
    'het vuong|het vuong mac|het kho khan|het loi|da go vuong|da thao go|a khong|chua het han|con han|ioffice|up|upload|up len|that|that su|thuc su|khong chi|ko chi|k chi|khong nhung|khong can nhac|khong can nhac nua|ko can nhac|ko can nhac nua|k can nhac|k can nhac nua|dung nhac nua|khoi nhac|xac nhan|bao cao tien do|xin bao cao tien do|nhu sau|gui sau|se gui sau|bo sung sau|se bo sung sau|dong chi|khcn|gddt|nnmt|nnptnt|tnmt|khdt|ldtbxh|vhttdl|gtvt|vhtt|vp|luu tru|tru so|cu tru|check|sep|sếp|da|vang|a|ah|ak|nhe|nha|nhé|nhá|nghen|nhen|ne|nha anh|nha chi|nhe anh|nhe chi|oi|ơi|em|anh|chi|c|e|bac|thay|co|ban|minh|toi|tui|chung toi|chung em|ben|ben em|ben minh|ben toi|phong|phong em|don vi|don vi em|co quan|co quan em|kinh gui|kinh bao|kinh thua|bao cao|xin bao cao|em xin bao cao|xin|gui|thong tin|thong bao|cap nhat|ve|viec|cua|cho|thi|la|voi|nhiem vu|nv|muc|so|cai|nay|do|day|đó|đấy|đây|luon|lun|thoi|nua|nữa|them|nhe a|a nhe|a nha|vs|va|cung|con|hoac|hay|tinh hinh|ket qua|tinh trang|cac|nhung|moi|tung|rieng|chung|tong the|toan|deu|cũng|van|vẫn|ok|oke|okie|okela|dạ|vâng|ạ|sở|so noi vu|snv|ubnd|ubnd tinh|ubnd xa|ubnd phuong|xa|phuong|tinh|huyen|thanh pho|dac khu|lanh dao|giam doc|chu tich|pho chu tich|truong phong|can bo|cong chuc|chuyen vien|dau moi|bo phan|to|tổ|nhom|ban chi dao|van phong|tu phap|noi vu|tai chinh|y te|giao duc|xay dung|cong thuong|thanh tra|khoa hoc|cong nghe|nong nghiep|moi truong|van hoa|the thao|du lich|dan toc|ton giao|ngoai vu|trung tam|hanh chinh|cong|phuc vu|tiep nhan|tra ket qua|mot cua|kinh phi|da nang|tot|on|suon se|thuan loi|dung|day du|dat yeu cau|theo yeu cau|dung yeu cau|dam bao|chat luong|theo dung|cho phep|vui long|giup|ho tro|cam on|cám ơn|thanks|thank|tks|thx|xin cam on|tran trong|kinh|tham muu|phoi hop|chu tri|duoc giao|giao|theo|tai|kem theo|dinh kem|kem|file|tep|tai lieu|minh chung|duong link|link|qua|tren|he thong|phan mem|cong thong tin|trang|website|email|zalo|buu dien|ban giay|ban mem|ban dien tu|len|xuong|vao|ra|o|tai day|bao|kip|noi|cong tac|ttdt|vuot|ti|chut|xuoi|chac chan|mong anh|mong chi|mong em|mong ca nha|mong cac anh chi|mong a|mong c|thong cam|xem|xem giup|chi dao|co gi|khong co gi|ko co gi|k co gi|con gi dau|khong con gi|ko con gi|het roi|lau|lau roi|som|som hon|hon|thoi gian|phat sinh|de xuat|du toan|duoc gia han|da duoc gia han|sap xep|xep loai|danh sach|chup|anh chup|doanh nghiep|quoc gia|thuc thi|dat|dung|ket|loi|kho bac|ty|trieu|dong|nghin|nguoi|ca|deu|xin phep|de nghi',
  ],
  [
    'noun',
    'chu ky|kp|ke hoach|kh|hoi nghi|tap huan|hoi thao|quyet dinh|qd|van ban|vb|bao cao|bc|cong van|cv|to trinh|tt|nghi quyet|nq|chi thi|ct|huong dan|hd|de an|chuong trinh|danh muc|tthc|thu tuc|thu tuc hanh chinh|kiem tra|tuyen truyen|khao sat|so ket|tong ket|dao tao|boi duong|lop|lop tap huan|dien dan|cuoc thi|hoi thi|ra soat|danh gia|chi so|par index|sipas|papi|pci|dti|iso|he thong quan ly chat luong|quy che|quy dinh|phuong an|ket luan|thong bao|tb|bien ban|hop|cuoc hop|buoi|doan|doan kiem tra|du an|nhiem vu nay|viec nay|noi dung|hang muc|san pham|ho so|so lieu|bieu mau|phu luc|cong trinh|dich vu cong|dich vu cong truc tuyen|truc tuyen|so hoa|chu ky so|chinh quyen so|chuyen doi so|cai cach hanh chinh|cchc|ky thuat|kinh phi|nhan luc|nguoi|can bo|cong chuc',
  ],
];

/** Folded phrase → roles, with the longest phrase first at each position. */
export const LEXICON: Map<string, Role[]> = (() => {
  const map = new Map<string, Role[]>();
  for (const [role, list] of entries) {
    for (const raw of list.split('|')) {
      const phrase = textKey(raw);
      if (phrase === '') continue;
      const roles = map.get(phrase) ?? [];
      if (!roles.includes(role)) roles.push(role);
      map.set(phrase, roles);
    }
  }
  return map;
})();

/** The longest phrase in the lexicon, in words. */
export const MAX_PHRASE = Math.max(...[...LEXICON.keys()].map((k) => k.split(' ').length));

