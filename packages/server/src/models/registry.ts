// Model registry: the model names clients may ask for, what each costs in credits per page,
// and which backend serves it. With no LLM configured every name uses the built-in local model.

export interface ModelInfo {
  name: string;
  backend: 'local';
  creditsPerPage: number;
}

const MODELS: Record<string, ModelInfo> = {
  'retab-micro': { name: 'retab-micro', backend: 'local', creditsPerPage: 0.2 },
  'retab-small': { name: 'retab-small', backend: 'local', creditsPerPage: 1.0 },
  'retab-large': { name: 'retab-large', backend: 'local', creditsPerPage: 3.0 },
};

export const DEFAULT_MODEL = 'retab-small';

export function resolveModel(name: string): ModelInfo | null {
  return MODELS[name] ?? null;
}

export function modelNames(): string[] {
  return Object.keys(MODELS);
}
