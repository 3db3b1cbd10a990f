"use server";
// The admin page's actions: users (create, role, disable, new password, sign out everywhere), API tokens, webhooks.
import { revalidatePath } from "next/cache";
import { currentActor } from "../auth/server";
import type { WriteContext } from "../data/operation";
import { isAdmin } from "../domain/actor";
import { revokeUserSessions } from "../data/sessions";
import { createApiToken, revokeApiToken } from "../data/api-tokens";
import { createUser, resetPassword, setDisabled, setRole } from "../data/users";
import { createWebhookEndpoint, deleteWebhookEndpoint, getDelivery, sendTestWebhook } from "../data/webhooks";
import { AppError } from "../errors";
import type { FormState } from "../validation/form-state";
import { formValues } from "./run";

type Outcome = Omit<FormState, "values" | "errors"> & Partial<Pick<FormState, "errors">>;

/** Checks the caller is an admin, runs `work`, and turns refusals into the form's messages. */
async function asAdmin(formData: FormData, work: (ctx: WriteContext, values: Record<string, string>) => Promise<Outcome>): Promise<FormState> {
  const values = formValues(formData);
  const actor = await currentActor();
  // The operations check this too; a form says it in words of its own.
  if (!actor || !isAdmin(actor) || actor.kind !== "user") {
    return { status: "error", message: "Only a signed-in admin may manage users and tokens.", errors: {}, values };
  }
  try {
    const outcome = await work({ actor }, values);
    revalidatePath("/admin");
    return { errors: {}, values: {}, ...outcome };
  } catch (error) {
    // A typed password is not sent back to the page.
    const { password: _password, ...kept } = values;
    if (error instanceof AppError) return { status: "error", message: error.message, errors: error.errors, values: kept };
    throw error;
  }
}

export async function createUserAction(_s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx, v) => {
    const user = await createUser({ ctx, input: { email: v.email, displayName: v.displayName ?? "", role: v.role, password: v.password ?? "" } });
    return {
      status: "success",
      message: `${user.email} can now sign in as ${user.role === "admin" ? "an admin" : "an editor"}.`,
      reveal: user.generatedPassword ? { label: `Password for ${user.email}, shown only now`, value: user.generatedPassword } : undefined,
    };
  });
}

export async function setRoleAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx, v) => {
    await setRole({ ctx, id, input: { role: v.role } });
    return { status: "success", message: `Role changed to ${v.role}.` };
  });
}

export async function setDisabledAction(id: number, disabled: boolean, _s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx) => {
    await setDisabled({ ctx, id, disabled });
    return { status: "success", message: disabled ? "Disabled; their sessions have ended." : "Enabled." };
  });
}

export async function resetPasswordAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx) => {
    const password = await resetPassword({ ctx, id });
    return {
      status: "success",
      message: "New password set; their sessions have ended.",
      reveal: { label: "The new password, shown only now", value: password },
    };
  });
}

export async function revokeSessionsAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx) => {
    const count = await revokeUserSessions({ ctx, userId: id });
    return { status: "success", message: count === 1 ? "1 session ended." : `${count} sessions ended.` };
  });
}

export async function createTokenAction(_s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx, v) => {
    const token = await createApiToken({ ctx, input: { name: v.name, scope: v.scope } });
    return {
      status: "success",
      message: `Token "${token.name}" (${token.scope}) created.`,
      reveal: { label: `Token "${token.name}", shown only now: copy it into your client`, value: token.token },
    };
  });
}

export async function revokeTokenAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx) => {
    await revokeApiToken({ ctx, id });
    return { status: "success", message: "Token revoked." };
  });
}

export async function createWebhookAction(_s: FormState, formData: FormData): Promise<FormState> {
  // One value per ticked box: formValues keeps only the last, so the list is read here and kept for the form.
  const events = formData.getAll("events").filter((v): v is string => typeof v === "string");
  const state = await asAdmin(formData, async (ctx, v) => {
    const endpoint = await createWebhookEndpoint({ ctx, input: { url: v.url ?? "", description: v.description ?? "", events } });
    return {
      status: "success",
      message: `Alerts for ${endpoint.events.join(", ")} now go to ${endpoint.url}.`,
      reveal: { label: `Signing secret for ${endpoint.url}, shown only now: give it to the receiver to verify signatures`, value: endpoint.secret },
    };
  });
  return state.status === "error" ? { ...state, values: { ...state.values, events: events.join(",") } } : state;
}

export async function deleteWebhookAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx) => {
    await deleteWebhookEndpoint({ ctx, id });
    return { status: "success", message: "Webhook endpoint deleted, with its deliveries." };
  });
}

/** How long "Send a test" waits for the worker's answer before saying it is on its way. */
const TEST_WAIT_MS = 3_000;

export async function sendTestWebhookAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, async (ctx) => {
    const { deliveryId, msgId } = await sendTestWebhook({ ctx, id });
    // The worker sends it within a second or so; waiting a little lets the button tell what the endpoint answered.
    const deadline = Date.now() + TEST_WAIT_MS;
    for (;;) {
      const delivery = await getDelivery(deliveryId);
      if (delivery && delivery.attempts > 0) {
        if (delivery.state === "delivered")
          return { status: "success", message: `Test ${msgId} delivered: the endpoint answered HTTP ${delivery.lastStatus}.` };
        return {
          status: "error",
          message: `Test ${msgId} not delivered: ${delivery.lastError ?? `HTTP ${delivery.lastStatus}`}${delivery.state === "pending" ? " It will be tried again." : ""}`,
        };
      }
      if (!delivery || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { status: "success", message: `Test ${msgId} queued; its delivery shows in the list below when the endpoint answers.` };
  });
}
