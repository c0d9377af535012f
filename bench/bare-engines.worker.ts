import { bareQuickjsCalls, barePyodideCalls } from './bare-engines';

self.onmessage = async (event: MessageEvent<{ engine: 'quickjs' | 'pyodide'; samples: number; url: string }>) => {
  const { engine, samples, url } = event.data;
  try {
    const times = engine === 'quickjs' ? await bareQuickjsCalls(samples, url) : await barePyodideCalls(samples, url);
    self.postMessage({ times });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
