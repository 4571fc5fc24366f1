/**
 * L2-regularised logistic regression on sparse rows, fitted by L-BFGS.
 *
 * The objective is convex, so a full-batch quasi-Newton method reaches the
 * same optimum whatever the row order: training is deterministic without a
 * shuffling seed, and converges in a few hundred passes where SGD would need
 * a learning-rate schedule to get equally close.
 *
 *   loss(w, b) = Σᵢ sᵢ·CE(yᵢ, σ(w·xᵢ + b)) / Σᵢ sᵢ + (λ/2)·‖w‖²
 *
 * with sample weights sᵢ and targets yᵢ in [0, 1] (soft labels allowed). The
 * bias is not regularised.
 */

/** Compressed sparse rows: row r's entries are index/value[rowStart[r] .. rowStart[r + 1]). */
export type SparseRows = { rowStart: Int32Array; index: Int32Array; value: Float32Array; dimension: number };

export type LogisticTrainingSet = SparseRows & { target: Float64Array; weight: Float64Array };

export type LogisticModel = { weights: Float64Array; bias: number };

export type LogisticTrainingOptions = {
  l2: number;
  /** Per-weight multipliers of `l2`, for features that should need more evidence (default 1 for all). */
  l2Scale?: Float64Array;
  maxIterations?: number;
  /** Stop when the largest gradient component falls below this. */
  gradientTolerance?: number;
  /** Number of correction pairs L-BFGS keeps. */
  history?: number;
};

export type LogisticTrainingResult = { model: LogisticModel; iterations: number; loss: number; gradientMax: number; converged: boolean };

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** log(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function rowMargin(model: LogisticModel, rows: SparseRows, row: number): number {
  let sum = model.bias;
  for (let k = rows.rowStart[row]!; k < rows.rowStart[row + 1]!; k++) sum += model.weights[rows.index[k]!]! * rows.value[k]!;
  return sum;
}

/** Loss and gradient at θ = [w, b]; the gradient is written into `gradient`. */
function lossAndGradient(data: LogisticTrainingSet, l2: number, l2Scale: Float64Array | undefined, theta: Float64Array, gradient: Float64Array): number {
  const d = data.dimension;
  const rows = data.target.length;
  let totalWeight = 0;
  for (let r = 0; r < rows; r++) totalWeight += data.weight[r]!;
  let loss = 0;
  let l2Norm = 0;
  for (let j = 0; j < d; j++) {
    const w = theta[j]!;
    const penalty = l2Scale ? l2 * l2Scale[j]! : l2;
    gradient[j] = penalty * w;
    l2Norm += penalty * w * w;
  }
  let biasGradient = 0;
  const bias = theta[d]!;
  for (let r = 0; r < rows; r++) {
    const start = data.rowStart[r]!;
    const end = data.rowStart[r + 1]!;
    let m = bias;
    for (let k = start; k < end; k++) m += theta[data.index[k]!]! * data.value[k]!;
    const y = data.target[r]!;
    const s = data.weight[r]! / totalWeight;
    loss += s * (y * softplus(-m) + (1 - y) * softplus(m));
    const residual = s * (sigmoid(m) - y);
    biasGradient += residual;
    for (let k = start; k < end; k++) gradient[data.index[k]!]! += residual * data.value[k]!;
  }
  gradient[d] = biasGradient;
  return loss + l2Norm / 2;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}

/** L-BFGS two-loop recursion: the search direction −H·g from the stored correction pairs. */
function searchDirection(gradient: Float64Array, steps: Float64Array[], changes: Float64Array[], direction: Float64Array): void {
  direction.set(gradient);
  const alphas: number[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const alpha = dot(steps[i]!, direction) / dot(changes[i]!, steps[i]!);
    alphas[i] = alpha;
    const change = changes[i]!;
    for (let j = 0; j < direction.length; j++) direction[j]! -= alpha * change[j]!;
  }
  if (steps.length > 0) {
    const last = steps.length - 1;
    const scale = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
    for (let j = 0; j < direction.length; j++) direction[j]! *= scale;
  }
  for (let i = 0; i < steps.length; i++) {
    const beta = dot(changes[i]!, direction) / dot(changes[i]!, steps[i]!);
    const step = steps[i]!;
    for (let j = 0; j < direction.length; j++) direction[j]! += (alphas[i]! - beta) * step[j]!;
  }
  for (let j = 0; j < direction.length; j++) direction[j] = -direction[j]!;
}

export function trainLogisticRegression(data: LogisticTrainingSet, options: LogisticTrainingOptions): LogisticTrainingResult {
  const { l2, l2Scale, maxIterations = 500, gradientTolerance = 1e-6, history = 10 } = options;
  if (!(l2 >= 0)) throw new RangeError(`l2 must be ≥ 0, got ${l2}`);
  if (l2Scale && l2Scale.length !== data.dimension) throw new RangeError(`l2Scale has ${l2Scale.length} entries, expected ${data.dimension}`);
  const size = data.dimension + 1;
  let theta = new Float64Array(size);
  let gradient = new Float64Array(size);
  let loss = lossAndGradient(data, l2, l2Scale, theta, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const direction = new Float64Array(size);
  let candidate = new Float64Array(size);
  let candidateGradient = new Float64Array(size);
  let iterations = 0;
  let converged = maxAbs(gradient) < gradientTolerance;

  while (!converged && iterations < maxIterations) {
    iterations++;
    searchDirection(gradient, steps, changes, direction);
    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (rounding): restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      for (let j = 0; j < size; j++) direction[j] = -gradient[j]!;
      slope = dot(gradient, direction);
    }
    // Backtracking line search with the Armijo condition; the first step is scaled because there is no curvature yet.
    let stepSize = steps.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let candidateLoss = Infinity;
    for (let attempt = 0; attempt < 40; attempt++) {
      for (let j = 0; j < size; j++) candidate[j] = theta[j]! + stepSize * direction[j]!;
      candidateLoss = lossAndGradient(data, l2, l2Scale, candidate, candidateGradient);
      if (candidateLoss <= loss + 1e-4 * stepSize * slope) break;
      stepSize /= 2;
    }
    if (!(candidateLoss < loss)) {
      converged = true; // no further decrease is representable
      break;
    }
    const step = new Float64Array(size);
    const change = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      step[j] = candidate[j]! - theta[j]!;
      change[j] = candidateGradient[j]! - gradient[j]!;
    }
    if (dot(step, change) > 1e-12) {
      steps.push(step);
      changes.push(change);
      if (steps.length > history) {
        steps.shift();
        changes.shift();
      }
    }
    const relativeDecrease = (loss - candidateLoss) / Math.max(Math.abs(loss), 1e-12);
    [theta, candidate] = [candidate, theta];
    [gradient, candidateGradient] = [candidateGradient, gradient];
    loss = candidateLoss;
    converged = maxAbs(gradient) < gradientTolerance || relativeDecrease < 1e-12;
  }
  return {
    model: { weights: theta.slice(0, data.dimension), bias: theta[data.dimension]! },
    iterations,
    loss,
    gradientMax: maxAbs(gradient),
    converged,
  };
}
