// The side panel's content for the selected asset or edge, fetched when the selection changes.
import { useEffect, useState } from "react";
import type { SelectionExplanation } from "@/lib/graph/responses";
import type { Selection } from "@/lib/graph/view-state";
import { explainApiUrl } from "@/lib/graph/query";
import { fetchJson } from "./fetch-json";

export function useSelectionExplanation(selected: Selection) {
  const [explanation, setExplanation] = useState<SelectionExplanation | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Keyed by value: a new but equal selection object (any state change rebuilds it) fetches nothing.
  const key = selected ? explainApiUrl(selected) : "";
  useEffect(() => {
    if (!key) {
      setExplanation(null);
      setError(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    fetchJson<SelectionExplanation>(key, controller.signal)
      .then((body) => {
        setExplanation(body);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [key]);

  return { explanation, loading, error };
}
