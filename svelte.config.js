import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Svelte 5 with runes; TypeScript in components goes through Vite's preprocessor. */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
};
