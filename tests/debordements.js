(strict) => {
  // Run in the page by tests/test_mise_en_page.py (Playwright wants the function first).
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ' "' + (el.innerText || el.value || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) found.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`);
  const canvas = document.createElement('canvas').getContext('2d');
  const main = document.querySelector('main');
  if (!main) return found;
  const scrolls = (style) => style.overflowX === 'auto' || style.overflowX === 'scroll';
  // The box a child must stay in: the nearest ancestor that is a block of its own (not a line of text).
  const container = (el) => {
    let p = el.parentElement;
    while (p && p !== main && ['inline', 'contents'].includes(getComputedStyle(p).display)) p = p.parentElement;
    return p;
  };
  const outside = (box, outer) => box.width > 0 && (box.right > outer.right + 1 || box.left < outer.left - 1);
  for (const el of main.querySelectorAll('*')) {
    if (el.closest('.visually-hidden, .visually-hidden-focusable, template, [hidden], .dropdown-menu, .modal')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || ['fixed', 'absolute'].includes(style.position)) continue;
    if (!el.getClientRects().length) continue;
    // A select too narrow for its chosen option, a field shown read-only too narrow for its value.
    const shown = el.tagName === 'SELECT' ? el.options[el.selectedIndex]?.text
      : el.tagName === 'INPUT' && (el.readOnly || el.disabled) && el.type === 'text' ? el.value : null;
    if (shown) {
      canvas.font = style.font;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const needed = canvas.measureText(shown).width;
      if (needed > room + 1) found.push(`${name(el)}: "${shown}" is cut (${Math.round(needed)} px in ${Math.round(room)})`);
    }
    // Content cut by a box that hides its overflow (or, when strict, that scrolls sideways).
    const cuts = ['hidden', 'clip'].includes(style.overflowX) || (strict && scrolls(style));
    if (cuts && !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      found.push(`${name(el)}: content ${el.scrollWidth} px wide cut to ${el.clientWidth} px`);
    }
    // A file number or reference broken across two lines ("D-2011-" / "0016").
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const match of node.textContent.matchAll(/[A-Z]{1,3}-[A-Z0-9]{1,4}-\d{3,6}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) found.push(`${name(el)}: "${match[0]}" is broken across lines`);
      }
    }
    // Text spilling out of its own box.
    if (style.display !== 'inline' && !scrolls(style)) {
      const own = el.getBoundingClientRect();
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (outside(range.getBoundingClientRect(), own)) { found.push(`${name(el)}: its text spills out`); break; }
      }
    }
    // A box sticking out of the box it sits in (Bootstrap rows' negative margins are by design).
    const parent = container(el);
    if (!parent || scrolls(getComputedStyle(parent))) continue;
    const box = el.getBoundingClientRect();
    const adjusted = {
      width: box.width,
      left: box.left - Math.min(0, parseFloat(style.marginLeft) || 0),
      right: box.right + Math.min(0, parseFloat(style.marginRight) || 0),
    };
    if (outside(adjusted, parent.getBoundingClientRect())) {
      const outer = parent.getBoundingClientRect();
      found.push(`${name(el)} sticks out of ${name(parent)} (${Math.round(box.left)}–${Math.round(box.right)} in ${Math.round(outer.left)}–${Math.round(outer.right)})`);
    }
  }
  return found;
}
