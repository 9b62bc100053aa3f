import type { TryItResponse } from '@portico/contracts';
import { useEffect, useRef } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function tone(status: number): BadgeTone {
  if (status < 300) return 'success';
  if (status < 400) return 'info';
  if (status === 429) return 'warning';
  return 'danger';
}

/** JSON bodies are shown indented; anything else as it came. */
function pretty(body: string, contentType: string | undefined): string {
  if (!contentType?.includes('json')) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Status, headers and body of the gateway's answer, plus the token it was sent with. */
export function TryItResult({ result }: { result: TryItResponse }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new result is announced by moving focus to it (the form stays above, so nothing is lost).
  useEffect(() => {
    heading.current?.focus();
  }, [result]);
  const { response, request, token } = result;
  const reason = REASONS[response.status] ?? '';

  return (
    <section className="try-it__result" aria-labelledby="try-it-response">
      <h3 id="try-it-response" ref={heading} tabIndex={-1}>
        Response
      </h3>
      <p className="try-it__status">
        <Badge tone={tone(response.status)}>
          {/* A no-break space: the badge is a flex box, which drops plain whitespace between children. */}
          <span data-testid="try-it-status">{response.status}</span>
          {reason && `\u00a0${reason}`}
        </Badge>{' '}
        <code>
          {request.method} {request.url}
        </code>{' '}
        <span className="try-it__muted">in {response.durationMs.toFixed(0)} ms</span>
      </p>
      <dl className="try-it__token">
        <div>
          <dt>Token scope</dt>
          <dd>{token.scope === '' ? '(none)' : <code>{token.scope}</code>}</dd>
        </div>
        <div>
          <dt>Expires in</dt>
          <dd>{Math.round(token.expiresIn / 60)} minutes</dd>
        </div>
        <div>
          <dt>Access token</dt>
          <dd>
            <CopyButton value={token.accessToken} label="Copy token" accessibleLabel="Copy access token" />
          </dd>
        </div>
      </dl>
      <details className="try-it__headers">
        <summary>Response headers ({Object.keys(response.headers).length})</summary>
        <dl>
          {Object.entries(response.headers).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </details>
      <h4 id="try-it-body" className="try-it__body-heading">
        Body
      </h4>
      {response.body === '' ? (
        <p className="try-it__muted">(empty)</p>
      ) : (
        // A labelled region, so the body can be found (and scrolled) as one landmark-like block.
        <section aria-labelledby="try-it-body">
          <pre className="try-it__body" data-testid="try-it-body">
            {pretty(response.body, response.headers['content-type'])}
          </pre>
        </section>
      )}
      {response.truncated && <p className="try-it__muted">The body was cut after 64 KB.</p>}
    </section>
  );
}
