import { describe, expect, it } from 'vitest';
import { draftDetailsPatch } from './client-details-validation';

const draft = { name: '', description: '', redirectUris: [], appType: 'web' as const };

describe('draftDetailsPatch (what Back saves on the draft)', () => {
  it('saves what the server takes for a draft', () => {
    expect(
      draftDetailsPatch(draft, {
        name: ' Shop ',
        description: 'Line one\nLine two',
        appType: 'spa_native',
        redirectUris: ['https://shop.example.com/cb', 'not a url', 'https://shop.example.com/cb'],
      }),
    ).toEqual({
      name: 'Shop',
      description: 'Line one\nLine two',
      appType: 'spa_native',
      redirectUris: ['https://shop.example.com/cb'],
    });
  });

  it('saves the app type only once one is picked, and only when it changed', () => {
    const values = { name: '', description: '', redirectUris: [] };
    expect(draftDetailsPatch(draft, { ...values, appType: null })).toBeNull();
    expect(draftDetailsPatch(draft, { ...values, appType: 'web' })).toBeNull();
    expect(draftDetailsPatch(draft, { ...values, appType: 'service' })).toEqual({ appType: 'service' });
  });

  it('leaves out a name or description the server would refuse, so the rest is still saved', () => {
    expect(
      draftDetailsPatch(draft, {
        name: 'Shop \u202epohS',
        description: 'bell\u0007',
        appType: null,
        redirectUris: ['https://shop.example.com/cb'],
      }),
    ).toEqual({ redirectUris: ['https://shop.example.com/cb'] });
    expect(
      draftDetailsPatch(draft, { name: '\u200b', description: '', appType: null, redirectUris: [''] }),
    ).toBeNull();
  });
});
