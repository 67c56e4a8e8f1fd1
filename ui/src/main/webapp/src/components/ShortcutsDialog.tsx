import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../annotate/labelling';

/** The keyboard shortcuts of a labelling screen (the ? key): annotation mode's unless told. */
export function ShortcutsDialog({ onClose, shortcuts = SHORTCUTS, title = 'Keyboard shortcuts' }: {
  onClose: () => void; shortcuts?: { keys: string; what: string }[]; title?: string;
}) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" className="dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">{title}</h2>
        <table>
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.keys}><th scope="row"><kbd>{s.keys}</kbd></th><td>{s.what}</td></tr>
            ))}
          </tbody>
        </table>
        <button ref={close} type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
