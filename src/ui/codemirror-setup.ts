/**
 * CodeMirror 6, loaded on demand (dynamic import from CodeEditor.svelte) so the
 * function list starts without the editor's ~150 KB. The pinned `codemirror`
 * package is CodeMirror 5, so the setup is assembled from the @codemirror/* packages
 * the way `basicSetup` does.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';

export type EditorLanguage = 'javascript' | 'python' | 'json' | 'text';

export interface EditorOptions {
  doc: string;
  language: EditorLanguage;
  /** Accessible name of the editing area, e.g. "Code editor: index.mjs" or "Event JSON". */
  label: string;
  onChange: (text: string) => void;
  minLines?: number;
}

function languageExtension(language: EditorLanguage): Extension {
  switch (language) {
    case 'javascript':
      return javascript();
    case 'json':
      return javascript({ jsx: false, typescript: false });
    case 'python':
      return python();
    case 'text':
      return [];
  }
}

const theme = EditorView.theme({
  // The text colour is set, not inherited: the dark theme inverts the editor, and an inherited
  // light page colour turned untinted tokens (punctuation, names) a dim grey there.
  '&': { fontSize: '13px', backgroundColor: '#fff', color: '#16191f', height: '100%' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: '#f4f4f4', color: '#5f6b7a', borderRight: '1px solid #e9ebed' },
  '&.cm-focused': { outline: '2px solid #0972d3', outlineOffset: '-2px' },
});

export function createState(options: EditorOptions): EditorState {
  // Tab indents inside the editor; Escape then Tab leaves it (CodeMirror's accessible tab handling).
  return EditorState.create({
    doc: options.doc,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      foldGutter(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      indentUnit.of(options.language === 'python' ? '    ' : '  '),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      closeBrackets(),
      autocompletion(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...foldKeymap,
        ...completionKeymap,
        indentWithTab,
      ]),
      languageExtension(options.language),
      theme,
      EditorView.contentAttributes.of({ 'aria-label': options.label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ],
  });
}

export function createView(parent: HTMLElement, state: EditorState): EditorView {
  return new EditorView({ state, parent });
}

export { EditorView, EditorState };
