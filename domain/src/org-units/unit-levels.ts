/** The levels of an administrative unit (pure: the web app uses it too). */
export const unitLevels = ['province', 'department', 'commune', 'centre'] as const;
export type UnitLevel = (typeof unitLevels)[number];
