import type { ClientUsageResponse, UsagePoint } from '@portico/contracts';
import { createPorticoClient } from '@portico/sdk';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppProvider, createAppQueryClient } from '@/app/provider';
import { apiError, callsTo, json, type MockRoutes, mockFetch } from '@/testing/render-app';
import { ClientUsagePanel } from './client-usage-panel';

// happy-dom has no canvas; the chart's text alternative is what these tests read anyway.
vi.mock('./usage-plot', () => ({ default: () => <div data-testid="usage-plot" /> }));

const zero = {
  requests: 0,
  status2xx: 0,
  status3xx: 0,
  status4xx: 0,
  status5xx: 0,
  throttled: 0,
  p50Ms: null,
  p95Ms: null,
};

function report(points: Partial<UsagePoint>[] = []): ClientUsageResponse {
  const from = Date.UTC(2030, 0, 1, 0, 0);
  const series: UsagePoint[] = Array.from({ length: 96 }, (_, i) => ({
    t: new Date(from + i * 900_000).toISOString(),
    ...zero,
    ...points[i],
  }));
  const sum = (key: 'requests' | 'status2xx' | 'status4xx' | 'throttled') =>
    series.reduce((total, point) => total + point[key], 0);
  const totals = {
    ...zero,
    requests: sum('requests'),
    status2xx: sum('status2xx'),
    status4xx: sum('status4xx'),
    throttled: sum('throttled'),
    p50Ms: sum('requests') > 0 ? 3.2 : null,
    p95Ms: sum('requests') > 0 ? 48 : null,
  };
  return {
    clientId: 'c-1',
    range: '24h',
    from: new Date(from).toISOString(),
    to: new Date(from + 86_400_000).toISOString(),
    stepSeconds: 900,
    totals,
    series,
    apis: [
      {
        apiId: 'api-1',
        apiName: 'Payments',
        listenPath: '/payments/',
        totals,
        rateLimit: { limit: 100, windowSeconds: 60 },
        quota: {
          max: 10,
          used: 3,
          remaining: 7,
          renewalSeconds: 86_400,
          renewsAt: '2030-01-02T00:00:00.000Z',
        },
      },
    ],
  };
}

function renderPanel(routes: MockRoutes) {
  const fetch = mockFetch(routes);
  const user = userEvent.setup();
  render(
    <AppProvider client={createPorticoClient({ fetch })} queryClient={createAppQueryClient()}>
      <ClientUsagePanel clientId="c-1" />
    </AppProvider>,
  );
  return { fetch, user };
}

describe('ClientUsagePanel', () => {
  it('shows totals, the chart with its numbers, and per-API limits with the remaining quota', async () => {
    const { user } = renderPanel({
      'GET /api/clients/c-1/usage': () =>
        json(200, report([{}, {}, { requests: 3, status2xx: 2, status4xx: 1, throttled: 1, p95Ms: 48 }])),
    });

    const totals = await screen.findByLabelText(/requests of this client, last 24 hours/i);
    expect(within(totals).getByText('Requests').nextSibling?.textContent).toBe('3');
    expect(within(totals).getByText('Throttled (429)').nextSibling?.textContent).toBe('1');
    expect(within(totals).getByText('Latency p95').nextSibling?.textContent).toBe('48 ms');
    expect(screen.getByRole('figure', { name: /3 in 1 period with traffic/i })).toBeTruthy();
    expect(await screen.findByTestId('usage-plot')).toBeTruthy();

    await user.click(screen.getByText('Show the numbers'));
    const steps = screen.getByRole('table', { name: /requests of this client, per 15 minutes/i });
    expect(within(steps).getAllByRole('row')).toHaveLength(2);

    const perApi = screen.getByRole('table', { name: /per api/i });
    const row = within(perApi).getByRole('row', { name: /payments/i });
    expect(row.textContent).toContain('100 per minute');
    expect(row.textContent).toContain('7 of 10 left');
  });

  it('explains an empty period and switches to 7 days on request', async () => {
    const { fetch, user } = renderPanel({
      'GET /api/clients/c-1/usage': ({ url }) =>
        json(200, { ...report(), range: url.searchParams.get('range') }),
    });
    expect(await screen.findByText(/no requests through the gateway in the last 24 hours/i)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Last 24 hours' }).getAttribute('aria-pressed')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Last 7 days' }));
    expect(await screen.findByText(/no requests through the gateway in the last 7 days/i)).toBeTruthy();
    const ranges = callsTo(fetch, 'GET', '/api/clients/c-1/usage').map(([input]) =>
      new URL(String(input), 'http://portico.test').searchParams.get('range'),
    );
    expect(ranges).toEqual(['24h', '7d']);
  });

  it('shows an error with a retry when the report fails', async () => {
    renderPanel({
      'GET /api/clients/c-1/usage': () => apiError(404, 'not_found', 'OAuth client not found.'),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Usage could not be loaded');
    expect(alert.textContent).toContain('OAuth client not found.');
  });
});
