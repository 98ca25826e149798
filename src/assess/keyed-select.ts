// A select prompt whose choices are picked by their own key (a scale value such as `0` or `25`, `n`
// for n/a) rather than by their position. Inquirer's `select` numbers choices from 1, so on a 0–4
// scale typing 3 lands on the level whose value is 2; here the key shown is the value recorded.
import {
  createPrompt,
  isDownKey,
  isEnterKey,
  isUpKey,
  makeTheme,
  useEffect,
  useKeypress,
  usePrefix,
  useRef,
  useState,
  type Theme,
} from '@inquirer/core';
import { textWidth, wrapLines } from '../format/wrap.js';

/** A choice; `key` is what the user types to move to it. */
export interface KeyedChoice<Value> {
  value: Value;
  name: string;
  short?: string;
  description?: string;
  key?: string;
}

/** A line between choices. */
export interface KeyedSeparator {
  type: 'separator';
  separator: string;
}

interface KeyedSelectStyle {
  /** Paints one line of the description of the current choice. */
  description: (text: string) => string;
  /** The key hints under the choices, as plain text: they are wrapped, then painted with `help`. */
  keysHelpTip: (keys: [key: string, action: string][]) => string | undefined;
}

export interface KeyedSelectConfig<Value> {
  /** Shown after the prefix (`? `); the caller lays it out, so its first line has two columns less. */
  message: string;
  choices: readonly (KeyedChoice<Value> | KeyedSeparator)[];
  default?: Value;
  /** Columns to fit the choices, the description and the key hints in; unset, they are not wrapped. */
  width?: number;
  theme?: { style?: Partial<Theme['style'] & KeyedSelectStyle>; prefix?: Theme['prefix'] };
}

const DEFAULT_STYLE: KeyedSelectStyle = {
  description: (text) => `\x1b[36m${text}\x1b[39m`,
  keysHelpTip: (keys) => keys.map(([key, action]) => `${key} ${action}`).join(' · '),
};

/** How long typed characters wait for the next one to make a longer key (e.g. `1` then `0`). */
const TYPING_PAUSE_MS = 700;
const CURSOR = '❯';
const HIDE_CURSOR = '\x1b[?25l';

function isChoice<Value>(item: KeyedChoice<Value> | KeyedSeparator): item is KeyedChoice<Value> {
  return !('type' in item && item.type === 'separator');
}

export const keyedSelect = createPrompt(
  <Value>(config: KeyedSelectConfig<Value>, done: (value: Value) => void): string => {
    const theme = makeTheme<{ style: KeyedSelectStyle }>({ style: DEFAULT_STYLE }, config.theme);
    const [status, setStatus] = useState<'idle' | 'done'>('idle');
    const prefix = usePrefix({ status, theme });
    const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
    const typedSoFar = useRef('');
    const { choices } = config;
    const selectable = choices.flatMap((item, index) => (isChoice(item) ? [index] : []));
    if (selectable.length === 0) throw new Error('keyedSelect: no choices');
    const start = choices.findIndex(
      (item) => isChoice(item) && 'default' in config && item.value === config.default,
    );
    const [active, setActive] = useState(start === -1 ? selectable[0]! : start);
    const chosen = choices[active] as KeyedChoice<Value>;

    useKeypress((key, rl) => {
      clearTimeout(typingTimer.current);
      const input = rl.line;
      rl.clearLine(0);
      if (isEnterKey(key)) {
        setStatus('done');
        done(chosen.value);
        return;
      }
      if (isUpKey(key) || isDownKey(key)) {
        typedSoFar.current = '';
        const at = selectable.indexOf(active);
        const next = selectable[isUpKey(key) ? at - 1 : at + 1];
        if (next !== undefined) setActive(next);
        return;
      }
      // Characters typed in quick succession make one key (1 then 5 is 15); one that no key can
      // continue starts afresh, and a pause forgets them.
      const startsKey = (text: string) =>
        text !== '' &&
        choices.some(
          (item) => isChoice(item) && item.key !== undefined && item.key.startsWith(text),
        );
      let typed = typedSoFar.current + input;
      if (!startsKey(typed)) typed = startsKey(input) ? input : '';
      typedSoFar.current = typed;
      const match = choices.findIndex((item) => isChoice(item) && item.key === typed);
      if (match !== -1) setActive(match);
      if (typed !== '') {
        typingTimer.current = setTimeout(() => {
          typedSoFar.current = '';
        }, TYPING_PAUSE_MS);
      }
    });
    useEffect(() => () => clearTimeout(typingTimer.current), []);

    const message = theme.style.message(config.message, status);
    if (status === 'done') {
      return [prefix, message, theme.style.answer(chosen.short ?? chosen.name)]
        .filter(Boolean)
        .join(' ');
    }
    const keyWidth = Math.max(
      0,
      ...choices.map((item) => textWidth(isChoice(item) ? (item.key ?? '') : '')),
    );
    // Text is wrapped first and painted line by line, so escape codes never count as width.
    const width = config.width ?? Infinity;
    const lines = choices.flatMap((item, index) => {
      if (!isChoice(item)) return [` ${item.separator}`];
      const label = keyWidth === 0 ? '' : `${(item.key ?? '').padStart(keyWidth)}  `;
      const cursor = index === active ? CURSOR : ' ';
      const text = wrapLines(item.name, width, {
        first: `${cursor} ${label}`,
        rest: ' '.repeat(2 + textWidth(label)),
      });
      return index === active ? text.map((line) => theme.style.highlight(line)) : text;
    });
    const tip = theme.style.keysHelpTip([
      ['↑↓', 'navigate'],
      ['⏎', 'select'],
    ]);
    const paragraph = (text: string | undefined, style: (line: string) => string) =>
      text ? wrapLines(text, width).map((line) => style(line)) : [];
    const screen = [
      [prefix, message].filter(Boolean).join(' '),
      ...lines,
      // An empty line, which trimEnd would not take for the end of the screen.
      ' ',
      ...paragraph(chosen.description, theme.style.description),
      ...paragraph(tip, theme.style.help),
    ]
      .join('\n')
      .trimEnd();
    return `${screen}${HIDE_CURSOR}`;
  },
);
