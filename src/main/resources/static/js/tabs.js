// WAI-ARIA tabs: arrow keys, Home and End move between tabs (roving tabindex), the panel follows.

export function setUpTabs(onShow) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const show = (tab, focus) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) tab.focus();
    onShow(tab.id.replace('tab-', ''));
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => show(tab, false));
    tab.addEventListener('keydown', (event) => {
      const moves = {
        ArrowRight: i + 1,
        ArrowLeft: i - 1,
        Home: 0,
        End: tabs.length - 1,
      };
      if (!(event.key in moves)) return;
      event.preventDefault();
      show(tabs[(moves[event.key] + tabs.length) % tabs.length], true);
    });
  });
}
