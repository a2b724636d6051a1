// A bounded memo for the per-attempt crypto work that depends only on a stored string (decrypting a
// secret, decoding its key): a busy endpoint asks for the same one thousands of times a second. The
// oldest entry goes first when it is full; a rotated secret is a new string, so nothing stale is served.
export function boundedMemo<V>(compute: (key: string) => V, size = 10_000): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(key, value);
    }
    return value;
  };
}
