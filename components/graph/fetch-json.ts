/** GET a JSON answer of our API; a non-2xx answer becomes an Error carrying the server's message. */
export async function fetchJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  const body = await response.json();
  if (!response.ok) throw new Error(body?.message ?? response.statusText);
  return body as T;
}
