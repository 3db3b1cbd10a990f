import type { Metadata } from "next";
import { ActionButton, CreateTokenForm, CreateUserForm, CreateWebhookForm } from "@/components/forms/admin-forms";
import { SelectField } from "@/components/forms/fields";
import { MonitorTable } from "@/components/tables/monitor-table";
import {
  createTokenAction,
  createUserAction,
  createWebhookAction,
  deleteWebhookAction,
  resetPasswordAction,
  revokeSessionsAction,
  revokeTokenAction,
  sendTestWebhookAction,
  setDisabledAction,
  setRoleAction,
} from "@/lib/actions/admin";
import { requireEditorPage } from "@/lib/auth/server";
import { listApiTokens } from "@/lib/data/api-tokens";
import { listAllMonitors } from "@/lib/data/monitors";
import { listUsers } from "@/lib/data/users";
import { listDeliveries, listWebhookEndpoints, type WebhookDeliverySummary, type WebhookEndpointSummary } from "@/lib/data/webhooks";
import { initialFormState } from "@/lib/validation/form-state";

export const metadata: Metadata = { title: "Users and tokens" };

/** Deliveries listed under each endpoint. */
const RECENT_DELIVERIES = 10;

const when = (d: Date | null) =>
  d ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(d) + " UTC" : "never";

export default async function AdminPage() {
  const actor = await requireEditorPage("/admin");
  if (actor.kind !== "user" || actor.role !== "admin") {
    return (
      <>
        <h1>Users and tokens</h1>
        <p className="empty-inline">Only an admin manages users and tokens. Ask an admin of this Dead Air to change your role.</p>
      </>
    );
  }
  const [users, tokens, endpoints, monitors] = await Promise.all([listUsers(), listApiTokens(), listWebhookEndpoints(), listAllMonitors()]);
  const deliveries = await Promise.all(endpoints.map((e) => listDeliveries(e.id, RECENT_DELIVERIES)));
  return (
    <>
      <h1>Users and tokens</h1>
      <p className="lede">
        Editors add and correct records; admins also manage who may. API tokens let programs use the JSON API: a read token for GET requests, a write
        token for changes, sent as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>

      <section aria-labelledby="users">
        <h2 id="users">Users</h2>
        <div className="table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Sessions</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {u.email}
                    {u.displayName && <span className="muted"> · shown as {u.displayName}</span>}
                    {u.id === actor.userId && <span className="muted"> (you)</span>}
                    {u.disabledAt && <span className="muted"> · disabled</span>}
                  </th>
                  <td>
                    <ActionButton action={setRoleAction.bind(null, u.id)} label="Change role" what={`of ${u.email}`} prefix={`user-${u.id}`}>
                      <SelectField
                        name="role"
                        label={`Role of ${u.email}`}
                        state={initialFormState}
                        initial={u.role}
                        hideLabel
                        options={[
                          { value: "editor", label: "editor" },
                          { value: "admin", label: "admin" },
                        ]}
                      />
                    </ActionButton>
                  </td>
                  <td>{u.activeSessions}</td>
                  <td className="row-actions">
                    <ActionButton action={revokeSessionsAction.bind(null, u.id)} label="Sign out everywhere" what={u.email} />
                    <ActionButton action={resetPasswordAction.bind(null, u.id)} label="New password" what={`for ${u.email}`} confirm />
                    {u.disabledAt ? (
                      <ActionButton action={setDisabledAction.bind(null, u.id, false)} label="Enable" what={u.email} />
                    ) : (
                      <ActionButton action={setDisabledAction.bind(null, u.id, true)} label="Disable" what={u.email} confirm />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details className="add">
          <summary>Add a user</summary>
          <CreateUserForm action={createUserAction} />
        </details>
      </section>

      <section aria-labelledby="tokens">
        <h2 id="tokens">API tokens</h2>
        {tokens.length === 0 ? (
          <p className="empty-inline">No tokens yet. Create one below, or with npm run token:create.</p>
        ) : (
          <div className="table-wrap">
            <table className="admin-table">
              <caption className="visually-hidden">API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td>{t.scope}</td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>
                      {when(t.createdAt)}
                      {t.createdBy ? ` by ${t.createdBy.email}` : " from the command line"}
                    </td>
                    <td>{when(t.lastUsedAt)}</td>
                    <td>
                      {t.revokedAt ? (
                        <span className="muted">revoked {when(t.revokedAt)}</span>
                      ) : (
                        <ActionButton action={revokeTokenAction.bind(null, t.id)} label="Revoke" what={`the token ${t.name}`} confirm />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <details className="add">
          <summary>Create a token</summary>
          <CreateTokenForm action={createTokenAction} />
        </details>
      </section>

      <section aria-labelledby="webhooks">
        <h2 id="webhooks">Webhooks</h2>
        <p>
          Alerts of detected incidents are POSTed as JSON to these endpoints, signed as the{" "}
          <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> specification says (headers <code>webhook-id</code>,{" "}
          <code>webhook-timestamp</code>, <code>webhook-signature</code>). A delivery that fails is tried again for about a day.
        </p>
        {endpoints.length === 0 ? (
          <p className="empty-inline">No endpoints yet. Add one below.</p>
        ) : (
          endpoints.map((endpoint, i) => <WebhookEndpointBlock key={endpoint.id} endpoint={endpoint} deliveries={deliveries[i]} />)
        )}
        <details className="add">
          <summary>Add an endpoint</summary>
          <CreateWebhookForm action={createWebhookAction} />
        </details>
      </section>

      <section aria-labelledby="monitors">
        <h2 id="monitors">Monitors</h2>
        <p>
          What listens to streams and counts audiences, on every event. A monitor is due while it should run (by hand, or in its event&apos;s window);
          a monitor worker then holds it. Times in UTC.
        </p>
        <MonitorTable monitors={monitors} />
      </section>
    </>
  );
}

const DELIVERY_STATES: Record<string, string> = { pending: "pending", delivered: "delivered", failed: "failed (no attempt left)" };

/** The answer of a delivery's last attempt, in words. */
function lastAnswer(d: WebhookDeliverySummary): string {
  if (d.attempts === 0) return "not sent yet";
  // A non-2xx answer's error already starts with its status; a refused redirect's does not.
  if (d.lastError) return d.lastStatus && !d.lastError.startsWith("HTTP ") ? `HTTP ${d.lastStatus} · ${d.lastError}` : d.lastError;
  return `HTTP ${d.lastStatus}`;
}

function WebhookEndpointBlock({ endpoint, deliveries }: { endpoint: WebhookEndpointSummary; deliveries: WebhookDeliverySummary[] }) {
  const headingId = `webhook-${endpoint.id}`;
  return (
    <section aria-labelledby={headingId} className="webhook-endpoint">
      <h3 id={headingId}>
        <code>{endpoint.url}</code>
      </h3>
      <dl>
        {endpoint.description && (
          <div>
            <dt>Description</dt>
            <dd>{endpoint.description}</dd>
          </div>
        )}
        <div>
          <dt>Events</dt>
          <dd>{endpoint.events.join(", ")}</dd>
        </div>
        <div>
          <dt>Added</dt>
          <dd>
            {when(endpoint.createdAt)}
            {endpoint.disabledAt && <span className="muted"> · disabled {when(endpoint.disabledAt)}</span>}
          </dd>
        </div>
      </dl>
      <div className="row-actions">
        <ActionButton action={sendTestWebhookAction.bind(null, endpoint.id)} label="Send a test" what={`to ${endpoint.url}`} />
        <ActionButton action={deleteWebhookAction.bind(null, endpoint.id)} label="Delete" what={`the endpoint ${endpoint.url}`} confirm />
      </div>
      {deliveries.length === 0 ? (
        <p className="empty-inline">Nothing sent to it yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-table">
            <caption>Recent deliveries to {endpoint.url}</caption>
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Type</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Next attempt</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {when(d.createdAt)}
                    <span className="visually-hidden">, message {d.msgId}</span>
                  </th>
                  <td>
                    <code>{d.type}</code>
                  </td>
                  <td>{DELIVERY_STATES[d.state] ?? d.state}</td>
                  <td>{d.attempts}</td>
                  <td>
                    {lastAnswer(d)}
                    {d.lastAttemptAt && <span className="muted"> ({when(d.lastAttemptAt)})</span>}
                  </td>
                  <td>{d.state === "pending" ? when(d.nextAttemptAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
