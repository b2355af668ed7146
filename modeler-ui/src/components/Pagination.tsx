import { useI18n } from '../app/i18n.tsx';

export function Pagination({ total, limit, offset, onChange }: { total: number; limit: number; offset: number; onChange(offset: number): void }) {
  const { t } = useI18n();
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" disabled={page <= 1} onClick={() => onChange(offset - limit)}>
        {t('pagination.previous')}
      </button>
      <span>{t('pagination.page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onChange(offset + limit)}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}
