import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/forms/sign-in-form";
import { signInAction } from "@/lib/actions/auth";
import { getViewer, safeNext } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const next = safeNext((await searchParams).next);
  const viewer = await getViewer();
  if (viewer.email) redirect(next);
  return (
    <>
      <h1>Sign in</h1>
      <p className="lede">Anyone may read Dead Air. Editors sign in to add and correct events, figures, incidents, claims and sources.</p>
      <SignInForm action={signInAction} next={next} />
    </>
  );
}
