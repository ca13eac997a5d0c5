// The answer as bars, most probable first (or in their own order): .bar > .bar-label, .bar-track > .bar-fill, .bar-value.
import { percent } from './api.js';

/** ranked: the first bar is the answer (bold); false for bars in their own order, such as a text's characters. */
export function renderBars(container, predictions, { ranked = true } = {}) {
  container.replaceChildren(
    ...predictions.map((prediction, i) => {
      const bar = document.createElement('div');
      bar.className = ranked && i === 0 ? 'bar top' : 'bar';
      const label = document.createElement('span');
      label.className = 'bar-label';
      label.textContent = prediction.label;
      const track = document.createElement('span');
      track.className = 'bar-track';
      const fill = document.createElement('span');
      fill.className = 'bar-fill';
      // CSSOM, not a style attribute: the page's policy allows no inline styles
      fill.style.width = `${Math.max(0, Math.min(1, prediction.probability)) * 100}%`;
      track.append(fill);
      const value = document.createElement('span');
      value.className = 'bar-value';
      value.textContent = percent(prediction.probability);
      bar.append(label, track, value);
      return bar;
    }),
  );
}
