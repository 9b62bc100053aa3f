/**
 * The page the authorization endpoint shows when it must not redirect: an unknown client or a
 * redirect URI that is not registered (RFC 6749 §4.1.2.1, RFC 9700 §4.11.1). Plain server-rendered
 * HTML, so it works without the SPA and cannot be turned into a redirect by anything in the request.
 */

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function renderAuthorizeErrorPage(error: string, description: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Sign-in request refused · Portico</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f6f7f9; color: #1c2430; }
  main { max-width: 34rem; margin: 12vh auto; padding: 2rem; background: #fff; border: 1px solid #dde1e7; border-radius: 8px; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  code { background: #eef1f5; padding: 0.1rem 0.3rem; border-radius: 4px; }
  a { color: #1d4ed8; }
</style>
</head>
<body>
<main>
<h1>This sign-in request cannot be processed</h1>
<p role="alert">${escapeHtml(description)}</p>
<p>Error code: <code>${escapeHtml(error)}</code></p>
<p>The application that sent you here is not set up correctly, so you were not sent back to it.
Contact its developer, or return to <a href="/">Portico</a>.</p>
</main>
</body>
</html>
`;
}
