import { type ReactNode, type RefObject, useEffect, useId, useLayoutEffect, useRef } from 'react';

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
  /**
   * Where focus goes when the element that opened the dialog is gone or disabled by the time it
   * closes (the row it acted on was removed, the button it used is now disabled) — typically the
   * section's heading, with `tabIndex={-1}`. Without it, focus would fall to `<body>`.
   */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

/** Whether focus can go back to `element`: still in the page and not disabled. */
function canTakeFocus(element: HTMLElement | null): element is HTMLElement {
  return element?.isConnected === true && !element.matches(':disabled');
}

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page inert
 * (focus cannot leave it) and gives us Escape via the `cancel` event. Focus goes to the first
 * `[data-autofocus]` element (else the dialog itself) and returns to whatever had it before — or,
 * when that element is gone or disabled, to `returnFocusTo`.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = 'md',
  returnFocusTo,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  // The opener focus went back to, while it may still go away: the action's result (a refetched
  // list without its row, a button now disabled) often renders just after the dialog closes.
  const watched = useRef<HTMLElement | null>(null);
  const fallback = useRef(returnFocusTo);
  fallback.current = returnFocusTo;
  const titleId = useId();
  const descriptionId = useId();

  const show = (dialog: HTMLDialogElement) => {
    dialog.showModal();
    const initial = dialog.querySelector<HTMLElement>('[data-autofocus]');
    (initial ?? dialog).focus();
  };

  const restoreFocus = () => {
    const target = opener.current;
    opener.current = null;
    if (canTakeFocus(target)) {
      target.focus();
      watched.current = target;
    } else {
      fallback.current?.current?.focus();
    }
  };

  // After each render (the parent re-renders us with the action's result): if focus went back to an
  // opener that has since been removed or disabled, move it on to the fallback.
  useEffect(() => {
    const target = watched.current;
    if (!target) return;
    const active = document.activeElement;
    if (active !== target && active !== null && active !== document.body) {
      watched.current = null; // Focus has moved on: nothing to repair.
    } else if (!canTakeFocus(target)) {
      watched.current = null;
      fallback.current?.current?.focus();
    }
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      watched.current = null;
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      show(dialog);
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // If the dialog unmounts while open (e.g. navigation), still hand focus back.
  useEffect(() => {
    // React has detached `ref` by the time this cleanup runs.
    const dialog = ref.current;
    return () => {
      if (dialog?.open) restoreFocus();
    };
  }, []);

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
        restoreFocus();
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
