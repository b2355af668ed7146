/**
 * A procedure in another language: its catalogue entry holds, per language, the Vietnamese texts it has
 * translated and their translation (`catalogue.translations.en`: { "Tiếp nhận hồ sơ": "Receiving the dossier" }).
 * One map serves the catalogue (name of papers, fees, steps, result...) and the forms (labels, descriptions,
 * choices, texts), so a text said twice is translated once and a form redrawn keeps what it still says. A text
 * without a translation stays in Vietnamese, the language of the law.
 */

export type TranslationLanguage = 'en';
export type Translations = Partial<Record<TranslationLanguage, Record<string, string>>>;

/** The procedure's map for a language (none for Vietnamese, the language its texts are written in). */
export function translationsFor(catalogue: { translations?: Translations } | null | undefined, lang: string): Record<string, string> | undefined {
  if (lang === 'vi') return undefined;
  const map = catalogue?.translations?.[lang as TranslationLanguage];
  return map && Object.keys(map).length ? map : undefined;
}

/** A text in the language of the map, or as written when the map has none for it. */
export function translate(map: Record<string, string> | undefined, text: string): string;
export function translate(map: Record<string, string> | undefined, text: string | undefined): string | undefined;
export function translate(map: Record<string, string> | undefined, text: string | undefined): string | undefined {
  if (!map || text === undefined) return text;
  return Object.hasOwn(map, text) ? map[text] : (map[text.trim()] ?? text);
}

const TEXT_PROPERTIES = ['label', 'dateLabel', 'timeLabel', 'description', 'text', 'placeholder'] as const;

interface Component {
  components?: Component[];
  values?: { label: string; value: unknown }[];
  appearance?: { prefixAdorner?: string; suffixAdorner?: string };
  [key: string]: unknown;
}

/** A form-js schema with the texts a person reads translated; keys, values and rules are left as they are. */
export function translateFormSchema<T>(schema: T, map: Record<string, string> | undefined): T {
  if (!map) return schema;
  const walk = (c: Component): Component => {
    const out: Component = { ...c };
    for (const p of TEXT_PROPERTIES) if (typeof c[p] === 'string') out[p] = translate(map, c[p] as string);
    if (Array.isArray(c.values)) out.values = c.values.map((v) => ({ ...v, label: translate(map, v.label) }));
    if (Array.isArray(c.components)) out.components = c.components.map(walk);
    return out;
  };
  return walk(schema as Component) as T;
}
