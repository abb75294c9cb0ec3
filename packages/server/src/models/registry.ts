// Model registry: the model names clients may ask for, what each costs in credits per page, and which
// backend serves it. retab-micro/small/large default to the built-in local model; the model config
// (DOCKET_MODELS / DOCKET_CONFIG) can point any name, these included, at an OpenAI-compatible endpoint.
import type { ModelSpec, ModelSpecs, OpenAiModelSpec } from './model-config.ts';

export interface ModelInfo {
  name: string;
  backend: 'local' | 'openai';
  creditsPerPage: number;
  /** The endpoint spec when backend is 'openai'. */
  llm: OpenAiModelSpec | null;
}

const DEFAULT_CREDITS: Record<string, number> = { 'retab-micro': 0.2, 'retab-small': 1.0, 'retab-large': 3.0 };

export const DEFAULT_MODEL = 'retab-small';

export interface ModelRegistry {
  resolve(name: string): ModelInfo | null;
  names(): string[];
}

/** The registry for a configuration: the three defaults (local), overridden and extended by `specs`. */
export function createModelRegistry(specs: ModelSpecs = {}): ModelRegistry {
  const all: Record<string, ModelSpec> = {};
  for (const name of Object.keys(DEFAULT_CREDITS)) all[name] = { provider: 'local' };
  Object.assign(all, specs);
  const infos = new Map<string, ModelInfo>();
  for (const [name, spec] of Object.entries(all)) {
    const creditsPerPage = spec.creditsPerPage ?? DEFAULT_CREDITS[name] ?? 1;
    infos.set(name, { name, backend: spec.provider, creditsPerPage, llm: spec.provider === 'openai' ? spec : null });
  }
  return {
    resolve: (name) => infos.get(name) ?? null,
    names: () => [...infos.keys()],
  };
}

// Registries are built once per configuration object (configs are resolved once and not mutated).
const byConfig = new WeakMap<object, ModelRegistry>();

export function modelRegistry(config: { models?: ModelSpecs }): ModelRegistry {
  let r = byConfig.get(config);
  if (!r) {
    r = createModelRegistry(config.models ?? {});
    byConfig.set(config, r);
  }
  return r;
}

const defaults = createModelRegistry();

/** The default (unconfigured) registry's entry for `name`. Prefer modelRegistry(config).resolve. */
export function resolveModel(name: string): ModelInfo | null {
  return defaults.resolve(name);
}

export function modelNames(): string[] {
  return defaults.names();
}
