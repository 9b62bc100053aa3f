import type { ReactNode, Ref } from 'react';

export interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Buttons or links for the page's main actions. */
  actions?: ReactNode;
  /** For pages that move focus to their heading (e.g. after a dialog whose opener is gone). */
  headingRef?: Ref<HTMLHeadingElement>;
}

/** The page's one `<h1>`; also sets the document title (React 19 hoists `<title>` into `<head>`). */
export function PageHeader({ title, description, actions, headingRef }: PageHeaderProps) {
  return (
    <div className="page-header">
      <title>{`${title} · Portico`}</title>
      <div className="page-header__text">
        <h1 ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
          {title}
        </h1>
        {description && <p className="page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}
