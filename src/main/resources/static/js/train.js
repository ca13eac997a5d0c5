// Train: a job form with the API's bounds, then the job's server-sent events (GET is open, so
// EventSource, which cannot send a token, can read them): state, ETA, and a chart that gains one
// point per finished epoch. When the job ends the registry is reloaded, so a new model that
// serves shows up in Draw and Type.
import { call, percent } from './api.js';
import { clearErrors, showBox, showProblem } from './errors.js';
import { frame, svg } from './svg.js';

// the problem's field → the input it belongs to
const FIELDS = {
  model: 'train-model',
  dataset: 'train-dataset',
  limit: 'train-limit',
  promote: 'train-promote',
  'architecture.cell': 'train-cell',
  'architecture.layers': 'train-layers',
  'architecture.hiddenSize': 'train-hidden',
  'architecture.bidirectional': 'train-bidirectional',
  'training.epochs': 'train-epochs',
};

export function setUpTrain(onJobEnd) {
  const form = document.getElementById('train-form');
  const error = document.getElementById('train-error');
  const status = document.getElementById('train-status');
  const eta = document.getElementById('train-eta');
  const cancel = document.getElementById('train-cancel');
  const chart = document.getElementById('train-chart');
  const value = (id) => document.getElementById(id).value;
  const number = (id) => (value(id) === '' ? undefined : Number(value(id)));
  let job = null;
  let events = null;

  const show = (current) => {
    job = current;
    status.textContent = current.state;
    const progress = current.progress;
    const running = current.state === 'RUNNING' && progress;
    eta.textContent = running
      ? `epoch ${progress.epoch}/${progress.epochs}, step ${progress.step}/${progress.steps},`
        + ` loss ${progress.loss.toFixed(3)}, about ${Math.round(progress.etaSeconds)} s left`
      : current.failure || (current.modelVersion ? `wrote ${current.model} version ${current.modelVersion}` : '');
    cancel.disabled = !['QUEUED', 'RUNNING'].includes(current.state);
    renderEpochs(chart, progress?.history ?? []);
  };
  const follow = (id) => {
    events?.close();
    events = new EventSource(`/training-jobs/${encodeURIComponent(id)}/events`);
    events.addEventListener('progress', (event) => show(JSON.parse(event.data)));
    events.addEventListener('end', async () => {
      events.close();
      events = null;
      // the last progress event may have come before the result was written
      try {
        show(await call(`/training-jobs/${encodeURIComponent(id)}`));
      } catch (e) {
        showProblem(e, error);
      }
      await onJobEnd();
    });
    events.onerror = () => {
      // EventSource reconnects by itself; say so only if it gave up
      if (events && events.readyState === EventSource.CLOSED) showBox(error, 'lost the job\'s event stream');
    };
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, error);
    const request = {
      model: value('train-model').trim(),
      dataset: value('train-dataset'),
      limit: number('train-limit'),
      promote: value('train-promote'),
      architecture: {
        cell: value('train-cell'),
        layers: number('train-layers'),
        hiddenSize: number('train-hidden'),
        bidirectional: document.getElementById('train-bidirectional').checked,
      },
      training: { epochs: number('train-epochs') },
    };
    try {
      const queued = await call('/training-jobs', { method: 'POST', json: request, admin: true });
      renderEpochs(chart, []);
      show(queued);
      follow(queued.id);
    } catch (e) {
      showProblem(e, error, (field) => (FIELDS[field] ? document.getElementById(FIELDS[field]) : null));
    }
  });
  cancel.addEventListener('click', async () => {
    if (!job) return;
    showBox(error, '');
    try {
      show(await call(`/training-jobs/${encodeURIComponent(job.id)}/cancel`, { method: 'POST', admin: true }));
    } catch (e) {
      showProblem(e, error);
    }
  });
  renderEpochs(chart, []);
}

/** Training loss (scaled to the largest seen) and validation accuracy, one .epoch-point per epoch. */
function renderEpochs(chart, history) {
  const margin = { top: 10, right: 10, bottom: 28, left: 42 };
  const width = 480;
  const height = 220;
  const maxLoss = Math.max(1e-9, ...history.map((e) => e.trainLoss));
  const y = frame(chart, width, height, margin);
  const count = Math.max(history.length, 2);
  const x = (i) => margin.left + (i * (width - margin.left - margin.right)) / (count - 1);
  const series = [(e) => e.trainLoss / maxLoss, (e) => e.validationAccuracy];
  series.forEach((read, s) => {
    if (history.length > 1) {
      const points = history.map((e, i) => `${x(i)},${y(read(e))}`).join(' ');
      chart.append(svg('polyline', { class: `series series-${s}`, points }));
    }
  });
  history.forEach((epoch, i) => {
    const point = svg('g', { class: 'epoch-point' });
    point.append(
      svg('title', {}, `epoch ${epoch.epoch}: loss ${epoch.trainLoss.toFixed(4)},`
        + ` validation accuracy ${percent(epoch.validationAccuracy)}`),
      svg('circle', { class: 'series-0', cx: x(i), cy: y(series[0](epoch)), r: 4 }),
      svg('circle', { class: 'series-1', cx: x(i), cy: y(series[1](epoch)), r: 4 }),
      svg('text', { class: 'axis', x: x(i), y: height - 8, 'text-anchor': 'middle' }, String(epoch.epoch)),
    );
    chart.append(point);
  });
}
