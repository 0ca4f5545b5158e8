// A few lines of hyperscript: the mini-program builds its DOM by hand to stay tiny.
type Child = Node | string | null | undefined | false;
// Handlers may be async: a rejection is reported on the console with the event's name instead of
// going unhandled.
type Handler = (event: Event) => unknown;
type Props = Record<string, string | number | boolean | Handler | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      const name = key.slice(2).toLowerCase();
      el.addEventListener(name, (event) => {
        Promise.resolve(value(event)).catch((error: unknown) => console.error(`mini: the ${name} handler failed`, error));
      });
    }
    else if (key === 'className') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

export function mount(root: HTMLElement, ...children: Child[]): void {
  root.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}
