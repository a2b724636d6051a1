import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = { title: { default: "DashX", template: "%s · DashX" } };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
