/**
 * Unsaved work is never lost without being asked: while a draft has unsaved edits, leaving the version (a link,
 * the browser's back button) waits for the user's answer — save and leave, leave without saving, or stay — and
 * closing or reloading the browser tab asks the browser's own question.
 */
import { useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { useI18n } from '../../../app/i18n.tsx';

/**
 * @param unsaved whether there are edits to lose
 * @param save saves them; resolves false (or throws) when they could not be saved, and the user stays
 * @returns the question to show (null when nobody is leaving), and `release()` to let a navigation of the page's
 *   own pass (after a discard, say)
 */
export function useLeaveUnsaved(unsaved: boolean, save: () => Promise<boolean>) {
  const guard = useRef(unsaved);
  guard.current = unsaved;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => guard.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // (older browsers show their question only with a returnValue)
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  const question =
    blocker.state === 'blocked' ? (
      <LeaveQuestion
        onSave={async () => {
          let saved = false;
          try {
            saved = await save();
          } finally {
            if (saved) blocker.proceed?.();
            else blocker.reset?.();
          }
        }}
        onLeave={() => blocker.proceed?.()}
        onStay={() => blocker.reset?.()}
      />
    ) : null;
  return {
    question,
    release() {
      guard.current = false;
    },
  };
}

function LeaveQuestion({ onSave, onLeave, onStay }: { onSave(): Promise<void>; onLeave(): void; onStay(): void }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => box.current?.focus(), []);
  return (
    <div
      ref={box}
      className="alert alert-warning confirm leave-unsaved"
      role="alertdialog"
      aria-labelledby="leave-question"
      aria-describedby="leave-detail"
      tabIndex={-1}
      onKeyDown={(e) => e.key === 'Escape' && onStay()}
    >
      <p id="leave-question">
        <strong>{t('studio.leave.question')}</strong>
      </p>
      <p id="leave-detail">{t('studio.leave.detail')}</p>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onSave().finally(() => setBusy(false));
          }}
        >
          {t('studio.leave.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onLeave}>
          {t('studio.leave.discard')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onStay}>
          {t('studio.leave.stay')}
        </button>
      </div>
    </div>
  );
}
