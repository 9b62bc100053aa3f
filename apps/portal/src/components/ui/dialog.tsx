import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from 'react';

export interface DialogProps {
  open: boolean;
  /** Called for Escape, the close button and a click on the backdrop; the parent sets `open` to false. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Action buttons, laid out at the end. Mark the one to focus first with `data-autofocus`. */
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
}

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page inert
 * (focus cannot leave it) and gives us Escape via the `cancel` event. Focus goes to the first
 * `[data-autofocus]` element (else the dialog itself) and returns to whatever had it before.
 */
export function Dialog({ open, onClose, title, description, children, footer, size = 'md' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  const show = (dialog: HTMLDialogElement) => {
    dialog.showModal();
    const initial = dialog.querySelector<HTMLElement>('[data-autofocus]');
    (initial ?? dialog).focus();
  };

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      show(dialog);
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // If the dialog unmounts while open (e.g. navigation), still hand focus back.
  useEffect(
    () => () => {
      if (ref.current?.open) returnFocusTo.current?.focus();
    },
    [],
  );

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click mirrors Escape (the `cancel` event), which keyboards already have
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      tabIndex={-1}
      onCancel={(event) => {
        // Keep the element controlled by `open`: let the parent decide, then we close in the effect.
        event.preventDefault();
        onClose();
      }}
      onClose={(event) => {
        const dialog = event.currentTarget;
        if (open) {
          // Closed while the parent still has it open: Chrome and Firefox force-close a modal dialog on
          // a second Escape even though `cancel` was prevented (close watchers' anti-abuse rule,
          // https://html.spec.whatwg.org/multipage/interaction.html#close-watcher-infrastructure).
          // Reopen it so `open` stays the truth, and ask the parent as for any other Escape.
          if (!dialog.open) {
            show(dialog);
            onClose();
          }
          return;
        }
        returnFocusTo.current?.focus();
        returnFocusTo.current = null;
      }}
      onClick={(event) => {
        // The dialog box is padded by its inner panel, so a click on the element itself is the backdrop.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      {open && (
        <div className="dialog__panel">
          <div className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            <button type="button" className="dialog__close" onClick={onClose} aria-label="Close dialog">
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {description && (
            <div id={descriptionId} className="dialog__description">
              {description}
            </div>
          )}
          {children && <div className="dialog__body">{children}</div>}
          {footer && <div className="dialog__footer">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
