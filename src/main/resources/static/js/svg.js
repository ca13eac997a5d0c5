// Hand-made SVG charts: no library, every text node set with textContent.

const NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A frame of width × height with a 0–1 axis on the left, gridlines at quarters. */
export function frame(chart, width, height, margin, axisLabel = (v) => `${v * 100}%`) {
  chart.replaceChildren();
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.setAttribute('width', width);
  chart.setAttribute('height', height);
  const plotHeight = height - margin.top - margin.bottom;
  const y = (value) => margin.top + (1 - value) * plotHeight;
  for (const value of [0, 0.25, 0.5, 0.75, 1]) {
    chart.append(
      svg('line', { class: 'grid', x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value) }),
      svg('text', { class: 'axis', x: margin.left - 4, y: y(value) + 4, 'text-anchor': 'end' }, axisLabel(value)),
    );
  }
  return y;
}
