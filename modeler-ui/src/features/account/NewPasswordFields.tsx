/**
 * A new password and the same again, as every page that sets one asks for it (a forgotten password, one's
 * own), and the errors of such a form for its error summary: the two entries that differ, and the server's
 * problems with a field (a new password too weak, a current one wrong), each linked to its input.
 */
import { ApiError } from '../../app/api.ts';
import { useI18n, type I18n } from '../../app/i18n.tsx';
import type { FormError } from '../../components/ErrorSummary.tsx';

export function NewPasswordFields({
  id,
  hint,
  value,
  repeat,
  mismatch,
  onValue,
  onRepeat,
}: {
  /** the inputs' ids are `<id>-new` and `<id>-repeat` */
  id: string;
  hint: string;
  value: string;
  repeat: string;
  mismatch: boolean;
  onValue: (v: string) => void;
  onRepeat: (v: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={`${id}-new`}>{t('password.new')}</label>
      <input
        id={`${id}-new`}
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => onValue(e.target.value)}
      />
      <small id={`${id}-hint`} className="hint">
        {hint}
      </small>
      <label htmlFor={`${id}-repeat`}>{t('password.repeat')}</label>
      <input
        id={`${id}-repeat`}
        type="password"
        autoComplete="new-password"
        required
        aria-invalid={mismatch || undefined}
        value={repeat}
        onChange={(e) => onRepeat(e.target.value)}
      />
    </>
  );
}

/**
 * The form's errors for its summary.
 * @param inputs the input of each field the server may name (`newPassword` is the new one's by default)
 */
export function newPasswordErrors(
  { t, pick }: Pick<I18n, 't' | 'pick'>,
  id: string,
  mismatch: boolean,
  error: unknown,
  inputs: Record<string, string> = {},
): FormError[] {
  const byField: Record<string, string> = { newPassword: `${id}-new`, ...inputs };
  return [
    ...(mismatch ? [{ fieldId: `${id}-repeat`, text: t('password.mismatch') }] : []),
    ...(error instanceof ApiError ? error.fields.map((f) => ({ fieldId: byField[f.field] ?? `${id}-new`, text: pick(f.message) })) : []),
  ];
}
