"use client";
// A header link that tells assistive technology (and the eye) which section is open.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} className="site-nav__link" aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
