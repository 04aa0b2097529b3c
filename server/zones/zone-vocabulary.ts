import { defaultDataSubjects } from "@/lib/taxonomy";
import { worldTaxonomy } from "@/lib/world/parse";
import { currentWorldState } from "../world/world-state";

/** The categories and purposes a zone may name (fideslang's and the world's own) and fideslang's data subjects, for the editor's pickers. */
export async function zoneVocabulary() {
  const taxonomy = worldTaxonomy((await currentWorldState()).world());
  const entries = (map: typeof taxonomy.categories, keys: string[]) => keys.map((key) => ({ key, name: map.get(key)!.name }));
  return {
    categories: entries(taxonomy.categories, taxonomy.categoryKeys()),
    purposes: entries(taxonomy.purposes, taxonomy.purposeKeys()),
    dataSubjects: defaultDataSubjects().map(({ key, name, description }) => ({ key, name, description })),
  };
}
