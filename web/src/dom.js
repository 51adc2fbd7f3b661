// DOM construction without HTML parsing.
//
// Article text and every string that comes from the API are untrusted, so
// the interface never assigns innerHTML/outerHTML or calls insertAdjacentHTML:
// elements are made with createElement and text goes in through text nodes.
// `h` builds HTML elements, `svg` SVG elements:
//
//   h('a', { href: '#/actor/42', class: 'actor' }, name)   // name is text, never markup
//   svg('circle', { cx: 10, cy: 10, r: 4, fill: '#c33' }, svg('title', {}, label))
//
// Attribute names starting with "on" are refused unless the value is a
// function (then they become event listeners), so data can never become a
// handler; href values must be fragment, relative or http(s) URLs.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** @typedef {any} Child  string | number | Node | null | undefined | false, or an array of them */

/**
 * @param {Element} el
 * @param {Record<string, any>} attrs
 */
function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`refusing non-function handler ${name}`);
      el.addEventListener(name.slice(2), value);
    } else if (name === 'href') {
      el.setAttribute('href', safeHref(String(value)));
    } else if (name === 'dataset') {
      for (const [k, v] of Object.entries(value)) /** @type {HTMLElement} */ (el).dataset[k] = String(v);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
}

/**
 * A link target that cannot run script: "#…", "/…", "http(s)://…"; anything else becomes "#".
 * @param {string} href
 */
export function safeHref(href) {
  if (href.startsWith('#') || href.startsWith('/') || /^https?:\/\//i.test(href)) return href;
  return '#';
}

/**
 * @param {Node} parent
 * @param {Child[]} children
 */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * An HTML element; strings among the children become text nodes.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * An SVG element.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * Replaces the children of `el`.
 * @param {Element} el
 * @param {...Child} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A number with thousands separators, or "–" when missing. */
export function fmt(n) {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  if (typeof n === 'number' && !Number.isInteger(n)) return n.toFixed(2);
  return Number(n).toLocaleString('en-GB');
}

/**
 * Appends children to `el`, skipping null/undefined/false (Element.append would write "null").
 * @param {Element} el
 * @param {...Child} children
 */
export function add(el, ...children) {
  append(el, children);
}
