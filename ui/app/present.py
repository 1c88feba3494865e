"""Projector mode (``present=true`` in the URL, or the switch at the top of the sidebar): a lesson
as a class sees it on a 1366 x 768 projector.

- no sidebar: our own CSS (``PRESENT_CSS``, a constant) hides it and its collapse control, and
  the page's few controls are drawn in a row above the figure instead (``controls_place``);
- larger type, the introduction folded away (``intro_place``), a shorter figure (``present_mode``
  is part of each figure's cache key), so the player (Play and the iteration slider under the
  figure) is inside the first screen;
- the keyboard drives the player (``KEYS_SCRIPT``): Space plays or pauses, the arrow keys step
  one frame back or on. It clicks the figure's own Play / Pause buttons and moves its own
  slider, in the browser: playing still sends nothing to the server. It does nothing while the
  focus is in a text field, a number box or a select (typing a space there stays typing).

Without ``present=true`` the page is as it always was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.app import state

PRESENT_CSS = """<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stExpandSidebarButton'],
[data-testid='stSidebarCollapseButton'], [data-testid='stHeader'] { display: none !important; }
[data-testid='stMainBlockContainer'] { padding: 0.75rem 1.5rem 1rem 1.5rem !important; max-width: 100% !important; }
[data-testid='stMainBlockContainer'] h1 { font-size: 1.9rem !important; padding: 0 0 0.2rem 0 !important; }
[data-testid='stMainBlockContainer'] p, [data-testid='stMainBlockContainer'] li { font-size: 1.2rem; }
[data-testid='stMainBlockContainer'] [data-testid='stWidgetLabel'] p { font-size: 1.05rem; }
[data-testid='stMainBlockContainer'] [data-testid='stCaptionContainer'] p { font-size: 1.05rem; }
[data-testid='stMainBlockContainer'] input { font-size: 1.1rem; }
</style>"""

# Space: Play or Pause (whichever the player is not doing); ArrowRight / ArrowLeft: one frame on
# or back (the slider's own step: it animates in the browser, as a drag of it does). The
# figure is the page's first Plotly figure: the one with the player.
KEYS_SCRIPT = """<script>
(() => {
  const root = window.parent && window.parent.document ? window.parent.document : document;
  if (root.__gdKeys) return;
  root.__gdKeys = true;
  const typing = (el) => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)
    || (el.getAttribute && el.getAttribute('role') === 'combobox'));
  const player = () => [...root.querySelectorAll('.js-plotly-plot')].find(gd => gd._fullLayout && gd._fullLayout.sliders && gd._fullLayout.sliders.length);
  const button = (gd, label) => [...gd.querySelectorAll('.updatemenu-button')].find(b => b.textContent.includes(label));
  const click = (el) => { for (const type of ['mousedown', 'mouseup', 'click']) el.dispatchEvent(new MouseEvent(type, {bubbles: true, view: window})); };
  const step = (gd, by) => {
    const slider = gd._fullLayout.sliders[0];
    // A key pressed again before the last step has landed steps on from where that one goes.
    const from = gd.__gdPending != null ? gd.__gdPending : slider.active;
    const to = Math.max(0, Math.min(slider.steps.length - 1, from + by));
    gd.__gdPending = to;
    clearTimeout(gd.__gdPendingTimer);
    gd.__gdPendingTimer = setTimeout(() => { gd.__gdPending = null; }, 400);
    const rail = gd.querySelector('.slider-rail-touch-rect');
    if (!rail) return;
    const box = rail.getBoundingClientRect();
    const inset = 8;  // plotly's slider stepInset: the first and last step sit this far inside the rail
    const x = box.left + inset + (box.width - 2 * inset) * to / Math.max(1, slider.steps.length - 1);
    const y = box.top + box.height / 2;
    rail.dispatchEvent(new MouseEvent('mousedown', {bubbles: true, clientX: x, clientY: y, view: window}));
    gd.dispatchEvent(new MouseEvent('mouseup', {bubbles: true, clientX: x, clientY: y, view: window}));
    root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true, clientX: x, clientY: y, view: window}));
  };
  root.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || typing(root.activeElement)) return;
    const sidebar = root.querySelector("[data-testid='stSidebar']");
    if (sidebar && getComputedStyle(sidebar).display !== 'none') return;  // projector mode was left: the keys are the page's again
    const gd = player();
    if (!gd) return;
    if (event.key === ' ' || event.code === 'Space') {
      event.preventDefault();
      const playing = gd.__gdPlaying === true;
      const target = button(gd, playing ? 'Pause' : 'Play');
      if (target) { click(target); gd.__gdPlaying = !playing; }
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      if (gd.__gdPlaying) { const pause = button(gd, 'Pause'); if (pause) click(pause); gd.__gdPlaying = false; }
      step(gd, event.key === 'ArrowRight' ? 1 : -1);
    }
  }, true);
  // The player's own buttons and the end of a run keep the keyboard's idea of playing right.
  root.addEventListener('click', (event) => {
    const b = event.target.closest && event.target.closest('.updatemenu-button');
    const gd = b && b.closest('.js-plotly-plot');
    if (gd && event.isTrusted) gd.__gdPlaying = b.textContent.includes('Play');
  }, true);
  setInterval(() => {
    const gd = player();
    if (gd && gd.__gdPlaying && !gd._transitionData?._frameQueue?.length && !gd._transitionData?._animationRaf) {
      const s = gd._fullLayout.sliders[0];
      if (s.active === s.steps.length - 1) gd.__gdPlaying = false;
    }
  }, 500);
})();
</script>"""


def present_mode() -> bool:
    """Whether projector mode is on: the switch's value, or on arrival the link's ``present``."""
    if state.PRESENT in st.session_state:
        return bool(st.session_state[state.PRESENT])
    return st.query_params.get(state.PRESENT, "").strip().lower() == "true"


def titled(heading: str) -> bool:
    """The page's title and the Projector mode switch: the switch at the top of the sidebar, or in
    projector mode on the title's line (to leave it); then its CSS and keyboard script. Returns
    whether projector mode is on."""
    on = present_mode()
    if on:
        title, switch = st.columns([5, 1], vertical_alignment="center")
        title.title(heading)
    else:
        st.title(heading)
        switch = st.sidebar
    with switch:
        on = bool(st.toggle(
            "Projector mode", value=False, key=state.PRESENT, bind="query-params",
            help="For a class on a projector: no sidebar, the controls in a row above the figure, larger type. "
            "Space plays or pauses, the arrow keys step. In a link: present=true.",
        ))
    if on:
        st.html(PRESENT_CSS)
        st.html(KEYS_SCRIPT, unsafe_allow_javascript=True)
    return on


def controls_place(heading: str | None = None) -> DeltaGenerator:
    """Where a page draws its controls: the sidebar under ``heading``, or in projector mode a row
    in the main area (no heading: the row is the controls of the figure under it)."""
    if present_mode():
        return st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    if heading:
        st.sidebar.header(heading)
    return st.sidebar


@contextlib.contextmanager
def intro_place() -> Iterator[None]:
    """Where a page writes its introduction: the page, or in projector mode a folded expander."""
    if present_mode():
        with st.expander("About this page", icon=":material/info:"):
            yield
    else:
        yield


def heading(text: str, place: DeltaGenerator | None = None) -> None:
    """A section's subheading; none in projector mode (the figure comes first)."""
    if not present_mode():
        (place or st).subheader(text)


def figure_first() -> tuple[DeltaGenerator, DeltaGenerator]:
    """Two places on the page, (before, figure): what a page writes before its figure, and the
    figure. In projector mode the figure's place comes first, so the player is on the first screen."""
    first, second = st.container(), st.container()
    return (second, first) if present_mode() else (first, second)
