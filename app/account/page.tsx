import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordForm } from "@/components/forms/password-form";
import { changePasswordAction } from "@/lib/actions/auth";
import { currentActor, safeNext } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Your account" };

type Props = { searchParams: Promise<{ first?: string; next?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const { first, next } = await searchParams;
  const actor = await currentActor();
  if (actor?.kind !== "user") redirect("/signin?next=%2Faccount");
  return (
    <>
      <h1>Your account</h1>
      <p className="lede">
        Signed in as <strong>{actor.email}</strong>, {actor.role === "admin" ? "an admin" : "an editor"}. The public correction log names you{" "}
        <strong>{actor.displayName || `Editor ${actor.userId}`}</strong>.
      </p>
      {first === "1" && (
        <p className="notice" role="status">
          Your password was generated for you and shown once. Choose one of your own now; it ends your other sessions and any API tokens you made.
        </p>
      )}
      <h2>Change your password</h2>
      <PasswordForm action={changePasswordAction} next={next ? safeNext(next) : ""} />
    </>
  );
}
