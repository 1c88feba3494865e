// The keyboard player (ui/views/player.py): buttons and a slider that drive a Plotly figure's own
// frames with Plotly.animate, in the browser; it never sends a message to the server.
// data (JSON bytes): {chart, label, summary, columns, rows, moment, last}; frame k's sentence is line(data, k). The figure is the Plotly graph inside
// the element whose class is "st-key-<chart>" (the key of st.plotly_chart or ui/views/figure_2d.py).
const KEYS = {ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10, PageUp: 10};
const LIVE = new WeakMap();

function graph(chart) {
  return document.querySelector(`.st-key-${CSS.escape(chart)} .js-plotly-plot`);
}

function make(tag, attrs, text) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

function build(root, id) {
  const bar = make("div", {class: "gdp-bar", role: "group", "aria-label": "Player"});
  const button = (act, label, face) => make("button", {type: "button", class: "gdp-btn", "data-act": act, "aria-label": label, title: label}, face);
  const first = button("first", "First frame", "|◀");
  const back = button("back", "Step back", "◀");
  const play = button("play", "Play", "▶ Play");
  const forward = button("forward", "Step forward", "▶");
  const last = button("last", "Last frame", "▶|");
  const range = make("input", {type: "range", class: "gdp-range", min: "0", max: "0", step: "1", value: "0", "aria-label": "Iteration"});
  const now = make("span", {class: "gdp-now", id: `${id}-now`, "aria-live": "polite", "aria-atomic": "true"});
  bar.append(first, back, play, forward, last, range, now);
  const summary = make("p", {class: "gdp-hidden", id: `${id}-summary`});
  const details = make("details", {class: "gdp-numbers"});
  const caption = make("summary", {}, "The numbers behind the figure, frame by frame");
  const scroll = make("div", {class: "gdp-scroll", tabindex: "0", role: "region", "aria-label": "The numbers behind the figure"});
  const table = make("table");
  scroll.append(table);
  details.append(caption, scroll);
  // Streamlit keeps the component's <style> in this same element: add ours beside it.
  const wrap = make("div", {class: "gdp"});
  wrap.append(bar, summary, details);
  for (const old of root.querySelectorAll(":scope > .gdp")) old.remove();
  root.append(wrap);
  return {root, bar, play, range, now, summary, details, scroll, table, rowsEl: [], shown: -1, latest: -1, playing: false, data: null, gd: null};
}

function fillTable(s) {
  const {columns, rows} = s.data;
  const head = make("tr");
  for (const c of columns) head.append(make("th", {scope: "col"}, c));
  const thead = make("thead");
  thead.append(head);
  const tbody = make("tbody");
  s.rowsEl = rows.map(r => {
    const tr = make("tr");
    r.forEach((v, i) => tr.append(make(i === 0 ? "th" : "td", i === 0 ? {scope: "row"} : {}, v)));
    tbody.append(tr);
    return tr;
  });
  s.table.replaceChildren(make("caption", {}, s.data.label), thead, tbody);
}

// "Iteration 3 of 30: w = 1.2, J(w) = 0.45." (ui.words.figure_text.FigureText.line, written here
// from the row: the sentences are not sent).
function line(data, k) {
  const row = data.rows[k];
  const values = data.columns.slice(1).map((name, i) => `${name} = ${row[i + 1]}`).join(", ");
  return `${data.moment.replace("{shown}", row[0])}: ${values}.`;
}

const QUIET_MS = 200;  // while it plays, the words and the table's row change at most 5 times a second

function show(s, k, announce) {
  const rows = s.data.rows;
  if (!rows.length) return;
  k = Math.max(0, Math.min(rows.length - 1, k | 0));
  s.latest = k;
  s.range.value = String(k);
  if (s.playing && !announce) {
    // Every frame moves the slider; the line of text (which may wrap, and move what is under it)
    // follows a few times a second, and exactly once the player stops.
    const now = performance.now();
    if (now - (s.wroteAt || 0) < QUIET_MS) return;
    s.wroteAt = now;
  }
  if (k !== s.shown) {
    if (s.rowsEl[s.shown]) s.rowsEl[s.shown].removeAttribute("aria-current");
    const row = s.rowsEl[k];
    if (row) row.setAttribute("aria-current", "true");
    if (row && s.details.open) s.scroll.scrollTop = Math.max(0, row.offsetTop - s.scroll.clientHeight / 2);  // the row on screen in view
    s.shown = k;
    const moment = s.data.moment.replace("{shown}", s.data.rows[k][0]);  // "Iteration 3 of 30", or lesson 6's "120 of 400 examples used"
    s.range.setAttribute("aria-valuetext", moment.charAt(0).toLowerCase() + moment.slice(1));
  }
  // While it plays the line changes silently (a screen reader would fall behind); it is read out
  // when the player stops or steps.
  s.now.setAttribute("aria-live", s.playing && !announce ? "off" : "polite");
  s.now.textContent = line(s.data, k);
}

function setPlaying(s, playing) {
  s.playing = playing;
  s.play.setAttribute("aria-label", playing ? "Pause" : "Play");
  s.play.setAttribute("title", playing ? "Pause" : "Play");
  s.play.textContent = playing ? "❚❚ Pause" : "▶ Play";
  if (!playing && s.latest >= 0) show(s, s.latest, true);
}

function activeFrame(s) {
  const slider = s.gd && s.gd._fullLayout && s.gd._fullLayout.sliders && s.gd._fullLayout.sliders[0];
  return slider ? slider.active : s.latest;
}

function animate(s, args) {
  // The Plotly that drew the graph: ui/views/figure_2d.js's basic bundle keeps it on the graph.
  const P = s.gd && (s.gd.__gdPlotly || window.Plotly);
  if (!P) return;
  P.animate(s.gd, ...JSON.parse(JSON.stringify(args)));
}

function playArgs(gd) {
  const menus = gd.layout.updatemenus || [];
  const speed = menus[1];
  const picked = speed && speed.buttons && speed.buttons[speed.active];
  return picked ? picked.args : menus[0].buttons[0].args;
}

function go(s, k) {
  const steps = s.gd && s.gd.layout.sliders && s.gd.layout.sliders[0] && s.gd.layout.sliders[0].steps;
  if (!steps) return;
  k = Math.max(0, Math.min(steps.length - 1, k));
  if (s.playing) pause(s);
  animate(s, steps[k].args);
  show(s, k, true);
}

function pause(s) {
  animate(s, [[null], {frame: {duration: 0, redraw: false}, transition: {duration: 0}, mode: "immediate"}]);
  setPlaying(s, false);
}

function refresh(s) {
  // A rerun may draw the figure into a new element: find it again before each action.
  s.gd = graph(s.data.chart) || s.gd;
  if (s.gd) attach(s);
  describe(s);
  return Boolean(s.gd);
}

function act(s, what) {
  if (!refresh(s)) return;
  const here = activeFrame(s);
  const end = s.data.rows.length - 1;
  if (what === "play") {
    if (s.playing) return pause(s);
    setPlaying(s, true);
    animate(s, playArgs(s.gd));
  } else if (what === "first") go(s, 0);
  else if (what === "last") go(s, end);
  else if (what === "back") go(s, here - 1);
  else if (what === "forward") go(s, here + 1);
}

function attach(s) {
  const gd = s.gd;
  if (!gd || gd._gdpHooked === s || typeof gd.on !== "function") return;
  detach(s);
  gd._gdpHooked = s;
  s.hooks = {
    plotly_animatingframe: e => show(s, Number(e.name), false),
    // Plotly's slider reports every played frame too: only a student's own move is read out.
    plotly_sliderchange: e => { if (e.interaction) show(s, e.slider.active, true); },
    plotly_buttonclicked: e => setPlaying(s, !String(e.button.label).includes("Pause")),  // Plotly's own Play, speed or Pause
    plotly_animated: () => setPlaying(s, false),
  };
  s.hooked = gd;
  for (const [name, f] of Object.entries(s.hooks)) gd.on(name, f);
}

function detach(s) {
  const gd = s.hooked;
  if (!gd) return;
  // A rerun may have drawn the figure anew: Plotly.purge takes the old element's emitter away.
  if (typeof gd.removeListener === "function") for (const [name, f] of Object.entries(s.hooks)) gd.removeListener(name, f);
  if (gd._gdpHooked === s) gd._gdpHooked = null;
  s.hooked = null;
}

function describe(s) {
  const box = document.querySelector(`.st-key-${CSS.escape(s.data.chart)}`);
  if (!box) return false;
  box.setAttribute("role", "figure");
  box.setAttribute("aria-label", s.data.label);
  box.setAttribute("aria-describedby", `${s.id}-summary ${s.id}-now`);
  return true;
}

function hook(s, tries) {
  // The figure is drawn after this component can be: look for it a few times.
  const gd = graph(s.data.chart);
  const described = describe(s);
  if (gd && described) {
    s.gd = gd;
    attach(s);
    show(s, activeFrame(s), false);
    return;
  }
  if (tries > 0) s.timer = setTimeout(() => hook(s, tries - 1), 250);
}

export default function (component) {
  const {parentElement} = component;
  // The data come as JSON bytes (ui/views/player.py), made once per figure on the server.
  const raw = component.data;
  const data = raw instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(raw)) : raw;
  let s = LIVE.get(parentElement);
  if (!s) {
    const id = `gdp-${data.chart}`;
    s = build(parentElement, id);
    s.id = id;
    LIVE.set(parentElement, s);
    s.bar.addEventListener("click", e => {
      const b = e.target.closest("button[data-act]");
      if (b) act(s, b.dataset.act);
    });
    s.range.addEventListener("input", () => refresh(s) && go(s, Number(s.range.value)));
    s.bar.addEventListener("keydown", e => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const k = e.key;
      let done = true;
      if (k in KEYS) { if (refresh(s)) go(s, activeFrame(s) + KEYS[k]); }
      else if (k === "Home") act(s, "first");
      else if (k === "End") act(s, "last");
      else if ((k === " " || k === "Enter") && e.target === s.range) act(s, "play");
      else if (k === "k" || k === "K") act(s, "play");
      else done = false;
      if (done) e.preventDefault();
    });
  }
  const fresh = JSON.stringify(s.data) !== JSON.stringify(data);
  s.data = data;
  if (fresh) {
    s.summary.textContent = data.summary;
    s.range.max = String(Math.max(data.rows.length - 1, 0));
    s.bar.hidden = !data.rows.length;
    s.details.hidden = !data.rows.length;
    if (data.rows.length) fillTable(s);
    s.shown = s.latest = -1;
    s.now.textContent = "";
    setPlaying(s, false);
  }
  clearTimeout(s.timer);
  hook(s, 40);
  return () => {
    clearTimeout(s.timer);
    detach(s);
    LIVE.delete(parentElement);
  };
}
