// Generate: samples from a character language model (all at once, or one streamed character by
// character), and a text scored under it, each character's probability as a bar. Conditions,
// samples and characters are user data (imported manifests, drawn text): text nodes only.
import { ProblemError, call, streamEvents } from './api.js';
import { renderBars } from './bars.js';
import { clearErrors, showBox, showProblem } from './errors.js';

/** @returns setGenerators(cards): the generators' model cards, to list and take conditions from */
export function setUpGenerate() {
  const form = document.getElementById('generate-form');
  const model = document.getElementById('generate-model');
  const condition = document.getElementById('generate-condition');
  const conditionLabel = document.getElementById('generate-condition-label');
  const prefix = document.getElementById('generate-prefix');
  const temperature = document.getElementById('generate-temperature');
  const temperatureShown = document.getElementById('generate-temperature-value');
  const count = document.getElementById('generate-count');
  const maxLength = document.getElementById('generate-max-length');
  const seed = document.getElementById('generate-seed');
  const stream = document.getElementById('generate-stream');
  const submit = document.getElementById('generate-submit');
  const none = document.getElementById('generate-none');
  const error = document.getElementById('generate-error');
  const status = document.getElementById('generate-status');
  const samples = document.getElementById('generate-samples');
  const scoreForm = document.getElementById('score-form');
  const scoreText = document.getElementById('score-text');
  const scoreSubmit = document.getElementById('score-submit');
  const scoreError = document.getElementById('score-error');
  const scoreSummary = document.getElementById('score-summary');
  const scoreBars = document.getElementById('score-bars');
  let cards = new Map();
  let inFlight = null;

  const inputFor = (field) =>
    ({ model, condition, prefix, temperature, count, maxLength, seed })[field] ?? null;

  const showConditions = () => {
    const previous = condition.value;
    const conditions = cards.get(model.value)?.labels ?? [];
    condition.replaceChildren(...conditions.map((name) => option(name)));
    if (conditions.includes(previous)) condition.value = previous;
    // an unconditioned model takes no condition: nothing to choose
    condition.hidden = conditions.length === 0;
    conditionLabel.hidden = conditions.length === 0;
  };
  const showTemperature = () => {
    const value = Number(temperature.value);
    temperatureShown.textContent = value === 0 ? '0 (greedy)' : value.toFixed(2);
  };
  // the stream carries one sample: the box means something with count 1 only
  const showStream = () => {
    stream.disabled = count.value.trim() !== '1';
    if (stream.disabled) stream.checked = false;
  };

  const request = () => ({
    model: model.value,
    condition: condition.hidden ? null : condition.value,
    prefix: prefix.value || null,
    count: number(count.value),
    maxLength: number(maxLength.value),
    temperature: Number(temperature.value),
    seed: number(seed.value),
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    clearErrors(form, error);
    samples.replaceChildren();
    const json = request();
    try {
      if (stream.checked) {
        await streamOne(json, controller.signal);
      } else {
        status.textContent = 'Drawing…';
        showSamples(await call('/generate', { method: 'POST', json, signal: controller.signal }));
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
      status.textContent = '';
      showProblem(e, error, inputFor);
    }
  });

  /** One sample as server-sent events: each drawn character shows as it comes, then the answer. */
  const streamOne = async (json, signal) => {
    const item = sampleItem(json.prefix ?? '', null);
    item.classList.add('streaming');
    samples.replaceChildren(item);
    const text = item.querySelector('.sample-text');
    let drawn = 0;
    let answer = null;
    status.textContent = 'Streaming…';
    await streamEvents('/generate', {
      json,
      signal,
      onEvent: (name, data) => {
        if (name === 'character') {
          text.textContent += data.character;
          drawn += 1;
          status.textContent = `Streaming… ${drawn} ${drawn === 1 ? 'character' : 'characters'}`;
        } else if (name === 'done') {
          answer = data;
        } else if (name === 'error') {
          throw new ProblemError(data.status ?? 500, data);
        }
      },
    });
    if (!answer) throw new ProblemError(0, { detail: 'the stream ended before the sample was done' });
    showSamples(answer, `${drawn} ${drawn === 1 ? 'character' : 'characters'} streamed`);
  };

  const showSamples = (answer, note) => {
    samples.replaceChildren(...answer.samples.map((s) => sampleItem(s.text, s)));
    const parts = [`${answer.model} version ${answer.version}`, `seed ${answer.seed}`];
    if (note) parts.push(note);
    status.textContent = `${parts.join(', ')}. The same seed gives the same samples.`;
  };

  scoreForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(scoreForm, scoreError);
    scoreSummary.textContent = '';
    scoreBars.replaceChildren();
    try {
      const answer = await call('/score', {
        method: 'POST',
        json: { model: model.value, condition: condition.hidden ? null : condition.value, text: scoreText.value },
      });
      renderBars(
        scoreBars,
        [
          ...answer.characters.map((c) => ({ label: visible(c.character), probability: c.probability })),
          { label: 'end', probability: answer.end },
        ],
        { ranked: false },
      );
      scoreSummary.textContent =
        `${answer.bitsPerCharacter.toFixed(3)} bits per character (the end included); ` +
        `log probability ${answer.logProbability.toFixed(3)}`;
    } catch (e) {
      showProblem(e, scoreError, (field) => (field === 'text' ? scoreText : null));
    }
  });

  model.addEventListener('change', showConditions);
  temperature.addEventListener('input', showTemperature);
  count.addEventListener('input', showStream);
  showTemperature();
  showStream();

  return (generators) => {
    cards = new Map(generators.map((card) => [card.name, card]));
    const previous = model.value;
    const names = [...cards.keys()];
    model.replaceChildren(...names.map((name) => option(name)));
    const chosen = [previous, 'names-generator'].find((name) => names.includes(name));
    if (chosen) model.value = chosen;
    none.hidden = names.length > 0;
    submit.disabled = names.length === 0;
    scoreSubmit.disabled = names.length === 0;
    showConditions();
  };
}

function sampleItem(text, sample) {
  const item = document.createElement('li');
  item.className = 'sample';
  const shown = document.createElement('span');
  shown.className = 'sample-text';
  shown.textContent = text;
  item.append(shown);
  if (sample) {
    const logp = document.createElement('span');
    logp.className = 'sample-logp';
    logp.textContent = `log p ${sample.logProbability.toFixed(3)}`;
    item.append(logp);
    if (!sample.ended) {
      const cut = document.createElement('span');
      cut.className = 'sample-cut';
      cut.textContent = 'cut at max length';
      item.append(cut);
    }
  }
  return item;
}

function option(name) {
  const element = document.createElement('option');
  element.value = name;
  element.textContent = name;
  return element;
}

/** An empty field sends null (the server's default); anything else goes as typed, for the server to judge. */
function number(value) {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : trimmed;
}

function visible(character) {
  return character === ' ' ? '␣' : character;
}
