import type { ReactNode, RefObject } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** `danger` for destructive actions: the confirm button turns red and Cancel gets the first focus. */
  tone?: 'primary' | 'danger';
  /** While the action runs: the confirm button spins and closing is disabled. */
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus goes if the element that opened the dialog is gone or disabled when it closes. */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

export function ConfirmDialog({
  open,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  tone = 'primary',
  pending = false,
  onConfirm,
  onCancel,
  returnFocusTo,
}: ConfirmDialogProps) {
  const close = () => {
    if (!pending) onCancel();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      description={description}
      size="sm"
      returnFocusTo={returnFocusTo}
      footer={
        <>
          <Button
            variant="secondary"
            onClick={close}
            disabled={pending}
            data-autofocus={tone === 'danger' || undefined}
          >
            {cancelLabel}
          </Button>
          <Button
            variant={tone}
            onClick={onConfirm}
            loading={pending}
            data-autofocus={tone === 'primary' || undefined}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
