import { describe, expect, it } from 'vitest';
import { resolveTheme, storedThemePreference, THEME_STORAGE_KEY } from './theme-preference';

describe('theme preference', () => {
  const storage = (value: string | null) => ({ getItem: (key: string) => (key === THEME_STORAGE_KEY ? value : null) });

  it('reads a stored choice, and follows the system when none (or junk) is stored', () => {
    expect(storedThemePreference(storage('dark'))).toBe('dark');
    expect(storedThemePreference(storage('light'))).toBe('light');
    expect(storedThemePreference(storage(null))).toBe('system');
    expect(storedThemePreference(storage('purple'))).toBe('system');
    expect(storedThemePreference({ getItem: () => { throw new DOMException('denied', 'SecurityError'); } })).toBe('system');
  });

  it('resolves "system" through prefers-color-scheme, and a fixed choice regardless of it', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
