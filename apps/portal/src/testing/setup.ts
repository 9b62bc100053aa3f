import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest runs without globals, so Testing Library cannot register its own cleanup. Web storage is
// per test too (the wizard keeps typed details in sessionStorage).
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
