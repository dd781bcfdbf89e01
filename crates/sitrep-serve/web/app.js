// sitrep — the analyst's page. Plain ES module, no dependencies, no network beyond this server.
//
// Routes (hash): `#/?q=..&type=..&actor=..&from=..&to=..&bbox=1&view=..&page=N` is the overview
// (map, timeline, event list); `#/event/<id>` is one event with its facts and source articles.
// All text coming from the API is put into the DOM with textContent / text nodes, never as HTML.

// ---------------------------------------------------------------------------------------------
// Small DOM helpers

const $ = (sel, root = document) => root.querySelector(sel);
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Build an HTML element: attrs (`class`, `text`, `onclick`…, others as attributes), children. */
function el(tag, attrs = {}, ...kids) {
  return fill(document.createElement(tag), attrs, kids);
}

/** Same for SVG elements. */
function sv(tag, attrs = {}, ...kids) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, kids);
}

function fill(e, attrs, kids) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid == null || kid === false) continue;
    e.append(kid instanceof Node ? kid : String(kid));
  }
  return e;
}

function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting

const TYPES = [
  ['Battles', 'battles'],
  ['Explosions/Remote violence', 'explosions'],
  ['Violence against civilians', 'vac'],
  ['Protests', 'protests'],
  ['Riots', 'riots'],
  ['Strategic developments', 'strategic'],
];
const typeClass = (t) => 't-' + (TYPES.find(([name]) => name === t)?.[1] ?? 'other');

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return null;
  }
})();
function countryName(code) {
  if (!code) return '';
  try {
    return (code.length === 2 && regionNames?.of(code.toUpperCase())) || code;
  } catch {
    return code;
  }
}

const fmtNum = (v) => (v == null ? '' : Number.isInteger(v) ? String(v) : v.toFixed(1));
const QUALIFIERS = { more_than: 'more than', at_least: 'at least', about: 'about', up_to: 'up to', at_most: 'at most', less_than: 'fewer than' };
const fmtQty = (v, q) => (q ? `${QUALIFIERS[q] ?? q.replace(/_/g, ' ')} ` : '') + fmtNum(v);
const pretty = (s) => String(s ?? '').replace(/_/g, ' ');

/** An event date with its precision: `2025-03-10`, `2023-05 (month)`, `2023 (year)`, ranges. */
function fmtDate(d) {
  if (!d || !d.start) return 'undated';
  const { start, end, precision: p } = d;
  if (p === 'month') return `${start.slice(0, 7)} (month)`;
  if (p === 'year') return `${start.slice(0, 4)} (year)`;
  if (p === 'week') return `${start} (week)`;
  if (end && end !== start) return `${start} – ${end}`;
  return start;
}

function fmtPlace(loc, withCountry = true) {
  if (!loc) return 'unknown location';
  const parts = [loc.name];
  if (loc.admin1 && loc.admin1 !== loc.name) parts.push(loc.admin1);
  if (withCountry && loc.country) parts.push(countryName(loc.country));
  return parts.filter(Boolean).join(', ');
}

function fmtCoords(lat, lon) {
  if (lat == null || lon == null) return '';
  return `${Math.abs(lat).toFixed(3)}°${lat >= 0 ? 'N' : 'S'} ${Math.abs(lon).toFixed(3)}°${lon >= 0 ? 'E' : 'W'}`;
}

// ---------------------------------------------------------------------------------------------
// API access, the access token, errors

const TOKEN_KEY = 'sitrep.token';
let token = localStorage.getItem(TOKEN_KEY) || '';

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET a JSON API path; throws ApiError with the API's message. A 401 shows the token form. */
async function api(path) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let resp;
  try {
    resp = await fetch(path, { headers });
  } catch (e) {
    throw new ApiError(0, 'network', `cannot reach the server (${e.message})`);
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    /* not JSON: handled below */
  }
  if (!resp.ok) {
    if (resp.status === 401) showAuth();
    const err = body?.error;
    throw new ApiError(resp.status, err?.code ?? 'http', err?.message ?? `${resp.status} ${resp.statusText}`);
  }
  return body;
}

function showError(err) {
  if (err?.status === 401) return; // the token form says it
  const banner = $('#banner');
  $('.banner-text', banner).textContent = err?.message ?? String(err);
  banner.hidden = false;
}
const clearError = () => ($('#banner').hidden = true);

function showAuth() {
  const form = $('#auth');
  if (!form.hidden) return;
  form.hidden = false;
  $('#auth-token').focus();
}

function setupAuth() {
  $('#auth').addEventListener('submit', (e) => {
    e.preventDefault();
    token = $('#auth-token').value.trim();
    localStorage.setItem(TOKEN_KEY, token);
    $('#auth').hidden = true;
    overviewKey = null; // force a reload
    startLive();
    route();
  });
  $('.banner-close').addEventListener('click', clearError);
}

// ---------------------------------------------------------------------------------------------
// Geography: TopoJSON decoding and a Mercator projection in degree-like units

/** Decode a TopoJSON object into [{id, name, rings: [[[lon, lat], ...], ...]}]. */
function decodeTopo(topo, objectName) {
  const [sx, sy] = topo.transform?.scale ?? [1, 1];
  const [tx, ty] = topo.transform?.translate ?? [0, 0];
  const quantized = !!topo.transform;
  // Quantized arcs are delta-encoded: each point is the offset from the previous one.
  const arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      if (!quantized) return [dx, dy];
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  // A ring is a list of arc indexes; ~i (negative) is arc i reversed. Consecutive arcs share
  // their joining point, so it is kept once.
  const ring = (ids) => {
    const out = [];
    for (const i of ids) {
      const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      for (let j = out.length ? 1 : 0; j < a.length; j++) out.push(a[j]);
    }
    return out;
  };
  return topo.objects[objectName].geometries.map((g) => {
    const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
    return { id: g.id, name: g.properties?.name ?? '', rings: polys.flatMap((p) => p.map(ring)) };
  });
}

const DEG = Math.PI / 180;
const MAX_LAT = 85;
/** Mercator, scaled so that x is the longitude in degrees; y grows southwards (SVG). */
const project = (lon, lat) => {
  const phi = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * DEG;
  return [lon, -Math.log(Math.tan(Math.PI / 4 + phi / 2)) / DEG];
};
const unprojectY = (y) => (2 * Math.atan(Math.exp(-y * DEG)) - Math.PI / 2) / DEG;

/** SVG path data for a ring. Natural Earth cuts rings at ±180°, but some rings step from
 *  +179.9° to −180° between neighbours (Russia's Chukotka, Fiji): such rings are unwrapped to
 *  stay continuous and drawn a second time shifted by 360° so both edges of the map show them.
 *  Rings that go all the way round (Antarctica) are drawn as they are. */
function ringPath(ring) {
  const xs = [ring[0][0]];
  let off = 0, jumped = false;
  for (let i = 1; i < ring.length; i++) {
    let x = ring[i][0] + off;
    const dx = x - xs[i - 1];
    if (dx > 180) { off -= 360; x -= 360; jumped = true; }
    else if (dx < -180) { off += 360; x += 360; jumped = true; }
    xs.push(x);
  }
  const min = Math.min(...xs), max = Math.max(...xs);
  const unwrap = jumped && max - min < 300;
  const one = (shift) => {
    let d = '', last = '';
    for (let i = 0; i < ring.length; i++) {
      const [x, y] = project((unwrap ? xs[i] : ring[i][0]) + shift, ring[i][1]);
      const pt = `${x.toFixed(2)},${y.toFixed(2)}`;
      if (pt === last) continue; // points that round to the same spot add nothing
      d += (d ? 'L' : 'M') + pt;
      last = pt;
    }
    return d + 'Z';
  };
  let d = one(0);
  if (unwrap && max > 180) d += one(-360);
  if (unwrap && min < -180) d += one(360);
  return d;
}

let worldPromise = null;
/** The countries as [{name, d}], fetched and decoded once. */
function loadWorld() {
  worldPromise ??= fetch('/world.json')
    .then((r) => {
      if (!r.ok) throw new Error(`world.json: ${r.status}`);
      return r.json();
    })
    .then((topo) =>
      decodeTopo(topo, 'countries').map((c) => ({ name: c.name, d: c.rings.map(ringPath).join('') })),
    );
  return worldPromise;
}

function countryPaths(world) {
  return sv('g', { class: 'countries' }, world.map((c) => sv('path', { class: 'country', d: c.d, 'data-name': c.name })));
}

// ---------------------------------------------------------------------------------------------
// The map: an SVG whose viewBox follows a view {cx, cy, k} (centre in projected units, pixels
// per unit). Dot radii are given in pixels and converted at each view change.

const map = {
  svg: null,
  dots: null,
  view: null,
  events: [],
  onViewChange: null,
};

function initMap() {
  const svg = $('#map');
  map.svg = svg;
  svg.append(sv('rect', { class: 'ocean', x: -1080, y: -1080, width: 2160, height: 2160 }));
  map.dots = sv('g', { class: 'dots' });
  svg.append(map.dots);
  loadWorld()
    .then((world) => {
      const g = countryPaths(world);
      g.id = 'world-countries';
      svg.insertBefore(g, map.dots);
      // Copies of the world on either side, so that panning across ±180° shows land there.
      for (const dx of [-360, 360]) svg.insertBefore(sv('use', { href: '#world-countries', transform: `translate(${dx} 0)` }), map.dots);
    })
    .catch(showError);

  // Wheel zooms about the pointer.
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  // Drag pans. The pointer is captured only once it has moved, so clicks on dots still work.
  let drag = null;
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, cx: map.view.cx, cy: map.view.cy, moved: false, id: e.pointerId };
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      svg.setPointerCapture(drag.id);
      svg.classList.add('dragging');
    }
    setView({ ...map.view, cx: drag.cx - dx / map.view.k, cy: drag.cy - dy / map.view.k });
  });
  const end = () => {
    if (drag?.moved) svg.classList.remove('dragging');
    drag = null;
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);

  $('#zoom-in').addEventListener('click', () => zoomAt(1.6));
  $('#zoom-out').addEventListener('click', () => zoomAt(1 / 1.6));
  $('#zoom-fit').addEventListener('click', () => fitToEvents(map.events));
  new ResizeObserver(() => map.view && setView(map.view)).observe(svg);

  // The legend, with per-type counts filled in by renderMap.
  $('#legend').replaceChildren(
    ...TYPES.map(([name, cls]) =>
      el('li', { 'data-type': name }, el('span', { class: `sw ${'t-' + cls}`, 'aria-hidden': 'true' }), el('span', { class: 'lg-name', text: name }), el('span', { class: 'lg-count' })),
    ),
  );
}

const mapSize = () => [map.svg.clientWidth, map.svg.clientHeight];

function zoomAt(factor, px, py) {
  const [w, h] = mapSize();
  if (!w || !map.view) return;
  px ??= w / 2;
  py ??= h / 2;
  const { cx, cy, k } = map.view;
  const k2 = clampK(k * factor);
  // Keep the projected point under the pointer where it is.
  const wx = cx + (px - w / 2) / k, wy = cy + (py - h / 2) / k;
  setView({ cx: wx - (px - w / 2) / k2, cy: wy - (py - h / 2) / k2, k: k2 });
}

function clampK(k) {
  const [w, h] = mapSize();
  const min = Math.min(w / 400, h / 400); // about the whole world
  const max = w / 0.3; // about 30 km across
  return Math.max(min, Math.min(max, k));
}

function setView(v) {
  const [w, h] = mapSize();
  map.view = v;
  if (!w || !h) return; // hidden: applied when shown again
  // Keep the centre on the map.
  v.cy = Math.max(-180, Math.min(180, v.cy));
  v.cx = Math.max(-360, Math.min(360, v.cx));
  const vw = w / v.k, vh = h / v.k;
  map.svg.setAttribute('viewBox', `${v.cx - vw / 2} ${v.cy - vh / 2} ${vw} ${vh}`);
  placeDots();
  map.onViewChange?.();
}

/** Fit the view to projected bounds, with padding and a minimum span. */
function fitBounds(x0, y0, x1, y1) {
  const [w, h] = mapSize();
  if (!w || !h) return;
  const minSpan = 8;
  const sx = Math.max(x1 - x0, minSpan) * 1.3, sy = Math.max(y1 - y0, minSpan * 0.6) * 1.3;
  setView({ cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, k: clampK(Math.min(w / sx, h / sy)) });
}

function fitToEvents(events) {
  const pts = events.filter(hasCoords).map((e) => project(e.location.lon, e.location.lat));
  if (!pts.length) return fitBounds(-170, -80, 190, 80);
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  fitBounds(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
}

/** The view as lon/lat bounds, clamped to the world: `minLon,minLat,maxLon,maxLat`. */
function viewBBox() {
  const [w, h] = mapSize();
  const { cx, cy, k } = map.view;
  const c = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(4);
  const x0 = cx - w / 2 / k, x1 = cx + w / 2 / k;
  const lat1 = unprojectY(cy - h / 2 / k), lat0 = unprojectY(cy + h / 2 / k);
  return [c(x0, -180, 180), c(lat0, -90, 90), c(x1, -180, 180), c(lat1, -90, 90)].join(',');
}

function setViewFromBBox(b) {
  const [x0, lat0, x1, lat1] = b.split(',').map(Number);
  if ([x0, lat0, x1, lat1].some((n) => !Number.isFinite(n))) return false;
  const [, y1] = project(x0, lat0), [, y0] = project(x1, lat1);
  const [w, h] = mapSize();
  setView({ cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, k: clampK(Math.min(w / (x1 - x0 || 1), h / (y1 - y0 || 1))) });
  return true;
}

const hasCoords = (e) => e.location && e.location.lat != null && e.location.lon != null;

/** Radius in pixels: more sources and more deaths make bigger dots. */
const dotRadius = (e) => Math.min(16, 4 + 1.6 * Math.min(e.sources ?? 1, 8) + 1.2 * Math.sqrt(e.fatalities ?? 0));

function renderMap(events) {
  map.events = events;
  const located = events.filter(hasCoords);
  // Events at the same spot are spread on a small circle so each stays clickable.
  const groups = new Map();
  for (const e of located) {
    const key = `${e.location.lat.toFixed(3)},${e.location.lon.toFixed(3)}`;
    (groups.get(key) ?? groups.set(key, []).get(key)).push(e);
  }
  const dots = [];
  for (const group of groups.values()) {
    group.forEach((e, i) => {
      const [x, y] = project(e.location.lon, e.location.lat);
      const circle = sv(
        'circle',
        // Events placed only to a region or a country get a dashed outline.
        { class: `event-dot ${typeClass(e.event_type)}${['exact', 'near'].includes(e.location.precision ?? 'exact') ? '' : ' imprecise'}`, 'data-event-id': e.id },
        sv('title', { text: `${e.title}\n${e.event_type} › ${e.sub_event_type}\n${fmtDate(e.date)} · ${fmtPlace(e.location)} (${e.location.precision ?? '?'})\n${e.sources} source${e.sources === 1 ? '' : 's'}${e.fatalities != null ? ` · ${fmtNum(e.fatalities)} killed` : ''}` }),
      );
      circle._geo = { x, y, r: dotRadius(e), angle: (2 * Math.PI * i) / group.length, spread: group.length > 1 ? 5 + group.length : 0 };
      circle.addEventListener('click', () => (location.hash = `#/event/${encodeURIComponent(e.id)}`));
      dots.push(circle);
    });
  }
  // Big dots first so small ones stay on top.
  dots.sort((a, b) => b._geo.r - a._geo.r);
  map.dots.replaceChildren(...dots);
  placeDots();

  for (const li of $('#legend').children) {
    const n = events.filter((e) => e.event_type === li.dataset.type).length;
    $('.lg-count', li).textContent = n ? String(n) : '';
    li.classList.toggle('empty', !n);
  }
  return located.length;
}

function placeDots() {
  const k = map.view?.k;
  if (!k) return;
  for (const c of map.dots.children) {
    const g = c._geo;
    c.setAttribute('cx', g.x + (Math.cos(g.angle) * g.spread) / k);
    c.setAttribute('cy', g.y + (Math.sin(g.angle) * g.spread) / k);
    c.setAttribute('r', g.r / k);
  }
}

// ---------------------------------------------------------------------------------------------
// Dates for the timeline (UTC days)

const DAY = 86400000;
const parseDay = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

/** Bin units: the start of the bin holding day t, and the start of the next bin. */
const UNITS = {
  day: { start: (t) => t, next: (t) => t + DAY, label: (t) => isoDay(t).slice(5) },
  week: {
    start: (t) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY, // Monday
    next: (t) => t + 7 * DAY,
    label: (t) => isoDay(t),
  },
  month: {
    start: (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); },
    next: (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); },
    label: (t) => isoDay(t).slice(0, 7),
  },
  year: {
    start: (t) => Date.UTC(new Date(t).getUTCFullYear(), 0, 1),
    next: (t) => Date.UTC(new Date(t).getUTCFullYear() + 1, 0, 1),
    label: (t) => isoDay(t).slice(0, 4),
  },
};

let lastTimeline = null;

/** Draw bars of events per bin from [{date, events, fatalities}] (days). */
function renderTimeline(days) {
  lastTimeline = days;
  const svg = $('#timeline');
  const w = svg.clientWidth, h = svg.clientHeight;
  if (!w || !h) return;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const dated = days.filter((d) => d.date && d.events > 0);
  if (!dated.length) {
    svg.replaceChildren(sv('text', { class: 'empty-text', x: w / 2, y: h / 2, 'text-anchor': 'middle', text: 'No dated events' }));
    $('#timeline-note').textContent = '';
    return;
  }
  const ts = dated.map((d) => parseDay(d.date));
  const t0 = Math.min(...ts), t1 = Math.max(...ts);
  const span = (t1 - t0) / DAY;
  const unitName = span <= 92 ? 'day' : span <= 400 ? 'week' : span <= 8000 ? 'month' : 'year';
  const unit = UNITS[unitName];
  // Every bin from the first to the last, so gaps show as gaps.
  const bins = [];
  for (let t = unit.start(t0); t <= t1; t = unit.next(t)) bins.push({ t, end: unit.next(t) - DAY, events: 0, fatalities: 0 });
  for (const d of dated) {
    const t = parseDay(d.date);
    const b = bins.find((b) => t >= b.t && t <= b.end);
    if (b) { b.events += d.events; b.fatalities += d.fatalities ?? 0; }
  }
  const total = dated.reduce((s, d) => s + d.events, 0);
  $('#timeline-note').textContent = `${total} dated event${total === 1 ? '' : 's'}, per ${unitName}`;

  const m = { l: 34, r: 10, t: 10, b: 22 };
  const pw = w - m.l - m.r, ph = h - m.t - m.b;
  const bw = pw / bins.length;
  const max = Math.max(...bins.map((b) => b.events));
  const nodes = [];
  // y axis: 0 and the maximum.
  nodes.push(sv('line', { class: 'axis', x1: m.l, x2: w - m.r, y1: m.t + ph, y2: m.t + ph }));
  for (const v of [0, max]) {
    const y = m.t + ph - (v / max) * ph;
    nodes.push(sv('text', { class: 'tick', x: m.l - 6, y: y + 4, 'text-anchor': 'end', text: String(v) }));
    if (v) nodes.push(sv('line', { class: 'grid', x1: m.l, x2: w - m.r, y1: y, y2: y }));
  }
  bins.forEach((b, i) => {
    if (!b.events) return;
    const bh = Math.max(2, (b.events / max) * ph);
    const from = isoDay(b.t), to = isoDay(b.end);
    const bar = sv(
      'rect',
      {
        class: 'bar', 'data-date': from, 'data-to': to,
        x: m.l + i * bw + Math.min(1, bw * 0.1), y: m.t + ph - bh,
        width: Math.max(1, bw - Math.min(2, bw * 0.2)), height: bh,
        tabindex: 0, role: 'button',
        'aria-label': `${unit.label(b.t)}: ${b.events} events`,
      },
      sv('title', { text: `${from === to ? from : `${from} – ${to}`}: ${b.events} event${b.events === 1 ? '' : 's'}${b.fatalities ? `, ${fmtNum(b.fatalities)} killed` : ''} — click to filter` }),
    );
    const pick = () => setDates(from, to);
    bar.addEventListener('click', pick);
    bar.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), pick()));
    nodes.push(bar);
  });
  // x axis: about six labels, evenly spread over the bins.
  const every = Math.max(1, Math.ceil(bins.length / Math.max(2, Math.floor(pw / 90))));
  for (let i = 0; i < bins.length; i += every) {
    const x = m.l + i * bw + bw / 2;
    nodes.push(sv('line', { class: 'axis', x1: x, x2: x, y1: m.t + ph, y2: m.t + ph + 4 }));
    nodes.push(sv('text', { class: 'tick', x, y: h - 6, 'text-anchor': 'middle', text: unit.label(bins[i].t) }));
  }
  svg.replaceChildren(...nodes);
}

/** A timeline from loaded events, for servers without /api/timeline. */
function timelineFromEvents(events) {
  const by = new Map();
  for (const e of events) {
    const d = e.date?.start;
    if (!d) continue;
    const day = by.get(d) ?? by.set(d, { date: d, events: 0, fatalities: 0 }).get(d);
    day.events++;
    day.fatalities += e.fatalities ?? 0;
  }
  return [...by.values()].sort((a, b) => a.date.localeCompare(b.date));
}

// ---------------------------------------------------------------------------------------------
// Overview: filters, data loading, event list, search hits

const PAGE_SIZE = 50;
const MAP_LIMIT = 1000;
const FILTER_INPUTS = { q: '#f-q', type: '#f-type', actor: '#f-actor', from: '#f-from', to: '#f-to' };

const overview = {
  filters: { q: '', type: '', actor: '', from: '', to: '', bbox: false },
  page: 0,
  initialized: false,
  fitted: false,
  hashView: null, // a view from the URL to restore instead of fitting
  mapKey: null, // the query the map's events were loaded with
  hasTimelineApi: true,
  hasSearchApi: true,
};
let overviewKey = null; // what the shown overview was loaded for; null: reload when shown
let loadSeq = 0;

/** Query string of the filters (without paging); with the map bbox when asked. */
function filterQuery(withBBox) {
  const p = new URLSearchParams();
  for (const k of Object.keys(FILTER_INPUTS)) if (overview.filters[k]) p.set(k, overview.filters[k]);
  if (withBBox && overview.filters.bbox && map.view) p.set('bbox', viewBBox());
  return p;
}

/** Put the filters into the hash without adding a history entry. */
function writeHash() {
  const p = filterQuery(false);
  if (overview.filters.bbox) {
    p.set('bbox', '1');
    if (map.view) p.set('view', viewBBox());
  }
  if (overview.page) p.set('page', String(overview.page + 1));
  const qs = p.toString();
  history.replaceState(null, '', `#/${qs ? `?${qs}` : ''}`);
}

function readFiltersFromHash(params) {
  for (const [k, sel] of Object.entries(FILTER_INPUTS)) {
    overview.filters[k] = params.get(k) ?? '';
    $(sel).value = overview.filters[k];
  }
  overview.filters.bbox = params.get('bbox') === '1';
  $('#f-bbox').checked = overview.filters.bbox;
  overview.page = Math.max(0, (parseInt(params.get('page') ?? '1', 10) || 1) - 1);
  overview.hashView = params.get('view');
}

function commitFilters() {
  for (const [k, sel] of Object.entries(FILTER_INPUTS)) overview.filters[k] = $(sel).value.trim();
  overview.filters.bbox = $('#f-bbox').checked;
  overview.page = 0;
  writeHash();
  loadOverview();
}

function setDates(from, to) {
  $('#f-from').value = from;
  $('#f-to').value = to;
  commitFilters();
}

function setupFilters() {
  const later = debounce(commitFilters, 350);
  for (const sel of ['#f-q', '#f-actor']) $(sel).addEventListener('input', later);
  for (const sel of ['#f-type', '#f-from', '#f-to', '#f-bbox']) $(sel).addEventListener('change', commitFilters);
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); commitFilters(); });
  $('#f-reset').addEventListener('click', () => {
    for (const sel of Object.values(FILTER_INPUTS)) $(sel).value = '';
    $('#f-bbox').checked = false;
    commitFilters();
  });
  $('#clear-dates').addEventListener('click', () => setDates('', ''));
  $('#page-prev').addEventListener('click', () => { overview.page = Math.max(0, overview.page - 1); writeHash(); loadOverview(); });
  $('#page-next').addEventListener('click', () => { overview.page++; writeHash(); loadOverview(); });
  // Panning with "only events in map view" on reloads the list and the timeline.
  const viewChanged = debounce(() => {
    if (!overview.filters.bbox || $('#overview').hidden) return;
    if (currentKey() === overviewKey) return; // the view is back where it was loaded
    overview.page = 0;
    writeHash();
    loadOverview();
  }, 400);
  map.onViewChange = viewChanged;
  new ResizeObserver(() => lastTimeline && renderTimeline(lastTimeline)).observe($('#timeline'));
}

const currentKey = () => JSON.stringify([overview.filters, overview.page, overview.filters.bbox && map.view ? viewBBox() : null]);

/** Load and draw the list, the map, the timeline and search hits for the current filters. */
async function loadOverview() {
  const seq = ++loadSeq;
  overviewKey = currentKey();
  clearError();
  const first = !overview.initialized;
  overview.initialized = true;
  $('#overview').classList.add('loading');
  if (first) $('#events tbody').replaceChildren(messageRow('Loading events…'));

  const listQ = filterQuery(true);
  listQ.set('limit', PAGE_SIZE);
  listQ.set('offset', overview.page * PAGE_SIZE);
  const mapQ = filterQuery(false); // the map shows every match; panning must not hide dots
  mapQ.set('limit', MAP_LIMIT);
  const mapKey = mapQ.toString();

  const listP = api(`/api/events?${listQ}`);
  const mapP = mapKey === overview.mapKey ? Promise.resolve(null) : api(`/api/events?${mapQ}`);
  const tlP = overview.hasTimelineApi ? api(`/api/timeline?${filterQuery(true)}`) : Promise.resolve(null);
  const q = overview.filters.q;
  const searchP = q && overview.hasSearchApi ? api(`/api/search?${new URLSearchParams({ q, limit: 8 })}`) : Promise.resolve(null);
  const [list, mapData, tl, search] = await Promise.allSettled([listP, mapP, tlP, searchP]);
  if (seq !== loadSeq) return; // a newer load has started

  $('#overview').classList.remove('loading');
  if (list.status === 'fulfilled') renderList(list.value);
  else {
    showError(list.reason);
    $('#events tbody').replaceChildren(messageRow('Could not load events.'));
  }

  if (mapData.status === 'fulfilled' && mapData.value) {
    overview.mapKey = mapKey;
    const { events, total } = mapData.value;
    const located = renderMap(events);
    const capped = total > events.length ? ` (the first ${events.length} of ${total})` : '';
    $('#map-note').textContent = `${located} of ${events.length} events placed${capped}`;
    if (!overview.fitted) {
      overview.fitted = true;
      if (!(overview.hashView && setViewFromBBox(overview.hashView))) fitToEvents(events);
    }
  } else if (mapData.status === 'rejected') showError(mapData.reason);

  // The timeline: from the API, or (older servers) from the events the map loaded.
  if (tl.status === 'fulfilled' && tl.value) renderTimeline(tl.value.days ?? []);
  else {
    if (tl.status === 'rejected' && tl.reason.status === 404) overview.hasTimelineApi = false;
    else if (tl.status === 'rejected') showError(tl.reason);
    let evs = map.events;
    if (overview.filters.bbox && map.view) {
      const [x0, y0, x1, y1] = viewBBox().split(',').map(Number);
      evs = evs.filter((e) => hasCoords(e) && e.location.lon >= x0 && e.location.lon <= x1 && e.location.lat >= y0 && e.location.lat <= y1);
    }
    renderTimeline(timelineFromEvents(evs));
  }

  if (search.status === 'rejected' && search.reason.status === 404) overview.hasSearchApi = false;
  renderSearch(search.status === 'fulfilled' ? search.value : null, q);
}

function messageRow(text) {
  return el('tr', { class: 'message' }, el('td', { colspan: 6, text }));
}

function renderList({ events, total, offset }) {
  const tbody = $('#events tbody');
  if (!events.length) {
    tbody.replaceChildren(messageRow(total ? 'No events on this page.' : 'No events match.'));
  } else {
    tbody.replaceChildren(...events.map(eventRow));
  }
  const from = events.length ? offset + 1 : 0, to = offset + events.length;
  $('#list-count').textContent = total > events.length
    ? `${from}–${to} of ${total} events`
    : `${events.length} of ${total} event${total === 1 ? '' : 's'}`;
  $('#page-prev').disabled = offset <= 0;
  $('#page-next').disabled = to >= total;
  $('.pager').hidden = total <= PAGE_SIZE && offset === 0;
}

function eventRow(e) {
  const href = `#/event/${encodeURIComponent(e.id)}`;
  const loc = e.location;
  const casualties = [];
  if (e.fatalities != null) casualties.push(el('span', { class: 'killed', title: 'killed', text: `${fmtNum(e.fatalities)} killed` }));
  if (e.injured != null) casualties.push(el('span', { class: 'injured', title: 'injured', text: `${fmtNum(e.injured)} injured` }));
  const disputed = (e.conflicts ?? []).length > 0;
  const tr = el(
    'tr',
    { 'data-testid': 'event-row', 'data-event-id': e.id, class: 'clickable' },
    el('td', { class: 'date' }, fmtDate(e.date)),
    el('td', {}, el('span', { class: `type-dot ${typeClass(e.event_type)}`, 'aria-hidden': 'true' }), el('span', { class: 'type', text: e.event_type }), el('div', { class: 'sub muted', text: e.sub_event_type })),
    el('td', {}, loc ? [el('span', { text: fmtPlace(loc) }), loc.precision && loc.precision !== 'exact' ? el('span', { class: 'precision', text: ` (${loc.precision})` }) : null] : el('span', { class: 'muted', text: 'unknown' })),
    el('td', { class: 'title' }, el('a', { href, text: e.title }), disputed ? el('span', { class: 'badge disputed', title: 'the sources disagree on ' + e.conflicts.map((c) => pretty(c.slot)).join(', '), text: 'disputed' }) : null),
    el('td', { class: 'num' }, String(e.sources ?? e.articles?.length ?? 0)),
    el('td', { class: 'num casualties' }, casualties.length ? casualties : el('span', { class: 'muted', text: '—' })),
  );
  // The whole row is a target for the mouse; the title link is the keyboard's.
  tr.addEventListener('click', (ev) => {
    if (ev.target.closest('a')) return;
    location.hash = href;
  });
  return tr;
}

/** Article hits of the full-text search, each with links to the events it reports. */
function renderSearch(result, q) {
  const panel = $('#search-panel');
  if (!result || !q) { panel.hidden = true; return; }
  panel.hidden = false;
  $('#search-note').textContent = `${result.total} article${result.total === 1 ? '' : 's'}${result.total > result.hits.length ? `, best ${result.hits.length} shown` : ''}`;
  const words = q.toLowerCase().split(/\W+/u).filter((w) => w.length > 1);
  const titles = new Map(map.events.map((e) => [e.id, e.title]));
  const items = result.hits.map((hit) =>
    el(
      'li',
      { 'data-article': hit.article },
      el('div', { class: 'hit-head' },
        el('strong', { text: hit.title || hit.article }),
        el('span', { class: 'muted', text: ` · ${[hit.outlet, hit.published?.slice(0, 10)].filter(Boolean).join(' · ')}` })),
      el('p', { class: 'snippet' }, highlightWords(hit.snippet ?? '', words)),
      hit.events?.length
        ? el('div', { class: 'hit-events' }, 'Events: ', hit.events.map((id) => el('a', { href: `#/event/${encodeURIComponent(id)}`, text: titles.get(id) ?? id })))
        : el('div', { class: 'hit-events muted', text: 'no event extracted' }),
    ),
  );
  $('#search-hits').replaceChildren(...(items.length ? items : [el('li', { class: 'muted', text: 'No articles match.' })]));
}

/** Text nodes with the search words wrapped in <mark class="hit">. */
function highlightWords(text, words) {
  if (!words.length) return [text];
  const re = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  return text.split(re).map((part, i) => (i % 2 ? el('mark', { class: 'hit', text: part }) : part));
}

// ---------------------------------------------------------------------------------------------
// Event page

const FIELD_ROWS = {
  // A conflict's or claim's slot → the fact row it belongs to.
  type: 'type', event_type: 'type', sub_event_type: 'type',
  date: 'date',
  location: 'location', place: 'location',
  killed: 'fatalities', fatalities: 'fatalities', dead: 'fatalities', deaths: 'fatalities',
  injured: 'injured', wounded: 'injured',
};
const rowKey = (slot) => FIELD_ROWS[String(slot).toLowerCase()] ?? `slot:${slot}`;

/** Compare a conflict value with a span's value (numbers as numbers, dates by prefix). */
function sameValue(a, b) {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a).toLowerCase() === String(b).toLowerCase();
}

let eventSeq = 0;

async function showEvent(id, { keepScroll = false } = {}) {
  const seq = ++eventSeq;
  const page = $('#event');
  const scroll = window.scrollY;
  if (!keepScroll) {
    page.replaceChildren(backLink(), el('p', { class: 'loading-text', text: 'Loading event…' }));
  }
  let ev, results;
  try {
    ev = await api(`/api/events/${encodeURIComponent(id)}`);
    results = await Promise.allSettled(ev.articles.map((a) => api(`/api/articles/${encodeURIComponent(a)}`)));
  } catch (err) {
    if (seq !== eventSeq) return;
    page.replaceChildren(backLink(), el('div', { class: 'empty-state' }, el('h2', { text: 'Event not available' }), el('p', { text: err.message })));
    if (err.status !== 404) showError(err);
    return;
  }
  if (seq !== eventSeq) return;
  // The event merged into another since the link was made: the server redirected to it.
  if (ev.id !== id) history.replaceState(null, '', `#/event/${encodeURIComponent(ev.id)}`);
  clearError();
  const articles = new Map();
  results.forEach((r, i) => articles.set(ev.articles[i], r.status === 'fulfilled' ? r.value : { id: ev.articles[i], error: r.reason.message }));
  document.title = `${ev.title} · sitrep`;
  page.replaceChildren(...renderEventPage(ev, articles));
  window.scrollTo(0, keepScroll ? scroll : 0);
}

function backLink() {
  return el('a', { class: 'back', href: '#/', onclick: backToList, text: '‹ back to events' });
}

/** Back to the overview with its filters: the browser's back when we came from there. */
function backToList(e) {
  if (cameFromOverview) {
    e.preventDefault();
    history.back();
  } else if (lastOverviewHash) {
    e.preventDefault();
    location.hash = lastOverviewHash;
  }
}

/** Every span of the event (evidence, claims, and dates the articles give the event), indexed. */
function collectSpans(ev, articles) {
  const spans = [];
  for (const x of ev.evidence ?? []) spans.push({ kind: 'evidence', field: x.field, value: x.value, article: x.article, start: x.start, end: x.end, quote: x.quote });
  for (const c of ev.claims ?? []) spans.push({ kind: 'claim', field: c.slot, value: c.value, article: c.article, start: c.start, end: c.end, quote: c.quote, claim: c });
  // An article without date evidence may still date the event through its time expressions:
  // the article's event mention for this event points at one. This attributes the competing
  // values of a date conflict.
  for (const [id, a] of articles) {
    if (a.error || spans.some((s) => s.article === id && s.field === 'date')) continue;
    for (const m of a.event_mentions ?? []) {
      const t = m.event === ev.id && m.time != null ? a.times?.[m.time] : null;
      if (t?.value && t.start != null) {
        spans.push({ kind: 'evidence', field: 'date', value: t.value, article: id, start: t.start, end: t.end, quote: t.text, derived: true });
        break;
      }
    }
  }
  spans.forEach((s, i) => (s.idx = i));
  return spans;
}

/** The outlet of an article, or the host of its URL. */
function outletOf(a) {
  if (a?.outlet) return a.outlet;
  try {
    return a?.url ? new URL(a.url).hostname.replace(/^www\./, '') : '';
  } catch {
    return '';
  }
}

/** Short labels for the articles: the outlet, numbered when two share one. */
function articleLabels(ev, articles) {
  const labels = new Map(), seen = new Map();
  for (const id of ev.articles) {
    let l = outletOf(articles.get(id)) || (id.length > 14 ? id.slice(0, 12) + '…' : id);
    if (l.length > 24) l = l.slice(0, 23) + '…';
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    labels.set(id, n > 1 ? `${l} (${n})` : l);
  }
  return labels;
}

function renderEventPage(ev, articles) {
  const spans = collectSpans(ev, articles);
  const labels = articleLabels(ev, articles);
  const loc = ev.location;

  const chip = (span) => {
    const a = articles.get(span.article);
    return el('button', {
      type: 'button', class: 'source', 'data-article': span.article, 'data-span': span.idx,
      title: `${a?.title ?? span.article}${span.quote ? `\n“${span.quote}”` : ''}\nclick: show in the article`,
      text: labels.get(span.article) ?? span.article,
    });
  };
  // One chip per article for a list of spans (the first span of each article is the target).
  const chips = (list) => {
    const firsts = new Map();
    for (const s of list) if (!firsts.has(s.article)) firsts.set(s.article, s);
    return el('span', { class: 'chips' }, [...firsts.values()].map(chip));
  };

  // ---- fact rows
  const rows = new Map();
  const row = (key, label, value) => {
    if (!rows.has(key)) rows.set(key, { key, label, value, spans: [] });
    return rows.get(key);
  };
  row('type', 'Event type', `${ev.event_type} › ${ev.sub_event_type}`);
  row('date', 'Date', fmtDate(ev.date));
  row('location', 'Location', loc ? `${fmtPlace(loc)}${loc.precision ? ` (${loc.precision})` : ''}` : 'unknown');
  row('fatalities', 'Fatalities', ev.fatalities != null ? fmtNum(ev.fatalities) : 'not reported');
  row('injured', 'Injured', ev.injured != null ? fmtNum(ev.injured) : 'not reported');
  for (const a of ev.actors ?? []) row(`actor:${a.name}`, `Actor (${a.role})`, a.name).actor = a;
  for (const s of spans) {
    if (s.field === 'actor') {
      const r = rows.get(`actor:${s.value}`) ?? row(`actor:${s.value}`, 'Actor', s.value);
      r.spans.push(s);
    } else {
      row(rowKey(s.field), `${s.kind === 'claim' ? 'Claim: ' : ''}${pretty(s.field)}`, '').spans.push(s);
    }
  }
  for (const c of ev.conflicts ?? []) row(rowKey(c.slot), pretty(c.slot), '').conflict = c;

  const facts = el('table', { class: 'facts', 'data-testid': 'facts' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Fact' }), el('th', { scope: 'col', text: 'Value' }), el('th', { scope: 'col', text: 'Sources' }))),
    el('tbody', {}, [...rows.values()].map((r) => factRow(r, chip, chips))),
  );

  // ---- header
  const header = el('header', { class: 'event-head' },
    el('div', { class: 'event-head-text' },
      backLink(),
      el('h2', { text: ev.title }),
      el('p', { class: 'event-meta' },
        el('span', { class: `type-dot ${typeClass(ev.event_type)}`, 'aria-hidden': 'true' }),
        el('span', { text: `${ev.event_type} › ${ev.sub_event_type}` }), ' · ',
        el('span', { class: 'date', text: fmtDate(ev.date) }), ' · ',
        el('span', { text: loc ? fmtPlace(loc) : 'unknown location' }),
        loc?.precision ? el('span', { class: 'precision', text: ` (${loc.precision})` }) : null,
        hasCoords(ev) ? el('span', { class: 'coords', text: ` ${fmtCoords(loc.lat, loc.lon)}` }) : null),
      el('p', { class: 'event-meta muted' },
        `${ev.sources} source${ev.sources === 1 ? '' : 's'} · event `, el('code', { text: ev.id }),
        (ev.conflicts ?? []).length ? [' · ', el('span', { class: 'badge disputed', text: `${ev.conflicts.length} disputed fact${ev.conflicts.length === 1 ? '' : 's'}` })] : null)),
    hasCoords(ev) ? insetMap(ev) : null,
  );

  // ---- articles side by side
  const cols = ev.articles.map((id) => articleColumn(id, articles.get(id), spans.filter((s) => s.article === id)));
  const articlesSection = el('section', { class: 'articles-section', 'aria-labelledby': 'articles-h' },
    el('div', { class: 'panel-head' }, el('h3', { id: 'articles-h', text: `Source articles (${cols.length})` }),
      el('span', { class: 'mark-legend' },
        el('mark', { class: 'evidence', 'data-field': 'type', text: 'type' }), el('mark', { class: 'evidence', 'data-field': 'date', text: 'date' }),
        el('mark', { class: 'evidence', 'data-field': 'location', text: 'location' }), el('mark', { class: 'evidence', 'data-field': 'actor', text: 'actor' }),
        el('mark', { class: 'claim', text: 'claim' }))),
    el('div', { class: 'articles', 'data-testid': 'articles' }, cols),
  );

  const page = [header, el('section', { class: 'facts-section', 'aria-labelledby': 'facts-h' }, el('h3', { id: 'facts-h', text: 'Facts and their sources' }), facts), articlesSection];
  // Source chips scroll to the span in its article column.
  page.forEach((n) => n.addEventListener('click', onChipClick));
  return page;
}

/** The articles a conflict says give value `v`, when no span of this event shows it. */
function bySide(c, v) {
  const side = (c.by_value ?? []).find((s) => sameValue(s.value, v));
  if (!side || !side.articles?.length) return el('span', { class: 'muted', text: 'no source span' });
  return el('span', { class: 'muted', text: `given by ${side.articles.join(', ')} (no span)` });
}

function factRow(r, chip, chips) {
  const c = r.conflict;
  const claims = r.spans.filter((s) => s.kind === 'claim');
  const valueCell = el('td', { class: 'value' });
  if (r.value) valueCell.append(el('span', { class: 'main-value', text: r.value }));
  if (r.actor?.kb_id) valueCell.append(el('span', { class: 'muted kb', text: ` ${r.actor.kb_id}` }));
  if (c) {
    valueCell.append(' ', el('span', { class: 'badge disputed', text: 'disputed' }));
    // Every competing value with the spans that give it.
    const list = el('ul', { class: 'competing' });
    for (const v of c.values ?? []) {
      const support = r.spans.filter((s) => sameValue(s.value, v));
      list.append(el('li', { 'data-value': String(v) },
        el('span', { class: 'competing-value', text: typeof v === 'number' ? fmtNum(v) : String(v) }),
        el('div', { class: 'support' },
          support.length
            ? support.map((s) => (s.kind === 'claim' ? claimLine(s, chip) : el('span', { class: 'evidence-line' }, chip(s), el('q', { class: 'quote', text: s.quote }))))
            : bySide(c, v))));
    }
    valueCell.append(list, el('p', { class: 'note', text: c.note }));
  } else if (claims.length) {
    valueCell.append(el('ul', { class: 'claims' }, claims.map((s) => el('li', {}, claimLine(s, chip)))));
  }
  return el('tr', { class: c ? 'conflict' : null, 'data-fact': r.key },
    el('th', { scope: 'row', text: r.label }),
    valueCell,
    el('td', { class: 'sources' }, r.spans.length ? chips(r.spans) : el('span', { class: 'muted', text: '—' })));
}

/** One claim: headline marker, value, speaker and stance, status badge, its source. */
function claimLine(s, chip) {
  const c = s.claim;
  const status = c.status ?? 'single_source';
  return el('span', { class: 'claim-line' },
    c.headline ? el('span', { class: 'headline', title: 'the headline figure of this article', text: '★' }) : null,
    el('strong', { class: 'claim-value', text: fmtQty(c.value, c.qualifier) }),
    ' ',
    el('span', { class: 'speaker', text: c.speaker ?? 'the article' }),
    ' ',
    el('span', { class: `stance stance-${c.stance}`, text: pretty(c.stance) }),
    ' ',
    el('span', { class: `badge status status-${status}`, text: pretty(status) }),
    ' ',
    chip(s));
}

function articleColumn(id, a, spans) {
  const col = el('article', { class: 'article-col', 'data-testid': 'article-col', 'data-article-id': id });
  if (!a || a.error) {
    col.append(el('h4', { text: id }), el('p', { class: 'error-text', text: a?.error ?? 'not loaded' }));
    return col;
  }
  // Only web links: a stored `javascript:` or `data:` URL must not become a clickable link.
  const title = /^https?:\/\//i.test(a.url ?? '')
    ? el('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', text: a.title || id })
    : el('span', { text: a.title || id });
  col.append(
    el('header', {},
      el('div', { class: 'outlet', text: outletOf(a) || 'unknown outlet' }),
      el('h4', {}, title),
      el('div', { class: 'muted small' }, a.published ? a.published.replace('T', ' ').slice(0, 16) : 'no date', ' · ', el('code', { text: id }),
        ` · ${spans.length} highlighted span${spans.length === 1 ? '' : 's'}`)),
    el('div', { class: 'article-text' }, highlightText(a.text ?? '', spans)),
  );
  return col;
}

/** The article text as DOM nodes with every span marked. Offsets are in code points. Spans may
 *  nest or overlap, so the text is cut at every span boundary and each piece is one <mark>
 *  carrying all the spans that cover it (classes combined, `data-spans` lists their indexes). */
function highlightText(text, spans) {
  const cps = Array.from(text);
  const ok = spans.filter((s) => s.start >= 0 && s.end <= cps.length && s.start < s.end);
  const cuts = [...new Set([0, cps.length, ...ok.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = cps.slice(a, b).join('');
    // Innermost (shortest) spans first: they decide the field colour.
    const on = ok.filter((s) => s.start <= a && s.end >= b).sort((x, y) => x.end - x.start - (y.end - y.start));
    if (!on.length) { out.push(piece); continue; }
    const kinds = new Set(on.map((s) => s.kind));
    const cls = [...kinds].concat(on.length > 1 ? ['overlap'] : []).join(' ');
    const evidenceFields = on.filter((s) => s.kind === 'evidence').map((s) => s.field);
    out.push(el('mark', {
      class: cls,
      'data-field': [...new Set(evidenceFields.length ? evidenceFields : on.map((s) => s.field))].join(' '),
      'data-spans': on.map((s) => s.idx).join(' '),
      title: on.map((s) => `${s.kind === 'claim' ? `claim ${pretty(s.field)}` : s.field}: ${typeof s.value === 'number' ? fmtQty(s.value, s.claim?.qualifier) : s.value}${s.claim ? ` (${s.claim.speaker ?? 'the article'} ${s.claim.stance}, ${pretty(s.claim.status)})` : ''}${s.derived ? ' (time expression of the article)' : ''}`).join('\n'),
      text: piece,
    }));
  }
  return out;
}

/** A click on a source chip: bring its article column into view and flash the span. */
function onChipClick(e) {
  const btn = e.target.closest('button.source');
  if (!btn) return;
  const col = document.querySelector(`[data-testid=article-col][data-article-id="${CSS.escape(btn.dataset.article)}"]`);
  if (!col) return;
  const mark = col.querySelector(`mark[data-spans~="${btn.dataset.span}"]`) ?? col.querySelector('mark');
  const target = mark ?? col;
  target.scrollIntoView({ behavior: 'smooth', block: 'center', inline: 'nearest' });
  for (const m of col.querySelectorAll(`mark[data-spans~="${btn.dataset.span}"]`)) flash(m);
  if (!mark) flash(col);
}

function flash(node) {
  node.classList.remove('flash');
  void node.getBoundingClientRect(); // restart the animation
  node.classList.add('flash');
  setTimeout(() => node.classList.remove('flash'), 2000);
}

/** A small static map with the event's dot. */
function insetMap(ev) {
  const [x, y] = project(ev.location.lon, ev.location.lat);
  const w = 240, h = 150, span = 14;
  const svg = sv('svg', { class: 'inset', viewBox: `${x - span / 2} ${y - (span * h) / w / 2} ${span} ${(span * h) / w}`, role: 'img', 'aria-label': `Map: ${fmtPlace(ev.location)}` },
    sv('rect', { class: 'ocean', x: x - 90, y: y - 90, width: 180, height: 180 }));
  const dot = sv('circle', { class: `event-dot ${typeClass(ev.event_type)}`, cx: x, cy: y, r: 0.35 }, sv('title', { text: fmtPlace(ev.location) }));
  svg.append(dot);
  loadWorld().then((world) => svg.insertBefore(countryPaths(world), dot)).catch(() => {});
  return svg;
}

// ---------------------------------------------------------------------------------------------
// Live updates: server-sent events, or polling /api/health when they are not available

let source = null, pollTimer = null, lastSig = null;

function startLive() {
  source?.close();
  clearInterval(pollTimer);
  pollTimer = null;
  if (!('EventSource' in window)) return startPolling();
  source = new EventSource(`/api/live${token ? `?access_token=${encodeURIComponent(token)}` : ''}`);
  source.addEventListener('change', (e) => {
    try {
      onGeneration(JSON.parse(e.data), 'live');
    } catch {
      /* a malformed message: wait for the next one */
    }
  });
  source.addEventListener('error', () => {
    // CLOSED: the server refused the stream (404, 401, not SSE): poll instead. Otherwise the
    // browser reconnects by itself.
    if (source.readyState === EventSource.CLOSED) {
      source = null;
      startPolling();
    } else setLive(false, 'reconnecting…');
  });
}

function startPolling() {
  const poll = async () => {
    try {
      onGeneration(await api('/api/health'), 'polling');
    } catch {
      setLive(false, 'offline');
    }
  };
  poll();
  pollTimer = setInterval(poll, 3000);
}

function setLive(connected, text) {
  const live = $('#live');
  live.classList.toggle('connected', connected);
  live.textContent = text;
}

/** A store state from the stream or a poll: refresh what is shown when it moved. */
function onGeneration(g, how) {
  const sig = `${g.generation ?? ''}|${g.articles}|${g.events}`;
  setLive(true, `${how} · ${g.articles} article${g.articles === 1 ? '' : 's'} · ${g.events} event${g.events === 1 ? '' : 's'}`);
  if (lastSig !== null && sig !== lastSig) refresh();
  lastSig = sig;
}

function refresh() {
  overview.mapKey = null; // the data changed: reload the map's events too
  const { path } = parseHash();
  if (path.startsWith('/event/')) {
    overviewKey = null; // reload the overview when it is shown again
    showEvent(decodeURIComponent(path.slice(7)), { keepScroll: true });
  } else if (overview.initialized) loadOverview();
}

// ---------------------------------------------------------------------------------------------
// Routing

let lastOverviewHash = null, cameFromOverview = false, lastPath = null;

function parseHash() {
  const h = location.hash.replace(/^#/, '') || '/';
  const i = h.indexOf('?');
  return { path: i < 0 ? h : h.slice(0, i), params: new URLSearchParams(i < 0 ? '' : h.slice(i + 1)) };
}

function route() {
  const { path, params } = parseHash();
  const ovSection = $('#overview'), evSection = $('#event');
  if (path.startsWith('/event/')) {
    cameFromOverview = lastPath !== null && !lastPath.startsWith('/event/');
    lastPath = path;
    ovSection.hidden = true;
    evSection.hidden = false;
    showEvent(decodeURIComponent(path.slice(7)));
    return;
  }
  lastPath = path;
  lastOverviewHash = location.hash || '#/';
  evSection.hidden = true;
  ovSection.hidden = false;
  eventSeq++; // drop an event page still loading
  document.title = 'sitrep';
  if (!map.svg) initMap();
  readFiltersFromHash(params);
  if (map.view) setView(map.view); // it may have been resized while hidden
  else setView({ cx: 10, cy: -30, k: clampK(0) }); // the world until events arrive
  if (overview.hashView && overview.fitted && overview.filters.bbox) setViewFromBBox(overview.hashView);
  if (currentKey() !== overviewKey) loadOverview();
  else if (lastTimeline) renderTimeline(lastTimeline);
}

function main() {
  setupAuth();
  setupFilters();
  window.addEventListener('hashchange', route);
  route();
  startLive();
}

main();
