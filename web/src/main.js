// The cronaca web interface: entry point and routes.
//
// Served by `cronaca serve --web DIR` from the vite build of web/ (index.html
// + hashed assets); all data comes from the same server's /api. Routes (hash
// routing, filters in the query so reload and shared links keep them):
//
//   #/                     stories (q, from, to)
//   #/story/ID             a story's dossier and its reports side by side
//   #/document/ID          one report with its highlights
//   #/events               events table (actor, country, code, root, quad, from, to, q, story)
//   #/timeline             events on a time axis, coloured by quad class
//   #/network              who acts on whom, edges coloured by Goldstein score
//   #/actors, #/actor/ID   actors and one actor's events, quotations, documents
import './style.css';
import { h, replace } from './dom.js';
import { currentRoute, link } from './router.js';
import { errorBox, loading } from './ui.js';
import { renderStories } from './views/stories.js';
import { renderStory } from './views/story.js';
import { renderDocument } from './views/document.js';
import { renderEvents } from './views/events.js';
import { renderTimeline } from './views/timeline.js';
import { renderNetwork } from './views/network.js';
import { renderActors, renderActor } from './views/actors.js';

/** @type {[string, string, string[]][]} */
const NAV = [
  ['/', 'Stories', ['', 'story', 'document']],
  ['/events', 'Events', ['events']],
  ['/timeline', 'Timeline', ['timeline']],
  ['/network', 'Network', ['network']],
  ['/actors', 'Actors', ['actors', 'actor']],
];

const ROUTES = {
  '': renderStories,
  stories: renderStories,
  story: renderStory,
  document: renderDocument,
  events: renderEvents,
  timeline: renderTimeline,
  network: renderNetwork,
  actors: renderActors,
  actor: renderActor,
};

const nav = h('nav', { class: 'nav' });
const main = h('main', { id: 'view' });
document.body.append(
  h('header', { class: 'top' }, h('a', { class: 'brand', href: '#/' }, 'cronaca'), nav),
  main);

let generation = 0;

async function render() {
  const route = currentRoute();
  const name = route.parts[0] ?? '';
  replace(nav, NAV.map(([path, label, names]) =>
    h('a', { href: link(path), class: names.includes(name) ? 'active' : null }, label)));
  const view = ROUTES[name];
  const mine = ++generation;
  const container = h('div', { class: `view view-${name || 'stories'}` });
  replace(main, loading());
  if (!view) {
    replace(main, errorBox(`no page ${route.path}`));
    return;
  }
  try {
    await view(container, route);
    if (mine !== generation) return; // a later navigation won
    replace(main, container);
    document.body.dataset.view = name || 'stories';
    document.body.dataset.ready = String(mine);
  } catch (err) {
    if (mine !== generation) return;
    replace(main, errorBox(err));
    document.body.dataset.ready = String(mine);
  }
}

window.addEventListener('hashchange', render);
render();
