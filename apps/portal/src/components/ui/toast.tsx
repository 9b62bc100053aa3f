import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastOptions {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it goes; errors stay until dismissed by default. */
  duration?: number;
}

interface ToastItem extends Required<Pick<ToastOptions, 'title' | 'tone' | 'duration'>> {
  id: number;
  description?: string;
}

interface ToastApi {
  show: (options: ToastOptions) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const DEFAULT_DURATION = 5000;

/**
 * Renders the notification region once, up front: screen readers only announce changes to a
 * live region that already existed, so it must not mount together with its first toast.
 */
export function ToastProvider({ children }: { children?: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(({ title, description, tone = 'info', duration }: ToastOptions) => {
    const id = nextId.current++;
    const item: ToastItem = {
      id,
      title,
      description,
      tone,
      duration: duration ?? (tone === 'error' ? Number.POSITIVE_INFINITY : DEFAULT_DURATION),
    };
    setToasts((all) => [...all, item]);
    return id;
  }, []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        className="toast-region"
        aria-label="Notifications"
        aria-live="polite"
        aria-relevant="additions"
      >
        <ol className="toast-list">
          {toasts.map((toast) => (
            <Toast key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}

function Toast({ toast, onDismiss }: { toast: ToastItem; onDismiss: () => void }) {
  // Pausing while hovered or focused gives people time to read (WCAG 2.2.1 Timing Adjustable).
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused || !Number.isFinite(toast.duration)) return;
    const timer = setTimeout(onDismiss, toast.duration);
    return () => clearTimeout(timer);
  }, [paused, toast.duration, onDismiss]);

  return (
    <li
      className={`toast toast--${toast.tone}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className="toast__text">
        <p className="toast__title">{toast.title}</p>
        {toast.description && <p className="toast__description">{toast.description}</p>}
      </div>
      <button type="button" className="toast__dismiss" onClick={onDismiss} aria-label="Dismiss notification">
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

/** `const toast = useToast(); toast.show({ title: 'Secret rotated', tone: 'success' })`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}
