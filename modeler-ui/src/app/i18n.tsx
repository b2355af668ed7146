/**
 * Vietnamese first, English second. Every text of the app is a key of `messages` with both languages side
 * by side, so neither can be forgotten; api messages arrive in both and are picked the same way.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { messages, type MessageKey } from './messages.ts';
import type { Message } from './api.ts';

export type Lang = 'vi' | 'en';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  pick(m: Message | null | undefined): string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem('motcua.lang');
  return saved === 'en' ? 'en' : 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('motcua.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => {
        const text = messages[key][lang === 'vi' ? 0 : 1];
        return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : text;
      },
      pick: (m) => (m ? m[lang] : ''),
    }),
    [lang, setLang],
  );
  document.documentElement.lang = lang;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
