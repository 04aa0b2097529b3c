import { Activity, Brain, Cpu, Database, FileBarChart, Globe, type LucideIcon, type LucideIconData, Package, Radio, ScrollText, Server, Workflow } from "lucide-react";

export const ASSET_KIND_ICONS: Record<string, LucideIcon> = {
  web_endpoint: Globe,
  logger: ScrollText,
  table: Database,
  stream: Radio,
  rpc_service: Server,
  model_inference: Cpu,
  batch_job: Workflow,
  training_job: Brain,
  checkpoint: Package,
  report: FileBarChart,
};

export function AssetKindIcon({ kind, className }: { kind: string; className?: string }) {
  const Icon = ASSET_KIND_ICONS[kind] ?? Activity;
  return <Icon className={className} aria-label={kind.replaceAll("_", " ")} />;
}

type IconNode = LucideIconData["node"];

/**
 * The shapes of a lucide icon. A lucide icon component is a forwardRef whose render hands its icon data to
 * lucide's <Icon> as the `icon` prop; reading it there keeps one source for the shapes (the React icon)
 * rather than a copy of the paths. `asset-kind-icon.test.ts` checks every kind still yields shapes.
 */
function iconNode(icon: LucideIcon): IconNode {
  const render = (icon as unknown as { render?: (props: object, ref: null) => { props?: { icon?: LucideIconData } } }).render;
  return render?.({}, null).props?.icon?.node ?? [];
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function shapesMarkup(nodes: IconNode): string {
  let out = "";
  for (const [tag, attributes, children] of nodes as [string, Record<string, unknown>, IconNode?][]) {
    let attrs = "";
    for (const [name, value] of Object.entries(attributes)) if (name !== "key" && value != null) attrs += ` ${name}="${escapeAttribute(String(value))}"`;
    out += children?.length ? `<${tag}${attrs}>${shapesMarkup(children)}</${tag}>` : `<${tag}${attrs}/>`;
  }
  return out;
}

/** The kind's icon as a standalone SVG document, stroked in `color` (lucide's own stroke attributes). */
export function assetKindIconSvg(kind: string, color: string): string {
  const shapes = shapesMarkup(iconNode(ASSET_KIND_ICONS[kind] ?? Activity));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${escapeAttribute(color)}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapes}</svg>`;
}

const iconUrls = new Map<string, string>();
/**
 * The kind's icon as a CSS image (`url("data:…")`), one per kind and colour. The graph draws an asset's icon as a
 * background image: an inline <svg> per node is a replaced element with its own viewBox transform and clip, which
 * Chromium re-layerizes on every frame of a pan (a few hundred nodes zoomed in); an image in a box is just paint.
 */
export function assetKindIconUrl(kind: string, color: string): string {
  const key = `${kind}|${color}`;
  let url = iconUrls.get(key);
  if (!url) {
    url = `url("data:image/svg+xml,${encodeURIComponent(assetKindIconSvg(kind, color))}")`;
    iconUrls.set(key, url);
  }
  return url;
}
