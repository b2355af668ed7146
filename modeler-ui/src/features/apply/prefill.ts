/**
 * What the portal already knows about the person applying fills the matching fields of a new application,
 * so they are not typed again (issue 15, "provide once"). The forms in processes/ name the person applying
 * by a group with the path `applicant`, and its fields by these keys; nothing else is filled.
 */

/** What the account knows about its holder (empty values are left out). */
export interface KnownPerson {
  fullName?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  /** yyyy-MM-dd */
  dateOfBirth?: string | null;
  residence?: string | null;
}

/** the groups that describe the person applying */
const APPLICANT_PATHS = new Set(['applicant']);
/** field key in such a group → what the account knows */
const FIELD_OF: Record<string, keyof KnownPerson> = {
  fullName: 'fullName',
  idNumber: 'idNumber',
  phone: 'phone',
  email: 'email',
  dateOfBirth: 'dateOfBirth',
  residence: 'residence',
};

interface Component {
  type: string;
  key?: string;
  path?: string;
  components?: Component[];
}

/** The form data a new application starts with: the applicant's fields from the account, where the form has them. */
export function prefillFor(schema: unknown, person: KnownPerson): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (components: Component[] | undefined) => {
    for (const c of components ?? []) {
      if (c.type === 'group' && c.path && APPLICANT_PATHS.has(c.path)) {
        for (const f of c.components ?? []) {
          const known = f.key && FIELD_OF[f.key] ? person[FIELD_OF[f.key]!] : undefined;
          if (known) (out[c.path] ??= {})[f.key!] = known;
        }
      } else if (c.components && !c.path) walk(c.components);
    }
  };
  walk((schema as { components?: Component[] } | undefined)?.components);
  return out;
}

/** A saved draft over the prefilled data: what the person typed wins, field by field. */
export function overlay(base: Record<string, unknown>, draft: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(draft)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? overlay(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}
