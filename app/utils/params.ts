/** A positive whole-number id from a URL segment; anything else is a 404, never a crash. */
export function requireId(param: string | undefined): number {
  const id = Number(param);
  if (!param || !/^\d+$/.test(param) || !Number.isSafeInteger(id) || id <= 0)
    throw new Response("Not found", { status: 404 });
  return id;
}
