"""Text a reader cannot read: a text whose line runs past the side of a box that hides its overflow
(an ellipsis, a cut cell, a column scrolled off the screen). Measured in the browser on the laid-out
page: each text node's box against every ancestor that clips, horizontally."""
from __future__ import annotations

# Skipped: Streamlit's data grid (drawn on a canvas; lib.ui.widgets.table_ui is used where text must wrap),
# tooltips and hidden copies for screen readers (KaTeX's MathML), and whatever is not shown (a closed menu).
CLIPPED_TEXT_JS = r"""
() => {
  const clipped = [];
  const skip = '[data-testid="stDataFrame"], .deck-tooltip, [data-testid="stTooltipContent"], [role="tooltip"], ' +
               'script, style, [aria-hidden="true"], .katex-mathml';
  for (const root of document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const text = node.textContent.trim();
      const element = node.parentElement;
      if (!text || element.closest(skip)) continue;
      if (!element.checkVisibility({contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true})) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      for (let ancestor = element; ancestor && ancestor !== root.parentElement; ancestor = ancestor.parentElement) {
        const style = getComputedStyle(ancestor);
        if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;
        const clip = ancestor.getBoundingClientRect();
        if (box.right > clip.right + 1 || box.left < clip.left - 1) {
          clipped.push(`"${text.slice(0, 60)}" runs ${Math.round(box.left)}-${Math.round(box.right)} px in a box of ` +
                       `${Math.round(clip.left)}-${Math.round(clip.right)} px`);
          break;
        }
      }
    }
  }
  return clipped;
}
"""
SIZES = ((1366, 900), (1024, 768))   # a laptop, and the projector of a meeting room


def clipped_text(page) -> list[str]:
    return page.evaluate(CLIPPED_TEXT_JS)


def clipped_at_every_size(page) -> dict[str, list[str]]:
    """The clipped texts of the page as drawn at each of SIZES (the page reflows; no reload)."""
    found = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(600)
        if clipped_text(page):       # measured again once the page has surely settled (a late rerun redraws it)
            page.wait_for_timeout(2_000)
            if cut := clipped_text(page):
                found[f"{width}x{height}"] = cut
    return found
