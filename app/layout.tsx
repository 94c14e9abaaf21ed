// The frame of every page: skip link, header with navigation and the account menu, main content.
// The account menu is the `@account` slot, so the board's shared visitor copy (app/cached-board/) can
// have the visitor's menu without reading the request, while every other page reads the session.
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/app/_components/nav-link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Narthex", template: "%s · Narthex" },
  description: "Our community board: news, prayer requests and events, and who is around to chat.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f4ee" },
    { media: "(prefers-color-scheme: dark)", color: "#1b1a17" },
  ],
};

export default function RootLayout({ children, account }: { children: ReactNode; account: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link href="/" className="site-title">
              <span className="site-title__mark" aria-hidden="true" />
              Narthex
            </Link>
            <nav aria-label="Main" className="site-nav">
              <ul>
                <li>
                  <NavLink href="/">Board</NavLink>
                </li>
                <li>
                  <NavLink href="/members">Members</NavLink>
                </li>
              </ul>
            </nav>
            {account}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
