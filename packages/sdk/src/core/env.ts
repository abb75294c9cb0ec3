// Reads environment variables without assuming Node: browsers have no `process`, Deno has Deno.env.
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get?: (k: string) => string | undefined } };
  };
  try {
    const fromProcess = g.process?.env?.[name];
    if (fromProcess !== undefined) return fromProcess.trim() || undefined;
    const fromDeno = g.Deno?.env?.get?.(name);
    return fromDeno?.trim() || undefined;
  } catch {
    return undefined; // Deno without --allow-env throws
  }
}
