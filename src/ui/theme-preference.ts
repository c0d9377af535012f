/**
 * The console's colour theme: light, dark, or following the system's setting. The choice is
 * the page's own (localStorage of the app's origin, never reachable from handler code, which
 * runs in sandbox workers). The page's root carries the resolved theme as `data-theme`, and
 * theme.css keys its dark palette on it; "follow system" tracks `prefers-color-scheme` live.
 */
export type ThemePreference = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'lambdalite-theme';
const PREFERENCES: readonly ThemePreference[] = ['light', 'dark', 'system'];

/** The stored preference; "system" when none is stored or storage cannot be read. */
export function storedThemePreference(storage: Pick<Storage, 'getItem'> | undefined = safeLocalStorage()): ThemePreference {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return PREFERENCES.includes(value as ThemePreference) ? (value as ThemePreference) : 'system';
  } catch {
    return 'system';
  }
}

/** The theme a preference means when the system prefers dark or not. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can be refused (privacy settings, sandboxed iframes): the theme is then not kept.
    return undefined;
  }
}

const darkQuery = (): MediaQueryList | undefined =>
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;

let current: ThemePreference = 'system';
let listening = false;

function apply(): void {
  const root = document.documentElement;
  root.dataset['theme'] = resolveTheme(current, darkQuery()?.matches ?? false);
  root.dataset['themePreference'] = current;
}

/** Applies the stored preference and follows system changes; call once at start-up. */
export function applyStoredTheme(): ThemePreference {
  current = storedThemePreference();
  apply();
  if (!listening) {
    listening = true;
    darkQuery()?.addEventListener('change', () => {
      if (current === 'system') apply();
    });
  }
  return current;
}

/** Stores and applies a preference. */
export function setThemePreference(preference: ThemePreference): void {
  current = preference;
  try {
    safeLocalStorage()?.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not kept across reloads when storage is refused; still applied to this page.
  }
  apply();
}

export function currentThemePreference(): ThemePreference {
  return current;
}
