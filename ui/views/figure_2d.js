// A flat (2-D) Plotly figure drawn with plotly.js's basic bundle (ui/views/figure_2d.py): scatter
// and bar traces, shapes, images, annotations, sliders and buttons, 1.2 MB of script, where
// st.plotly_chart loads the full bundle (4.7 MB: 3-D, maps, ...) before it draws anything.
// data (JSON bytes): {src, template, clicks, figure: {data, layout, frames}}; src is the bundle's address
// in the app's static folder, template Streamlit's theme for Plotly (as st.plotly_chart gives it).
// The script is loaded once per tab; a Plotly already on the page (from st.plotly_chart) is used
// as it is. With clicks true, a click on a point sends {points: [{x, y, curve_number,
// point_index, legendgroup}]} as the "click" trigger (as st.plotly_chart's selection of points
// names them; ui/app/clicks.py reads either). The graph keeps the Plotly that drew it (gd.__gdPlotly),
// for the keyboard player (ui/views/player.js) to animate it with the same one.
const LIVE = new WeakMap();

function plotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__gdPlotlyLoading) {
    window.__gdPlotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(src, document.baseURI).href;
      script.async = true;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => { window.__gdPlotlyLoading = null; reject(new Error(`could not load ${src}`)); };
      document.head.appendChild(script);
    });
  }
  return window.__gdPlotlyLoading;
}

function draw(s, text) {
  const {figure, src, template, clicks} = JSON.parse(text);
  s.clicks = clicks;
  return plotly(src).then(P => {
    if (s.text !== text) return;  // a newer figure came while the script loaded
    const spec = {data: figure.data, layout: {...figure.layout, template, autosize: true}, frames: figure.frames || [],
                  config: {responsive: true, displaylogo: false, displayModeBar: "hover"}};
    s.gd.__gdPlotly = P;
    if (s.drawn) return P.react(s.gd, spec);
    return P.newPlot(s.gd, spec).then(() => {
      s.drawn = true;
      s.gd.on("plotly_click", event => {
        if (!s.clicks || !event || !event.points) return;
        const points = event.points.map(p => ({x: p.x, y: p.y, curve_number: p.curveNumber, point_index: p.pointIndex,
                                              legendgroup: p.data && p.data.legendgroup}));
        s.setTriggerValue("click", {points});
      });
    });
  }).catch(error => {
    s.gd.textContent = "The figure could not be drawn: reload the page.";
    console.error(error);
  });
}

export default function (component) {
  const {parentElement, setTriggerValue} = component;
  const raw = component.data;
  const text = raw instanceof Uint8Array ? new TextDecoder().decode(raw) : JSON.stringify(raw);
  let s = LIVE.get(parentElement);
  if (!s) {
    const gd = document.createElement("div");
    gd.className = "gd-figure-2d";
    parentElement.appendChild(gd);
    s = {gd, text: null, drawn: false};
    // The column's width changes without the window's (the sidebar opens or closes): fit to it.
    s.resize = new ResizeObserver(() => {
      clearTimeout(s.timer);
      s.timer = setTimeout(() => { if (s.drawn && s.gd.__gdPlotly) s.gd.__gdPlotly.Plots.resize(s.gd); }, 100);
    });
    s.resize.observe(parentElement);
    LIVE.set(parentElement, s);
  }
  s.setTriggerValue = setTriggerValue;
  if (s.text !== text) {
    s.text = text;
    draw(s, text);
  }
  // Streamlit may call this between two draws of the same element: the graph is let go only once
  // its element has left the page.
  return () => setTimeout(() => {
    if (parentElement.isConnected) return;
    clearTimeout(s.timer);
    s.resize.disconnect();
    if (s.gd.__gdPlotly) s.gd.__gdPlotly.purge(s.gd);
    LIVE.delete(parentElement);
  }, 0);
}
