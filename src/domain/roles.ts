/** The three roles a member can hold; stored as these codes. */
export const ROLES = ['focal', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Vietnamese names of the roles, as shown to users. */
export const ROLE_LABELS: Record<Role, string> = {
  focal: 'đầu mối CCHC',
  leader: 'lãnh đạo',
  admin: 'quản trị (Sở Nội vụ)',
};

/** What users type for a role (ASCII, Vietnamese-friendly), mapped to the stored code. */
export const ROLE_WORDS: Record<string, Role> = {
  dau_moi: 'focal',
  daumoi: 'focal',
  focal: 'focal',
  lanh_dao: 'leader',
  lanhdao: 'leader',
  leader: 'leader',
  quan_tri: 'admin',
  quantri: 'admin',
  admin: 'admin',
};

/** The word users type for each role, as shown in usage lines. */
export const ROLE_INPUT: Record<Role, string> = { focal: 'dau_moi', leader: 'lanh_dao', admin: 'quan_tri' };
