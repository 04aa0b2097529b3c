// Reads that many concurrent requests make at once (the world version every
// request checks, the API token each pipeline call presents) go to the
// database together. A caller joins the next read that starts after it asked,
// never one already under way (that one could miss a commit that finished just
// before the caller asked), so every answer is as fresh as a read of its own,
// for one round trip per batch instead of one per request: on these machines a
// round trip's system calls cost more CPU than the rest of an admission check.

export function coalescedReader<K, V>(readMany: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  type Waiter = { key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void };
  let forming: Waiter[] | null = null;
  let inFlight = false;

  const start = () => {
    const batch = forming;
    forming = null;
    if (!batch?.length) return;
    inFlight = true;
    readMany([...new Set(batch.map((w) => w.key))]).then(
      (values) => {
        for (const waiter of batch) waiter.resolve(values.get(waiter.key));
      },
      (error: unknown) => {
        for (const waiter of batch) waiter.reject(error);
      },
    ).finally(() => {
      inFlight = false;
      // those who asked meanwhile go in the next read, which starts now
      if (forming) start();
    });
  };

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (!forming) {
        forming = [];
        // callers of the same tick join this batch; later ones the next
        if (!inFlight) queueMicrotask(start);
      }
      forming.push({ key, resolve, reject });
    });
}
