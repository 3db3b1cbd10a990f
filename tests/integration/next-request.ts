// next/headers outside a Next request: a cookie jar and request headers that tests set, so that server actions
// see a signed-in person (or no one) the way they would in the app. The database stays real.
const jar = new Map<string, string>();
let requestHeaders = new Headers({ host: "localhost", "x-deadair-client": "127.0.0.1" });

export const cookieJar = {
  set(name: string, value: string) {
    jar.set(name, value);
  },
  clear() {
    jar.clear();
  },
  get(name: string) {
    return jar.get(name);
  },
};

export function setRequestHeaders(init: Record<string, string>) {
  requestHeaders = new Headers({ host: "localhost", "x-deadair-client": "127.0.0.1", ...init });
}

export async function cookies() {
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  };
}

export async function headers() {
  return requestHeaders;
}
