// Type: as the user types, the answer and how it built up character by character. Requests wait
// for a pause (debounce), a newer one aborts the older, and nothing goes out mid-composition, so
// Chinese typed through an IME is sent once the characters are chosen, not as pinyin.
import { call, percent } from './api.js';
import { renderBars } from './bars.js';
import { showBox } from './errors.js';
import { frame, svg } from './svg.js';

const DEBOUNCE_MS = 250;
const SERIES = 3;

export function setUpType() {
  const model = document.getElementById('type-model');
  const text = document.getElementById('type-text');
  const results = document.getElementById('type-results');
  const chart = document.getElementById('type-chart');
  const legend = document.getElementById('type-legend');
  const note = document.getElementById('type-chart-note');
  const error = document.getElementById('type-error');
  let composing = false;
  let timer = null;
  let inFlight = null;

  const empty = () => {
    results.replaceChildren();
    chart.replaceChildren();
    legend.replaceChildren();
    showBox(error, '');
  };
  const send = async () => {
    inFlight?.abort();
    const value = text.value;
    if (!value.trim() || !model.value) {
      inFlight = null;
      empty();
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    const ask = (explain) =>
      call('/classify', {
        method: 'POST',
        // no topK: every label at every step, so a chart line never has holes
        json: { model: model.value, text: value, explain },
        signal: controller.signal,
      });
    try {
      let answer;
      try {
        answer = await ask(true);
        note.textContent = 'The probability of the top labels after each character.';
      } catch (e) {
        // too long to explain step by step: still answer, without the chart
        if (e.field !== 'explain') throw e;
        answer = await ask(false);
        note.textContent = e.detail;
      }
      showBox(error, '');
      renderBars(results, answer.predictions.slice(0, 5));
      renderChart(chart, legend, answer.steps || [], answer.predictions.slice(0, SERIES));
    } catch (e) {
      if (e.name === 'AbortError') return;
      empty();
      showBox(error, e.detail || e.message);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(send, DEBOUNCE_MS);
  };

  text.addEventListener('compositionstart', () => {
    composing = true;
    clearTimeout(timer);
  });
  text.addEventListener('compositionend', () => {
    composing = false;
    schedule();
  });
  text.addEventListener('input', (event) => {
    if (composing || event.isComposing) return;
    schedule();
  });
  model.addEventListener('change', schedule);
}

/** One polyline per top label over the steps; one .chart-step (a column with its character) per step. */
function renderChart(chart, legend, steps, series) {
  legend.replaceChildren();
  if (steps.length === 0) {
    chart.replaceChildren();
    return;
  }
  const margin = { top: 10, right: 10, bottom: 28, left: 42 };
  const stepWidth = 22;
  const width = Math.max(300, margin.left + margin.right + steps.length * stepWidth);
  const height = 200;
  const y = frame(chart, width, height, margin);
  const x = (i) => margin.left + (i + 0.5) * stepWidth;
  steps.forEach((step, i) => {
    const column = svg('g', { class: 'chart-step' });
    const top = step.top?.[0] ?? step;
    column.append(
      svg('title', {}, `${step.token ?? step.step}: ${top.label} ${percent(top.probability)}`),
      svg('rect', { class: 'hit', x: x(i) - stepWidth / 2, y: margin.top, width: stepWidth, height: height - margin.top }),
      svg('text', { class: 'token', x: x(i), y: height - 8, 'text-anchor': 'middle' }, visible(step.token ?? '')),
    );
    chart.append(column);
  });
  series.forEach((prediction, s) => {
    const points = steps.map((step, i) => {
      const found = (step.top || []).find((p) => p.label === prediction.label);
      return `${x(i)},${y(found ? found.probability : 0)}`;
    });
    chart.append(svg('polyline', { class: `series series-${s}`, points: points.join(' ') }, undefined));
    const item = document.createElement('li');
    item.className = `series-${s}`;
    item.textContent = `${prediction.label} (${percent(prediction.probability)} at the end)`;
    legend.append(item);
  });
}

function visible(token) {
  return token === ' ' ? '␣' : token;
}
