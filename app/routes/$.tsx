/** Any URL no other route matches: a friendly 404 from the root error page. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
