// Draw: a 280×280 canvas, white on black like MNIST. The canvas goes to /classify as a PNG, so the
// server fits it the way MNIST was made (crop to the ink, 20×20, centre of mass in the middle),
// which suits a hand-drawn digit far better than a plain 10× downscale of wherever it was drawn.
import { call, percent } from './api.js';
import { renderBars } from './bars.js';
import { showBox } from './errors.js';

const STROKE = 18;
const KEY_STEP = 10;

export function setUpDraw() {
  const canvas = document.getElementById('draw-canvas');
  const cursor = document.getElementById('draw-cursor');
  const model = document.getElementById('draw-model');
  const results = document.getElementById('draw-results');
  const steps = document.getElementById('draw-steps');
  const error = document.getElementById('draw-error');
  const penState = document.getElementById('draw-pen');
  const context = canvas.getContext('2d');
  let inFlight = null;
  let inked = false;
  const pen = { down: false, x: canvas.width / 2, y: canvas.height / 2 };

  const clear = () => {
    context.fillStyle = '#000';
    context.fillRect(0, 0, canvas.width, canvas.height);
    inked = false;
    results.replaceChildren();
    steps.replaceChildren();
    showBox(error, '');
  };
  context.lineCap = 'round';
  context.lineJoin = 'round';
  clear();

  const dot = (x, y) => {
    context.fillStyle = '#fff';
    context.beginPath();
    context.arc(x, y, STROKE / 2, 0, 2 * Math.PI);
    context.fill();
    inked = true;
  };
  const line = (from, to) => {
    context.strokeStyle = '#fff';
    context.lineWidth = STROKE;
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    inked = true;
  };

  const classify = async (request) => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    showBox(error, '');
    try {
      const answer = await call('/classify', {
        method: 'POST',
        json: { model: model.value, explain: true, ...request },
        signal: controller.signal,
      });
      renderBars(results, answer.predictions.slice(0, 5));
      renderSteps(steps, answer.steps, answer.predictions[0].label);
    } catch (e) {
      if (e.name !== 'AbortError') {
        results.replaceChildren();
        steps.replaceChildren();
        showBox(error, e.detail || e.message);
      }
    }
  };
  const classifyCanvas = () => {
    if (!model.value) {
      showBox(error, 'no image model is serving yet');
      return;
    }
    if (!inked) {
      showBox(error, 'draw something first');
      return;
    }
    const png = canvas.toDataURL('image/png');
    classify({ imageBase64: png.slice(png.indexOf(',') + 1), polarity: 'light-on-dark' });
  };

  // ---- pointer: mouse, pen or finger ----
  let last = null;
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    };
  };
  canvas.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    last = point(event);
    dot(last.x, last.y);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!last) return;
    const next = point(event);
    line(last, next);
    last = next;
  });
  const release = () => {
    if (!last) return;
    last = null;
    classifyCanvas();
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', () => {
    last = null;
  });

  // ---- keyboard: a visible cursor, Space for the pen, Enter to classify ----
  const placeCursor = () => {
    cursor.style.left = `${(pen.x / canvas.width) * 100}%`;
    cursor.style.top = `${(pen.y / canvas.height) * 100}%`;
    cursor.classList.toggle('down', pen.down);
    penState.textContent = pen.down ? 'Pen down: arrow keys draw' : 'Pen up: arrow keys move';
  };
  canvas.addEventListener('focus', () => {
    cursor.hidden = false;
    placeCursor();
  });
  canvas.addEventListener('blur', () => {
    cursor.hidden = true;
  });
  canvas.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (event.key in moves) {
      event.preventDefault();
      const step = event.shiftKey ? KEY_STEP / 5 : KEY_STEP;
      const from = { x: pen.x, y: pen.y };
      pen.x = Math.min(canvas.width, Math.max(0, pen.x + moves[event.key][0] * step));
      pen.y = Math.min(canvas.height, Math.max(0, pen.y + moves[event.key][1] * step));
      if (pen.down) line(from, pen);
      placeCursor();
    } else if (event.key === ' ') {
      event.preventDefault();
      pen.down = !pen.down;
      if (pen.down) dot(pen.x, pen.y);
      placeCursor();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      classifyCanvas();
    }
  });

  document.getElementById('draw-clear').addEventListener('click', clear);
  document.getElementById('draw-classify').addEventListener('click', classifyCanvas);
  model.addEventListener('change', () => {
    if (inked) classifyCanvas();
  });
  document.getElementById('draw-file').addEventListener('change', (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const data = String(reader.result);
      // a photo or scan may be dark on light: the server looks at the border and decides
      classify({ imageBase64: data.slice(data.indexOf(',') + 1), polarity: 'auto' });
    };
    reader.readAsDataURL(file);
  });
}

/**
 * 28 cells, one per row: the top label and its probability after that row. The row from which
 * the final answer stays on top to the end is marked: the row that "made it a 7".
 */
function renderSteps(container, steps, finalLabel) {
  let decisive = steps.length;
  while (decisive > 0 && steps[decisive - 1].label === finalLabel) decisive--;
  container.replaceChildren(
    ...steps.map((step, i) => {
      const cell = document.createElement('span');
      cell.className = i === decisive ? 'step decisive' : 'step';
      if (step.label === finalLabel) cell.classList.add('final');
      cell.textContent = step.label;
      cell.title = `row ${step.step}: ${step.label} ${percent(step.probability)}`;
      cell.setAttribute('aria-label', cell.title);
      cell.style.setProperty('--p', step.probability.toFixed(3));
      return cell;
    }),
  );
}
