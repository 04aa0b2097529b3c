import { Activity, Brain, Cpu, Database, FileBarChart, Globe, type LucideIcon, Package, Radio, ScrollText, Server, Workflow } from "lucide-react";

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
