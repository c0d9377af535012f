import { describe, expect, it } from 'vitest';
import { controllerChangeAction } from './update-decision';

describe('what a page does when its service worker controller changes', () => {
  it('reloads when this page asked for the update, whether or not it had a controller', () => {
    expect(controllerChangeAction({ askedHere: true, hadController: true })).toBe('reload');
    expect(controllerChangeAction({ askedHere: true, hadController: false })).toBe('reload');
  });

  it('says "updated in another tab" when another tab activated a new version under this controlled page', () => {
    expect(controllerChangeAction({ askedHere: false, hadController: true })).toBe('notice');
  });

  it('says nothing when the first install claims a page that had no controller', () => {
    expect(controllerChangeAction({ askedHere: false, hadController: false })).toBe('ignore');
  });
});
