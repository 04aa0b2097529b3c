import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Zoneline", template: "%s · Zoneline" },
  description: "Privacy governance: policy zones, data lineage, sanctioned paths and a tamper-evident audit log.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
