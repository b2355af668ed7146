/**
 * The question asked before an action that cannot be undone, in place of the button that asked for it: what will
 * happen, in words, and a clear yes and no. Focused when it appears; Escape says no.
 */
import { useEffect, useRef } from 'react';

export function Confirm({
  question,
  yes,
  no,
  busy = false,
  onYes,
  onNo,
}: {
  question: string;
  yes: string;
  no: string;
  busy?: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div
      ref={box}
      className="alert alert-warning confirm"
      role="alertdialog"
      aria-labelledby="confirm-question"
      tabIndex={-1}
      onKeyDown={(e) => e.key === 'Escape' && onNo()}
    >
      <p id="confirm-question">{question}</p>
      <div className="actions">
        <button type="button" className="button primary" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button type="button" className="button" onClick={onNo}>
          {no}
        </button>
      </div>
    </div>
  );
}
