"""Entry point: page config, then the lessons (ui.app.lessons) run inside the page wrapper (ui.app.page)."""

import streamlit as st

from ui.patches import memory, session_reaper, streamlit_fixes
from ui.app.lessons import HOME
from ui.app.page import navigation, run_page

# A formula wider than its column (a narrow column, a phone, 200% zoom) scrolls sideways: a
# keyboard reaches it only if it takes focus (WCAG 2.1.1; axe's scrollable-region-focusable,
# serious). Streamlit draws it as a plain <span>, so give each such one a tab stop, and take it
# back when the formula fits again. Installed once per browser tab; 200 ms after the page changes.
SCROLL_FOCUS = """<script>
(() => {
  const root = window.parent && window.parent.document ? window.parent.document : document;
  if (root.__gdScrollFocus) return;
  root.__gdScrollFocus = true;
  const mark = () => {
    for (const el of root.querySelectorAll('.katex-display')) {
      const wide = el.scrollWidth > el.clientWidth;
      if (wide && !el.hasAttribute('tabindex')) el.tabIndex = 0;
      else if (!wide && el.getAttribute('tabindex') === '0') el.removeAttribute('tabindex');
    }
  };
  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(mark, 200); };
  new MutationObserver(later).observe(root.body, {childList: true, subtree: true});
  (root.defaultView || window).addEventListener('resize', later);
  later();
})();
</script>"""

st.set_page_config(
    page_title=HOME.heading,
    page_icon="⛰️",  # an emoji: a material icon here is fetched from a CDN for the favicon
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone: the lesson comes first
)

# On a phone the lesson comes first: a smaller title and section headings, less space above them, and a row of numbers
# (metrics) kept side by side instead of one per screen line.
st.html(
    "<style>@media (max-width: 640px) {"
    " [data-testid='stMainBlockContainer'] { padding: 4rem 1rem 2rem 1rem; }"
    " h1 { font-size: 1.7rem !important; padding-top: 0 !important; }"
    " h2, h3 { font-size: 1.3rem !important; }"
    " [data-testid='stHorizontalBlock']:has([data-testid='stMetric']):not(:has([data-testid='stHorizontalBlock']))"
    " { flex-wrap: nowrap !important; gap: 0.5rem; }"
    " [data-testid='stHorizontalBlock']:has([data-testid='stMetric']):not(:has([data-testid='stHorizontalBlock']))"
    " > [data-testid='stColumn'] { min-width: 0 !important; }"
    " [data-testid='stMetricValue'] { font-size: 1.3rem; } }</style>"
    + SCROLL_FOCUS,
    unsafe_allow_javascript=True,
)

# Closed tabs' sessions must be shut down, or what they hold is never freed (see the module).
session_reaper.install()
# Big freed buffers (an upload, a parsed table) go back to the system at once (see the module).
memory.tune()
# A link such as iters=1e999 must not crash an integer input (see the module).
streamlit_fixes.install()

run_page(navigation())
# What the first run imported stays for the process's life: keep it out of the garbage
# collector's full collections, which stop the server while they run (see the module).
memory.freeze_startup()
