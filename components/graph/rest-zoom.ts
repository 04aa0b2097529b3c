"use client";
// The zoom that sizes text on the canvas (zone names, flow labels, stubs): the viewport's zoom when it last
// came to rest. Sizing it from the live transform re-rendered every zone box and arrow (and re-placed the
// flow labels) at each quarter octave of a wheel zoom: 60-90 ms frames, several per zoom gesture on the
// 50-zone map. Now text scales with the picture while a gesture runs and is re-sized once when it ends,
// or sooner when the zoom has moved an octave from it (so text never reads at under half or over twice its size).
import { createContext, useContext, useSyncExternalStore } from "react";

export interface RestZoomStore {
  get(): number;
  /** The viewport moved to `zoom`; `settled` when the movement ended. */
  update(zoom: number, settled: boolean): void;
  subscribe(listener: () => void): () => void;
}

/** How far (in octaves) the live zoom may drift from the rest zoom during a gesture. */
const MAX_DRIFT_OCTAVES = 1;

export function createRestZoomStore(initial = 1): RestZoomStore {
  let zoom = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => zoom,
    update(next, settled) {
      if (!(next > 0) || next === zoom) return;
      if (!settled && Math.abs(Math.log2(next / zoom)) < MAX_DRIFT_OCTAVES) return;
      zoom = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const RestZoomContext = createContext<RestZoomStore>(createRestZoomStore());

/** `select(restZoom)`, re-rendering only when its (primitive) result changes. */
export function useRestZoomOf<T extends number | string | boolean>(store: RestZoomStore, select: (zoom: number) => T): T {
  const snapshot = () => select(store.get());
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}

export function useRestZoom<T extends number | string | boolean>(select: (zoom: number) => T): T {
  return useRestZoomOf(useContext(RestZoomContext), select);
}
