import { expect, test as setup } from '../fixtures.js';
import { adminCredentials, storageStates } from '../support/settings.js';

// Sign in once per run over HTTP (no clicking) and hand the session cookies to the specs
// as storageState files, so a spec that needs a signed-in user starts signed in.

setup('sign in as the admin', async ({ api }) => {
  const { user } = await api.login(adminCredentials);
  expect(user.role).toBe('admin');
  await api.request.storageState({ path: storageStates.admin });
});

setup('sign in as a developer', async ({ api, newUser }) => {
  // A developer of our own rather than the demo account: works against any instance with registration open.
  const { user } = await api.register(newUser('setup-dev'));
  expect(user.role).toBe('developer');
  await api.request.storageState({ path: storageStates.developer });
});
