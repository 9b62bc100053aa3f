import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  bearerChallenge,
  downstreamResponseHeaders,
  stripHopByHop,
  upstreamRequestHeaders,
} from './headers.js';

describe('proxy headers', () => {
  it('drops hop-by-hop fields, including those named in Connection', () => {
    expect(
      stripHopByHop({
        connection: 'keep-alive, X-Secret-Hop',
        'keep-alive': 'timeout=5',
        'x-secret-hop': '1',
        te: 'trailers',
        upgrade: 'h2c',
        'proxy-authorization': 'Basic x',
        accept: 'application/json',
      }),
    ).toEqual({ accept: 'application/json' });
  });

  it('removes the bearer token, forged identity and address claims, sets X-Forwarded-* and identity', () => {
    const headers = upstreamRequestHeaders(
      {
        host: 'upstream.test:8080',
        authorization: 'Bearer abc',
        'x-portico-client-id': 'forged',
        'x-portico-admin': 'yes',
        'x-forwarded-for': '203.0.113.9',
        forwarded: 'for=10.0.0.1;host=admin.internal;proto=https',
        'x-real-ip': '10.0.0.1',
        'true-client-ip': '10.0.0.1',
        'x-forwarded-prefix': '/admin',
        'x-original-url': '/admin/users',
        'x-rewrite-url': '/admin/users',
        'x-http-method-override': 'DELETE',
        'x-forwarded-ssl': 'on',
        'content-type': 'application/json',
      },
      {
        ip: '127.0.0.1',
        protocol: 'https',
        host: 'portico.test',
        dropAuthorization: true,
        identity: { clientId: 'cid', subject: 'client:cid', scopes: ['read', 'write'], scope: 'read write' },
      },
    );
    expect(headers).toEqual({
      host: 'upstream.test:8080',
      'content-type': 'application/json',
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'portico.test',
      'x-portico-client-id': 'cid',
      'x-portico-subject': 'client:cid',
      'x-portico-scopes': 'read write',
    });
  });

  it('appends nothing without a peer address, and sends no empty X-Forwarded-Host', () => {
    const headers = upstreamRequestHeaders(
      { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': 'forged.example' },
      { ip: undefined, protocol: 'http', host: '', dropAuthorization: false, identity: null },
    );
    expect(headers).toEqual({ 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'http' });
  });

  it('keeps Authorization for keyless APIs but still strips forged identity', () => {
    const headers = upstreamRequestHeaders(
      { authorization: 'Basic dXA6c3RyZWFt', 'x-portico-subject': 'admin' },
      { ip: '::1', protocol: 'http', host: undefined, dropAuthorization: false, identity: null },
    );
    expect(headers).toEqual({
      authorization: 'Basic dXA6c3RyZWFt',
      'x-forwarded-for': '::1',
      'x-forwarded-proto': 'http',
    });
  });

  it('never forwards the portal session cookie, whatever the spacing', () => {
    const context = {
      ip: '10.0.0.1',
      protocol: 'https',
      host: undefined,
      dropAuthorization: false,
      identity: null,
    };
    expect(upstreamRequestHeaders({ cookie: 'a=1;portico_session=x.y.z ;  b=2' }, context).cookie).toBe(
      'a=1; b=2',
    );
    expect(upstreamRequestHeaders({ cookie: ' portico_session=x' }, context).cookie).toBeUndefined();
    // A cookie whose name merely starts with the portal's is the upstream's own.
    expect(upstreamRequestHeaders({ cookie: 'portico_session_v2=1' }, context).cookie).toBe(
      'portico_session_v2=1',
    );
  });

  it('drops Set-Cookie for the portal session and sandboxes the response', () => {
    expect(
      downstreamResponseHeaders({
        'set-cookie': ['portico_session=evil; Path=/', 'theme=dark'],
        'content-type': 'text/html',
      }),
    ).toEqual({
      'set-cookie': ['theme=dark'],
      'content-type': 'text/html',
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
    });
    expect(
      downstreamResponseHeaders({ 'set-cookie': [' portico_session =evil'] })['set-cookie'],
    ).toBeUndefined();
    // undici hands over a single line as a string.
    const single = { 'set-cookie': 'theme=dark; Path=/' } as unknown as IncomingHttpHeaders;
    expect(downstreamResponseHeaders(single)['set-cookie']).toEqual(['theme=dark; Path=/']);
    const session = { 'set-cookie': 'portico_session=evil' } as unknown as IncomingHttpHeaders;
    expect(downstreamResponseHeaders(session)['set-cookie']).toBeUndefined();
  });

  it('drops fields that act on the whole origin or host the portal shares', () => {
    expect(
      downstreamResponseHeaders({
        'clear-site-data': '"cookies", "storage"',
        'service-worker-allowed': '/',
        'strict-transport-security': 'max-age=0',
        nel: '{"report_to":"up","max_age":31536000,"success_fraction":1}',
        'report-to': '{"group":"up","endpoints":[{"url":"https://up.example/r"}]}',
        'reporting-endpoints': 'up="https://up.example/r"',
        'alt-svc': 'h3=":443"; ma=86400',
        'content-type': 'application/json',
      }),
    ).toEqual({
      'content-type': 'application/json',
      'content-security-policy': 'sandbox',
      'x-content-type-options': 'nosniff',
    });
  });

  it('drops nameless cookies, which a browser would send back as a bare portico_session=...', () => {
    expect(
      downstreamResponseHeaders({
        'set-cookie': ['=portico_session=evil; Path=/api', 'portico_session; Path=/', 'ok=1'],
      })['set-cookie'],
    ).toEqual(['ok=1']);
  });

  it('builds RFC 6750 challenges with safe quoting', () => {
    expect(bearerChallenge()).toBe('Bearer realm="portico"');
    expect(bearerChallenge({ error: 'invalid_token', description: 'The "token" expired\\' })).toBe(
      'Bearer realm="portico", error="invalid_token", error_description="The token expired"',
    );
    expect(bearerChallenge({ error: 'insufficient_scope', scope: ['a', 'b'] })).toBe(
      'Bearer realm="portico", error="insufficient_scope", scope="a b"',
    );
  });
});
