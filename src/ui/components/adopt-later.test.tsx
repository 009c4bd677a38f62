// @vitest-environment happy-dom
// A long page adopted part by part: a part that waits keeps its prerendered element (never rebuilt), is adopted
// one task later, and from then on follows the app's state in place like any other part.
import { hydrate, render } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { AdoptLater, beginAdoption, finishAdoption } from './adopt-later';

let setWord: (word: string) => void = () => undefined;

function Counter({ name }: { name: string }) {
  const [count, setCount] = useState(0);
  return (
    <section class={name}>
      <button type="button" onClick={() => setCount(count + 1)}>
        {`${name} ${count}`}
      </button>
    </section>
  );
}

function Page({ initial = 'one' }: { initial?: string }) {
  const [word, set] = useState(initial);
  setWord = set;
  return (
    <article>
      <h1>{`Top ${word}`}</h1>
      <AdoptLater order={0}>
        <Counter name="first" />
      </AdoptLater>
      <AdoptLater order={1}>
        <section class="second">{`Second ${word}`}</section>
      </AdoptLater>
    </article>
  );
}

const container = () => document.getElementById('root') as HTMLElement;

afterEach(() => {
  render(null, container());
  document.body.innerHTML = '';
});

describe('AdoptLater', () => {
  it('hydrates the first screen at once and each later part in a task of its own, keeping every element', async () => {
    document.body.innerHTML = `<div id="root">${renderToString(<Page />)}</div>`;
    const button = container().querySelector('.first button') as HTMLButtonElement;
    const second = container().querySelector('.second');

    beginAdoption();
    hydrate(<Page />, container());
    const adopted = finishAdoption();
    // Before its turn a part is the prerendered HTML alone: nothing listens to its button yet.
    act(() => button.click());
    expect(button.textContent).toBe('first 0');

    await act(() => adopted);
    act(() => button.click());
    expect(button.textContent).toBe('first 1');
    expect(container().querySelector('.first button')).toBe(button);

    act(() => setWord('two'));
    expect(container().querySelector('.second')).toBe(second);
    expect(second?.textContent).toBe('Second two');
    expect(container().innerHTML).toBe(renderToString(<Page initial="two" />).replace('first 0', 'first 1'));
  });

  it('adopts the waiting parts at once, in place, when the page changes before their turn', async () => {
    document.body.innerHTML = `<div id="root">${renderToString(<Page />)}</div>`;
    const second = container().querySelector('.second');
    beginAdoption();
    hydrate(<Page />, container());
    const adopted = finishAdoption();
    act(() => setWord('two'));
    expect(container().querySelector('h1')?.textContent).toBe('Top two');
    expect(container().querySelector('.second')).toBe(second);
    expect(second?.textContent).toBe('Second two');
    await act(() => adopted);
    expect(container().innerHTML).toBe(renderToString(<Page initial="two" />));
  });

  it('renders at once outside of start-up (navigation, a page rendered afresh)', () => {
    document.body.innerHTML = '<div id="root"></div>';
    render(<Page />, container());
    expect(container().querySelector('.second')?.textContent).toBe('Second one');
  });
});
